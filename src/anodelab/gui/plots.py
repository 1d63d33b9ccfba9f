"""Central plot tabs (pyqtgraph): simulated profiles of the current design and the pinned ones,
plus the nucleation free-energy curve ΔG(r) of Eqs. 1-3.

Each :class:`PlotPanel` has axis labels with units, a legend, a crosshair read-out and, in its
context menu, export to PNG / SVG / CSV. A panel shows a message instead of an empty plot when a
protocol does not apply (CCD of a liquid electrolyte) or the simulation module is missing.
"""

from __future__ import annotations

from html import escape as html_escape

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFontMetrics
from PySide6.QtWidgets import (
    QFrame, QGraphicsItem, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter, QStackedWidget, QVBoxLayout, QWidget,
)

from ..constants import EV_J
from ..report.decimate import MAX_POINTS, decimate, finite_count
from .plain_text import rich_escape
from .plot_export import PlotExportMixin
from .formatting import fmt, label_of, unit_of


pg.setConfigOptions(antialias=True, background="w", foreground="k")


def simulate_api():
    """``(simulate, PROTOCOLS)`` of :mod:`anodelab.simulate`, or None while that package is missing."""
    try:
        from ..simulate import PROTOCOLS, simulate
    except ImportError:
        return None
    return simulate, PROTOCOLS


from .plot_data import (  # noqa: E402,F401 - the data builders and their types, re-exported
    COLOURS, DETAIL_CYCLES_PER_100_PX, EVENT_LABELS, PROTOCOL_TITLES, Curve, PlotData, nucleation_data,
    profile_data,
)

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_label(k: int) -> str:
    """10^k as it is printed on a log axis: 1, 10, 10², 10⁻³ …"""
    if k == 0:
        return "1"
    if k == 1:
        return "10"
    return "10" + str(k).translate(_SUPERSCRIPT)


class PlotPanel(PlotExportMixin, QWidget):
    """A pyqtgraph plot with crosshair read-out, export actions and a message page."""

    exported = Signal(str)

    def __init__(self, key: str, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.key = key
        self.title = title
        self.data: PlotData | None = None
        self.message = ""
        self.plot = pg.PlotWidget()
        self.plot.setTitle(title, size="10pt")
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.getAxis("left").setWidth(64)
        self.plot.getAxis("bottom").setHeight(44)  # room for tick labels and the axis title
        for ax in ("left", "bottom"):
            self.plot.getAxis(ax).enableAutoSIPrefix(False)  # the unit is in the label; no hidden ×0.001
            # an unchanged axis is re-blitted from a pixmap instead of re-drawing its tick text on every
            # repaint (axis text was most of the edit-to-redraw time; SVG export paints items directly)
            self.plot.getAxis(ax).setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.plot.getPlotItem().setDownsampling(auto=True, mode="peak")
        self.plot.getPlotItem().setClipToView(True)
        # the legend sits above the plot, outside the data (pyqtgraph's legend covered curves)
        self.legend_label = QLabel("")
        self.legend_label.setWordWrap(True)
        self.legend_label.setTextFormat(Qt.TextFormat.RichText)
        self.zoom_row = QHBoxLayout()
        self.zoom_row.setContentsMargins(0, 0, 0, 0)
        self.zoom_buttons: list[QPushButton] = []
        self.vline = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine))
        self.hline = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine))
        for line in (self.vline, self.hline):
            line.setVisible(False)
            self.plot.addItem(line, ignoreBounds=True)
        self.readout = QLabel(" ")
        self.readout.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notes = QLabel("")
        self.notes.setWordWrap(True)
        # events under the plot: five lines visible, the rest scrolls (long notes were cut off)
        self.notes_area = QScrollArea()
        self.notes_area.setWidget(self.notes)
        self.notes_area.setWidgetResizable(True)
        self.notes_area.setFrameShape(QFrame.Shape.NoFrame)
        self.notes_area.setFixedHeight(5 * self.notes.fontMetrics().lineSpacing() + 6)
        self.notes_area.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.msg_label = QLabel()
        self.msg_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.msg_label.setWordWrap(True)
        self.msg_label.setStyleSheet("font-size: 12pt; color: #444; padding: 30px;")
        self.msg_button = QPushButton()
        self.msg_button.setVisible(False)
        self.msg_button.clicked.connect(self._message_action)
        self._msg_callback = None
        msg_page = QWidget()
        ml = QVBoxLayout(msg_page)
        ml.addStretch(1)
        ml.addWidget(self.msg_label)
        ml.addWidget(self.msg_button, 0, Qt.AlignmentFlag.AlignHCenter)
        ml.addStretch(1)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.plot)
        self.pages.addWidget(msg_page)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(4, 4, 4, 4)
        top = QHBoxLayout()
        top.addWidget(self.legend_label, 1)
        top.addLayout(self.zoom_row)
        lay.addLayout(top)
        # the plot, and beside it an optional view of the same design (CCD(T) on the Arrhenius tab: add_side)
        self.body = QSplitter(Qt.Orientation.Horizontal)
        self.body.setChildrenCollapsible(False)
        self.body.addWidget(self.pages)
        lay.addWidget(self.body, 1)
        lay.addWidget(self.readout)
        lay.addWidget(self.notes_area)
        self._items: list = []
        self._detail: list = []  # (item, x, y) of the detail traces (full arrays; the item gets the visible part)
        self.detail_shown = True
        self._detail_timer = QTimer(self)
        self._detail_timer.setSingleShot(True)
        self._detail_timer.setInterval(40)  # a wheel burst re-slices the trace once
        self._detail_timer.timeout.connect(self._update_detail)
        self.plot.getPlotItem().getViewBox().sigXRangeChanged.connect(lambda *_a: self._detail_timer.start())
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        menu = self.plot.getPlotItem().getViewBox().menu
        menu.addSeparator()
        self.export_actions: dict[str, QAction] = {}
        for fmt_ in ("png", "svg", "csv"):
            act = QAction(f"Export {fmt_.upper()}…", self)
            act.triggered.connect(lambda _=False, f=fmt_: self.export_interactive(f))
            menu.addAction(act)
            self.export_actions[fmt_] = act

    def add_side(self, widget: QWidget) -> None:
        """Show ``widget`` right of the plot (it hides itself where it does not apply)."""
        self.body.addWidget(widget)
        self.body.setStretchFactor(0, 1)
        self.body.setStretchFactor(self.body.count() - 1, 1)

    # ------------------------------------------------------------------ drawing
    def show_message(self, text: str, action: tuple | None = None) -> None:
        """Show ``text`` instead of the plot; ``action`` = (button text, callback) adds one button."""
        self.message = text
        self.data = None
        self.msg_label.setText(text)
        self.legend_label.setText("")
        self._set_zooms(PlotData([], "", "", "", ""))
        self._curve_names = None  # the legend is rebuilt with the next data
        self._msg_callback = action[1] if action else None
        self.msg_button.setText(action[0] if action else "")
        self.msg_button.setVisible(action is not None)
        self._detail = []
        self._update_detail()
        self.pages.setCurrentIndex(1)
        self.readout.setText(" ")
        self.notes.setText("")
        for act in self.export_actions.values():
            act.setEnabled(False)

    def _message_action(self) -> None:
        if self._msg_callback is not None:
            self._msg_callback()

    def set_data(self, data: PlotData) -> None:
        if data.curves and not any(finite_count(np.asarray(c.x, float), np.asarray(c.y, float)) for c in data.curves):
            # nothing finite to draw (e.g. T near 0 K: every overpotential is infinite): say so in the plot,
            # with the values that make it so, instead of an empty axis beside stale notes
            import re

            notes = "\n".join(re.sub(r"<[^>]+>", "", n).replace("■ ", "") for n in data.notes)
            self.show_message(f"{self.title}: nothing to draw for this design (no finite point).\n\n{notes}".rstrip())
            return
        self.message = ""
        self.data = data
        self.pages.setCurrentIndex(0)
        for act in self.export_actions.values():
            act.setEnabled(True)
        pi = self.plot.getPlotItem()
        names = [(c.name, c.colour) for c in data.curves]
        if names != getattr(self, "_curve_names", None):  # same curves as before: update them in place
            for it in getattr(self, "_curve_items", []):
                pi.removeItem(it)
            self._curve_items = [pi.plot([], [], pen=pg.mkPen(c.colour, width=c.width, style=c.style),
                                         connect="finite") for c in data.curves]
            self._curve_names = names
            self.legend_label.setText("  ".join(
                f"<span style='color:{c.colour[:7]}'>━━</span>&nbsp;{html_escape(c.name)}" for c in data.curves if c.legend))
        self._set_zooms(data)
        if pi.ctrl.logYCheck.isChecked() != data.log_y:
            pi.setLogMode(x=False, y=data.log_y)
        # a log time axis is drawn as log10(x) on a linear axis with fixed decade labels: pyqtgraph's
        # own log mode regenerated its minor ticks on every redraw (~12 ms per edit)
        pi.setAspectLocked(data.equal_aspect)
        xl = f"{data.x_label} [{data.x_unit}]" if data.x_unit else data.x_label
        yl = f"{data.y_label} [{data.y_unit}]" if data.y_unit else data.y_label
        if (xl, yl) != getattr(self, "_labels", None):
            self._labels = (xl, yl)
            pi.getAxis("bottom").setLabel(xl)
            pi.getAxis("left").setLabel(yl)
        envelope = []
        self._detail = []
        for c, item in zip(data.curves, self._curve_items):
            x, y = np.asarray(c.x, float), np.asarray(c.y, float)
            if data.log_y:
                y = np.where(y > 0, y, np.nan)
            if data.log_x:
                with np.errstate(divide="ignore", invalid="ignore"):
                    x = np.log10(np.where(x > 0, x, np.nan))
            # a long cycling record (10⁵ cycles ≈ 4 M points) is drawn as its min/max envelope, like the
            # reports; the crosshair read-out and the CSV export keep every point of ``data``
            total = finite_count(x, y)
            x, y = decimate(x, y, max_points=MAX_POINTS)
            kept = finite_count(x, y)
            if kept < total:
                envelope.append(f"{rich_escape(c.name)}: {kept:,} of {total:,} points drawn (min/max envelope)")
            item.setData(x, y, connect="finite")
            item.setVisible(True)
            if c.detail and data.detail_period > 0:
                dx, dy = np.asarray(c.x, float), np.asarray(c.y, float)
                self._detail.append((item, dx, dy, bool(dx.size > 1 and np.all(dx[1:] >= dx[:-1]))))
        self._set_decade_ticks(data)
        self._set_top_axis(data)
        self._place_marks(pi, data)
        pi.enableAutoRange()
        if data.y_range is not None:
            pi.setYRange(*data.y_range, padding=0)
        self._fit_left_axis(data)
        if self._detail:
            pi.getViewBox().updateAutoRange()  # the range of the new data now (pyqtgraph defers it to the paint)
        self._update_detail()
        notes = list(data.notes) + list(data.hints)
        if envelope:
            notes.append("; ".join(envelope) + "; Export CSV… writes every point.")
        self.notes.setText("<br>".join(notes))
        self.notes.setToolTip("<br>".join(notes))

    def _fit_left_axis(self, data: PlotData) -> None:
        """Widen the left axis to its longest tick label ("-2.5e+06" ran into the axis title at 64 px)."""
        axis = self.plot.getPlotItem().getAxis("left")
        width = 64
        if not data.log_y:
            if data.y_range is not None:
                lo, hi = data.y_range
            else:
                ys = [np.asarray(c.y, float) for c in data.curves]
                ys = [y[np.isfinite(y)] for y in ys if np.isfinite(y).any()]
                lo, hi = (min(float(y.min()) for y in ys), max(float(y.max()) for y in ys)) if ys else (0.0, 1.0)
            if hi > lo:
                size = max(axis.size().height(), 100.0)
                fm = QFontMetrics(axis.style.get("tickFont") or self.plot.font())
                texts = [t for spacing, values in axis.tickValues(lo, hi, size)
                         for t in axis.tickStrings(values, axis.scale, spacing)]
                widest = max((fm.horizontalAdvance(t) for t in texts), default=0)
                width = max(64, widest + fm.height() + 16)  # tick text, the rotated title, the gaps
        if width != getattr(self, "_left_width", 64):
            self._left_width = width
            axis.setWidth(width)

    def detail_limit(self) -> float:
        """Most periods (cycles) the view may span with the detail traces drawn (≈ 8 px per cycle)."""
        width = self.plot.getPlotItem().getViewBox().width() or self.plot.width()
        return max(DETAIL_CYCLES_PER_100_PX * width / 100.0, 6.0)

    def _update_detail(self) -> None:
        """Show the detail traces (the voltage trace of a cycling test) only while the view spans few enough
        cycles, and give them the points inside the view (decimated to MAX_POINTS): zoomed in, every point
        of a 1000-cycle run; the whole test is drawn by its per-cycle envelope alone."""
        self._detail_timer.stop()
        data = self.data
        show = True
        if data is not None and self._detail:
            x0, x1 = self.plot.getPlotItem().getViewBox().viewRange()[0]
            show = bool((x1 - x0) / data.detail_period <= self.detail_limit())
        for item, x, y, increasing in self._detail:
            if show:
                lo, hi = x0 - data.detail_period, x1 + data.detail_period
                if increasing:  # time increases: slice the view (+ a cycle each side)
                    i0, i1 = np.searchsorted(x, lo), np.searchsorted(x, hi, side="right")
                else:
                    i0, i1 = 0, x.size
                xs, ys = decimate(x[i0:i1], y[i0:i1], max_points=MAX_POINTS)
                item.setData(xs, ys, connect="finite")
            item.setVisible(show)
        if show != self.detail_shown:
            self.detail_shown = show
            # short: a pyqtgraph title sets the plot's minimum width (a long one widened the tab beyond the window)
            self.plot.setTitle(self.title if show else f"{self.title}: max / min per cycle", size="10pt")

    def _place_marks(self, pi, data: PlotData) -> None:
        """Vertical marker lines and points (r_crit on ΔG(r)): moved in place when only their values
        change, re-created only when their number, labels' colours or styles change (creating labelled
        lines is a large part of a redraw)."""
        ty = (lambda y: float(np.log10(y)) if y > 0 else float("nan")) if data.log_y else float
        layout = ([c for _x, _label, c in data.vlines], [c for _x, _y, c in data.points],
                  [c for _y, _label, c in data.hlines], [c for _x, _y, _t, c in data.labels])
        if layout != getattr(self, "_marks_layout", None):
            for it in self._items:
                pi.removeItem(it)
            self._items = []
            for _x, label, colour in data.vlines:
                line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DotLine),
                                       label=label, labelOpts={"position": 0.85, "color": colour, "fill": (255, 255, 255, 200)})
                pi.addItem(line)
                self._items.append(line)
            if data.points:  # one item for every point (an item per point made the Nyquist tab slow)
                sp = pg.ScatterPlotItem(size=9 if not data.labels else 6, pen=pg.mkPen("k"))
                pi.addItem(sp)
                self._items.append(sp)
            for _y, label, colour in data.hlines:
                line = pg.InfiniteLine(angle=0, movable=False, pen=pg.mkPen(colour, width=1.2, style=Qt.PenStyle.DashLine),
                                       label=label, labelOpts={"position": 0.5, "color": colour, "fill": (255, 255, 255, 220),
                                                               "anchors": [(0.5, 1.2), (0.5, 1.2)]})
                pi.addItem(line, ignoreBounds=True)
                self._items.append(line)
            for _x, _y, _text, colour in data.labels:
                ti = pg.TextItem("", color=colour, anchor=(-0.1, 1.0))
                pi.addItem(ti, ignoreBounds=True)
                self._items.append(ti)
            self._marks_layout = layout
        n, m, h = len(data.vlines), (1 if data.points else 0), len(data.hlines)
        for line, (x, label, _colour) in zip(self._items[:n], data.vlines):
            line.setPos(x)
            line.label.setFormat(label)
        if m:
            self._items[n].setData([x for x, _y, _c in data.points], [ty(y) for _x, y, _c in data.points],
                                   brush=[pg.mkBrush(c) for _x, _y, c in data.points])
        for line, (y, label, _colour) in zip(self._items[n + m:n + m + h], data.hlines):
            line.setPos(ty(y))
            line.label.setFormat(label)
        xs = [np.asarray(c.x, float) for c in data.curves]
        xs = [x[np.isfinite(x)] for x in xs]
        x_hi = max((float(x.max()) for x in xs if x.size), default=0.0)
        x_lo = min((float(x.min()) for x in xs if x.size), default=0.0)
        for ti, (x, y, text, _colour) in zip(self._items[n + m + h:], data.labels):
            ti.setText(text)
            # near the right end of the data the label goes to the left of its point (it was cut off)
            right = x_hi > x_lo and (x - x_lo) > 0.85 * (x_hi - x_lo)
            ti.setAnchor((1.1, 1.0) if right else (-0.1, 1.0))
            ti.setPos(x, ty(y))

    def _set_zooms(self, data: PlotData) -> None:
        """Zoom buttons of the view (e.g. "First 3 cycles" of a 1000 h cycling test)."""
        labels = [label for label, _r in data.zooms]
        if labels != [b.text() for b in self.zoom_buttons]:
            for b in self.zoom_buttons:
                self.zoom_row.removeWidget(b)
                b.deleteLater()
            self.zoom_buttons = []
            for label in labels:
                b = QPushButton(label)
                b.setFlat(True)
                b.clicked.connect(lambda _=False, t=label: self.zoom(t))
                self.zoom_row.addWidget(b)
                self.zoom_buttons.append(b)

    def zoom(self, label: str) -> None:
        """Apply the zoom preset ``label`` of the current data (None range = the whole curve)."""
        if self.data is None:
            return
        rng = dict(self.data.zooms).get(label)
        vb = self.plot.getPlotItem().getViewBox()
        if rng is None:  # the whole curve, from the data (the clipped items' bounds are the current view only)
            xs = [np.asarray(c.x, float) for c in self.data.curves]
            xs = [x[np.isfinite(x)] for x in xs if np.isfinite(x).any()]
            if not xs:
                vb.enableAutoRange()
                return
            rng = (min(float(x.min()) for x in xs), max(float(x.max()) for x in xs))
        vb.setXRange(*rng, padding=0.02)
        self._update_detail()
        lo, hi = np.inf, -np.inf
        for c in self.data.curves:
            x, y = np.asarray(c.x, float), np.asarray(c.y, float)
            sel = np.isfinite(x) & np.isfinite(y) & (x >= rng[0]) & (x <= rng[1])
            if sel.any():
                lo, hi = min(lo, float(y[sel].min())), max(hi, float(y[sel].max()))
        if np.isfinite(lo) and hi > lo:
            vb.setYRange(lo, hi, padding=0.08)

    def _set_top_axis(self, data: PlotData) -> None:
        """A second x scale on top (°C over 1000/T on the Arrhenius plot)."""
        pi = self.plot.getPlotItem()
        if data.top_ticks:
            pi.showAxis("top")
            ax = pi.getAxis("top")
            ax.setTicks([data.top_ticks, []])
            ax.setLabel(data.top_label)
        elif pi.getAxis("top").isVisible():
            pi.hideAxis("top")

    def _set_decade_ticks(self, data: PlotData) -> None:
        """Decade labels (10⁻³ … 10³) on the bottom axis for a log time axis; automatic ticks otherwise."""
        axis = self.plot.getPlotItem().getAxis("bottom")
        ticks = None
        if data.log_x:
            xs = []
            for c in data.curves:
                x = np.asarray(c.x, float)
                x = x[np.isfinite(x) & (x > 0)]  # ∞ (a transient that never ends) has no decade
                if x.size:
                    xs.append(np.log10(x))
            if xs:
                lo = int(np.floor(min(x.min() for x in xs)))
                hi = int(np.ceil(max(x.max() for x in xs)))
                ticks = [[(float(k), decade_label(k)) for k in range(lo, hi + 1)], []]
        if ticks != getattr(self, "_decade_ticks", None):
            self._decade_ticks = ticks
            axis.setTicks(ticks)

    def curve_count(self) -> int:
        """Designs drawn (curves listed in the legend; an envelope of a design's curve is not counted)."""
        return 0 if self.data is None else sum(1 for c in self.data.curves if c.legend)

    # ------------------------------------------------------------------ crosshair
    def _mouse_moved(self, pos) -> None:
        if self.data is None:
            return
        vb = self.plot.getPlotItem().getViewBox()
        if not self.plot.sceneBoundingRect().contains(pos) or not vb.sceneBoundingRect().contains(pos):
            for line in (self.vline, self.hline):
                line.setVisible(False)
            return
        p = vb.mapSceneToView(pos)
        self.show_readout(p.x(), p.y())

    def show_readout(self, x: float, y_view: float) -> None:
        """Move the crosshair to (x, y) in view coordinates and print the values (log axes undone)."""
        self.vline.setPos(x)
        self.hline.setPos(y_view)
        for line in (self.vline, self.hline):
            line.setVisible(True)
        d = self.data
        y = 10**y_view if d.log_y else y_view
        x = 10**x if d.log_x else x
        self.readout.setText(f"{d.x_label} = {fmt(x)} {d.x_unit}    {d.y_label} = {fmt(y)} {d.y_unit}")
