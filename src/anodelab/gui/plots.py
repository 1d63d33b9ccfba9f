"""Central plot tabs (pyqtgraph): simulated profiles of the current design and the pinned ones,
plus the nucleation free-energy curve ΔG(r) of Eqs. 1-3.

Each :class:`PlotPanel` has axis labels with units, a legend, a crosshair read-out and, in its
context menu, export to PNG / SVG / CSV. A panel shows a message instead of an empty plot when a
protocol does not apply (CCD of a liquid electrolyte) or the simulation module is missing.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QFileDialog, QFrame, QGraphicsItem, QLabel, QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget,
)

from ..constants import EV_J
from ..errors import AnodeLabError
from ..fileio import atomic_write_text
from ..physics.nucleation import critical_radius_m, free_energy_curve_J
from ..report.decimate import MAX_POINTS, decimate, finite_count
from .formatting import fmt, label_of, unit_of

#: Curve colours: the current design first, then the pinned designs.
COLOURS = ("#1f5fbf", "#e07b00", "#2a9d3a", "#c0392b", "#8e44ad")

pg.setConfigOptions(antialias=True, background="w", foreground="k")


def simulate_api():
    """``(simulate, PROTOCOLS)`` of :mod:`anodelab.simulate`, or None while that package is missing."""
    try:
        from ..simulate import PROTOCOLS, simulate
    except ImportError:
        return None
    return simulate, PROTOCOLS


@dataclass
class Curve:
    x: np.ndarray
    y: np.ndarray
    name: str
    colour: str
    width: float = 2.0
    style: Qt.PenStyle = Qt.PenStyle.SolidLine


@dataclass
class PlotData:
    """What a panel draws: curves, axis labels (with units) and extra marks."""

    curves: list[Curve]
    x_label: str
    x_unit: str
    y_label: str
    y_unit: str
    log_y: bool = False
    log_x: bool = False
    equal_aspect: bool = False
    notes: list[str] = field(default_factory=list)
    vlines: list[tuple[float, str, str]] = field(default_factory=list)  # (x, label, colour)
    points: list[tuple[float, float, str]] = field(default_factory=list)  # (x, y, colour)


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def decade_label(k: int) -> str:
    """10^k as it is printed on a log axis: 1, 10, 10², 10⁻³ …"""
    if k == 0:
        return "1"
    if k == 1:
        return "10"
    return "10" + str(k).translate(_SUPERSCRIPT)


class PlotPanel(QWidget):
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
        self.legend = self.plot.addLegend(offset=(-10, 10))
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
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.readout)
        lay.addWidget(self.notes_area)
        self._items: list = []
        self.plot.scene().sigMouseMoved.connect(self._mouse_moved)
        menu = self.plot.getPlotItem().getViewBox().menu
        menu.addSeparator()
        self.export_actions: dict[str, QAction] = {}
        for fmt_ in ("png", "svg", "csv"):
            act = QAction(f"Export {fmt_.upper()}…", self)
            act.triggered.connect(lambda _=False, f=fmt_: self.export_interactive(f))
            menu.addAction(act)
            self.export_actions[fmt_] = act

    # ------------------------------------------------------------------ drawing
    def show_message(self, text: str, action: tuple | None = None) -> None:
        """Show ``text`` instead of the plot; ``action`` = (button text, callback) adds one button."""
        self.message = text
        self.data = None
        self.msg_label.setText(text)
        self._msg_callback = action[1] if action else None
        self.msg_button.setText(action[0] if action else "")
        self.msg_button.setVisible(action is not None)
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
            self.show_message(f"{self.title}: nothing to draw: the model gives no finite "
                              f"{data.y_label.lower()} for this design.\n\n{notes}".rstrip())
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
            self.legend.clear()
            self._curve_items = [pi.plot([], [], pen=pg.mkPen(c.colour, width=c.width, style=c.style), name=c.name,
                                         connect="finite") for c in data.curves]
            self._curve_names = names
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
                envelope.append(f"{c.name}: {kept:,} of {total:,} points drawn (min/max envelope)")
            item.setData(x, y, connect="finite")
        self._set_decade_ticks(data)
        self._place_marks(pi, data)
        pi.enableAutoRange()
        notes = list(data.notes)
        if envelope:
            notes.append("; ".join(envelope) + "; Export CSV… writes every point.")
        self.notes.setText("<br>".join(notes))
        self.notes.setToolTip("<br>".join(notes))

    def _place_marks(self, pi, data: PlotData) -> None:
        """Vertical marker lines and points (r_crit on ΔG(r)): moved in place when only their values
        change, re-created only when their number, labels' colours or styles change (creating labelled
        lines is a large part of a redraw)."""
        layout = ([c for _x, _label, c in data.vlines], [c for _x, _y, c in data.points])
        if layout != getattr(self, "_marks_layout", None):
            for it in self._items:
                pi.removeItem(it)
            self._items = []
            for _x, label, colour in data.vlines:
                line = pg.InfiniteLine(angle=90, movable=False, pen=pg.mkPen(colour, width=1.5, style=Qt.PenStyle.DotLine),
                                       label=label, labelOpts={"position": 0.85, "color": colour, "fill": (255, 255, 255, 200)})
                pi.addItem(line)
                self._items.append(line)
            for _x, _y, colour in data.points:
                sp = pg.ScatterPlotItem(size=9, brush=pg.mkBrush(colour), pen=pg.mkPen("k"))
                pi.addItem(sp)
                self._items.append(sp)
            self._marks_layout = layout
        n = len(data.vlines)
        for line, (x, label, _colour) in zip(self._items[:n], data.vlines):
            line.setPos(x)
            line.label.setFormat(label)
        for sp, (x, y, _colour) in zip(self._items[n:], data.points):
            sp.setData([x], [y])

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
        return 0 if self.data is None else len(self.data.curves)

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

    # ------------------------------------------------------------------ export
    def csv_text(self) -> str:
        """Long-format CSV: design, x [unit], y [unit] – one row per point of every curve."""
        if self.data is None:
            raise AnodeLabError(f"nothing to export: {self.message or 'no data'}")
        d = self.data
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["design", f"{d.x_label} [{d.x_unit}]", f"{d.y_label} [{d.y_unit}]"])
        for c in d.curves:
            for x, y in zip(np.asarray(c.x, float), np.asarray(c.y, float)):
                if np.isfinite(x) and np.isfinite(y):
                    w.writerow([c.name, repr(float(x)), repr(float(y))])
        return buf.getvalue()

    def export(self, path: str | Path, fmt_: str | None = None) -> Path:
        """Export the plot to PNG / SVG / CSV (chosen by ``fmt_`` or the file suffix)."""
        import pyqtgraph.exporters as pgexp

        path = Path(path)
        fmt_ = (fmt_ or path.suffix.lstrip(".")).lower()
        if self.data is None:
            raise AnodeLabError(f"nothing to export: {self.message or 'no data'}", file=str(path))
        try:
            if fmt_ == "csv":
                atomic_write_text(path, self.csv_text())
            elif fmt_ == "png":
                ex = pgexp.ImageExporter(self.plot.getPlotItem())
                ex.parameters()["width"] = max(1200, self.plot.width())
                ex.export(str(path))
            elif fmt_ == "svg":
                pgexp.SVGExporter(self.plot.getPlotItem()).export(str(path))
            else:
                raise AnodeLabError("unknown export format (png, svg or csv)", file=str(path))
        except OSError as exc:
            raise AnodeLabError(f"cannot write ({exc.strerror or exc})", file=str(path)) from None
        self.exported.emit(str(path))
        return path

    def export_interactive(self, fmt_: str) -> None:
        filters = {"png": "PNG image (*.png)", "svg": "SVG vector image (*.svg)", "csv": "CSV table (*.csv)"}
        path, _ = QFileDialog.getSaveFileName(self, f"Export {self.title}", f"{self.key}.{fmt_}", filters[fmt_])
        if not path:
            return
        if not path.lower().endswith("." + fmt_):
            path += "." + fmt_
        try:
            self.export(path, fmt_)
        except AnodeLabError as exc:
            from .editing import show_error

            show_error(self, "Export failed", exc)


# ====================================================================== data builders


def nucleation_data(designs: list, results: list) -> PlotData:
    """ΔG(r) of Eq. 1 (homogeneous form, Eq. 2 volume term) with r_crit (Eq. 3) marked, per design.

    Uses the score's interfacial energy ``gamma_J_m2`` and driving overpotential ``eta_drive_V``.
    """
    curves, vlines, points, notes = [], [], [], []
    rmax = 0.0
    crit = []
    for d, r in zip(designs, results):
        gamma = float(r.si["gamma_J_m2"][0])
        eta = float(r.si["eta_drive_V"][0])
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            rc = float(critical_radius_m(gamma, eta))
        if not (np.isfinite(eta) and np.isfinite(rc) and rc > 0):
            rc = float("nan")  # η = ∞ (e.g. T → 0 K) or 0: no barrier to draw; the note says why
        crit.append((gamma, eta, rc))
        if np.isfinite(rc):
            rmax = max(rmax, 1.6 * rc)  # ΔG(1.5 r_crit) = 0: show the barrier and the downhill branch
    for i, ((d, _r), (gamma, eta, rc)) in enumerate(zip(zip(designs, results), crit)):
        colour = COLOURS[i % len(COLOURS)]
        if not np.isfinite(rc):
            curves.append(Curve(np.array([np.nan]), np.array([np.nan]), d.name, colour))
            notes.append(f"<span style='color:{colour}'>■</span> γ = {fmt(gamma, 3)} J m⁻², η = {fmt(eta * 1e3, 3)} mV: "
                         "no finite nucleation barrier (r_crit and ΔG* need a finite η > 0)")
            continue
        rr = np.linspace(0.0, rmax, 400)
        g = free_energy_curve_J(rr, gamma, eta) / EV_J
        g_star = float(free_energy_curve_J(rc, gamma, eta) / EV_J)
        curves.append(Curve(rr * 1e9, g, d.name, colour))
        vlines.append((rc * 1e9, f"r_crit = {fmt(rc * 1e9, 3)} nm", colour))
        points.append((rc * 1e9, g_star, colour))
        notes.append(
            f"<span style='color:{colour}'>■</span> γ = {fmt(gamma, 3)} J m⁻², η = {fmt(eta * 1e3, 3)} mV, "
            f"r_crit = {fmt(rc * 1e9, 3)} nm, ΔG*_hom = {fmt(g_star, 3)} eV"
        )
    notes.append("Eq. 1-3 (Lu et al. 2022): ΔG(r) = −(4/3)πr³ F|η|/V_m + 4πr²γ; r_crit = 2γV_m/(F|η|).")
    return PlotData(curves, "nucleus radius r", "nm", "ΔG(r)", "eV", vlines=vlines, points=points, notes=notes)


PROTOCOL_TITLES = {
    "deposition": "Deposition transient (Na | host half cell)",
    "symmetric": "Symmetric-cell cycling",
    "ccd": "Critical-current-density ramp",
    "eis": "Impedance (Nyquist)",
    "arrhenius": "Arrhenius plot of the area-specific resistance",
    "ce": "Coulombic efficiency (reservoir protocol)",
}
EVENT_LABELS = {
    "nucleation_overpotential_mV": ("η_n", "mV"),
    "plateau_overpotential_mV": ("plateau", "mV"),
    "lifetime_h": ("lifetime", "h"),
    "failure_mode": ("failure", ""),
    "ccd_mA_cm2": ("CCD", "mA cm⁻²"),
    "average_ce": ("mean CE", ""),
    "activation_energy_eV": ("E_a", "eV"),
}


def profile_data(rows: list, protocol: str) -> PlotData:
    """Curves of simulate() Profiles with event notes; ``rows`` = [(profile, row index, design name)]."""
    curves, notes = [], []
    first = rows[0][0]
    for k, (profile, i, name) in enumerate(rows):
        colour = COLOURS[k % len(COLOURS)]
        x = np.atleast_2d(np.asarray(profile.x, float))[i]
        y = np.atleast_2d(np.asarray(profile.y, float))[i]
        curves.append(Curve(x, y, name, colour, width=1.5))
        parts = []
        for key, arr in (getattr(profile, "events", {}) or {}).items():
            label, unit = EVENT_LABELS.get(key, (label_of(key), unit_of(key)))
            try:
                v = np.asarray(arr)[i]
            except (IndexError, TypeError):
                continue
            v = v.item() if hasattr(v, "item") else v
            parts.append(f"{label} = {fmt(v)} {unit}".rstrip())
        if parts:
            notes.append(f"<span style='color:{colour}'>■</span> {name}: " + ", ".join(parts))
    return PlotData(
        curves,
        first.x_label,
        first.x_unit,
        first.y_label,
        first.y_unit,
        log_y=protocol == "arrhenius",
        # the nucleation dip lasts milliseconds to seconds of an hour-long plating step: log time shows both
        log_x=protocol == "deposition",
        equal_aspect=protocol == "eis",
        notes=notes,
    )
