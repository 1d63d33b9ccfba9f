"""Screening tab: define a screen, run it in the background, browse the kept designs.

Left: checkable material lists per slot, condition range editors, constraints, objective, Pareto
axes. Right: a sortable, filterable table over the result arrays (:class:`ResultTableModel`) beside a
pyqtgraph Pareto scatter. Clicking a row or a point emits ``designRequested(Design)``.
The screen runs on a :class:`QThread` through :func:`anodelab.screening.run_screen` with a
:class:`~anodelab.screening.RunState`; Cancel sets its flag and the run stops within a chunk.
"""

from __future__ import annotations

import html

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QCheckBox, QComboBox, QGridLayout, QGroupBox, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem, QProgressBar, QPushButton, QScrollArea, QSplitter,
    QTableView, QVBoxLayout, QWidget,
)

from ..design import CONDITION_SPECS
from ..errors import AnodeLabError
from ..materials.library import Library, default_library
from .conditions_panel import CONDITION_NAMES, condition_limits
from .quantity_box import Limits, QuantityBox
from ..metrics import METRIC_BY_KEY, METRICS
from ..screening import ScreenResult, parse_screen, run_screen
from .screening_export import ScreeningExportMixin
from .screening_model import ResultTableModel, ScreenWorker
from .plain_text import plain_label, rich_message

SLOT_LISTS = (
    ("host", ("host",), False),
    ("coating", ("coating",), True),
    ("electrolyte", ("liquid_electrolyte", "solid_electrolyte"), False),
    ("interlayer", ("interlayer",), True),
)
NONE_TEXT = "(none)"
PARETO_LEGEND = ("<span style='color:#969696'>●</span> top-k designs &nbsp;&nbsp; "
                 "<span style='color:#c83c28'>●</span> Pareto front &nbsp;&nbsp; "
                 "<span style='color:#555'>(double-click a point to open the design)</span>")
DEFAULT_CHECKED = {"host": {"cu-foil", "cu-nanowire-cu", "carbon-felt", "na-foil"}, "coating": {None},
                   "electrolyte": {"napf6-diglyme-1m", "naclo4-ecpc-1m", "nzsp"}, "interlayer": {None, "na15sn4-alloy"}}
#: default condition ranges (low, high, n, log)
DEFAULT_RANGES = {
    "current_density_mA_cm2": (0.5, 5.0, 4, True),
    "areal_capacity_mAh_cm2": (1.0, 3.0, 2, False),
    "temperature_C": (25.0, 25.0, 1, False),
    "stack_pressure_MPa": (0.0, 0.0, 1, False),
    "cycles": (100.0, 100.0, 1, False),
    "na_excess_mAh_cm2": (5.0, 5.0, 1, False),
}


class ScreeningTab(ScreeningExportMixin, QWidget):
    """Define, run and browse a screen. Emits ``designRequested(Design)`` when a design is picked."""

    designRequested = Signal(object)
    screenFinished = Signal(object)

    def __init__(self, parent=None, library: Library | None = None):
        super().__init__(parent)
        self.library = library or default_library()
        self.result: ScreenResult | None = None
        self.worker: ScreenWorker | None = None
        self._build()

    # ------------------------------------------------------------------ layout
    def _build(self):
        root = QHBoxLayout(self)
        split = QSplitter(Qt.Orientation.Horizontal)
        root.addWidget(split)

        left = QWidget()
        lv = QVBoxLayout(left)
        mats = QGroupBox("Materials (check the candidates)")
        mg = QGridLayout(mats)
        self.lists: dict[str, QListWidget] = {}
        for col, (slot, classes, optional) in enumerate(SLOT_LISTS):
            lw = QListWidget()
            lw.setMinimumHeight(110)
            entries = ([(None, NONE_TEXT)] if optional else []) + [
                (m.id, m.name) for m in sorted(self.library.of_class(*classes), key=lambda m: (m.cls, m.name.lower()))]
            for mid, text in entries:
                it = QListWidgetItem(text)  # the material's name; its library id in the tooltip
                it.setData(Qt.ItemDataRole.UserRole, mid)
                it.setFlags(it.flags() | Qt.ItemFlag.ItemIsUserCheckable)
                it.setCheckState(Qt.CheckState.Checked if mid in DEFAULT_CHECKED[slot] else Qt.CheckState.Unchecked)
                if mid is not None:
                    it.setToolTip(rich_message(f"library id: {mid}"))
                lw.addItem(it)
            self.lists[slot] = lw
            r0, c0 = 2 * (col // 2), col % 2
            mg.addWidget(QLabel(slot.capitalize()), r0, c0)
            mg.addWidget(lw, r0 + 1, c0)
        lv.addWidget(mats)

        cond = QGroupBox("Conditions (low, high, points, log)")
        cg = QGridLayout(cond)
        self.ranges: dict[str, tuple] = {}
        for r, (name, (lo, hi, n, log)) in enumerate(DEFAULT_RANGES.items()):
            spec = CONDITION_SPECS[name]
            unit, limits = condition_limits(name)
            if name == "cycles":  # a screen scores, it does not simulate: the design model's range
                limits = Limits(spec.low, spec.high, spec.low_inclusive, True, integer=True)
            lo_w = QuantityBox(unit, limits, name=f"{CONDITION_NAMES[name]} (low)")
            hi_w = QuantityBox(unit, limits, name=f"{CONDITION_NAMES[name]} (high)")
            for w, v in ((lo_w, lo), (hi_w, hi)):
                w.setMaximumWidth(120)
                w.setValue(v)
                w.setToolTip(f"allowed: {limits.describe(unit)}")
                w.rejected.connect(self._field_problem)
            n_w = QuantityBox("", Limits(1, 1000, integer=True), name=f"{CONDITION_NAMES[name]} (points)")
            n_w.setMaximumWidth(70)
            n_w.setValue(n)
            n_w.rejected.connect(self._field_problem)
            log_w = QCheckBox("log")
            log_w.setChecked(log)
            label = QLabel(CONDITION_NAMES[name])
            label.setToolTip(f"{spec.meaning} (screen file key: {name})")
            cg.addWidget(label, r, 0)
            cg.addWidget(lo_w, r, 1)
            cg.addWidget(hi_w, r, 2)
            cg.addWidget(n_w, r, 3)
            cg.addWidget(log_w, r, 4)
            self.ranges[name] = (lo_w, hi_w, n_w, log_w)
        lv.addWidget(cond)

        goal = QGroupBox("Constraints, ranking and Pareto front")
        gg = QGridLayout(goal)
        self.constraints_edit = QLineEdit("total_asr_ohm_cm2 <= 40; coulombic_efficiency >= 0.98")
        self.constraints_edit.setToolTip("metric op value, separated by ';' — or build one with the row below")
        gg.addWidget(QLabel("Constraints"), 0, 0)
        gg.addWidget(self.constraints_edit, 0, 1, 1, 3)
        # constraint builder: metric (by name), operator, bound → appended to the constraints
        self.builder_metric = self._metric_combo([m.key for m in METRICS], "total_asr_ohm_cm2")
        self.builder_op = QComboBox()
        self.builder_op.addItems(["<=", ">=", "<", ">"])
        self.builder_value = QLineEdit()
        self.builder_value.setPlaceholderText("bound")
        self.builder_value.setMaximumWidth(90)
        self.builder_add = QPushButton("Add")
        self.builder_add.clicked.connect(self.add_constraint)
        brow = QHBoxLayout()
        brow.addWidget(self.builder_metric, 1)
        brow.addWidget(self.builder_op)
        brow.addWidget(self.builder_value)
        brow.addWidget(self.builder_add)
        gg.addWidget(QLabel("Add"), 3, 0)
        gg.addLayout(brow, 3, 1, 1, 3)
        rated = [m.key for m in METRICS if m.better]
        self.objective_combo = self._metric_combo(rated, "dendrite_risk")
        self.objective_dir = QComboBox()
        self.objective_dir.addItems(["min", "max"])
        gg.addWidget(QLabel("Rank by"), 1, 0)
        gg.addWidget(self.objective_combo, 1, 1)
        gg.addWidget(self.objective_dir, 1, 2)
        self.top_k = QuantityBox("", Limits(1, 100000, integer=True), name="designs kept (top k)")
        self.top_k.setValue(50)
        self.top_k.setToolTip("how many of the best-ranked designs the table keeps (1 … 100,000)")
        self.top_k.rejected.connect(self._field_problem)
        gg.addWidget(self.top_k, 1, 3)
        self.pareto_x = self._metric_combo(rated, "cell_overpotential_mV")
        self.pareto_y = self._metric_combo(rated, "dendrite_risk")
        gg.addWidget(QLabel("Pareto x / y"), 2, 0)
        gg.addWidget(self.pareto_x, 2, 1)
        gg.addWidget(self.pareto_y, 2, 2)
        self.objective_combo.currentIndexChanged.connect(lambda _i: self._default_direction(self.objective_combo.currentData()))
        lv.addWidget(goal)

        run_row = QHBoxLayout()
        self.run_button = QPushButton("Run screen")
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.status = plain_label(QLabel("Define a screen and press Run."))
        self.status.setWordWrap(True)
        self.status.setMinimumHeight(2 * self.status.fontMetrics().height() + 6)
        # a long message must not make the layout jump: three lines at most, the whole text in the tooltip
        self.status.setMaximumHeight(3 * self.status.fontMetrics().lineSpacing() + 6)
        run_row.addWidget(self.run_button)
        run_row.addWidget(self.cancel_button)
        run_row.addWidget(self.progress, 1)
        lv.addStretch(1)
        self.run_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.cancel)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(left)
        side = QWidget()  # the definition scrolls; Run / Cancel / progress always stay visible below it
        sv = QVBoxLayout(side)
        sv.setContentsMargins(0, 0, 0, 0)
        sv.addWidget(scroll, 1)
        sv.addLayout(run_row)
        sv.addWidget(self.status)
        split.addWidget(side)

        right = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        frow = QHBoxLayout()
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText("Filter by material id…")
        self.export_button = QPushButton("Export CSV…")
        self.export_button.setEnabled(False)
        self.summary_button = QPushButton("Export summary…")
        self.summary_button.setToolTip("Screening summary report (PDF, HTML or JSON): the screen's definition, "
                                       "top designs and Pareto plot")
        self.summary_button.setEnabled(False)
        frow.addWidget(self.filter_edit, 1)
        frow.addWidget(self.export_button)
        frow.addWidget(self.summary_button)
        tv.addLayout(frow)
        self.model = ResultTableModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
        self.table.resizeColumnsToContents()  # every header readable before the first screen, too
        tv.addWidget(self.table)
        right.addWidget(top)
        self.plot = pg.PlotWidget(background="w")
        self.plot.setMinimumHeight(220)
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        for ax in ("bottom", "left"):
            self.plot.getAxis(ax).enableAutoSIPrefix(False)
        self.plot.getAxis("left").setWidth(72)  # room for the label beside the tick values
        self.plot.getAxis("bottom").setHeight(44)  # room for the label below the tick values
        # the legend sits above the plot, outside the data (pyqtgraph's legend in the view box covered points)
        self.pareto_legend = QLabel(PARETO_LEGEND)
        self.pareto_legend.setTextFormat(Qt.TextFormat.RichText)
        self.pareto_legend.setWordWrap(True)  # never widens the window (the workspace keeps its width)
        self.scatter_all = pg.ScatterPlotItem(size=7, brush=pg.mkBrush(150, 150, 150, 160), pen=None, name="top-k")
        self.scatter_front = pg.ScatterPlotItem(size=10, brush=pg.mkBrush(200, 60, 40, 230),
                                                pen=pg.mkPen("k", width=0.5), name="Pareto front")
        self.plot.addItem(self.scatter_all)
        self.plot.addItem(self.scatter_front)
        self.scatter_all.sigClicked.connect(self._point_clicked)
        self.scatter_front.sigClicked.connect(self._point_clicked)
        # until the first run the plot says what it will show (an empty axis explained nothing)
        self.placeholder = pg.TextItem("Run a screen: its designs appear here, the Pareto front in red.\n"
                                       "Double-click a row or a point to open that design.", color="#555",
                                       anchor=(0.5, 0.5))
        self.plot.addItem(self.placeholder, ignoreBounds=True)
        self.placeholder.setPos(0.5, 0.5)
        plot_box = QWidget()
        pv = QVBoxLayout(plot_box)
        pv.setContentsMargins(0, 0, 0, 0)
        pv.setSpacing(2)
        pv.addWidget(self.pareto_legend)
        pv.addWidget(self.plot, 1)
        right.addWidget(plot_box)
        right.setSizes([400, 300])
        split.addWidget(right)
        split.setSizes([660, 700])  # the definition (lists, ranges, log boxes) fits without scrolling sideways

        self.filter_edit.textChanged.connect(self.model.set_filter)
        self.export_button.clicked.connect(self._export_dialog)
        self.summary_button.clicked.connect(self._summary_dialog)
        self.table.clicked.connect(self._row_clicked)

    def _metric_combo(self, keys, current):
        """A metric chooser that shows the metric's name and unit and holds its key as item data."""
        c = QComboBox()
        for k in keys:
            spec = METRIC_BY_KEY[k]
            c.addItem(spec.label + (f" [{spec.unit}]" if spec.unit else ""), k)
            c.setItemData(c.count() - 1, f"{spec.equation}\nkey: {k}", Qt.ItemDataRole.ToolTipRole)
        c.setCurrentIndex(max(c.findData(current), 0))
        return c

    @staticmethod
    def set_metric(combo: QComboBox, key: str) -> None:
        """Choose the metric ``key`` in one of the metric combos."""
        i = combo.findData(key)
        if i < 0:
            raise AnodeLabError(f"unknown metric {key!r}", field="metric")
        combo.setCurrentIndex(i)

    def _field_problem(self, text: str) -> None:
        self._show_status(f"⚠ {text}")

    def _show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setToolTip(text)

    def add_constraint(self) -> bool:
        """Append the builder's “metric op bound” to the constraints (refused with a reason if the bound is no number)."""
        from .quantity_box import parse_quantity

        key = self.builder_metric.currentData()
        spec = METRIC_BY_KEY[key]
        value, why = parse_quantity(self.builder_value.text(), spec.unit, Limits(-1e300, 1e300))
        if value is None:
            self._show_status(f"⚠ bound of “{spec.label}”: {why}")
            return False
        text = self.constraints_edit.text().strip().rstrip(";")
        item = f"{key} {self.builder_op.currentText()} {value:g}"
        self.constraints_edit.setText(f"{text}; {item}" if text else item)
        self._show_status(f"Constraint added: {spec.label} {self.builder_op.currentText()} {value:g} {spec.unit}".rstrip())
        return True

    @staticmethod
    def short_error(exc: Exception) -> str:
        """A screen definition error in one short line: an unknown metric names the closest ones instead of
        listing every metric (the list made the layout jump)."""
        import difflib
        import re

        text = str(exc)
        m = re.search(r"unknown metric '([^']*)'; allowed: .*?(?=$|\n)", text)
        if m:
            close = difflib.get_close_matches(m.group(1), list(METRIC_BY_KEY), n=3, cutoff=0.4)
            hint = f"did you mean {', '.join(close)}?" if close else "choose one with the Add row below"
            text = text.replace(m.group(0), f"unknown metric '{m.group(1)}'; {hint}")
        return text

    def _default_direction(self, key):
        spec = METRIC_BY_KEY.get(key)
        if spec and spec.better:
            self.objective_dir.setCurrentText("min" if spec.better == "low" else "max")

    # ------------------------------------------------------------------ screen definition
    def set_checked(self, slot: str, ids) -> None:
        """Check exactly ``ids`` (None = the empty choice) in a slot's list."""
        ids = set(ids)
        lw = self.lists[slot]
        for i in range(lw.count()):
            it = lw.item(i)
            it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) in ids else Qt.CheckState.Unchecked)

    def set_range(self, name: str, low: float, high: float, n: int, log: bool = False) -> None:
        lo_w, hi_w, n_w, log_w = self.ranges[name]
        lo_w.setValue(low), hi_w.setValue(high), n_w.setValue(n), log_w.setChecked(log)

    def screen_dict(self) -> dict:
        """The screen as the dict form of a screen file (validated by :func:`parse_screen`)."""
        mats = {}
        for slot, _classes, _opt in SLOT_LISTS:
            lw = self.lists[slot]
            chosen = [lw.item(i).data(Qt.ItemDataRole.UserRole) for i in range(lw.count())
                      if lw.item(i).checkState() == Qt.CheckState.Checked]
            if chosen:
                mats[slot] = ["none" if c is None else c for c in chosen]
            else:
                mats[slot] = []
        conds = {}
        for name, (lo_w, hi_w, n_w, log_w) in self.ranges.items():
            lo, hi, n = lo_w.value(), hi_w.value(), n_w.value()
            if n == 1 or lo == hi:
                v = lo
                conds[name] = int(round(v)) if CONDITION_SPECS[name].integer else v
            else:
                conds[name] = {"low": lo, "high": hi, "n": n, "scale": "log" if log_w.isChecked() else "linear"}
        cons = [c.strip() for c in self.constraints_edit.text().split(";") if c.strip()]
        return {
            "format_version": 1, "name": "Screen", "top_k": self.top_k.value(), "constraints": cons,
            "materials": mats, "conditions": conds,
            "objective": {"metric": self.objective_combo.currentData(), "direction": self.objective_dir.currentText()},
            "pareto": {"objectives": [self._pareto_text(self.pareto_x), self._pareto_text(self.pareto_y)]},
        }

    @staticmethod
    def _pareto_text(combo):
        spec = METRIC_BY_KEY[combo.currentData()]
        return f"{spec.key} {'min' if spec.better == 'low' else 'max'}"

    # ------------------------------------------------------------------ running
    def start(self) -> bool:
        """Validate the definition and start the run; False (with the reason shown) if it is invalid."""
        if self.worker is not None:
            return False
        try:
            spec = parse_screen(self.screen_dict(), file="screen", library=self.library)
        except AnodeLabError as exc:
            self._show_status(f"⚠ {self.short_error(exc)}")
            return False
        self._spec = spec
        self.worker = ScreenWorker(lambda state: run_screen(spec, state, library=self.library), self)
        self.worker.progress.connect(self._on_progress)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self.worker.finished.connect(self._on_thread_finished)
        self.run_button.setEnabled(False)
        self.cancel_button.setEnabled(True)
        self.progress.setValue(0)
        self.status.setText("Running…")
        self.worker.start()
        return True

    def cancel(self) -> None:
        if self.worker is not None:
            self.worker.state.cancel()
            self.status.setText("Cancelling…")

    def is_running(self) -> bool:
        return self.worker is not None

    def _on_progress(self, frac, msg):
        self.progress.setValue(int(round(1000 * frac)))
        self.status.setText(msg)

    def _on_failed(self, msg):
        self.status.setText(f"⚠ {msg}")

    def _on_done(self, result: ScreenResult):
        self.set_result(result)
        state = "cancelled — partial results" if result.cancelled else "done"
        self.status.setText(
            f"{state}: {result.n_evaluated:,} of {result.n_total:,} designs in {result.elapsed_s:.1f} s; "
            f"{result.n_feasible:,} pass the constraints; {len(result)} kept "
            f"({int((result.rank >= 0).sum())} ranked, {int(result.on_pareto.sum())} on the Pareto front)"
            + "".join(f"\nⓘ {note}" for note in getattr(result, "notes", [])))
        self.screenFinished.emit(result)

    def _on_thread_finished(self):
        w, self.worker = self.worker, None
        if w is not None:
            w.wait()  # returns at once: the thread has finished; the QThread object stays a child of this tab
        self.run_button.setEnabled(True)
        self.cancel_button.setEnabled(False)

    def shutdown(self) -> None:
        """Cancel a running screen and wait for its thread (call before closing the window)."""
        if self.worker is not None:
            self.worker.state.cancel()
            self.worker.wait()

    def closeEvent(self, event):
        self.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------------ results
    def set_result(self, result: ScreenResult) -> None:
        self.result = result
        spec = result.plan.spec
        metrics = [spec.objective.metric, *(o.metric for o in spec.pareto), *(c.metric for c in spec.constraints),
                   "dendrite_risk", "cell_overpotential_mV", "total_asr_ohm_cm2", "coulombic_efficiency",
                   "ccd_mA_cm2", "anode_specific_capacity_mAh_g"]
        self.model.set_result(result, metrics)
        self.table.resizeColumnsToContents()
        self.export_button.setEnabled(len(result) > 0)
        self.summary_button.setEnabled(len(result) > 0)
        self._plot()

    def _plot(self):
        r = self.result
        self.placeholder.setVisible(False)
        spec = r.plan.spec
        if len(spec.pareto) < 2:
            return
        xk, yk = spec.pareto[0].metric, spec.pareto[1].metric
        x, y = r.values[xk], r.values[yk]
        ok = np.isfinite(x) & np.isfinite(y)
        idx = np.flatnonzero(ok)
        front = idx[r.on_pareto[idx]]
        rest = idx[~r.on_pareto[idx]]
        self.scatter_all.setData(x=x[rest], y=y[rest], data=rest)
        self.scatter_front.setData(x=x[front], y=y[front], data=front)
        xm, ym = METRIC_BY_KEY[xk], METRIC_BY_KEY[yk]
        self.plot.getAxis("bottom").setLabel(xm.label + (f" [{xm.unit}]" if xm.unit else ""))
        # a rotated y label longer than the plot is tall is cut ("Cell cycle life to 8"): the axis keeps the unit,
        # the line above the plot (next to the y axis) names the metric in full
        self.plot.getAxis("left").setLabel(f"[{ym.unit}]" if ym.unit else "")
        self.pareto_legend.setText(f"<b>↑ {html.escape(ym.label)}</b>" + (f" [{html.escape(ym.unit)}]" if ym.unit else "")
                                   + " &nbsp;&nbsp; " + PARETO_LEGEND)
        self.plot.enableAutoRange()

    def request_design(self, result_row: int) -> None:
        """Emit ``designRequested`` with the design of result row ``result_row``."""
        if self.result is None:
            return
        self.designRequested.emit(self.result.design(int(result_row)))

    def _row_clicked(self, index):
        self.request_design(self.model.result_row(index.row()))

    def _point_clicked(self, item, points, *args):
        if len(points):
            self.request_design(int(points[0].data()))
