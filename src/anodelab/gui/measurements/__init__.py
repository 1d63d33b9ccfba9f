"""The "Measurements" dock (read, overlay, fit and save the user's own measurement files).

Mounted by the main window with one line, ``mount(self)``: it adds the dock (tabbed with the score
card's neighbours on the right), makes the window accept dropped files (a drop of measurement files
lands in the dock; other drops pass through), stops the dock's workers when the window closes, and adds
a "fitted: …" line to the score card's summary whenever the design holds fitted values (a slot on the
document's ``changed`` signal, connected after the card's own, so the card needs no change).
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


def fitted_sources(resolved) -> list[tuple[str, str, str]]:
    """(slot, property, source) of every value of the resolved design whose source starts with 'fitted:'."""
    out = []
    for slot, layer in resolved.layers.items():
        if layer is None:
            continue
        for name, prop in layer.properties.items():
            if str(prop.source).startswith("fitted:"):
                out.append((slot, name, prop.source))
    return out


def _provenance_line(window) -> None:
    """Append the fitted values' provenance to the score card's summary (after the card refreshed itself)."""
    card = getattr(window, "score_card", None)
    if card is None or not hasattr(card, "summary"):
        return
    items = fitted_sources(window.doc.resolved)
    base = card.summary.text().split("<br><i>fitted:")[0]
    if not items:
        card.summary.setText(base)
        card.summary.setToolTip("")
        return
    short = "; ".join(f"{name} ({src.split(', sha256')[0][len('fitted: '):]})" for _slot, name, src in items)
    card.summary.setText(base + f"<br><i>fitted: {short}</i>")
    card.summary.setToolTip("\n".join(f"{slot}.{name}: {src}" for slot, name, src in items))


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
    # the score card names values that came from a fit (connected after the card's own refresh)
    window.doc.changed.connect(lambda _d: _provenance_line(window))
    _provenance_line(window)
    return dock
