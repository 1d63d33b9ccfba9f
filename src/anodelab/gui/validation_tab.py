"""Validation tab: predicted vs reported for the review's Tables 1-2, and what was calibrated on what.

Runs :func:`anodelab.validation.validate` on a worker thread, shows per quantity n, Spearman ρ and
median fold error (all records, and the records whose inputs come from other papers), a log-log
scatter of predicted vs reported with a 1:1 line (also the within-paper CE loss ratios of
``resources/literature/ce_pairs.toml``), and the calibration of the CCD parameters.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox, QHBoxLayout, QHeaderView, QLabel, QPlainTextEdit, QPushButton, QSplitter, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget,
)

from ..formatting import in_sentence
from ..metrics import METRIC_BY_KEY
from .formatting import label_of, unit_of
from .screening_tab import ScreenWorker

SCATTER_QUANTITIES = ("cell_overpotential_mV", "coulombic_efficiency", "interfacial_asr_ohm_cm2", "ccd_mA_cm2")
#: the scatter of the within-paper CE comparisons (anodelab.validation.ce_pairs), after the Table 1-2 quantities
CE_PAIRS_SCATTER = "ce_loss_ratio"
CE_PAIRS_LABEL = "CE loss ratio, within-paper pairs"
LEGEND_RECORDS = ("<span style='color:#1e5ab4'>●</span> inputs from other papers &nbsp; "
                  "<span style='color:#c8501e'>○</span> an input from the same paper &nbsp; "
                  "<span style='color:#5a5a5a'>- - -</span> 1:1")
LEGEND_CE_PAIRS = ("<span style='color:#1e5ab4'>●</span> host vs planar control &nbsp; "
                   "<span style='color:#c8501e'>○</span> one electrode at two currents &nbsp; "
                   "<span style='color:#5a5a5a'>- - -</span> 1:1 &nbsp; (R = (1 − CE_b) / (1 − CE_a); "
                   "below 1: arm b loses less)")
HEADERS = ("Quantity", "n", "Spearman ρ", "Median fold error", "n independent", "ρ (independent)",
           "Fold error (independent)", "Note")


def _f(x, fmt):
    return "n/a" if x is None or (isinstance(x, float) and not math.isfinite(x)) else format(x, fmt)




def metric_words(text: str) -> str:
    """The engine's notes with metric keys written as their names ("engine predicted_lifetime_h" →
    "engine predicted lifetime"): display only."""
    import re

    from ..metrics import METRIC_BY_KEY

    def name(m):
        spec = METRIC_BY_KEY.get(m.group(0))
        return spec.label[:1].lower() + spec.label[1:] if spec is not None else m.group(0)

    return re.sub(r"\b[a-z]+(?:_[a-z0-9]+)+\b", name, str(text))


def _report_lines(report, library, ce_pairs: dict) -> list[str]:
    """Every line of ``anodelab validate`` for ``report`` and the CE comparisons ``ce_pairs`` (worker thread: scores
    the cell and event records too)."""
    from ..validation.cells import cell_section
    from ..validation.events import events_section
    from ..validation.text_report import validation_lines

    return validation_lines(report, cell_section(), events_section(library=library), library=library,
                            ce_pairs=ce_pairs)


class ValidationTab(QWidget):
    """Predicted vs reported. ``validationFinished(report)`` is emitted after each run."""

    validationFinished = Signal(object)

    def __init__(self, parent=None, library=None, run_on_show: bool = False):
        super().__init__(parent)
        self.library = library
        self.report = None
        self.ce_pairs: dict | None = None  # anodelab.validation.ce_pairs.ce_pairs_section of the last run
        self.worker: ScreenWorker | None = None
        self._build()
        if run_on_show:
            self.run()

    def _build(self):
        v = QVBoxLayout(self)
        row = QHBoxLayout()
        self.run_button = QPushButton("Run validation")
        self.status = QLabel("Compare the engine with Tables 1-2 of Lu et al., Energy Technol. 2022.")
        self.status.setWordWrap(True)
        row.addWidget(self.run_button)
        row.addWidget(self.status, 1)
        v.addLayout(row)
        split = QSplitter(Qt.Orientation.Vertical)
        top = QWidget()
        tv = QVBoxLayout(top)
        tv.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(HEADERS))
        self.table.setHorizontalHeaderLabels(HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        # the note column takes the width that is left and wraps (one long line pushed it off the right edge)
        self.table.horizontalHeader().setSectionResizeMode(len(HEADERS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.setWordWrap(True)
        # rows follow the wrapped notes whenever the note column changes width
        self.table.horizontalHeader().sectionResized.connect(lambda *_: self.table.resizeRowsToContents())
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        # the table shows its 8 quantities without stealing the scatter's height
        self.table.setMaximumHeight(280)
        tv.addWidget(self.table)
        self.calibration_label = QLabel()
        self.calibration_label.setWordWrap(True)
        self.calibration_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        tv.addWidget(self.calibration_label)
        split.addWidget(top)
        bottom = QWidget()
        bv = QVBoxLayout(bottom)
        bv.setContentsMargins(0, 0, 0, 0)
        crow = QHBoxLayout()
        crow.addWidget(QLabel("Scatter:"))
        self.quantity_combo = QComboBox()
        for q in SCATTER_QUANTITIES:
            self.quantity_combo.addItem(METRIC_BY_KEY[q].label, q)
        self.quantity_combo.addItem(CE_PAIRS_LABEL, CE_PAIRS_SCATTER)
        crow.addWidget(self.quantity_combo)
        crow.addStretch(1)
        bv.addLayout(crow)
        self.scatter_title = QLabel()
        self.scatter_title.setWordWrap(True)  # never widen the window
        crow.insertWidget(2, self.scatter_title, 3)  # the title takes the row's width (it wrapped into a sliver)
        from ..report.plots import log_axis_125  # plain numbers (0.1, 0.2, 0.5, 1 …) where they fit, as the solid views

        self.plot = pg.PlotWidget(background="w", axisItems={"bottom": log_axis_125("bottom"), "left": log_axis_125("left")})
        self.plot.setLogMode(x=True, y=True)
        self.plot.showGrid(x=True, y=True, alpha=0.3)
        # the legend is a label above the plot (inside, it covered points)
        self.legend_label = QLabel(LEGEND_RECORDS)
        self.legend_label.setWordWrap(True)
        bv.addWidget(self.legend_label)
        # PlotDataItem (not ScatterPlotItem) so that the plot's log mode transforms the points
        self.scatter_ind = pg.PlotDataItem(pen=None, symbol="o", symbolSize=9, symbolBrush=pg.mkBrush(30, 90, 180, 220),
                                           symbolPen=pg.mkPen("k", width=0.5), name="inputs from other papers")
        self.scatter_dep = pg.PlotDataItem(pen=None, symbol="o", symbolSize=9, symbolBrush=pg.mkBrush(255, 255, 255, 0),
                                           symbolPen=pg.mkPen(200, 80, 30, width=1.5), name="an input from the same paper")
        for ax in ("bottom", "left"):
            axis = self.plot.getAxis(ax)
            axis.enableAutoSIPrefix(False)
            axis.setTextPen("k")
            axis.setPen("k")
            axis.label.setDefaultTextColor(Qt.GlobalColor.black)
        self.plot.getAxis("left").setWidth(64)
        self.plot.getAxis("bottom").setHeight(48)
        self.one_to_one = pg.PlotDataItem(pen=pg.mkPen((90, 90, 90), width=1, style=Qt.PenStyle.DashLine), name="1:1")
        for it in (self.one_to_one, self.scatter_ind, self.scatter_dep):
            self.plot.addItem(it)
        self.plot.setMinimumHeight(220)
        bv.addWidget(self.plot)
        # the whole text of `anodelab validate` beside the scatter: the held-out (headline) rows, failure events,
        # solid-state records and full cells, the same lines the command prints (validation.text_report)
        self.views = QTabWidget()
        self.views.addTab(bottom, "Scatter")
        self.report_text = QPlainTextEdit()
        self.report_text.setReadOnly(True)
        self.report_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.report_text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.report_text.setPlaceholderText("Run validation: the held-out rows, failure events, solid-state records and "
                                            "full cells appear here as `anodelab validate` prints them.")
        self.views.addTab(self.report_text, "Held out, events, solid state, cells (text)")
        split.addWidget(self.views)
        split.setSizes([320, 420])
        split.setStretchFactor(1, 1)
        v.addWidget(split)
        self.run_button.clicked.connect(self.run)
        self.quantity_combo.currentIndexChanged.connect(self._plot)

    # ------------------------------------------------------------------ running
    def run(self) -> bool:
        if self.worker is not None:
            return False
        from ..validation import validate
        from ..validation.ce_pairs import ce_pairs_section

        lib = self.library
        def job(state):
            report = validate(library=lib)
            ce = ce_pairs_section(library=lib)
            return report, _report_lines(report, lib, ce), ce

        self.worker = ScreenWorker(job, self)
        self.worker.done.connect(self._done)
        self.worker.failed.connect(lambda msg: self.status.setText(f"⚠ {msg}"))
        self.worker.finished.connect(self._on_thread_finished)
        self.run_button.setEnabled(False)
        self.status.setText("Validating…")
        self.worker.start()
        return True

    def is_running(self) -> bool:
        return self.worker is not None

    def _on_thread_finished(self):
        w, self.worker = self.worker, None
        if w is not None:
            w.wait()  # returns at once: the thread has finished; the QThread object stays a child of this tab
        self.run_button.setEnabled(True)

    def shutdown(self) -> None:
        if self.worker is not None:
            self.worker.wait()

    def closeEvent(self, event):
        self.shutdown()
        super().closeEvent(event)

    # ------------------------------------------------------------------ display
    def _done(self, result) -> None:
        report, lines, ce = result
        self.ce_pairs = ce
        self.set_text(lines)
        self.set_report(report)

    def set_text(self, lines: list[str]) -> None:
        """The text of ``anodelab validate`` in the second view (kept where the reader had scrolled to)."""
        bar = self.report_text.verticalScrollBar()
        pos = bar.value()
        self.report_text.setPlainText("\n".join(lines))
        bar.setValue(pos)

    def set_report(self, report) -> None:
        self.report = report
        self.table.setRowCount(len(report.stats))
        for r, s in enumerate(report.stats):
            cells = (s.label + (f" [{s.unit}]" if s.unit else ""), str(s.n), _f(s.spearman, "+.2f"),
                     _f(s.median_fold_error, ".2f"), str(s.n_independent), _f(s.spearman_independent, "+.2f"),
                     _f(s.median_fold_error_independent, ".2f"), metric_words(s.note))
            for c, text in enumerate(cells):
                it = QTableWidgetItem(text)
                if 0 < c < 7:
                    it.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if c == len(cells) - 1:
                    it.setToolTip(text)
                self.table.setItem(r, c, it)
        self.table.resizeRowsToContents()
        cal = report.calibration
        if cal:
            vals = ", ".join(f"{label_of(k)} = {v:.3g} {unit_of(k)}".rstrip() for k, v in cal["fitted"].items())
            self.calibration_label.setText(
                f"<b>Calibrated parameters:</b> {vals} — least squares in log CCD on {cal['n']} Table 2 records "
                f"({', '.join(cal['records_used'])}); fit error ×{cal['rms_fold_error']:.2f} (RMS), "
                f"<b>leave-one-out error on unseen records ×{cal['loo_rms_fold_error']:.2f}</b> (RMS), "
                f"median ×{cal['loo_median_fold_error']:.2f}. The CCD row above is in-sample. "
                "Lifetime rows: the rules are in their notes and in this label's tooltip.")
            # the lifetime model's full description is long (it cut the label at 1366 × 768): a tooltip
            self.calibration_label.setToolTip(f"Lifetimes: {metric_words(report.lifetime_model)}.")
        else:
            self.calibration_label.setText("No calibration report (run `anodelab validate --calibration --write`).")
        self.status.setText(f"{len(report.points)} comparisons from {len({p.record_id for p in report.points})} records.")
        self._plot()
        self.validationFinished.emit(report)

    def _plot(self):
        if self.report is None:
            return
        q = self.quantity_combo.currentData()
        if q == CE_PAIRS_SCATTER:
            self._plot_ce_pairs()
            return
        self.legend_label.setText(LEGEND_RECORDS)
        pts = [p for p in self.report.points if p.quantity == q]
        rep = np.array([p.reported for p in pts], float)
        pred = np.array([p.predicted for p in pts], float)
        ind = np.array([p.independent for p in pts], bool)
        if q == "coulombic_efficiency":  # compare inefficiencies on a log scale
            rep, pred = 1 - rep, 1 - pred
        ok = (rep > 0) & (pred > 0) & np.isfinite(rep) & np.isfinite(pred)
        self.scatter_ind.setData(x=rep[ok & ind], y=pred[ok & ind])
        self.scatter_dep.setData(x=rep[ok & ~ind], y=pred[ok & ~ind])
        self._one_to_one_range(rep[ok], pred[ok])
        spec = METRIC_BY_KEY[q]
        name = "1 − CE" if q == "coulombic_efficiency" else f"{spec.label} [{spec.unit}]"
        unit = "" if q == "coulombic_efficiency" or not spec.unit else f" [{spec.unit}]"
        self.plot.getAxis("bottom").setLabel(f"reported {in_sentence(name)}")
        # the vertical label must fit the plot's height: the quantity is in the title beside the chooser
        self.plot.getAxis("left").setLabel(f"predicted{unit}" if q != "coulombic_efficiency" else "predicted 1 − CE")
        self.scatter_title.setText(f"  predicted vs reported {in_sentence(name)}, n = {int(ok.sum())}")

    def _one_to_one_range(self, rep, pred) -> None:
        """The 1:1 line and a square log range holding every shown point, ×2 margin each side."""
        if rep.size:
            lo = min(rep.min(), pred.min()) / 2
            hi = max(rep.max(), pred.max()) * 2
            self.one_to_one.setData(x=[lo, hi], y=[lo, hi])
            self.plot.setRange(xRange=(np.log10(lo), np.log10(hi)), yRange=(np.log10(lo), np.log10(hi)), padding=0)

    def _plot_ce_pairs(self) -> None:
        """Predicted vs measured loss ratio R of the within-paper CE comparisons that give both arms' CE (the ordinal
        ones have no measured R and are counted in the title)."""
        rows = (self.ce_pairs or {}).get("rows", [])
        num = [r for r in rows if not r["ordinal"]]
        meas = np.array([r["loss_ratio_measured"] for r in num], float)
        pred = np.array([r["loss_ratio_predicted"] for r in num], float)
        host = np.array([r["kind"] == "host_vs_planar" for r in num], bool)
        ok = (meas > 0) & (pred > 0) & np.isfinite(meas) & np.isfinite(pred)
        self.scatter_ind.setData(x=meas[ok & host], y=pred[ok & host])
        self.scatter_dep.setData(x=meas[ok & ~host], y=pred[ok & ~host])
        self._one_to_one_range(meas[ok], pred[ok])
        self.legend_label.setText(LEGEND_CE_PAIRS)
        self.plot.getAxis("bottom").setLabel("measured loss ratio R")
        self.plot.getAxis("left").setLabel("predicted R")
        n_sign = sum(r["sign_agrees"] for r in rows if r["kind"] == "host_vs_planar")
        n_host = sum(r["kind"] == "host_vs_planar" for r in rows)
        self.scatter_title.setText(f"  predicted vs measured R, n = {int(ok.sum())} (+{len(rows) - len(num)} ordinal); "
                                   f"host vs planar: sign right {n_sign}/{n_host}")
