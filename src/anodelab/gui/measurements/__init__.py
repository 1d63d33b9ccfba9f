"""The "Measurements" dock (read, overlay, fit and save the user's own measurement files).

Mounted by the main window with one line, ``mount(self)``: it adds the dock (tabbed with the score
card's neighbours on the right), makes the window accept dropped files (a drop of measurement files
lands in the dock; other drops pass through) and stops the dock's workers when the window closes. The
score card names fitted values itself (:func:`anodelab.gui.score_card.fitted_line`, from the design's
materials).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDockWidget

from .panel import MeasurementsPanel

__all__ = ["mount", "MeasurementsPanel", "MEASUREMENT_SUFFIXES"]

MEASUREMENT_SUFFIXES = (".nda", ".ndax", ".mpt", ".mpr", ".dta", ".z", ".par", ".csv", ".tsv", ".txt", ".dat")


class _DropFilter(QObject):
    """Window event filter: measurement files dropped anywhere on the window go to the panel."""

    def __init__(self, panel: MeasurementsPanel, parent: QObject):
        super().__init__(parent)
        self.panel = panel

    @staticmethod
    def _paths(event) -> list[str]:
        md = event.mimeData()
        if md is None or not md.hasUrls():
            return []
        paths = [u.toLocalFile() for u in md.urls() if u.isLocalFile()]
        return [p for p in paths if p.lower().endswith(MEASUREMENT_SUFFIXES)]

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt API
        t = event.type()
        if t in (QEvent.Type.DragEnter, QEvent.Type.DragMove) and self._paths(event):
            event.acceptProposedAction()
            return True
        if t == QEvent.Type.Drop:
            paths = self._paths(event)
            if paths:
                event.acceptProposedAction()
                self.panel.add_files(paths)
                return True
        if t == QEvent.Type.Close:
            self.panel.shutdown()
        return False


def mount(window) -> QDockWidget:
    """Add the Measurements dock to ``window`` (a MainWindow) and return it."""
    panel = MeasurementsPanel(window)
    dock = QDockWidget("Measurements", window)
    dock.setObjectName("MeasurementsDock")
    dock.setWidget(panel)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, dock)
    anchor = getattr(window, "history_dock", None)
    if anchor is not None:
        window.tabifyDockWidget(anchor, dock)
    score = getattr(window, "score_dock", None)
    if score is not None:
        score.raise_()
    window.setAcceptDrops(True)
    window.installEventFilter(_DropFilter(panel, window))
    window.measurements = panel
    return dock
