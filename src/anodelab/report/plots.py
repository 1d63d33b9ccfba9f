"""Profile plots rendered offscreen with pyqtgraph: SVG (HTML), PNG, or vector into a PDF painter.

Qt and pyqtgraph are imported inside the functions so the JSON/CSV exporters never load Qt. A
``QApplication`` must exist (the CLI and the GUI make one; tests use pytest-qt's ``qapp``).
"""

from __future__ import annotations

from ..errors import AnodeLabError
from .content import PlotData

LINE_COLOR = (31, 90, 160)


def ensure_qapp():
    """The running QApplication, or a new one (CLI code path).

    A new one renders offscreen unless ``QT_QPA_PLATFORM`` says otherwise: a report never opens a
    window, and without a display Qt would abort the process trying to load xcb.
    """
    import os

    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


def _finite_xy(plot: PlotData):
    import numpy as np

    x = np.array([np.nan if v is None else v for v in plot.x], dtype=float)
    y = np.array([np.nan if v is None else v for v in plot.y], dtype=float)
    if x.shape != y.shape or x.ndim != 1:
        raise AnodeLabError(f"plot '{plot.protocol}': x and y must be 1-D of one length", field=plot.protocol)
    ok = np.isfinite(x) & np.isfinite(y)
    if plot.log_y:
        ok &= y > 0
    if plot.log_x:
        ok &= x > 0
    return x[ok], y[ok]


def make_plot_widget(plot: PlotData, width: int = 560, height: int = 340):
    """A configured, never-shown ``pg.PlotWidget`` of one profile."""
    ensure_qapp()
    import pyqtgraph as pg
    from PySide6.QtGui import QFont

    x, y = _finite_xy(plot)
    if len(x) < 2:
        raise AnodeLabError(f"plot '{plot.protocol}' has fewer than two finite points", field=plot.protocol)
    w = pg.PlotWidget(background="w")
    w.resize(width, height)
    item = w.getPlotItem()
    font = QFont("DejaVu Sans", 9)
    for name in ("left", "bottom"):
        ax = item.getAxis(name)
        ax.setPen(pg.mkPen("k"))
        ax.setTextPen(pg.mkPen("k"))
        ax.setTickFont(font)
        ax.enableAutoSIPrefix(False)  # the unit is in the label; "(x0.001)" would change it
    label_style = {"color": "#000", "font-size": "10pt"}
    item.setLabel("bottom", plot.x_label, **label_style)
    item.setLabel("left", plot.y_label, **label_style)
    item.setLogMode(x=plot.log_x, y=plot.log_y)
    item.showGrid(x=True, y=True, alpha=0.25)
    # long cycling records (10⁴-10⁵ points): keep the min/max envelope per pixel column
    item.setDownsampling(auto=True, mode="peak")
    item.setClipToView(True)
    if plot.kind == "scatter":
        import numpy as np

        hi = np.ones(len(plot.x), dtype=bool) if plot.highlight is None else np.asarray(plot.highlight, dtype=bool)
        xa = np.array([np.nan if v is None else v for v in plot.x], dtype=float)
        ya = np.array([np.nan if v is None else v for v in plot.y], dtype=float)
        ok = np.isfinite(xa) & np.isfinite(ya)
        if plot.legend[0] or plot.legend[1]:
            item.addLegend(offset=(-10, 10), labelTextColor="k", brush=pg.mkBrush(255, 255, 255, 220))
        item.plot(xa[ok & ~hi], ya[ok & ~hi], pen=None, symbol="o", symbolSize=6,
                  symbolBrush=(150, 150, 150), symbolPen=None, name=plot.legend[0] or None)
        item.plot(xa[ok & hi], ya[ok & hi], pen=None, symbol="o", symbolSize=8,
                  symbolBrush=(200, 60, 40), symbolPen=pg.mkPen("k", width=0.5), name=plot.legend[1] or None)
    else:
        marker = plot.protocol in ("arrhenius", "ce")
        item.plot(
            x, y,
            pen=pg.mkPen(LINE_COLOR, width=2),
            symbol="o" if marker else None,
            symbolSize=7,
            symbolBrush=LINE_COLOR,
            symbolPen=None,
        )
    if plot.protocol == "eis":
        # a Nyquist plot needs equal axes: the semicircles are circles
        item.setAspectLocked(True)
    item.enableAutoRange()
    return w


def plot_svg(plot: PlotData, width: int = 560, height: int = 340) -> str:
    """SVG text of the plot (pyqtgraph SVGExporter; works with PySide6 6.10, see PLATFORM-NOTES)."""
    from pyqtgraph.exporters import SVGExporter

    w = make_plot_widget(plot, width, height)
    try:
        svg = SVGExporter(w.getPlotItem().scene()).export(toBytes=True)
    finally:
        w.deleteLater()
    text = svg.decode("utf-8") if isinstance(svg, bytes) else str(svg)
    start = text.find("<svg")
    return text[start:] if start >= 0 else text


def plot_png(plot: PlotData, width: int = 1120, height: int = 680) -> bytes:
    """PNG bytes of the plot (for viewers without SVG)."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    w = make_plot_widget(plot, width // 2, height // 2)
    try:
        image = w.grab().toImage()
    finally:
        w.deleteLater()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buf, "PNG")
    buf.close()
    return bytes(data.data())


def render_plot(painter, rect, plot: PlotData) -> None:
    """Draw the plot as vector graphics into ``painter`` (a QPdfWriter at 96 dpi) inside ``rect``."""
    from PySide6.QtCore import QRectF

    w = make_plot_widget(plot, int(rect.width()), int(rect.height()))
    try:
        scene = w.getPlotItem().scene()
        item = w.getPlotItem()
        item.resize(rect.width(), rect.height())
        scene.setSceneRect(QRectF(0, 0, rect.width(), rect.height()))
        item.setGeometry(QRectF(0, 0, rect.width(), rect.height()))
        # export mode (as pyqtgraph's own exporters set it): scatter symbols are drawn as paths instead of
        # cached pixmaps, so the PDF stays fully vector
        opts = {"antialias": True, "background": None, "painter": painter, "resolutionScale": 1.0}
        items = [it for it in scene.items() if hasattr(it, "setExportMode")]
        for it in items:
            it.setExportMode(True, opts)
        try:
            scene.render(painter, QRectF(rect), QRectF(0, 0, rect.width(), rect.height()))
        finally:
            for it in items:
                it.setExportMode(False)
    finally:
        w.deleteLater()
