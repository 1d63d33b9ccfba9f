"""CCD plots beside the Arrhenius and CCD plot tabs (solid-state model v2, issue 12, item 5).

* Arrhenius tab: CCD(T) beside the interfacial ASR(T), on the same 1000/T axis with °C on top, so that the two
  slopes read side by side (the CCD's apparent activation in the title);
* CCD tab: CCD against stack pressure beside the CCD ramp.

Each side plot is :class:`anodelab.gui.solid_views.CCDPlot` (the CCD = min(limits), the stripping (voids) and
plating (penetration) limits, the design's operating point ★ and the measured CCDs on the same solid
electrolyte ●/○) drawn from :mod:`anodelab.simulate.solid_curves` for the window's current design (pinned designs
are not drawn here: the Compare tab shows them). The legend is a label under the plot, outside the data. A liquid
design hides the side plot (CCD(T) and CCD(P) apply to solid electrolytes), so liquid designs keep their views.
The side plot observes the window's document and redraws only while visible.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QSizePolicy, QSplitter, QVBoxLayout, QWidget

from ..constants import ZERO_CELSIUS_K
from ..errors import AnodeLabError
from .solid_views import _CCD, _LIT, _OP, _PLATE, _STRIP, CCDPlot

#: panel width [px] from which the side plot sits beside the main plot (below it: under the main plot)
WIDE_PX = 900
#: °C marks of the top axis (those inside the plotted 1000/T range are shown)
_C_TICKS = (-40, -20, 0, 20, 40, 60, 80, 100)


def inverse_kK(t_C):
    """1000/T [K⁻¹] of a temperature in °C."""
    return 1000.0 / (np.asarray(t_C, float) + ZERO_CELSIUS_K)


def to_inverse_temperature(curve):
    """A CCD(T) curve (x in °C) with x, the operating point and the literature points on 1000/T [K⁻¹]."""
    return replace(curve, x=inverse_kK(curve.x), operating_x=float(inverse_kK(curve.operating_x)),
                   literature=tuple(replace(p, x=float(inverse_kK(p.x))) for p in curve.literature),
                   asr_literature=tuple(replace(p, x=float(inverse_kK(p.x))) for p in curve.asr_literature))


class ArrheniusCCDPlot(CCDPlot):
    """CCD against 1000/T [K⁻¹] with a °C axis on top (the Arrhenius tab's axes)."""

    def set_curve(self, c) -> None:  # c: a CCD(T) curve in °C (anodelab.simulate.solid_curves.ccd_vs_temperature)
        inv = to_inverse_temperature(c)
        super().set_curve(inv)
        pi = self.plotItem
        pi.setLabel("bottom", "1000/T [K⁻¹]")
        lo, hi = float(min(inv.x.min(), *(p.x for p in inv.literature), inv.operating_x)), \
            float(max(inv.x.max(), *(p.x for p in inv.literature), inv.operating_x))
        pi.showAxis("top")
        top = pi.getAxis("top")
        top.setTicks([[(float(inverse_kK(t)), f"{t}") for t in _C_TICKS if lo - 1e-9 <= inverse_kK(t) <= hi + 1e-9], []])
        top.setLabel("T [°C]")
        pi.getAxis("left").setWidth(64)  # as the Arrhenius panel's, so that the two 1000/T axes line up
        if self.follow is not None:
            self.follow_range(self.follow.viewRange()[0])

    #: the Arrhenius panel's ViewBox whose 1000/T range this plot follows (None: own range)
    follow = None

    def follow_range(self, x_range) -> None:
        self.plotItem.setXRange(float(x_range[0]), float(x_range[1]), padding=0)


class SolidSidePlot(QWidget):
    """CCD(T) (``variable="temperature_C"``) or CCD(P) (``"stack_pressure_MPa"``) of the current design, with its
    legend under the plot; hidden for a liquid design or a design the engine cannot score."""

    def __init__(self, variable: str, doc=None, parent: QWidget | None = None):
        super().__init__(parent)
        self.variable = variable
        self.setObjectName(f"SolidSide_{variable}")
        if variable == "temperature_C":
            self.plot = ArrheniusCCDPlot("CCD against temperature (this design)")
        else:
            self.plot = CCDPlot("CCD against stack pressure (this design)")
        self.plot.plotItem.setLabel("left", "CCD [mA cm⁻²]")
        self.plot.setMinimumSize(200, 150)
        self.legend = QLabel(" &nbsp; ".join(
            f'<span style="color:{colour}; white-space:nowrap">{text}</span>' for colour, text in (
                (_CCD, "━━ CCD = min(limits)"), (_STRIP, "╌╌ stripping (voids)"), (_PLATE, "┈┈ plating (penetration)"),
                (_OP, "★ this design"), (_LIT, "● measured, same stack"), (_LIT, "○ same electrolyte, other interlayer"),
                (_LIT, "⬆/⬇ bound: sustained (CCD ≥) / failed (CCD ≤)"))))
        self.legend.setWordWrap(True)
        self.legend.setTextFormat(Qt.TextFormat.RichText)
        self.note = QLabel("")  # the reason line: apparent activation (T) or the limit at the operating pressure (P)
        self.note.setWordWrap(True)
        self.note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(self.plot, 1)
        lay.addWidget(self.legend)
        lay.addWidget(self.note)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.curve = None  # the CCDCurve drawn (tests, reports), in the engine's units (°C or MPa)
        self._design = None
        self._dirty = False
        self._host: QWidget | None = None
        self.doc = doc
        if doc is not None:
            doc.changed.connect(self._changed)
            self._design, self._dirty = doc.design, True
        self.setVisible(False)  # until drawn for a solid-electrolyte design

    # --------------------------------------------------------------- observing the document
    def watch(self, host: QWidget) -> None:
        """Redraw when ``host`` (the plot panel this plot sits in) is shown: this widget itself is hidden while
        the design is liquid, so its own show event would never come."""
        self._host = host
        host.installEventFilter(self)

    def eventFilter(self, obj, event) -> bool:
        if obj is self._host:
            if event.type() == QEvent.Type.Show and self._dirty and self._design is not None:
                self.set_design(self._design)
            elif event.type() == QEvent.Type.Resize:
                self._orient(event.size().width())
        return False

    def _orient(self, width: int) -> None:
        """Beside the plot in a wide panel, under it in a narrow one (the docked window gives the plot tabs
        ≈ 550 px: two plots of 270 px each clipped their titles and tick labels)."""
        splitter = self.parentWidget()
        if isinstance(splitter, QSplitter):
            want = Qt.Orientation.Horizontal if width >= WIDE_PX else Qt.Orientation.Vertical
            if splitter.orientation() != want:
                splitter.setOrientation(want)

    def _changed(self, design) -> None:
        self._design, self._dirty = design, True
        if self._host is not None and self._host.isVisible():
            self.set_design(design)

    # --------------------------------------------------------------- drawing
    def set_design(self, design) -> None:
        from ..simulate.solid_curves import ccd_vs_pressure, ccd_vs_temperature

        self._design, self._dirty = design, False
        if design is None or design.electrolyte is None:
            self._hide()
            return
        c = design.conditions
        try:
            if self.variable == "temperature_C":
                from .plot_data import view_settings

                s = view_settings("arrhenius", [design], [])  # the Arrhenius tab's temperature range
                curve = ccd_vs_temperature(design, s["t_min_C"], min(s["t_max_C"], 95.0), s["points"])
            else:
                curve = ccd_vs_pressure(design, p_max_MPa=max(10.0, 1.2 * c.stack_pressure_MPa))
        except AnodeLabError:  # a liquid electrolyte, or a design the engine refuses (the score card says why)
            self._hide()
            return
        self.curve = curve
        self.plot.set_curve(curve)
        self._mark_host_asr(curve)
        self.plot.plotItem.setLabel("left", "CCD [mA cm⁻²]")
        if self.variable == "temperature_C":
            ea = curve.apparent_activation_eV
            self.note.setText(
                f"CCD {curve.operating_ccd_mA_cm2:.3g} mA cm⁻² at {curve.operating_x:g} °C, {c.stack_pressure_MPa:g} MPa, "
                f"{c.areal_capacity_mAh_cm2:g} mAh cm⁻² per half cycle"
                + (f"; apparent activation {ea:.3g} eV (least squares of ln CCD on 1/T, {curve.x[0]:g}–{curve.x[-1]:g} °C; "
                   "measured 0.13–0.15 eV, Lowack et al. 2026)" if np.isfinite(ea) else "")
                + (f"; on ASR(T), measured interface ASRs on this electrolyte: "
                   + ", ".join(f"{p.record_id} {p.asr_ohm_cm2:g}" for p in
                               sorted(curve.asr_literature, key=lambda q: q.asr_ohm_cm2))
                   + " Ω cm² (●/○ same/other interlayer, ▲ stack pressure not stated)"
                   if curve.asr_literature and self.host_plot is not None else ""))
        else:
            self.note.setText(
                f"CCD {curve.operating_ccd_mA_cm2:.3g} mA cm⁻² at {curve.operating_x:g} MPa, {c.temperature_C:g} °C, "
                f"{c.areal_capacity_mAh_cm2:g} mAh cm⁻² per half cycle; at {curve.x[-1]:g} MPa "
                f"{float(curve.ccd_mA_cm2[-1]):.3g} mA cm⁻²")
        self.setVisible(True)

    def _hide(self) -> None:
        self.curve = None
        self._mark_host_asr(None)
        self.setVisible(False)

    #: the Arrhenius panel's plot (pyqtgraph PlotWidget) on which the measured interface ASRs are drawn (attach sets it)
    host_plot = None

    def _mark_host_asr(self, curve) -> None:
        """The measured interface ASRs on the design's electrolyte (solid_curves.asr_literature_points) on the
        Arrhenius panel's ASR(T) plot, at 1000/T: filled = same stack, open = other interlayer, triangle = stack pressure
        not stated (their ids and values are in the side plot's note). Removed for a liquid design."""
        if self.host_plot is None:
            return
        pi = self.host_plot.getPlotItem()
        for it in getattr(self, "_host_items", []):
            pi.removeItem(it)
        self._host_items = []
        self.asr_points = () if curve is None else curve.asr_literature
        if not self.asr_points:
            return
        pts = [replace(p, x=float(inverse_kK(p.x))) for p in self.asr_points]
        for stated in (True, False):
            for same in (True, False):
                sel = [p for p in pts if p.same_stack == same and p.pressure_stated == stated]
                if sel:
                    it = pg.PlotDataItem([p.x for p in sel], [p.asr_ohm_cm2 for p in sel], pen=None,
                                         symbol="o" if stated else "t1", symbolSize=9, symbolBrush=_LIT if same else None,
                                         symbolPen=pg.mkPen(_LIT, width=1.5))
                    pi.addItem(it)
                    self._host_items.append(it)
        # no record ids on this plot: in the docked window it is ≈ 130 px high and they overprint each other and the
        # operating point's label; the side plot's note lists them with their values



def attach(window) -> dict[str, SolidSidePlot]:
    """Put CCD(T) beside the Arrhenius plot and CCD(P) beside the CCD ramp of ``window`` (a MainWindow with
    ``panels`` and ``doc``); returns the side plots by panel key (also kept as ``window.solid_sides``)."""
    sides = {}
    for key, variable in (("arrhenius", "temperature_C"), ("ccd", "stack_pressure_MPa")):
        panel = window.panels.get(key)
        if panel is None:
            continue
        side = SolidSidePlot(variable, window.doc)
        panel.add_side(side)
        side.watch(panel)
        side._orient(panel.width())
        if isinstance(side.plot, ArrheniusCCDPlot):  # one 1000/T range on both plots: zooming ASR(T) zooms CCD(T)
            vb = panel.plot.getPlotItem().getViewBox()
            side.plot.follow = vb
            side.host_plot = panel.plot
            vb.sigXRangeChanged.connect(lambda _vb, rng, p=side.plot: p.follow_range(rng))
        if panel.isVisible():
            side.set_design(window.doc.design)
        sides[key] = side
    window.solid_sides = sides
    return sides
