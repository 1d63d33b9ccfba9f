"""Solid-state views (model v2, issue 12): CCD against temperature and against stack pressure, and why.

:func:`build_solid_views` builds the widget for one design (tests, reports); :class:`SolidStateTab` is the
same widget as a tab of the main window, observing the window's document and redrawing only while visible.
Each plot shows the CCD (the smaller of the two limits), the stripping (voids) and plating (penetration)
limits, the design's operating point, and the measured CCDs on the same solid electrolyte (filled: same
interlayer as the design; open: other interlayers), from :mod:`anodelab.simulate.solid_curves`. Under each, the
interface ASR = R_int(T) / f_c(P, T) along the same axis with the measured ASRs on the same electrolyte (ASR(T)
beside CCD(T), ASR(P) beside CCD(P)): the ASR(P) curve flattens at R_int once the contact is full.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QSizePolicy, QVBoxLayout, QWidget

from ..errors import AnodeLabError
from .follow_design import FollowsDesign

NEEDS_SOLID = ("CCD against temperature and stack pressure needs a solid electrolyte.\n"
               "Drop a solid electrolyte (e.g. NZSP) on the electrolyte slot.")
_CCD, _STRIP, _PLATE, _OP, _LIT, _ASR = "#1f5fbf", "#e07b00", "#c0392b", "#000000", "#2a9d3a", "#6a3d9a"


def _LogAxis(orientation: str):  # noqa: N802 - the axis class of anodelab.report.plots (1, 2, 5 per decade)
    from ..report.plots import log_axis_125

    return log_axis_125(orientation)


def _label_points(pi, points, xs, curve=None, y_log_range=None) -> None:
    """Record ids beside measured points (log y), placed by :func:`anodelab.report.point_labels.place_labels`: shared
    labels for coincident points, pointing inwards, above/below a point as it lies above/below ``curve``, none over
    another label (a moved label has a leader line to its point)."""
    from ..report.plots import draw_point_labels

    size = pi.vb.size() if pi.vb is not None else None
    frame = (float(size.width()), float(size.height())) if size is not None else None
    draw_point_labels(pi, points, xs, curve, y_log_range, color=_LIT, frame_px=frame)


def _point_label(p, c) -> str:
    """Record id, with its other condition where it differs from the curve's (a CCD measured at 9 MPa on a CCD(T)
    curve drawn at 0 MPa says so: "SJ20-9MPa (9 MPa)")."""
    o, ref = getattr(p, "other", float("nan")), getattr(c, "other_value", float("nan"))
    sign = getattr(p, "bound_sign", "")
    rid = f"{p.record_id} {sign}" if sign else p.record_id  # a bound: "Brighi22-s1MPa ≥"
    if not (np.isfinite(o) and np.isfinite(ref)) or abs(o - ref) < 1e-9:
        return rid
    return f"{rid} ({o:g} {'MPa' if c.variable == 'temperature_C' else '°C'})"


#: marker of a literature CCD: a measured value is a circle; a bound a triangle pointing where the CCD lies
#: (an arrow up: the cell sustained the current, CCD ≥ it; down: it had already failed, CCD ≤ it; triangles are the
#: ASR plots' "pressure not stated")
_BOUND_SYMBOL = {"equal": "o", "at_least": "arrow_up", "at_most": "arrow_down"}
_BOUND_NAME = {"equal": "measured", "at_least": "sustained (CCD ≥)", "at_most": "failed (CCD ≤)"}


class CCDPlot(pg.PlotWidget):
    """One CCD(x) plot: log-scaled CCD axis, both limits, operating point and literature points."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent=parent, axisItems={"left": _LogAxis("left")})
        self.setBackground("w")
        self.plotItem.setTitle(title, color="k", size="10pt")
        self.plotItem.setLogMode(x=False, y=True)
        self.plotItem.showGrid(x=True, y=True, alpha=0.25)
        self.plotItem.setLabel("left", "CCD (mA cm⁻²)")
        for side in ("left", "bottom"):
            self.plotItem.getAxis(side).enableAutoSIPrefix(False)
        self.curve_count = 0
        self.literature_count = 0
        self.setMinimumSize(200, 140)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_curve(self, c) -> None:
        pi = self.plotItem
        pi.clear()
        pi.setLabel("bottom", f"{c.x_label} ({c.x_unit})")
        pi.plot(c.x, c.ccd_mA_cm2, pen=pg.mkPen(_CCD, width=3), name="CCD = min(limits)")
        pi.plot(c.x, c.stripping_mA_cm2, pen=pg.mkPen(_STRIP, width=1.5, style=Qt.PenStyle.DashLine),
                name="stripping (voids)")
        pi.plot(c.x, c.plating_mA_cm2, pen=pg.mkPen(_PLATE, width=1.5, style=Qt.PenStyle.DotLine),
                name="plating (penetration)")
        pi.plot([c.operating_x], [c.operating_ccd_mA_cm2], pen=None, symbol="star", symbolSize=16,
                symbolBrush=_OP, symbolPen=_OP, name="this design")
        for kind in ("equal", "at_least", "at_most"):
            for same_stack in (True, False):
                sel = [p for p in c.literature if p.same_stack == same_stack
                       and getattr(p, "comparison", "equal") == kind]
                if sel:
                    pi.plot([p.x for p in sel], [p.ccd_mA_cm2 for p in sel], pen=None, symbol=_BOUND_SYMBOL[kind],
                            symbolSize=9 if kind == "equal" else 20, symbolBrush=_LIT if same_stack else None,
                            symbolPen=pg.mkPen(_LIT, width=1.5),
                            name=f"{_BOUND_NAME[kind]}, {'same stack' if same_stack else 'other interlayer'}")
        xs = np.concatenate([c.x, [p.x for p in c.literature]])
        ys = np.concatenate([c.ccd_mA_cm2, c.stripping_mA_cm2, c.plating_mA_cm2,
                             [p.ccd_mA_cm2 for p in c.literature], [c.operating_ccd_mA_cm2]])
        ys = ys[np.isfinite(ys) & (ys > 0)]
        y_range = None
        if ys.size:
            lo, hi = np.log10(ys.min()), np.log10(ys.max())
            y_range = (float(lo - 0.15), float(hi + 0.35))
            pi.setYRange(*y_range, padding=0)
        _label_points(pi, [(p.x, p.ccd_mA_cm2, _point_label(p, c)) for p in c.literature], xs, (c.x, c.ccd_mA_cm2),
                      y_range)
        pi.setXRange(float(xs.min()), float(xs.max()), padding=0.04)
        self.curve_count = 4
        self.literature_count = len(c.literature)


class ASRPlot(CCDPlot):
    """Interfacial ASR(x) = R_int(T) / f_c(P, T) per interface, the operating point and the measured ASRs on the
    same electrolyte (triangles: the paper's stack pressure is not known, the point sits at 0 or an assumed value)."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.plotItem.setLabel("left", "Interface ASR (Ω cm²)")

    def set_curve(self, c) -> None:
        pi = self.plotItem
        pi.clear()
        pi.setLabel("bottom", f"{c.x_label} ({c.x_unit})")
        pi.plot(c.x, c.asr_ohm_cm2, pen=pg.mkPen(_ASR, width=3), name="interface ASR")
        pi.plot([c.operating_x], [c.operating_asr_ohm_cm2], pen=None, symbol="star", symbolSize=16,
                symbolBrush=_OP, symbolPen=_OP, name="this design")
        pts = c.asr_literature
        for stated in (True, False):
            for same in (True, False):
                sel = [p for p in pts if p.same_stack == same and p.pressure_stated == stated]
                if sel:
                    pi.plot([p.x for p in sel], [p.asr_ohm_cm2 for p in sel], pen=None,
                            symbol="o" if stated else "t1", symbolSize=9, symbolBrush=_LIT if same else None,
                            symbolPen=pg.mkPen(_LIT, width=1.5))
        xs = np.concatenate([c.x, [p.x for p in pts]])
        ys = np.concatenate([c.asr_ohm_cm2, [p.asr_ohm_cm2 for p in pts], [c.operating_asr_ohm_cm2]])
        ys = ys[np.isfinite(ys) & (ys > 0)]
        y_range = None
        if ys.size:
            y_range = (float(np.log10(ys.min()) - 0.15), float(np.log10(ys.max()) + 0.35))
            pi.setYRange(*y_range, padding=0)
        _label_points(pi, [(p.x, p.asr_ohm_cm2, p.record_id) for p in pts], xs, (c.x, c.asr_ohm_cm2), y_range)
        pi.setXRange(float(xs.min()), float(xs.max()), padding=0.04)
        self.curve_count = 1
        self.literature_count = len(pts)


class SolidStateTab(FollowsDesign, QWidget):
    """CCD(T) and CCD(P) of a design, with the reason the CCD is what it is."""

    def __init__(self, parent: QWidget | None = None, *, design=None):
        super().__init__(parent)
        self.setObjectName("SolidStateTab")
        self.reason = QLabel("")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.t_plot = CCDPlot("CCD against temperature")
        self.p_plot = CCDPlot("CCD against stack pressure")
        self.ta_plot = ASRPlot("ASR against temperature")
        self.pa_plot = ASRPlot("ASR against stack pressure")
        # the legend sits below the plots (an in-plot legend would cover data somewhere on one of them)
        self.legend = QLabel(
            f'<span style="color:{_CCD}">━━ CCD = min(limits)</span> &nbsp; '
            f'<span style="color:{_STRIP}">╌╌ stripping (voids)</span> &nbsp; '
            f'<span style="color:{_PLATE}">┈┈ plating (penetration)</span> &nbsp; '
            f'<span style="color:{_ASR}">━━ interface ASR = R_int(T) / f_c(P, T)</span> &nbsp; '
            f'<span style="color:{_OP}">★ this design</span><br>'
            f'<span style="color:{_LIT}">● measured, same stack &nbsp; ○ same electrolyte, other interlayer &nbsp; '
            '⬆/⬇ a bound: the cell sustained (CCD ≥) / had already failed at (CCD ≤) that current &nbsp; '
            '▲ stack pressure not stated (placed at 0 or the value assumed)</span>')
        self.legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.legend.setWordWrap(True)
        self.message = QLabel(NEEDS_SOLID)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        grid = QGridLayout()  # temperature on the left, stack pressure on the right; ASR under CCD
        grid.addWidget(self.t_plot, 0, 0)
        grid.addWidget(self.p_plot, 0, 1)
        grid.addWidget(self.ta_plot, 1, 0)
        grid.addWidget(self.pa_plot, 1, 1)
        grid.setRowStretch(0, 3)
        grid.setRowStretch(1, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.reason)
        lay.addLayout(grid, 1)
        lay.addWidget(self.legend)
        lay.addWidget(self.message, 1)
        self.follow_design(parent, design)

    def set_design(self, design) -> None:
        from ..simulate.solid_curves import ccd_explanation, ccd_vs_pressure, ccd_vs_temperature

        self._design, self._dirty = design, False
        try:
            result = self.result_for(design)
            solid = bool(result.is_solid[0])
        except AnodeLabError as exc:
            self._show_message(f"Solid-state views unavailable: {exc}")
            return
        if not solid:
            self._show_message(NEEDS_SOLID)
            return
        c = design.conditions
        ct = ccd_vs_temperature(design)
        cp = ccd_vs_pressure(design, p_max_MPa=max(10.0, 1.2 * c.stack_pressure_MPa))
        self.t_plot.set_curve(ct)
        self.p_plot.set_curve(cp)
        self.ta_plot.set_curve(ct)
        self.pa_plot.set_curve(cp)
        self.ta_plot_curve, self.pa_plot_curve = ct, cp  # the curves drawn (tests, reports)
        ea = ct.apparent_activation_eV
        self.reason.setText(
            f"CCD {result.value('ccd_mA_cm2')[0]:.3g} mA cm⁻² at {c.temperature_C:g} °C, {c.stack_pressure_MPa:g} MPa, "
            f"{c.areal_capacity_mAh_cm2:g} mAh cm⁻² per half cycle — "
            + ccd_explanation(result, 0, c.stack_pressure_MPa)
            + (f". Apparent activation of CCD(T) over {ct.x[0]:g}–{ct.x[-1]:g} °C: {ea:.2f} eV "
               "(measured 0.13–0.15 eV for Na on NZSP / β″-alumina, Lowack et al. 2026)." if np.isfinite(ea) else "."))
        self.message.setVisible(False)
        self.legend.setVisible(True)
        for plot in (self.t_plot, self.p_plot, self.ta_plot, self.pa_plot):
            plot.setVisible(True)
        self.reason.setToolTip("CCD(T) at the design's stack pressure and capacity per half cycle; CCD(P) at its "
                               "temperature and capacity (anodelab.simulate.solid_curves)")

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        self.reason.setText("")
        self.legend.setVisible(False)
        for plot in (self.t_plot, self.p_plot, self.ta_plot, self.pa_plot):
            plot.setVisible(False)


def build_solid_views(design, parent: QWidget | None = None) -> SolidStateTab:
    """The solid-state views for one design (not bound to a window's document)."""
    return SolidStateTab(parent, design=design)
