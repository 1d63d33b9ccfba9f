"""The searchable library palette: filter by class, text search, drag or double-click onto a slot."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..materials.library import Library, Material, default_library
from ..materials.schema import CLASSES
from .editing import CLASS_LABELS, MIME_MATERIAL
from .plain_text import rich_escape


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
            it.setToolTip(0, f"<b>{rich_escape(mat.name)}</b> ({rich_escape(mat.id)})<br>{rich_escape(mat.description, 1000)}"
                             f"<br><i>{rich_escape(mat.file)}</i>")
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
