"""Left dock: the cell-stack cross-section, the library palette, the property inspector and the
operating conditions. Every edit goes through :meth:`DesignDocument.apply` (undoable)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
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
