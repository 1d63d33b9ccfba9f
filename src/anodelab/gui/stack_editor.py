"""Left dock: the cell-stack cross-section, the library palette, the property inspector and the
operating conditions. Every edit goes through :meth:`DesignDocument.apply` (undoable)."""

from __future__ import annotations

import math
from dataclasses import replace

from PySide6.QtCore import QMimeData, QPoint, QPointF, QRectF, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..design import CONDITION_SPECS, OPTIONAL_SLOTS, SLOTS, Layer
from ..errors import AnodeLabError
from ..materials.library import Library, Material, default_library
from ..materials.schema import CLASSES, PROPERTIES
from .document import DesignDocument
from .formatting import fmt, label_of, unit_of

MIME_MATERIAL = "application/x-anodelab-material"

CLASS_LABELS = {
    "host": "Host",
    "coating": "Coating",
    "liquid_electrolyte": "Liquid electrolyte",
    "solid_electrolyte": "Solid electrolyte",
    "interlayer": "Interlayer",
}
CLASS_TO_SLOT = {
    "host": "host",
    "coating": "coating",
    "liquid_electrolyte": "electrolyte",
    "solid_electrolyte": "electrolyte",
    "interlayer": "interlayer",
}
SLOT_LABELS = {"host": "Host", "coating": "Coating", "electrolyte": "Electrolyte", "interlayer": "Interlayer"}
SLOT_COLOURS = {
    "host": QColor("#b87333"),
    "coating": QColor("#6a9fd4"),
    "na": QColor("#c9ccd1"),
    "interlayer": QColor("#9c7bc4"),
    "electrolyte": QColor("#8fd19e"),
    "solid_electrolyte": QColor("#e0c36c"),
}


def show_error(parent: QWidget | None, title: str, exc: Exception | str) -> None:
    """The one way the GUI reports bad input: a message box naming the file / layer / field."""
    QMessageBox.warning(parent, title, str(exc))


def apply_material(doc: DesignDocument, slot: str, material_id: str, parent: QWidget | None = None) -> bool:
    """Put a library material into ``slot`` as one undoable edit. Returns False (after a message) if invalid."""
    design = doc.design
    new = design.with_layer(slot, Layer(material_id))
    label = f"{SLOT_LABELS[slot]} → {material_id}"
    lib = default_library()
    try:
        mat = lib.get(material_id)
        if CLASS_TO_SLOT.get(mat.cls) != slot:
            raise AnodeLabError(
                f"'{material_id}' is a {CLASS_LABELS[mat.cls].lower()}; it belongs in the "
                f"{CLASS_TO_SLOT[mat.cls]} slot, not the {slot} slot",
                entry=f"layer '{slot}'",
            )
        if slot == "interlayer" and doc.resolved.layers["electrolyte"].cls != "solid_electrolyte":
            raise AnodeLabError(
                "an interlayer sits between Na and a solid electrolyte; choose a solid electrolyte first",
                entry="layer 'interlayer'",
            )
        if mat.cls == "liquid_electrolyte" and design.interlayer is not None:
            new = new.with_layer("interlayer", None)
            label += " (interlayer removed)"
        doc.apply(new, label)
    except AnodeLabError as exc:
        show_error(parent, "Cannot use this material", exc)
        return False
    return True


# ====================================================================== stack cross-section


class StackView(QWidget):
    """Cross-section of the cell stack, layer heights to scale (linear or log)."""

    slotSelected = Signal(str)

    MIN_PX = 4.0
    EMPTY_PX = 24.0

    def __init__(self, doc: DesignDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.log_scale = False
        self.selected = "host"
        self._rects: dict[str, QRectF] = {}
        self.setAcceptDrops(True)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setToolTip("Cell stack cross-section (click a layer to inspect it; drop a material on a slot)")
        doc.changed.connect(self.update)

    def set_log_scale(self, on: bool) -> None:
        self.log_scale = bool(on)
        self.update()

    def layers(self) -> list[tuple[str, str, float | None, str]]:
        """(key, label, thickness in µm or None for an empty slot, material name), bottom to top."""
        res = self.doc.resolved.layers
        rec = self.doc.result
        out: list[tuple[str, str, float | None, str]] = []
        host = res["host"]
        out.append(("host", "Host", float(host.value("thickness_um")), host.name))
        if "coating" in res:
            c = res["coating"]
            out.append(("coating", "Coating", float(c.value("thickness_nm")) * 1e-3, c.name))
        else:
            out.append(("coating", "Coating", None, "empty – drop a coating here"))
        plated_um = float(rec.si["plated_m"][0]) * 1e6
        out.append(("na", "Plated Na", plated_um, "per half cycle, h = Q V_m / F"))
        el = res["electrolyte"]
        solid = el.cls == "solid_electrolyte"
        if solid:
            if "interlayer" in res:
                il = res["interlayer"]
                out.append(("interlayer", "Interlayer", float(il.value("thickness_nm")) * 1e-3, il.name))
            else:
                out.append(("interlayer", "Interlayer", None, "empty – drop an interlayer here"))
            out.append(("electrolyte", "Solid electrolyte", float(el.value("thickness_um")), el.name))
        else:
            out.append(("electrolyte", "Electrolyte gap", float(el.value("electrode_gap_um")), el.name))
        return out

    def _heights(self, avail: float) -> list[float]:
        items = self.layers()
        present = [t for _k, _l, t, _n in items if t is not None]
        n_empty = sum(1 for _k, _l, t, _n in items if t is None)
        budget = max(avail - n_empty * self.EMPTY_PX, 10.0)
        if self.log_scale:
            # height ∝ log10(t / 0.001 µm): every decade gets the same height
            w = [math.log10(max(t, 1e-3) / 1e-3) + 0.3 for t in present]
        else:
            w = [max(t, 0.0) for t in present]
        total = sum(w) or 1.0
        hs = [max(self.MIN_PX, budget * x / total) for x in w]
        over = sum(hs) - budget
        if over > 0:  # minimum heights stole space: take it from the tallest layer
            i = max(range(len(hs)), key=hs.__getitem__)
            hs[i] = max(self.MIN_PX, hs[i] - over)
        out, j = [], 0
        for _k, _l, t, _n in items:
            if t is None:
                out.append(self.EMPTY_PX)
            else:
                out.append(hs[j])
                j += 1
        return out

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        top_margin, bottom_margin = 6.0, 18.0
        avail = self.height() - top_margin - bottom_margin
        x0, w = 8.0, self.width() * 0.38
        tx = x0 + w + 8
        items = self.layers()
        heights = self._heights(avail)
        y = self.height() - bottom_margin
        self._rects = {}
        font = QFont(self.font())
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.0, 7.0))
        fm_h = p.fontMetrics().height()
        for (key, label, thick, name), h in zip(items, heights):
            rect = QRectF(x0, y - h, w, h)
            self._rects[key] = rect
            if thick is None:
                p.setPen(QPen(QColor("#888"), 1, Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                colour = SLOT_COLOURS["solid_electrolyte"] if label.startswith("Solid") else SLOT_COLOURS[key]
                p.setPen(QPen(colour.darker(140), 1))
                brush = QBrush(colour, Qt.BrushStyle.Dense4Pattern if key == "na" else Qt.BrushStyle.SolidPattern)
                p.setBrush(brush)
            p.drawRect(rect)
            if key == self.selected:
                p.setPen(QPen(QColor("#1a5fb4"), 2.5))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(rect.adjusted(-1, -1, 1, 1))
            # label to the right, centred on the layer (or its bottom line if thin)
            p.setPen(self.palette().text().color())
            text = f"{label}: {fmt(thick, 3)} µm" if thick is not None else label
            cy = rect.center().y()
            p.setFont(font)
            if h >= 2 * fm_h:
                p.drawText(QRectF(tx, cy - fm_h, self.width() - tx - 4, fm_h), Qt.AlignmentFlag.AlignLeft, text)
                p.setFont(small)
                p.drawText(QRectF(tx, cy, self.width() - tx - 4, fm_h), Qt.AlignmentFlag.AlignLeft, name)
            else:
                p.drawText(
                    QRectF(tx, cy - fm_h / 2, self.width() - tx - 4, fm_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    p.fontMetrics().elidedText(f"{text} · {name}", Qt.TextElideMode.ElideRight, int(self.width() - tx - 4)),
                )
            y -= h
        p.setFont(small)
        p.setPen(QColor("#666"))
        scale = "log scale (equal height per decade)" if self.log_scale else f"linear scale, layers ≥ {self.MIN_PX:g} px"
        p.drawText(QRectF(x0, self.height() - bottom_margin + 2, self.width() - 16, bottom_margin - 2),
                   Qt.AlignmentFlag.AlignLeft, f"Cross-section, {scale}")
        p.end()

    def slot_at(self, pos: QPoint) -> str | None:
        for key, rect in self._rects.items():
            if rect.adjusted(0, 0, self.width(), 0).contains(QPointF(pos)):
                return key
        return None

    def slot_center(self, slot: str) -> QPoint:
        """Widget coordinates of a slot's centre (tests drop materials there)."""
        if not self._rects:
            self.repaint()
        return self._rects[slot].center().toPoint()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        key = self.slot_at(event.position().toPoint())
        if key is not None and key != "na":
            self.selected = key
            self.slotSelected.emit(key)
            self.update()

    def _menu(self, pos: QPoint) -> None:
        key = self.slot_at(pos)
        if key not in OPTIONAL_SLOTS or self.doc.design.layer(key) is None:
            return
        menu = QMenu(self)
        act = menu.addAction(f"Remove {key}")
        if menu.exec(self.mapToGlobal(pos)) is act:
            self.doc.apply(self.doc.design.with_layer(key, None), f"Remove {key}")

    # drag and drop of library materials
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(MIME_MATERIAL):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(MIME_MATERIAL) and self.slot_at(event.position().toPoint()) not in (None, "na"):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        mid = bytes(event.mimeData().data(MIME_MATERIAL)).decode()
        slot = self.slot_at(event.position().toPoint())
        if slot in (None, "na"):
            event.ignore()
            return
        event.acceptProposedAction()
        self.drop_material(slot, mid)

    def drop_material(self, slot: str, material_id: str) -> bool:
        ok = apply_material(self.doc, slot, material_id, self)
        if ok:
            self.selected = slot
            self.slotSelected.emit(slot)
        return ok


# ====================================================================== library palette


class _MaterialTree(QTreeWidget):
    def mimeTypes(self):  # noqa: N802
        return [MIME_MATERIAL, "text/plain"]

    def mimeData(self, items):  # noqa: N802
        md = QMimeData()
        ids = [it.data(0, Qt.ItemDataRole.UserRole) for it in items if it.data(0, Qt.ItemDataRole.UserRole)]
        if ids:
            md.setData(MIME_MATERIAL, ids[0].encode())
            md.setText(ids[0])
        return md


class LibraryPalette(QWidget):
    """Searchable list of library materials: filter by class, type to search; drag or double-click."""

    materialActivated = Signal(str)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.search = QLineEdit(placeholderText="Search materials (name, id, description)…")
        self.search.setClearButtonEnabled(True)
        self.class_filter = QComboBox()
        self.class_filter.addItem("All classes", "")
        for cls in CLASSES:
            self.class_filter.addItem(CLASS_LABELS[cls], cls)
        self.tree = _MaterialTree()
        self.tree.setHeaderLabels(["Material", "Class"])
        self.tree.setRootIsDecorated(False)
        self.tree.setDragEnabled(True)
        self.tree.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.itemDoubleClicked.connect(self._activated)
        row = QHBoxLayout()
        row.addWidget(self.search, 3)
        row.addWidget(self.class_filter, 2)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addLayout(row)
        lay.addWidget(self.tree)
        self.search.textChanged.connect(self.apply_filter)
        self.class_filter.currentIndexChanged.connect(self.apply_filter)
        self.reload()

    def reload(self, library: Library | None = None) -> None:
        lib = library or default_library()
        self.tree.clear()
        for mat in sorted(lib.materials.values(), key=lambda m: (CLASSES.index(m.cls), m.name.lower())):
            it = QTreeWidgetItem([mat.name + ("  (user)" if mat.origin == "user" else ""), CLASS_LABELS[mat.cls]])
            it.setData(0, Qt.ItemDataRole.UserRole, mat.id)
            it.setData(1, Qt.ItemDataRole.UserRole, mat.cls)
            it.setToolTip(0, f"<b>{mat.name}</b> ({mat.id})<br>{mat.description}<br><i>{mat.file}</i>")
            self.tree.addTopLevelItem(it)
        self.apply_filter()

    def apply_filter(self) -> None:
        text = self.search.text().strip().lower()
        cls = self.class_filter.currentData()
        lib = default_library()
        for i in range(self.tree.topLevelItemCount()):
            it = self.tree.topLevelItem(i)
            mid = it.data(0, Qt.ItemDataRole.UserRole)
            mat: Material | None = lib.materials.get(mid)
            hay = f"{mid} {it.text(0)} {mat.description if mat else ''}".lower()
            ok = (not cls or it.data(1, Qt.ItemDataRole.UserRole) == cls) and all(w in hay for w in text.split())
            it.setHidden(not ok)

    def visible_ids(self) -> list[str]:
        return [
            self.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
            for i in range(self.tree.topLevelItemCount())
            if not self.tree.topLevelItem(i).isHidden()
        ]

    def item_for(self, material_id: str) -> QTreeWidgetItem | None:
        for i in range(self.tree.topLevelItemCount()):
            it = self.tree.topLevelItem(i)
            if it.data(0, Qt.ItemDataRole.UserRole) == material_id:
                return it
        return None

    def _activated(self, item: QTreeWidgetItem, _col: int) -> None:
        self.materialActivated.emit(item.data(0, Qt.ItemDataRole.UserRole))


# ====================================================================== property inspector


class PropertyInspector(QWidget):
    """Values of the selected layer with units and sources; editing overrides, Reset removes the override."""

    COLS = ("Property", "Value", "Unit", "Source")

    def __init__(self, doc: DesignDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.slot = "host"
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.table = QTableWidget(0, len(self.COLS))
        self.table.setHorizontalHeaderLabels(self.COLS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 6)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        hh.setStretchLastSection(True)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.reset_button = QPushButton("Reset to library value")
        self.reset_button.setToolTip("Remove the override of the selected property")
        self.reset_button.clicked.connect(self.reset_selected)
        self.remove_button = QPushButton("Remove layer")
        self.remove_button.clicked.connect(self.remove_layer)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.title)
        lay.addWidget(self.table)
        lay.addLayout(buttons)
        self.table.itemChanged.connect(self._item_changed)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        doc.changed.connect(self._design_changed)
        self.refresh()

    def set_slot(self, slot: str) -> None:
        self.slot = slot
        self.refresh(force=True)

    def _design_changed(self, _design) -> None:
        # a condition edit leaves the layer as it was: skip rebuilding the table
        shown = (self.doc.design.layer(self.slot), self.doc.resolved.layers.get(self.slot))
        if shown != getattr(self, "_shown", None):
            self.refresh(force=True)

    def row_of(self, prop: str) -> int:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(Qt.ItemDataRole.UserRole) == prop:
                return r
        raise KeyError(prop)

    def refresh(self, *_args, force: bool = True) -> None:
        blocker = QSignalBlocker(self.table)
        self._shown = (self.doc.design.layer(self.slot), self.doc.resolved.layers.get(self.slot))
        layer = self.doc.resolved.layers.get(self.slot)
        self.table.setRowCount(0)
        if layer is None:
            self.title.setText(f"<b>{SLOT_LABELS[self.slot]}</b>: empty. Drop a material from the library onto the slot.")
            self._update_buttons()
            del blocker
            return
        origin = "inline custom material" if layer.material_id == "custom" else f"library id <code>{layer.material_id}</code>"
        self.title.setText(f"<b>{SLOT_LABELS[self.slot]}</b>: {layer.name} ({origin})")
        self.table.setRowCount(len(layer.properties))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (name, prop) in enumerate(layer.properties.items()):
            spec = PROPERTIES.get(name)
            over = name in layer.overridden
            name_item = QTableWidgetItem(("● " if over else "") + label_of(name))
            name_item.setData(Qt.ItemDataRole.UserRole, name)
            name_item.setFlags(name_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            tip = f"<b>{name}</b><br>{spec.meaning if spec else ''}<br>allowed: {spec.describe_range() if spec else ''}"
            if over:
                tip += "<br><b>overridden in this design</b> (Reset restores the library value)"
            name_item.setToolTip(tip)
            if spec is not None and spec.kind == "bool":
                value_item = QTableWidgetItem()
                value_item.setFlags((value_item.flags() | Qt.ItemFlag.ItemIsUserCheckable) & ~Qt.ItemFlag.ItemIsEditable)
                value_item.setCheckState(Qt.CheckState.Checked if prop.value else Qt.CheckState.Unchecked)
                value_item.setText("true" if prop.value else "false")
            else:
                value_item = QTableWidgetItem(fmt(prop.value, 6) if not isinstance(prop.value, str) else prop.value)
            value_item.setData(Qt.ItemDataRole.UserRole, name)
            value_item.setToolTip(tip)
            unit_item = QTableWidgetItem(unit_of(name))
            unit_item.setFlags(unit_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            src = prop.source + (f" [{prop.conditions}]" if prop.conditions else "")
            if prop.range:
                src += f" (range {fmt(prop.range[0])}–{fmt(prop.range[1])})"
            src_item = QTableWidgetItem(src)
            src_item.setToolTip(src)
            src_item.setFlags(src_item.flags() & ~Qt.ItemFlag.ItemIsEditable)
            if over:
                for it in (name_item, value_item):
                    it.setFont(bold)
                    it.setForeground(QColor("#1a5fb4"))
            self.table.setItem(r, 0, name_item)
            self.table.setItem(r, 1, value_item)
            self.table.setItem(r, 2, unit_item)
            self.table.setItem(r, 3, src_item)
        del blocker
        self._update_buttons()

    def _update_buttons(self) -> None:
        layer = self.doc.resolved.layers.get(self.slot)
        prop = self.selected_property()
        self.reset_button.setEnabled(
            bool(layer and prop and prop in layer.overridden and layer.material_id != "custom")
        )
        self.remove_button.setEnabled(self.slot in OPTIONAL_SLOTS and layer is not None)

    def selected_property(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.table.item(rows[0].row(), 0).data(Qt.ItemDataRole.UserRole)

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 1:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        checked = item.checkState() == Qt.CheckState.Checked
        text = item.text()
        # the table is rebuilt by the edit: leave the view's commit/close of the editor first
        QTimer.singleShot(0, lambda: self._commit(name, text, checked))

    def _commit(self, name: str, raw_text: str, checked: bool) -> None:
        spec = PROPERTIES[name]
        if spec.kind == "bool":
            value: object = checked
        elif spec.kind == "choice":
            value = raw_text.strip()
        else:
            text = raw_text.strip().replace("−", "-").replace(",", ".")
            try:
                value = float(text)
            except ValueError:
                show_error(self, "Invalid value", AnodeLabError(
                    f"'{raw_text}' is not a number; must be {spec.describe_range()}",
                    entry=f"layer '{self.slot}'", field=name))
                self.refresh()
                return
        self.set_override(name, value)

    def set_override(self, name: str, value) -> bool:
        """Override one property of the current slot (undoable). False (after a message) if rejected."""
        layer = self.doc.design.layer(self.slot)
        resolved = self.doc.resolved.layers[self.slot]
        overrides = dict(layer.overrides)
        overrides[name] = value
        new = self.doc.design.with_layer(self.slot, replace(layer, overrides=overrides))
        try:
            if resolved.properties[name].value == value and name not in resolved.overridden:
                return True
            self.doc.apply(new, f"{SLOT_LABELS[self.slot]}: {label_of(name)} = {fmt(value)} {unit_of(name)}")
        except AnodeLabError as exc:
            show_error(self, "Invalid value", exc)
            self.refresh()
            return False
        return True

    def reset_property(self, name: str) -> None:
        layer = self.doc.design.layer(self.slot)
        if layer is None or name not in layer.overrides:
            return
        overrides = {k: v for k, v in layer.overrides.items() if k != name}
        sources = {k: v for k, v in layer.sources.items() if k != name}
        new = self.doc.design.with_layer(self.slot, replace(layer, overrides=overrides, sources=sources))
        try:
            self.doc.apply(new, f"{SLOT_LABELS[self.slot]}: reset {label_of(name)}")
        except AnodeLabError as exc:
            show_error(self, "Cannot reset", exc)

    def reset_selected(self) -> None:
        prop = self.selected_property()
        if prop:
            self.reset_property(prop)

    def remove_layer(self) -> None:
        if self.slot in OPTIONAL_SLOTS and self.doc.design.layer(self.slot) is not None:
            self.doc.apply(self.doc.design.with_layer(self.slot, None), f"Remove {self.slot}")

    def _menu(self, pos: QPoint) -> None:
        item = self.table.itemAt(pos)
        if item is None:
            return
        name = self.table.item(item.row(), 0).data(Qt.ItemDataRole.UserRole)
        layer = self.doc.resolved.layers.get(self.slot)
        menu = QMenu(self)
        act = menu.addAction("Reset to library value")
        act.setEnabled(bool(layer and name in layer.overridden and layer.material_id != "custom"))
        if menu.exec(self.table.viewport().mapToGlobal(pos)) is act:
            self.reset_property(name)


# ====================================================================== conditions


CONDITION_LABELS = {
    "current_density_mA_cm2": "J",
    "areal_capacity_mAh_cm2": "Q",
    "temperature_C": "T",
    "stack_pressure_MPa": "P",
    "cycles": "Cycles",
    "na_excess_mAh_cm2": "Na excess",
}
CONDITION_NAMES = {
    "current_density_mA_cm2": "Current density J",
    "areal_capacity_mAh_cm2": "Areal capacity Q (per half cycle)",
    "temperature_C": "Temperature T",
    "stack_pressure_MPa": "Stack pressure P",
    "cycles": "Cycles",
    "na_excess_mAh_cm2": "Na excess",
}
_DECIMALS = {"current_density_mA_cm2": 3, "areal_capacity_mAh_cm2": 3, "temperature_C": 1,
             "stack_pressure_MPa": 2, "na_excess_mAh_cm2": 2}


class ConditionsPanel(QWidget):
    """Spin boxes for the operating conditions, with units and the allowed range of CONDITION_SPECS."""

    def __init__(self, doc: DesignDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.boxes: dict[str, QAbstractSpinBox] = {}
        from PySide6.QtWidgets import QGridLayout

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        for name, spec in CONDITION_SPECS.items():
            if spec.integer:
                box: QAbstractSpinBox = QSpinBox()
                box.setRange(int(spec.low), int(min(spec.high, 2**31 - 1)))
            else:
                box = QDoubleSpinBox()
                box.setDecimals(_DECIMALS.get(name, 3))
                step = 10 ** -box.decimals()
                low = spec.low if spec.low_inclusive else spec.low + step
                box.setRange(low, spec.high)
                box.setSingleStep(1.0 if name == "temperature_C" else 0.1)
            box.setKeyboardTracking(False)
            box.setSuffix(" " + unit_of(name))
            box.setAccelerated(True)
            box.setToolTip(f"{CONDITION_NAMES[name]}: {spec.meaning}; allowed {spec.describe()} {unit_of(name)}")
            box.setObjectName(name)
            box.valueChanged.connect(lambda v, n=name: self._changed(n, v))
            self.boxes[name] = box
            i = len(self.boxes) - 1
            label = QLabel(CONDITION_LABELS.get(name, label_of(name)))
            label.setBuddy(box)
            grid.addWidget(label, i // 2, 2 * (i % 2))
            grid.addWidget(box, i // 2, 2 * (i % 2) + 1)
        doc.changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args) -> None:
        cond = self.doc.design.conditions
        for name, box in self.boxes.items():
            blocker = QSignalBlocker(box)
            box.setValue(getattr(cond, name))
            del blocker

    def _changed(self, name: str, value) -> None:
        spec = CONDITION_SPECS[name]
        value = int(value) if spec.integer else float(value)
        problem = spec.check(value)
        try:
            if problem:
                raise AnodeLabError(problem, entry="conditions", field=name)
            new = self.doc.design.with_conditions(**{name: value})
            self.doc.apply(new, f"{CONDITION_NAMES[name]} = {fmt(value)} {unit_of(name)}", merge_key=f"cond:{name}")
        except AnodeLabError as exc:
            show_error(self, "Invalid condition", exc)
            self.refresh()


# ====================================================================== container


class StackEditor(QWidget):
    """The left dock's content: cross-section, palette, inspector and conditions."""

    def __init__(self, doc: DesignDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.view = StackView(doc)
        self.log_toggle = QCheckBox("Log thickness scale")
        self.log_toggle.toggled.connect(self.view.set_log_scale)
        self.palette_widget = LibraryPalette()
        self.inspector = PropertyInspector(doc)
        self.conditions = ConditionsPanel(doc)
        self.view.slotSelected.connect(self.inspector.set_slot)
        self.palette_widget.materialActivated.connect(self.use_material)

        stack_box = QGroupBox("Cell stack")
        sl = QVBoxLayout(stack_box)
        sl.addWidget(self.view, 1)
        sl.addWidget(self.log_toggle)
        lib_box = QGroupBox("Library (double-click or drag onto a slot)")
        QVBoxLayout(lib_box).addWidget(self.palette_widget)
        insp_box = QGroupBox("Properties of the selected layer")
        QVBoxLayout(insp_box).addWidget(self.inspector)
        cond_box = QGroupBox("Operating conditions")
        QVBoxLayout(cond_box).addWidget(self.conditions)

        from PySide6.QtWidgets import QSplitter

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        for w in (stack_box, lib_box, insp_box, cond_box):
            self.splitter.addWidget(w)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setStretchFactor(2, 3)
        self.splitter.setStretchFactor(3, 0)
        self.splitter.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.splitter)
        self.setMinimumWidth(370)

    def use_material(self, material_id: str) -> bool:
        """Double-click in the palette: the material goes into the slot of its class."""
        try:
            mat = default_library().get(material_id)
        except AnodeLabError as exc:
            show_error(self, "Unknown material", exc)
            return False
        slot = CLASS_TO_SLOT[mat.cls]
        ok = apply_material(self.doc, slot, material_id, self)
        if ok:
            self.select_slot(slot)
        return ok

    def select_slot(self, slot: str) -> None:
        self.view.selected = slot
        self.view.update()
        self.inspector.set_slot(slot)
