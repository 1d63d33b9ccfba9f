"""Right dock: every metric of :data:`anodelab.metrics.METRICS` rated good / warn / bad, the
warnings, and the dendrite-risk breakdown as a bar chart of the factor contributions.

The 5–95 % column (:func:`anodelab.uncertainty.score_intervals`) is computed off the GUI thread
(:class:`~anodelab.gui.tasks.TaskRunner`) shortly after an edit; a newer edit replaces the running job,
and until its result arrives the previous intervals are shown in grey."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..metrics import METRICS, MetricSpec
# imported with the window (small); the intervals themselves are computed on a worker
from ..uncertainty.intervals import interval_text, score_intervals
from .plain_text import rich_escape
from .document import DesignDocument
from .formatting import RATING_COLOURS, fmt
from .labels import property_label
from .tasks import TaskRunner

#: columns of the metric table; the interval column is filled by the worker
COLUMNS = ("Metric", "Value", "Unit", "5–95 %")
INTERVAL_COLUMN = 3
#: significant digits of the interval column (the card is narrow; the value column keeps 4)
INTERVAL_DIGITS = 3
#: quiet time after an edit before the intervals are computed (a burst of edits starts one job)
INTERVAL_DELAY_MS = 150


def interval_task(design, state):
    """Worker: the 5–95 % intervals of ``design`` (cancellable between scoring calls)."""
    return design, score_intervals(design, check=state.check)

GROUP_LABELS = {
    "transport": "Transport",
    "nucleation": "Nucleation",
    "wetting": "Wetting",
    "resistance": "Resistance",
    "solid_state": "Solid state",
    "volume": "Volume",
    "interphase": "Interphase",
    "risk": "Dendrite risk",
}
RISK_LABELS = {  # failure mechanisms of anodelab.lifetime.MECHANISMS
    "inventory": "Na inventory",
    "electrolyte": "Electrolyte",
    "transport": "Transport",
    "nucleation": "Nucleation",
    "sei_fracture": "SEI fracture",
    "voids": "Voids",
    "penetration": "Penetration",
}


def metric_tooltip(spec: MetricSpec, value=None) -> str:
    lines = [f"<b>{spec.label}</b> [{spec.unit or '—'}]", f"<code>{spec.equation}</code>"]
    th = spec.describe_thresholds()
    if th:
        lines.append(f"Rating: {th}")
    if spec.liquid_only:
        lines.append("Liquid electrolytes only.")
    if spec.solid_only:
        lines.append("Solid electrolytes only.")
    lines.append(f"Engine key: <code>{spec.key}</code> (SI: <code>{spec.si_key}</code>)")
    return "<br>".join(lines)


def ordered_metrics() -> list[MetricSpec]:
    """Metrics grouped in the order of first appearance of their group, risk first."""
    groups: list[str] = ["risk"]
    for m in METRICS:
        if m.group not in groups:
            groups.append(m.group)
    return [m for g in groups for m in METRICS if m.group == g]


def unrated_reason(doc: DesignDocument) -> str:
    """Why no metric of the design is rated ('' = rate as usual): a temperature outside the range the
    window accepts (a design file may hold one), or a driving overpotential that is not finite (ratings
    such as "nucleation excess: good" beside η = ∞ would read as a verdict on a state without meaning)."""
    from .conditions_panel import OPERATING_T_C

    t = doc.design.conditions.temperature_C
    lo, hi = OPERATING_T_C
    if not lo <= t < hi:
        return f"T = {fmt(t)} °C is outside the model's range ({fmt(lo)} to {fmt(hi)} °C): values shown, not rated"
    eta = doc.result.si.get("eta_drive_V")
    if eta is not None and not np.all(np.isfinite(eta)):
        return "the driving overpotential is not finite for this design: values shown, not rated"
    return ""


class RiskChart(pg.PlotWidget):
    """Horizontal bars: contribution of each hazard to the dendrite risk."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent=parent, background="w")
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.setTitle("Dendrite-risk breakdown", size="9pt")
        self.setLabel("bottom", "share of the risk (%)")
        self.getAxis("bottom").enableAutoSIPrefix(False)
        self.getAxis("left").setStyle(tickTextWidth=110, autoExpandTextSpace=False)
        self.getAxis("left").setWidth(112)
        self.bars = pg.BarGraphItem(x0=[0], y=[0], width=[0], height=0.6, brush=pg.mkBrush("#d9822b"))
        self.addItem(self.bars)
        self.values: dict[str, float] = {}
        self._names: list[str] = []
        self._top = None
        self.setMinimumHeight(170)

    def set_factors(self, factors: dict) -> None:
        """Bars = each mechanism's share of the risk (contribution / risk, %): the risk of model v2 spans
        decades (10⁻⁶ … 1), so bars of the raw contributions on a linear axis would be invisible for most
        designs. The raw contributions stay in ``values``; the risk itself is in the title."""
        names = list(factors)
        vals = np.array([factors[n] or 0.0 for n in names], dtype=float)
        self.values = dict(zip(names, vals.tolist()))
        total = float(vals.sum()) if len(vals) else 0.0
        shares = vals / total * 100.0 if total > 0 else np.zeros_like(vals)
        ys = np.arange(len(names))[::-1].astype(float)
        self.bars.setOpts(x0=np.zeros(len(names)), y=ys, width=shares, height=0.6)
        if names != self._names:  # re-laying out the axes is the slow part of a redraw: only on change
            self._names = names
            self.getAxis("left").setTicks([[(float(y), RISK_LABELS.get(n, n)) for y, n in zip(ys, names)]])
            self.setYRange(-0.6, len(names) - 0.4, padding=0)
        if self._top is None:
            self._top = 100.0
            self.setXRange(0, 100.0, padding=0)
        title = f"Dendrite-risk breakdown (risk {fmt(total, 3)})" if total > 0 else "Dendrite-risk breakdown (risk 0)"
        if title != getattr(self, "_title", None):
            self._title = title
            self.setTitle(title, size="9pt")


def fitted_sources(resolved) -> list[tuple[str, str, str]]:
    """(slot, property, source) of every material value of the resolved design whose source is a fit
    (it starts with 'fitted:' and names the data file, method and interval)."""
    out = []
    for slot, layer in resolved.layers.items():
        if layer is None:
            continue
        for name, prop in layer.properties.items():
            if str(prop.source).startswith("fitted:"):
                out.append((slot, name, str(prop.source)))
    return out


def fitted_line(resolved) -> tuple[str, str]:
    """The card's "fitted: …" line (rich text; '' when nothing is fitted) and its tooltip: which values of
    the design's materials come from the user's measurements, by name and data file; the tooltip has the
    whole source (file hash, method, interval) and the engine key."""
    items = fitted_sources(resolved)
    if not items:
        return "", ""
    short = "; ".join(f"{property_label(name)} ({src[len('fitted: '):].split(', sha256')[0].split(';')[0]})"
                      for _slot, name, src in items)
    tip = "\n".join(f"{slot} · {property_label(name)} ({name}): {src}" for slot, name, src in items)
    return f"<i>fitted: {rich_escape(short)}</i>", tip


class _ResizeOnce:
    """Columns sized to their contents are re-measured over every row on each cell change (≈ 0.4 ms per
    setText with 56 rows: most of an edit's redraw); while a refresh fills the table they are fixed, and
    measured once at the end."""

    def __init__(self, header: QHeaderView, columns):
        self.header, self.columns = header, columns

    def __enter__(self):
        self.modes = [self.header.sectionResizeMode(c) for c in self.columns]
        for c in self.columns:
            self.header.setSectionResizeMode(c, QHeaderView.ResizeMode.Fixed)
        return self

    def __exit__(self, *exc):
        for c, mode in zip(self.columns, self.modes):
            self.header.setSectionResizeMode(c, mode)
        return False


class ScoreCard(QWidget):
    """The score card: metric table, warnings and the risk bar chart; updates on every edit."""

    def __init__(self, doc: DesignDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.specs = ordered_metrics()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        # solid state (issue 12): both CCD limits, which one limits and why (text from the engine's numbers)
        self.ccd_reason = QLabel()
        self.ccd_reason.setWordWrap(True)
        self.ccd_reason.setObjectName("ccdReason")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 4)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(INTERVAL_COLUMN, QHeaderView.ResizeMode.ResizeToContents)
        self.intervals = None  # IntervalResult of the design shown, once the worker delivers it
        self._intervals_design = None  # the design those intervals belong to
        self.interval_runner = TaskRunner(self)
        self.interval_runner.finished.connect(self._intervals_done)
        self.interval_runner.failed.connect(self._intervals_failed)
        self.interval_timer = QTimer(self)
        self.interval_timer.setSingleShot(True)
        self.interval_timer.setInterval(INTERVAL_DELAY_MS)
        self.interval_timer.timeout.connect(self._start_intervals)
        self.rows: dict[str, int] = {}
        self._build_rows()
        self.warnings = QListWidget()
        self.warnings.setWordWrap(True)
        self.warnings.setMinimumHeight(60)
        self.risk = RiskChart()
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        wbox = QWidget()
        wl = QVBoxLayout(wbox)
        wl.setContentsMargins(0, 0, 0, 0)
        wl.addWidget(QLabel("<b>Warnings</b>"))
        wl.addWidget(self.warnings)
        split.addWidget(wbox)
        split.addWidget(self.risk)
        split.setStretchFactor(0, 5)
        split.setStretchFactor(1, 1)
        split.setStretchFactor(2, 2)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(self.summary)
        lay.addWidget(self.ccd_reason)
        lay.addWidget(split, 1)
        self.setMinimumWidth(420)  # room for the metric names beside the 5–95 % column (1366-px window: ≤ 430)
        doc.changed.connect(self.refresh)
        self.refresh()
        self._start_intervals()  # the opened design's intervals at once

    def _build_rows(self) -> None:
        group_font = QFont(self.table.font())
        group_font.setBold(True)
        group = None
        rows = []
        for spec in self.specs:
            if spec.group != group:
                group = spec.group
                rows.append(("group", group))
            rows.append(("metric", spec))
            if spec.key == "cell_cycle_life_cycles":  # Cell section: what ends the cell, below its cycle life
                rows.append(("ended_by", None))
        self.table.setRowCount(len(rows))
        for r, (kind, obj) in enumerate(rows):
            if kind == "group":
                it = QTableWidgetItem(GROUP_LABELS.get(obj, obj))
                it.setFont(group_font)
                it.setBackground(QBrush(QColor("#e8e8e8")))
                self.table.setItem(r, 0, it)
                self.table.setSpan(r, 0, 1, len(COLUMNS))
                continue
            if kind == "ended_by":
                self._build_ended_by_row(r)
                continue
            spec: MetricSpec = obj
            self.rows[spec.key] = r
            name = QTableWidgetItem(spec.label)
            name.setToolTip(metric_tooltip(spec))
            val = QTableWidgetItem("")
            val.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            unit = QTableWidgetItem(spec.unit)
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, val)
            self.table.setItem(r, 2, unit)
            band = QTableWidgetItem("")
            band.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, INTERVAL_COLUMN, band)

    def value_text(self, key: str) -> str:
        return self.table.item(self.rows[key], 1).text()

    def rating(self, key: str) -> str:
        return self.table.item(self.rows[key], 1).data(Qt.ItemDataRole.UserRole) or ""

    def _resize_once(self) -> "_ResizeOnce":
        return _ResizeOnce(self.table.horizontalHeader(), (1, 2, INTERVAL_COLUMN))

    def refresh(self, *_args) -> None:
        with self._resize_once():
            self._refresh()

    def _refresh(self) -> None:
        rec = self.doc.record()
        result = self.doc.result
        self.unrated = unrated_reason(self.doc)
        for spec in self.specs:
            r = self.rows[spec.key]
            raw = float(result.value(spec.key)[0])  # NaN = not applicable, ±∞ = unbounded
            text, rating = spec.cell(raw)  # the reports' and CLI's text and rating (∞ stays ∞, NaN → n/a)
            if self.unrated:
                rating = ""
            item = self.table.item(r, 1)
            item.setText(text)
            item.setData(Qt.ItemDataRole.UserRole, rating)
            colour = RATING_COLOURS.get(rating, "")
            brush = QBrush(QColor(colour)) if colour else QBrush()
            for c in range(len(COLUMNS)):
                self.table.item(r, c).setBackground(brush)
            tip = metric_tooltip(spec) + f"<br>Value: {text} {spec.unit}" + (f" → <b>{rating}</b>" if rating else "")
            if np.isnan(raw):
                tip += "<br>Not applicable to this design."
            elif np.isinf(raw):
                tip += "<br>Unbounded for this design (e.g. a Coulombic efficiency of 1 loses no Na)."
            for c in range(INTERVAL_COLUMN):
                self.table.item(r, c).setToolTip(tip)
        self._show_ccd_reason(result)
        self._show_ended_by(rec, result)
        self.warnings.clear()
        for msg in rec["warnings"]:
            QListWidgetItem("⚠ " + msg, self.warnings)
        if not rec["warnings"]:
            QListWidgetItem("No warnings.", self.warnings)
        self.risk.set_factors(rec["risk_factors"])
        risk = rec["dendrite_risk"]
        kind = rec["electrolyte_kind"]
        self.summary.setText(
            f"<b>{rich_escape(self.doc.design.name)}</b><br>{kind} electrolyte · dendrite risk <b>{fmt(risk, 3)}</b> · "
            f"{'sodiophilic' if rec['sodiophilic'] else 'sodiophobic'} surface"
            + (f"<br><span style='color:#b00'>⚠ {self.unrated}</span>" if self.unrated else "")
            + (f"<br>{fitted}" if (fitted := fitted_line(self.doc.resolved)[0]) else "")
        )
        self.summary.setToolTip(fitted_line(self.doc.resolved)[1])
        self._show_intervals(stale=True)
        self.interval_timer.start()

    def _show_ccd_reason(self, result) -> None:
        """Solid designs: the limiting mechanism by name in its row, and both limits with the reason below the
        summary (anodelab.simulate.solid_curves builds the text; the card only shows it)."""
        from ..simulate.solid_curves import ccd_explanation, ccd_limit_name

        name = ccd_limit_name(result, 0)
        self.ccd_reason.setVisible(bool(name))
        if not name:
            self.ccd_reason.setText("")
            return
        why = ccd_explanation(result, 0, self.doc.design.conditions.stack_pressure_MPa)
        self.ccd_reason.setText(f"<b>CCD</b> {rich_escape(why)}")
        item = self.table.item(self.rows["ccd_limiting_mechanism"], 1)
        item.setText(name.split(" (")[0])  # "stripping" / "plating": the value column stays narrow
        item.setToolTip(item.toolTip() + f"<br>{rich_escape(why)}")

    def _build_ended_by_row(self, r: int) -> None:
        """Cell section: the row "Ended by" (the value spans the value, unit and interval columns)."""
        self.rows["failure_mechanism"] = r
        self.table.setItem(r, 0, QTableWidgetItem("Ended by"))
        self.table.setItem(r, 1, QTableWidgetItem(""))
        self.table.setSpan(r, 1, 1, len(COLUMNS) - 1)

    def _show_ended_by(self, rec: dict, result) -> None:
        """What ends the cell's cycle life: the lifetime model's earliest mechanism (``failure_mechanism``),
        n/a without a cathode (no cell cycle life), "—" when no mechanism acts (an unbounded life)."""
        from ..lifetime.failure import DESCRIPTIONS
        from .cell_labels import cell_ended_by_text

        r = self.rows["failure_mechanism"]
        mech = rec.get("failure_mechanism")
        life = float(result.value("cell_cycle_life_cycles")[0])
        text = "n/a" if np.isnan(life) else cell_ended_by_text(result.si, 0, mech)
        tip = ("<b>Ended by</b>: the mechanism that ends the cell's cycle life first, the minimum of the capacity "
               "fade (cathode × Na inventory), electrolyte dry-out and the dendritic shorts (anodelab.cell.energy, "
               "anodelab.lifetime; engine key <code>failure_mechanism</code> when the anode ends it)")
        if np.isnan(life):
            tip += "<br>Not applicable: the design has no cathode."
        elif mech:
            tip += f"<br><code>{mech}</code>: {rich_escape(DESCRIPTIONS.get(mech, ''))}"
        for c in (0, 1):
            self.table.item(r, c).setToolTip(tip)
        self.table.item(r, 1).setText(text)

    def ended_by(self) -> str:
        """The Cell section's "Ended by" text."""
        return self.table.item(self.rows["failure_mechanism"], 1).text()

    # ------------------------------------------------------------------ intervals (worker)
    def interval_text(self, key: str) -> str:
        return self.table.item(self.rows[key], INTERVAL_COLUMN).text()  # INTERVAL_DIGITS significant digits

    def intervals_current(self) -> bool:
        """True when the interval column belongs to the design shown (not a previous one)."""
        return self.intervals is not None and self._intervals_design is self.doc.design

    def _start_intervals(self) -> None:
        self.interval_timer.stop()
        self.interval_runner.start(interval_task, self.doc.design, label="intervals")

    def _intervals_done(self, out) -> None:
        design, result = out
        if design is not self.doc.design:  # an edit came in after this job started: its own job follows
            return
        self.intervals, self._intervals_design = result, design
        self._show_intervals(stale=False)

    def _intervals_failed(self, message: str) -> None:
        self.intervals = None
        for spec in self.specs:
            item = self.table.item(self.rows[spec.key], INTERVAL_COLUMN)
            item.setText("—")
            item.setToolTip(f"Intervals could not be computed: {message}")

    def _show_intervals(self, stale: bool) -> None:
        with self._resize_once():
            self._fill_intervals(stale)

    def _fill_intervals(self, stale: bool) -> None:
        note = self.intervals.method_record()["note"] if self.intervals is not None else ""
        grey = QBrush(QColor("#8a8a8a")) if stale else QBrush()
        for spec in self.specs:
            item = self.table.item(self.rows[spec.key], INTERVAL_COLUMN)
            item.setText(interval_text(self.intervals, spec.key, INTERVAL_DIGITS))
            item.setForeground(grey)
            item.setToolTip(("<i>updating…</i><br>" if stale else "") + f"5–95 % interval of {spec.label}.<br>{note}")

    def shutdown(self) -> None:
        """Stop the interval worker (the window calls this on close)."""
        self.interval_timer.stop()
        self.interval_runner.shutdown()
