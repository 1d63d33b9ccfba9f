"""Profile plots rendered offscreen with pyqtgraph: SVG (HTML), PNG, or vector into a PDF painter.

Qt and pyqtgraph are imported inside the functions so the JSON/CSV exporters never load Qt. A
``QApplication`` must exist (the CLI and the GUI make one; tests use pytest-qt's ``qapp``).
"""

from __future__ import annotations

import math

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
    solid = plot.protocol.startswith(("ccd_vs_", "asr_vs_"))
    w = pg.PlotWidget(background="w", axisItems={"left": log_axis_125("left")} if solid and plot.log_y else None)
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
    if solid:
        _solid_extras(item, plot, frame_px=(width - 70.0, height - 55.0))  # less the axes and their labels
    return w


#: solid-state CCD(x) / ASR(x) figures: limit curves, operating point and measured points (colours of the GUI's views)
STRIP_COLOR, PLATE_COLOR, OP_COLOR, LIT_COLOR = (224, 123, 0), (192, 57, 43), (0, 0, 0), (42, 157, 58)


_LOG_AXIS_125 = None
#: least distance between two tick labels of a log axis [px] (a 9 pt label is ~12 px high)
LOG_TICK_MIN_PX = 16.0


def log_tick_texts(values, px_per_decade: float, min_px: float = LOG_TICK_MIN_PX) -> list[str]:
    """Labels of log-axis ticks at ``values`` = log10 of the tick values: a plain number ("0.05", "20", "1000") for
    10⁻³ ≤ v < 10⁵, else "1e-05"; a tick gets a label only if it is at least ``min_px`` from every label kept so far,
    the decades kept first, then 5, 2, 3 and the rest of each decade (all nine labels collide on a short plot, and on
    a plot spanning less than a decade "10¹ 9 8 7" overprinted). ``px_per_decade`` = axis length / decades shown."""
    vals = [float(v) for v in values]
    prio = {1: 0, 5: 1, 2: 2, 3: 3}

    def rank(v):
        m = int(round(10.0 ** (v % 1.0))) % 10 or 1
        return prio.get(m, 4)

    kept: list[float] = []
    for v in sorted((v for v in vals if math.isfinite(v)), key=lambda v: (rank(v), v)):
        if all(abs(v - k) * px_per_decade >= min_px for k in kept):
            kept.append(v)
    out = []
    for v in vals:
        if v not in kept or not math.isfinite(v):
            out.append("")
            continue
        x = float(f"{10.0 ** v:.3g}")
        out.append(f"{x:g}" if 1e-3 <= x < 1e5 else f"{x:.0e}")
    return out


def log_axis_125(orientation: str = "left"):
    """A pyqtgraph log axis whose labels do not collide (:func:`log_tick_texts`: decades, then 5, 2, 3 as room
    allows, as plain numbers); the class is made on first use, so that this module loads without Qt (JSON/CSV
    exports)."""
    global _LOG_AXIS_125
    if _LOG_AXIS_125 is None:
        import pyqtgraph as pg

        class LogAxis125(pg.AxisItem):
            def logTickStrings(self, values, scale, spacing):
                lo, hi = (float(r) for r in self.range)
                length = self.geometry().height() if self.orientation in ("left", "right") else self.geometry().width()
                span = max(abs(hi - lo), 1e-9)
                # side by side on a horizontal axis a label needs its width ("0.05": ~30 px), stacked its height
                vertical = self.orientation in ("left", "right")
                return log_tick_texts(values, max(float(length), 50.0) / span,
                                      LOG_TICK_MIN_PX if vertical else 2.0 * LOG_TICK_MIN_PX)

        _LOG_AXIS_125 = LogAxis125
    return _LOG_AXIS_125(orientation)


def draw_point_labels(item, points, xs, curve=None, y_log_range=None, color=None, frame_px=None) -> None:
    """Record ids beside measured points on a log-y plot item, placed by
    :func:`anodelab.report.point_labels.place_labels` (shared, inwards, off the curve, none over another); a label
    moved off its point gets a thin leader line to it. Shared by the GUI's solid-state views and the report."""
    import pyqtgraph as pg

    from .point_labels import place_labels

    color = LIT_COLOR if color is None else color
    for lab in place_labels(points, xs, curve, y_log_range, frame_px):
        if lab.moved:
            # data coordinates: the item's log-y mode takes log10 of them (a text item is placed in view coordinates)
            item.addItem(pg.PlotDataItem([lab.x, lab.text_x], [10.0 ** lab.log_y, 10.0 ** lab.text_log_y],
                                         pen=pg.mkPen(color, width=0.8)))
        t = pg.TextItem(lab.text, color=color, anchor=lab.anchor)
        t.setPos(lab.text_x, lab.text_log_y)
        item.addItem(t)


def _solid_extras(item, plot: PlotData, frame_px=None) -> None:
    """Draw the stripping and plating limits (series ``stripping_mA_cm2`` / ``plating_mA_cm2``), the design's operating
    point (star) and the measured points (filled: same stack, open: other interlayer), each with its record id; the
    y range spans the curves and the points. The legend is in the figure caption (event ``lines``), not on the data."""
    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtCore import Qt

    def arr(values):
        return np.array([np.nan if v is None else v for v in values], dtype=float)

    x = arr(plot.x)
    ys = [arr(plot.y)]
    ok0 = np.isfinite(x) & np.isfinite(ys[0]) & (ys[0] > 0)
    item.plot(x[ok0], ys[0][ok0], pen=pg.mkPen(LINE_COLOR, width=4))  # the CCD (or ASR) itself, under the limits
    for key, colour, style in (("stripping_mA_cm2", STRIP_COLOR, Qt.PenStyle.DashLine),
                               ("plating_mA_cm2", PLATE_COLOR, Qt.PenStyle.DotLine)):
        if key in plot.series and plot.protocol.startswith("ccd_vs_"):
            y = arr(plot.series[key])
            ok = np.isfinite(x) & np.isfinite(y) & (y > 0)
            item.plot(x[ok], y[ok], pen=pg.mkPen(colour, width=1.6, style=style))
            ys.append(y[ok])
    op = plot.marks.get("operating")
    if op and all(v is not None and np.isfinite(v) for v in op) and op[1] > 0:
        item.plot([op[0]], [op[1]], pen=None, symbol="star", symbolSize=15, symbolBrush=OP_COLOR, symbolPen=OP_COLOR)
        ys.append(np.array([op[1]]))
    pts = [m for m in plot.marks.get("measured", []) if m[1] is not None and m[1] > 0]
    for kind, symbol, size in (("equal", "o", 8), ("at_least", "arrow_up", 18), ("at_most", "arrow_down", 18)):
        for same in (True, False):  # a bound (5th field, CCD marks only) is an arrow pointing where the CCD lies
            sel = [m for m in pts if bool(m[3]) == same and (m[4] if len(m) > 4 else "equal") == kind]
            if sel:
                item.plot([m[0] for m in sel], [m[1] for m in sel], pen=None, symbol=symbol, symbolSize=size,
                          symbolBrush=LIT_COLOR if same else None, symbolPen=pg.mkPen(LIT_COLOR, width=1.5))
    xs = np.concatenate([x[np.isfinite(x)], [m[0] for m in pts]]) if pts else x[np.isfinite(x)]
    allv = np.concatenate([v[np.isfinite(v) & (v > 0)] for v in ys] + [np.array([m[1] for m in pts], float)])
    y_range = None
    if allv.size:
        y_range = (float(np.log10(allv.min())) - 0.15, float(np.log10(allv.max())) + 0.3)
        item.setYRange(*y_range, padding=0)
    if xs.size:
        draw_point_labels(item, [(m[0], m[1], m[2]) for m in pts], xs, (x, ys[0]), y_range, frame_px=frame_px)
        item.setXRange(float(xs.min()), float(xs.max()), padding=0.04)


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
