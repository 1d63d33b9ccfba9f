"""Dialog to add or edit a custom material, validated by the library's own parser and stored as
TOML in the user library folder (:func:`anodelab.paths.user_library_dir`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..errors import AnodeLabError
from ..fileio import atomic_write_text
from ..materials.library import Material, default_library, parse_material
from ..materials.schema import CLASSES, PROPERTIES, REQUIRED, allowed
from ..paths import user_library_dir
from .formatting import fmt, unit_of
from .editing import CLASS_LABELS, show_error


def material_to_toml(material_id: str, raw: dict) -> str:
    import tomli_w

    return tomli_w.dumps({"schema_version": 1, "materials": {material_id: raw}})


class LibraryEditor(QDialog):
    """Add a material (optionally starting from an existing one) or edit one of the user's own."""

    def __init__(self, parent: QWidget | None = None, material: Material | None = None):
        super().__init__(parent)
        self.setWindowTitle("Material library editor")
        self.saved_path: Path | None = None
        self.id_edit = QLineEdit(placeholderText="lowercase-id-with-hyphens")
        self.name_edit = QLineEdit()
        self.desc_edit = QLineEdit()
        self.class_box = QComboBox()
        for cls in CLASSES:
            self.class_box.addItem(CLASS_LABELS[cls], cls)
        self.template_box = QComboBox()
        self.table = QTableWidget(0, 4)
        self.table.setHorizontalHeaderLabels(["Property", "Value", "Unit", "Source"])
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        form = QFormLayout()
        form.addRow("Id", self.id_edit)
        form.addRow("Name", self.name_edit)
        form.addRow("Class", self.class_box)
        form.addRow("Start from", self.template_box)
        form.addRow("Description", self.desc_edit)
        hint = QLabel("Required properties are marked *. Every value needs a source (a DOI, a reference, or "
                      "'estimate: why'). Leave optional rows empty to omit them. Saved to "
                      f"<code>{user_library_dir()}</code>.")
        hint.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(hint)
        lay.addWidget(self.table, 1)
        lay.addWidget(buttons)
        self.class_box.currentIndexChanged.connect(self._class_changed)
        self.template_box.activated.connect(self._template_chosen)
        self.resize(820, 620)
        if material is not None:
            self.class_box.setCurrentIndex(CLASSES.index(material.cls))
            self.load_material(material, keep_id=material.origin == "user")
        else:
            self._class_changed()

    # ------------------------------------------------------------------ form
    def current_class(self) -> str:
        return self.class_box.currentData()

    def _class_changed(self, *_args) -> None:
        cls = self.current_class()
        self.template_box.blockSignals(True)
        self.template_box.clear()
        self.template_box.addItem("(empty)", "")
        for m in default_library().of_class(cls):
            self.template_box.addItem(f"{m.name} ({m.id})", m.id)
        self.template_box.blockSignals(False)
        self._fill_rows({})

    def _template_chosen(self, _index: int) -> None:
        mid = self.template_box.currentData()
        if mid:
            self.load_material(default_library().get(mid), keep_id=False)

    def load_material(self, mat: Material, keep_id: bool) -> None:
        if keep_id:
            self.id_edit.setText(mat.id)
            self.name_edit.setText(mat.name)
        elif not self.name_edit.text():
            self.name_edit.setText(f"{mat.name} (custom)")
        self.desc_edit.setText(mat.description)
        self._fill_rows(mat.properties)

    def _fill_rows(self, props: dict) -> None:
        cls = self.current_class()
        names = allowed(cls)
        self.table.setRowCount(len(names))
        for r, name in enumerate(names):
            req = name in REQUIRED[cls]
            spec = PROPERTIES[name]
            it = QTableWidgetItem(name + (" *" if req else ""))
            it.setData(Qt.ItemDataRole.UserRole, name)
            it.setFlags(it.flags() & ~Qt.ItemFlag.ItemIsEditable)
            it.setToolTip(f"{spec.meaning}; allowed: {spec.describe_range()}")
            p = props.get(name)
            val = "" if p is None else (("true" if p.value else "false") if isinstance(p.value, bool) else
                                        p.value if isinstance(p.value, str) else fmt(p.value, 8))
            unit = QTableWidgetItem(unit_of(name))
            unit.setFlags(unit.flags() & ~Qt.ItemFlag.ItemIsEditable)
            self.table.setItem(r, 0, it)
            self.table.setItem(r, 1, QTableWidgetItem(val))
            self.table.setItem(r, 2, unit)
            self.table.setItem(r, 3, QTableWidgetItem("" if p is None else p.source))

    def set_value(self, name: str, value: str, source: str) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == name:
                self.table.item(r, 1).setText(value)
                self.table.item(r, 3).setText(source)
                return
        raise KeyError(name)

    # ------------------------------------------------------------------ validate + save
    def raw_material(self) -> tuple[str, dict]:
        """The TOML table of the material from the form; AnodeLabError names a bad field."""
        mid = self.id_edit.text().strip()
        cls = self.current_class()
        props: dict = {}
        for r in range(self.table.rowCount()):
            name = self.table.item(r, 0).data(Qt.ItemDataRole.UserRole)
            text = self.table.item(r, 1).text().strip()
            source = self.table.item(r, 3).text().strip()
            if not text:
                continue
            spec = PROPERTIES[name]
            if spec.kind == "bool":
                if text.lower() not in ("true", "false", "1", "0", "yes", "no"):
                    raise AnodeLabError("must be true or false", entry=f"material '{mid}'", field=name)
                value: object = text.lower() in ("true", "1", "yes")
            elif spec.kind == "choice":
                value = text
            else:
                try:
                    value = float(text.replace(",", ".").replace("−", "-"))
                except ValueError:
                    raise AnodeLabError(f"'{text}' is not a number", entry=f"material '{mid}'", field=name) from None
            props[name] = {"value": value, "source": source}
        raw = {"name": self.name_edit.text().strip(), "class": cls, "properties": props}
        if self.desc_edit.text().strip():
            raw["description"] = self.desc_edit.text().strip()
        return mid, raw

    def target_path(self, material_id: str) -> Path:
        return user_library_dir() / f"{material_id}.toml"

    def validate(self) -> tuple[str, dict, Material]:
        mid, raw = self.raw_material()
        path = self.target_path(mid or "unnamed")
        mat = parse_material(mid, raw, file=str(path), origin="user")
        existing = default_library().materials.get(mid)
        if existing is not None and existing.origin != "user":
            raise AnodeLabError("this id belongs to an installed material; choose a new id",
                                entry=f"material '{mid}'", field="id")
        return mid, raw, mat

    def save(self) -> bool:
        """Validate, write atomically, reload the library. Keeps the dialog open on an error."""
        try:
            mid, raw, _mat = self.validate()
            path = self.target_path(mid)
            old = path.read_bytes() if path.exists() else None
            atomic_write_text(path, material_to_toml(mid, raw))
            try:
                default_library(reload=True)
            except AnodeLabError:
                if old is None:
                    path.unlink()
                else:
                    path.write_bytes(old)
                default_library(reload=True)
                raise
        except AnodeLabError as exc:
            show_error(self, "Invalid material", exc)
            return False
        except OSError as exc:
            show_error(self, "Cannot save the material", f"{exc}")
            return False
        self.saved_path = path
        self.accept()
        return True
