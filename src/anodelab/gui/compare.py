"""Compare tab: up to four pinned designs beside the current one, scores side by side."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..design import Design
from ..errors import AnodeLabError
from ..scoring import ScoreResult, score
from .document import DesignDocument
from .formatting import RATING_COLOURS, fmt
from .plots import COLOURS
from .score_card import metric_tooltip, ordered_metrics
from .plain_text import rich_message

MAX_PINNED = 4
#: lines of a column header (who: "Current" / "Pin 2", then the design name wrapped); the rest is elided
HEADER_LINES = 4


def wrap_header(who: str, name: str, fm: QFontMetrics, width: int, max_lines: int = HEADER_LINES) -> str:
    """``who`` on the first line, ``name`` wrapped at spaces to ``width`` pixels below it; a word wider than
    the column and the text beyond ``max_lines`` are elided (…); the tooltip keeps the whole name."""
    width = max(int(width), 20)
    lines: list[str] = []
    cur = ""
    for word in name.split():
        trial = f"{cur} {word}" if cur else word
        if cur and fm.horizontalAdvance(trial) > width:
            lines.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        lines.append(cur)
    room = max_lines - 1
    if len(lines) > room:
        lines = lines[:room - 1] + [" ".join(lines[room - 1:])]
    lines = [fm.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]
    return "\n".join([who, *lines])


class PinnedDesigns(QWidget):
    """The pinned designs and the side-by-side score table (current design in the first column)."""

    pinsChanged = Signal()

    def __init__(self, doc: DesignDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.designs: list[Design] = []
        self.result: ScoreResult | None = None
        self.specs = ordered_metrics()
        self.info = QLabel()
        self.info.setWordWrap(True)  # a long status must not widen the whole window
        self.pin_button = QPushButton("Pin current design")
        self.pin_button.clicked.connect(self.pin_current)
        self.unpin_button = QPushButton("Unpin selected column")
        self.unpin_button.clicked.connect(self.unpin_selected)
        self.clear_button = QPushButton("Clear pins")
        self.clear_button.clicked.connect(self.clear)
        self.table = QTableWidget(len(self.specs), 1)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectColumns)
        self.table.setVerticalHeaderLabels([f"{s.label} [{s.unit}]" if s.unit else s.label for s in self.specs])
        for r, s in enumerate(self.specs):
            self.table.verticalHeaderItem(r).setToolTip(metric_tooltip(s))
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # a value column never narrower than its widest number ("−2.333e-05"): with four pins in a narrow
        # window the table scrolls sideways instead of eliding the numbers
        fm = self.table.fontMetrics()
        hh.setMinimumSectionSize(fm.horizontalAdvance("−2.333e-05") + 18)
        hh.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        hh.sectionResized.connect(lambda *_a: self._wrap_headers())
        self._titles: list[tuple[str, str]] = []
        row = QHBoxLayout()
        for b in (self.pin_button, self.unpin_button, self.clear_button):
            row.addWidget(b)
        row.addStretch(1)
        row.addWidget(self.info)
        lay = QVBoxLayout(self)
        lay.addLayout(row)
        lay.addWidget(self.table, 1)
        doc.changed.connect(self._design_changed)
        self.refresh()

    def pin_current(self) -> None:
        if len(self.designs) >= MAX_PINNED:
            raise AnodeLabError(f"at most {MAX_PINNED} designs can be pinned; unpin one first")
        self.designs.append(self.doc.design)
        self._rescore()

    def unpin(self, index: int) -> None:
        del self.designs[index]
        self._rescore()

    def unpin_selected(self) -> None:
        cols = sorted({i.column() for i in self.table.selectedIndexes()}, reverse=True)
        for c in cols:
            if c >= 1:
                del self.designs[c - 1]
        self._rescore()

    def clear(self) -> None:
        self.designs.clear()
        self._rescore()

    def _rescore(self) -> None:
        self.result = score(self.designs) if self.designs else None
        self.refresh()
        self.pinsChanged.emit()

    def pinned_results(self) -> list[ScoreResult]:
        """One single-design ScoreResult view per pinned design (for the plot builders)."""
        if self.result is None:
            return []
        out = []
        for i in range(len(self.designs)):
            out.append(self.result.take(slice(i, i + 1)))
        return out

    def showEvent(self, event) -> None:  # noqa: N802
        if getattr(self, "_stale", False):
            self.refresh()
        super().showEvent(event)

    def _design_changed(self, _design) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True  # refreshed when the tab is shown

    def header_text(self, column: int) -> str:
        item = self.table.horizontalHeaderItem(column)
        return item.text() if item is not None else ""

    def _wrap_headers(self) -> None:
        """Each column header wrapped to its column's width (the names were clipped at 1366 px)."""
        if getattr(self, "_wrapping", False):
            return
        self._wrapping = True
        try:
            hh = self.table.horizontalHeader()
            fm = QFontMetrics(hh.font())
            for c, (who, name) in enumerate(self._titles):
                item = self.table.horizontalHeaderItem(c)
                text = wrap_header(who, name, fm, hh.sectionSize(c) - 12)
                if item is not None and item.text() != text:
                    item.setText(text)
        finally:
            self._wrapping = False

    def refresh(self, *_args) -> None:
        self._stale = False
        cols = [("Current", self.doc.design.name, self.doc.result, 0)]
        cols += [(f"Pin {i + 1}", d.name, self.result, i) for i, d in enumerate(self.designs)]
        self.table.setColumnCount(len(cols))
        self._titles = [(who, name) for who, name, _res, _i in cols]
        for c, (who, name, res, i) in enumerate(cols):
            head = QTableWidgetItem(f"{who}: {name}")
            head.setForeground(QBrush(QColor(COLOURS[c % len(COLOURS)])))
            head.setToolTip(rich_message(f"{who}: {name}"))
            self.table.setHorizontalHeaderItem(c, head)
            for r, spec in enumerate(self.specs):
                v = float(res.value(spec.key)[i])
                rating = str(spec.rate(np.array([v]))[0]) if not np.isnan(v) else ""
                item = QTableWidgetItem("n/a" if np.isnan(v) else fmt(v))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if RATING_COLOURS.get(rating):
                    item.setBackground(QBrush(QColor(RATING_COLOURS[rating])))
                item.setData(Qt.ItemDataRole.UserRole, rating)
                self.table.setItem(r, c, item)
        self._wrap_headers()
        n = len(self.designs)
        self.info.setText(f"{n} of {MAX_PINNED} pinned; pinned curves overlay every plot")
        self.pin_button.setEnabled(n < MAX_PINNED)
        self.unpin_button.setEnabled(n > 0)
        self.clear_button.setEnabled(n > 0)
