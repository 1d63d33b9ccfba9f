"""Sensitivity tab: a tornado chart of the inputs that move a chosen metric of the design most.

Each uncertain input (a library property or a model parameter with a ``range``) gets two bars from
the metric's nominal value: to the metric with the input at the low end of its range (blue) and at
the high end (orange), every other input nominal. Inputs are ranked by the swing; the table below
adds the RBD-FAST first-order index S1 (SALib). Computed by :func:`anodelab.uncertainty.sensitivity`
on a worker thread; a new edit or metric replaces the running job.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..formatting import display_units, fmt_number, in_sentence
from ..metrics import METRIC_BY_KEY, METRICS
from .labels import property_label
from .tasks import TaskRunner

LOW_COLOUR = "#3b75af"
HIGH_COLOUR = "#ef8636"
#: inputs drawn (the table lists all)
MAX_BARS = 12
DEFAULT_METRIC = "dendrite_risk"
RECOMPUTE_DELAY_MS = 300


def sensitivity_task(inputs, state):
    """Worker: the tornado of one metric. The analysis modules (SALib pulls in scipy.signal, scipy.stats
    and pandas: 0.9–2.6 s on a first use) are imported here, on the worker, so that the window never
    waits for them. They used to be imported on the GUI thread for fear of PySide6's import hook
    (shiboken's ``__feature_import__`` reads the source of every new module); the failure seen then
    matches the worker-thread garbage collection since moved to the GUI thread (:mod:`.gc_guard`).
    ``tests/gui/test_issue15_monkey.py`` imports them on a worker in fresh processes."""
    from ..uncertainty.tornado import sensitivity

    design, metric = inputs
    state.progress(0.0, f"sensitivity of {in_sentence(METRIC_BY_KEY[metric].label)}")
    return design, sensitivity(design, metric, check=state.check)


def metric_title(key: str) -> str:
    m = METRIC_BY_KEY[key]
    return f"{m.label} / {m.unit}" if m.unit else m.label


def log_ticks(lo: float, hi: float) -> list[tuple[float, str]]:
    """Ticks of a log10 axis drawn in log space: decades, and 2 and 5 × decades over < 3 decades."""
    steps = (1.0, 2.0, 5.0) if hi - lo < 3 else (1.0,)
    out = []
    for e in range(int(np.floor(lo)) - 1, int(np.ceil(hi)) + 1):
        for m in steps:
            v = np.log10(m) + e
            if lo <= v <= hi:
                out.append((float(v), log_tick_text(m, e)))
    return out


def log_tick_text(m: float, e: int) -> str:
    """m × 10^e as a short tick text: plain between 0.001 and 9999 ('0.02', '500'), else '2e-7' (not
    '2.00e-07': eight decades of those overlap on a 300 px axis)."""
    if -3 <= e <= 3:
        return fmt_number(m * 10.0**e, 3)
    return f"{m:g}e{e}"


def thin_ticks(ticks: list[tuple[float, str]], text_width, axis_px: float) -> list[list[tuple[float, str]]]:
    """[labelled, unlabelled] tick levels such that no two labels overlap on an axis of ``axis_px`` pixels:
    only the decades keep a text when the 2 and 5 labels do not fit, then every k-th decade (k = 1, 2, 3 …).
    ``text_width(text)`` is the label width in pixels; a gap of 8 px is kept between two labels."""
    if not ticks or axis_px <= 0:
        return [ticks, []]
    span = (ticks[-1][0] - ticks[0][0]) or 1.0

    def fits(sel):
        xs = [v for v, _ in sel]
        ws = [text_width(t) for _, t in sel]
        px = [(x - ticks[0][0]) / span * axis_px for x in xs] if len(sel) > 1 else [0.0]
        return all(px[i + 1] - px[i] >= (ws[i] + ws[i + 1]) / 2 + 8 for i in range(len(sel) - 1))

    if fits(ticks):
        return [ticks, []]
    decades = [(v, t) for v, t in ticks if abs(v - round(v)) < 1e-9]
    for k in range(1, len(decades) + 1):
        sel = [(v, t) for v, t in decades if round(v) % k == 0]
        if sel and fits(sel):
            chosen = {v for v, _ in sel}
            return [sel, [(v, "") for v, _ in ticks if v not in chosen]]
    return [decades[:1], [(v, "") for v, _ in ticks[1:]]]


def tick_label(inp) -> str:
    """Two lines: what the input is, then where it sits and its range ('host · 5 – 60')."""
    where = inp.slot if inp.kind == "material" else "model parameter"
    return f"{input_name(inp)}\n{where} · {inp.range_text()}"


def input_name(inp) -> str:
    """A material property by the name the inspector gives it ("Coulombic efficiency on Cu"), a model
    parameter by its label."""
    if inp.kind == "material":
        return property_label(inp.name)
    words = [_ACRONYMS.get(w, w) for w in inp.label.split(": ", 1)[-1].split(" ")]  # "ce current exponent"
    text = " ".join(words)
    return text[:1].upper() + text[1:]


#: words of a parameter name written as symbols or acronyms ("ce_current_exponent" → "CE current exponent")
_ACRONYMS = {"ce": "CE", "sei": "SEI", "ccd": "CCD", "asr": "ASR", "sse": "SSE", "na": "Na", "cv": "CV", "eis": "EIS"}


class TornadoChart(pg.PlotWidget):
    """Horizontal bars from the nominal value to the metric at each input's low / high bound."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent=parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.getAxis("bottom").enableAutoSIPrefix(False)
        self.getAxis("left").setStyle(autoExpandTextSpace=False)
        self.low_bars = pg.BarGraphItem(x0=[0], y=[0], width=[0], height=0.36, brush=pg.mkBrush(LOW_COLOUR),
                                        pen=pg.mkPen(None))
        self.high_bars = pg.BarGraphItem(x0=[0], y=[0], width=[0], height=0.36, brush=pg.mkBrush(HIGH_COLOUR),
                                         pen=pg.mkPen(None))
        self.addItem(self.low_bars)
        self.addItem(self.high_bars)
        self.nominal_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#444444", width=1, style=Qt.PenStyle.DashLine))
        self.addItem(self.nominal_line)
        self.labels: list[str] = []
        self.log_x = False
        self._x_range: tuple[float, float] | None = None
        self.setMinimumHeight(260)

    def _set_bottom_ticks(self) -> None:
        """Log ticks thinned to the plot's width now (again on every resize)."""
        bottom = self.getAxis("bottom")
        if not self.log_x or self._x_range is None:
            bottom.setTicks(None)
            return
        x0, x1 = self._x_range
        ticks = log_ticks(x0, x1)
        fm = QFontMetrics(bottom.style.get("tickFont") or self.font())
        vb_px = self.getPlotItem().getViewBox().width()
        axis_px = (vb_px if vb_px > 50 else self.width() - self.getAxis("left").width()) * (
            (ticks[-1][0] - ticks[0][0]) / (x1 - x0) if len(ticks) > 1 and x1 > x0 else 1.0)
        bottom.setTicks(thin_ticks(ticks, fm.horizontalAdvance, axis_px))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        if self.__dict__.get("_x_range") is not None:  # not during construction (PlotWidget forwards attributes)
            self._set_bottom_ticks()

    def drawn_rows(self, result) -> list:
        """Inputs with a bar: a finite swing of at least 1 % of the largest, at most MAX_BARS."""
        rows = [r for r in result.rows if np.isfinite(r.swing) and r.swing > 0]
        top = max((r.swing for r in rows), default=0.0)
        return [r for r in rows if r.swing >= 0.01 * top][:MAX_BARS]

    def set_waiting(self, text: str) -> None:
        """No result yet: the axes hidden, the text as the title."""
        for ax in ("left", "bottom"):
            self.getPlotItem().hideAxis(ax)
        self.nominal_line.setVisible(False)
        self.setTitle(text, size="9pt")

    def set_rows(self, result) -> None:
        for ax in ("left", "bottom"):
            self.getPlotItem().showAxis(ax)
        self.nominal_line.setVisible(True)
        rows = self.drawn_rows(result)
        self.labels = [tick_label(r.input) for r in rows]
        nominal = result.nominal
        lows = np.array([r.metric_low for r in rows], dtype=float)
        highs = np.array([r.metric_high for r in rows], dtype=float)
        vals = np.concatenate([lows, highs, [nominal]])
        finite = vals[np.isfinite(vals)]
        self.log_x = bool(len(finite) and np.all(finite > 0) and finite.max() / finite.min() > 20.0)
        f = np.log10 if self.log_x else (lambda v: v)
        with np.errstate(divide="ignore", invalid="ignore"):
            x_nom = float(f(nominal))
            # an unbounded end (∞) is drawn to the edge of the data range
            span = finite if len(finite) else np.array([nominal])
            lo_edge, hi_edge = float(f(span.min())), float(f(span.max()))
            xl = np.clip(f(lows), lo_edge, hi_edge) if len(rows) else lows
            xh = np.clip(f(highs), lo_edge, hi_edge) if len(rows) else highs
        ys = np.arange(len(rows))[::-1].astype(float)
        self.low_bars.setOpts(x0=np.full(len(rows), x_nom), y=ys + 0.19, width=xl - x_nom, height=0.36)
        self.high_bars.setOpts(x0=np.full(len(rows), x_nom), y=ys - 0.19, width=xh - x_nom, height=0.36)
        self.nominal_line.setValue(x_nom)
        left = self.getAxis("left")
        left.setTicks([[(float(y), t) for y, t in zip(ys, self.labels)]])
        # every label must fit (pyqtgraph drops a tick text that does not): size the axis to the longest
        fm = QFontMetrics(left.style.get("tickFont") or self.font())
        widest = max((fm.horizontalAdvance(line) for t in self.labels for line in t.split("\n")), default=40)
        left.setWidth(min(widest + 16, max(200, self.width() // 2)))
        unit = f" / {result.unit}" if result.unit else ""
        self.setLabel("bottom", f"{result.label}{unit}" + (" (log scale)" if self.log_x else ""))
        # the metric is the bottom axis label; a title with the metric's name set the plot's minimum width
        # beyond a narrow tab (and clipped the chart's right side)
        self.setTitle(f"nominal {fmt_number(nominal)}{(' ' + result.unit) if result.unit else ''} (dashed line)",
                      size="9pt")
        pad = 0.06 * max(hi_edge - lo_edge, abs(x_nom) * 0.1 if x_nom else 1.0)
        x0, x1 = min(lo_edge, x_nom) - pad, max(hi_edge, x_nom) + pad
        self._x_range = (x0, x1)
        self._set_bottom_ticks()
        self.setXRange(x0, x1, padding=0)
        self.setYRange(-0.7, max(len(rows), 1) - 0.3, padding=0)


class SensitivityView(QWidget):
    """The Sensitivity tab: metric chooser, legend, tornado chart and the ranked table."""

    updated = Signal()  # a result was drawn

    def __init__(self, parent=None, doc=None):
        super().__init__(parent)
        self.doc = doc if doc is not None else parent.doc
        self.result = None
        self._dirty = True
        self.metric_box = QComboBox()
        for m in METRICS:
            self.metric_box.addItem(metric_title(m.key), m.key)
        self.metric_box.setCurrentIndex(self.metric_box.findData(DEFAULT_METRIC))
        self.metric_box.currentIndexChanged.connect(lambda _i: self.recompute())
        self.status = QLabel("")
        self.status.setWordWrap(True)
        legend = QLabel(
            f"<span style='color:{LOW_COLOUR}'>■</span> input at the low end of its range &nbsp;&nbsp; "
            f"<span style='color:{HIGH_COLOUR}'>■</span> input at the high end &nbsp;&nbsp; "
            "(all other inputs at their library / parameter values)")
        legend.setWordWrap(True)  # never widen the window beyond its size
        top = QHBoxLayout()
        top.addWidget(QLabel("Metric:"))
        top.addWidget(self.metric_box, 1)
        top.addStretch(1)
        self.chart = TornadoChart()
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(["Input · range", "At low", "At high", "Swing", "S1"])
        for c, tip in ((0, "the uncertain input and the range it is swung over (the whole text in each cell's tooltip)"),
                       (1, "the metric with the input at the low end of its range, every other input nominal"),
                       (2, "the metric with the input at the high end of its range, every other input nominal"),
                       (3, "|at high − at low|"),
                       (4, "first-order sensitivity index S1 ± its confidence, RBD-FAST (SALib) over Latin-hypercube "
                           "samples of every uncertain input")):
            self.table.horizontalHeaderItem(c).setToolTip(tip)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.table.horizontalHeader()
        # the numbers at their full width; the input name takes the rest and is elided in the middle (the whole name
        # in its tooltip): with every column sized to its contents the long names pushed Range … S1 off the right edge
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for c in range(1, 5):
            hh.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.setWordWrap(False)
        rows_shown = 4  # at least this many rows beside the chart (two were visible in a 768 px high window)
        self.table.setMinimumHeight(self.table.horizontalHeader().sizeHint().height()
                                    + rows_shown * self.table.verticalHeader().defaultSectionSize() + 4)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.chart)
        split.addWidget(self.table)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(legend)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._done)
        self.runner.failed.connect(self._failed)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(RECOMPUTE_DELAY_MS)
        self.timer.timeout.connect(self.recompute)
        self.doc.changed.connect(self._design_changed)

    def current_metric(self) -> str:
        return self.metric_box.currentData()

    def set_metric(self, key: str) -> None:
        self.metric_box.setCurrentIndex(self.metric_box.findData(key))

    def _design_changed(self, *_args) -> None:
        self._dirty = True
        if self.isVisible():
            self.timer.start()

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._dirty:
            self.recompute()

    def recompute(self) -> None:
        self.timer.stop()
        self._dirty = False
        key = self.current_metric()
        value = float(self.doc.result.value(key)[0])
        if np.isnan(value):
            self.runner.cancel()
            kind = "solid" if self.doc.resolved.is_solid else "liquid"
            self._show_message(f"{METRIC_BY_KEY[key].label} does not apply to this design ({kind} electrolyte): "
                               "choose another metric.")
            return
        self.status.setText(f"Computing the sensitivity of {in_sentence(METRIC_BY_KEY[key].label)}…")
        if self.result is None:  # nothing drawn yet: say so in the chart, not an empty pair of axes
            self.chart.set_waiting(f"Computing the sensitivity of {in_sentence(METRIC_BY_KEY[key].label)}…")
        self.runner.start(sensitivity_task, (self.doc.design, key), label="sensitivity")

    def _show_message(self, text: str) -> None:
        self.result = None
        self.table.setRowCount(0)
        self.chart.low_bars.setOpts(x0=[], y=[], width=[])
        self.chart.high_bars.setOpts(x0=[], y=[], width=[])
        self.chart.getAxis("left").setTicks([[]])
        self.chart.set_waiting(text)  # a message in the chart, no empty axes
        self.status.setText(text)
        self.updated.emit()

    def _done(self, out) -> None:
        design, result = out
        if design is not self.doc.design or result.metric != self.current_metric():
            return  # superseded: the job for the current design / metric follows
        self.result = result
        moving = [r for r in result.rows if np.isfinite(r.swing) and r.swing > 0]
        drawn = self.chart.drawn_rows(result)
        if not result.rows:
            self._show_message("No input of this design has a range: nothing to rank (every value is fixed).")
            return
        self.chart.set_rows(result)
        self._fill_table(result)
        self.status.setText(
            f"{len(moving)} of {len(result.rows)} uncertain inputs move {in_sentence(result.label)}"
            + (f" ({len(drawn)} drawn: swings below 1 % of the largest, and beyond the {MAX_BARS} largest, are in the "
               "table only)" if len(drawn) < len(moving) else "")
            + f". Swing: one input at a time between its range bounds. S1: RBD-FAST first-order index (SALib) "
              f"over {result.samples} Latin-hypercube samples (seed {result.seed}, {result.s1_scale} scale). "
              f"Fixed: operating conditions, inline overrides, properties without a range and "
              f"{result.n_fixed_parameters} model parameters without a range.")
        self.updated.emit()

    def _failed(self, message: str) -> None:
        self._show_message(f"Sensitivity could not be computed: {message}")

    def _fill_table(self, result) -> None:
        self.table.setRowCount(len(result.rows))
        for i, r in enumerate(result.rows):
            s1 = "n/a" if np.isnan(r.s1) else f"{round(r.s1, 2) or 0.0:.2f} ± {r.s1_conf:.2f}"  # no "-0.00"
            where = r.input.slot if r.input.kind == "material" else "model parameter"
            cells = [f"{input_name(r.input)} · {r.input.range_text()}", fmt_number(r.metric_low),
                     fmt_number(r.metric_high), fmt_number(r.swing), s1]
            for c, text in enumerate(cells):
                it = QTableWidgetItem(text)
                if c in (1, 2, 3):
                    it.setToolTip(f"{result.label}{(' / ' + result.unit) if result.unit else ''}: with "
                                  f"{r.input.label} at its {('low', 'high')[c - 1] if c < 3 else 'low and high'} "
                                  "bound, every other input nominal")
                if c:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == 0:
                    it.setToolTip(f"{where}: {text}<br>{r.input.material_name or r.input.kind}<br>"
                                  f"source: {display_units(r.input.source)}")
                self.table.setItem(i, c, it)

    def shutdown(self) -> None:
        self.timer.stop()
        self.runner.shutdown()
