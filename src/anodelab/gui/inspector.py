"""The property inspector: the selected layer's values with units and sources; overrides and reset."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, QSignalBlocker, Qt, QTimer
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..design import OPTIONAL_SLOTS
from ..errors import AnodeLabError
from ..materials.schema import PROPERTIES
from .document import DesignDocument
from .formatting import display_units, fmt, label_of, unit_of
from .labels import property_label
from .editing import SLOT_LABELS, show_error
from .plain_text import rich_escape, rich_message


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
        # the property column is capped so that the Source column keeps room (full texts in the tooltips)
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        hh.resizeSection(0, self.table.fontMetrics().horizontalAdvance("Surface-area ratio A_t") + 12)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
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
        origin = "inline custom material" if layer.material_id == "custom" else f"library id <code>{rich_escape(layer.material_id)}</code>"
        self.title.setText(f"<b>{SLOT_LABELS[self.slot]}</b>: {rich_escape(layer.name)} ({origin})")
        self.table.setRowCount(len(layer.properties))
        bold = QFont(self.table.font())
        bold.setBold(True)
        for r, (name, prop) in enumerate(layer.properties.items()):
            spec = PROPERTIES.get(name)
            over = name in layer.overridden
            name_item = QTableWidgetItem(("● " if over else "") + property_label(name))
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
            # ASCII exponents of the library's free text shown as superscripts ("1 mA cm-2" → "1 mA cm⁻²")
            src = display_units(prop.source + (f" [{prop.conditions}]" if prop.conditions else ""))
            if prop.range:
                src += f" (range {fmt(prop.range[0])}–{fmt(prop.range[1])})"
            src_item = QTableWidgetItem(src)
            src_item.setToolTip(rich_message(src))
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
