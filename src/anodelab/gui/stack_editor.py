"""Left dock: the cell-stack cross-section, the library palette, the property inspector and the
operating conditions. Every edit goes through :meth:`DesignDocument.apply` (undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ..errors import AnodeLabError
from ..materials.library import default_library
from .document import DesignDocument
from .editing import CLASS_TO_SLOT, apply_material, show_error
from .conditions_panel import ConditionsPanel
from .palette import LibraryPalette
from .inspector import PropertyInspector
from .stack_view import StackView


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
        # design name and notes: the name follows the layers until the user types one
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("design_name")
        self.name_edit.setPlaceholderText("name of the design (empty: named after its layers)")
        self.name_edit.editingFinished.connect(self._name_edited)
        self.notes_edit = QLineEdit()
        self.notes_edit.setObjectName("design_notes")
        self.notes_edit.setPlaceholderText("notes (saved in the design file)")
        self.notes_edit.editingFinished.connect(lambda: self._guard(self.doc.set_notes, self.notes_edit.text()))
        self.name_hint = QLabel("Name")
        form = QHBoxLayout()  # one row: the dock must still fit a 768 px high screen
        form.setContentsMargins(4, 0, 4, 0)
        form.addWidget(self.name_hint)
        form.addWidget(self.name_edit, 3)
        form.addWidget(QLabel("Notes"))
        form.addWidget(self.notes_edit, 2)
        doc.changed.connect(self._refresh_name)
        self._refresh_name()
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(form)
        lay.addWidget(self.splitter)
        self.setMinimumWidth(370)

    def _refresh_name(self, *_args) -> None:
        d = self.doc.design
        if not self.name_edit.hasFocus() or self.name_edit.text() == d.name:
            self.name_edit.setText(d.name)
            self.name_edit.setCursorPosition(0)
        if not self.notes_edit.hasFocus():
            self.notes_edit.setText(d.description)
            self.notes_edit.setCursorPosition(0)
        self.notes_edit.setToolTip(d.description or "Notes on the design: what it is for, where its values come from")
        self.name_hint.setText("Name (auto)" if self.doc.auto_named else "Name")
        self.name_edit.setToolTip("Named after its layers until you type a name; clear the field to go back"
                                  if self.doc.auto_named else "Your name for the design; clear it to name the "
                                  "design after its layers again")

    def _name_edited(self) -> None:
        if self.name_edit.text() != self.doc.design.name or (not self.name_edit.text().strip()):
            self._guard(self.doc.rename, self.name_edit.text())
        self._refresh_name()

    def _guard(self, fn, *args) -> None:
        try:
            fn(*args)
        except AnodeLabError as exc:
            show_error(self, "Cannot change the design", exc)
            self._refresh_name()

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
