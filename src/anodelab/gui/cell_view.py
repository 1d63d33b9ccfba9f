"""The full cell at a glance (anodelab.cell): the first cycle's voltage profile at the design's depth of
discharge and the share of mass and volume per layer of the repeat unit.

Left: V(Q) of the first discharge and charge of :func:`anodelab.simulate.full_cell.simulate_full_cell`
(the cathode's V(SOC) curve ∓ the anode overpotential), against the capacity in mAh cm⁻². Right: two
stacked bars, mass and volume, one colour per layer (:func:`anodelab.cell.report.layer_table`), the
legend below the plots (outside the data). A design without a cathode gets a message saying how to add one.
One design and one cycle: cheap enough for the GUI thread (a few ms).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from ..errors import AnodeLabError
from .cell_labels import cathode_short_name, cell_ended_by_text
from .follow_design import FollowsDesign
from .plain_text import rich_escape

NEEDS_CATHODE = ("This design has no cathode. In the Design workspace, drop a cathode (Na₃V₂(PO₄)₃, Prussian white, a layered oxide …) "
                 "from the library onto the stack editor's empty cathode slot, or open "
                 "resources/examples/anode_free_nvp_pouch.toml, to see the full cell here.")
#: one colour per layer (anodelab.cell.energy.LAYERS + packaging), colour-blind-safe (Okabe–Ito + greys)
LAYER_COLOURS = {
    "positive_collector": "#999999",
    "cathode": "#0072B2",
    "separator": "#F0E442",
    "anode_coating": "#CC79A7",
    "na_metal": "#D55E00",
    "host": "#E69F00",
    "electrolyte": "#56B4E9",
    "packaging": "#555555",
}
DISCHARGE, CHARGE = "#0072B2", "#D55E00"


class CellView(FollowsDesign, QWidget):
    """Voltage profile at the DoD and the mass / volume share bar of the design's cell."""

    def __init__(self, parent: QWidget | None = None, *, design=None):
        super().__init__(parent)
        self.setObjectName("CellView")
        self.summary = QLabel("")
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.voltage = pg.PlotWidget(background="w")
        self.voltage.setTitle("First cycle at the design's DoD", color="#333")
        self.voltage.showGrid(x=True, y=True, alpha=0.3)
        self.voltage.setLabel("bottom", "Capacity [mAh cm⁻²]")
        self.voltage.setLabel("left", "Cell voltage [V]")
        self.voltage.getAxis("left").setWidth(60)
        self.voltage.getAxis("bottom").setHeight(40)
        self.shares = pg.PlotWidget(background="w")
        self.shares.setTitle("Mass and volume per layer", color="#333")
        self.shares.setLabel("bottom", "Share [%]")
        self.shares.getAxis("bottom").setHeight(40)
        self.shares.getAxis("left").setTicks([[(0, "volume"), (1, "mass")]])
        self.shares.getAxis("left").setWidth(60)
        self.shares.setMouseEnabled(x=False, y=False)
        self.shares.setXRange(0, 100, padding=0.05)
        self.shares.setYRange(-0.6, 1.6, padding=0)
        self.voltage_legend = QLabel("")
        self.voltage_legend.setWordWrap(True)
        self.voltage_legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.share_legend = QLabel("")
        self.share_legend.setWordWrap(True)
        self.share_legend.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message = QLabel(NEEDS_CATHODE)
        self.message.setWordWrap(True)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        left, right = QVBoxLayout(), QVBoxLayout()
        left.addWidget(self.voltage, 1)
        left.addWidget(self.voltage_legend)
        right.addWidget(self.shares, 1)
        right.addWidget(self.share_legend)
        self.body = QWidget()  # the plots and their legends, hidden as one when there is no cathode
        row = QHBoxLayout(self.body)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 3)
        row.addLayout(right, 2)
        lay = QVBoxLayout(self)
        lay.addWidget(self.summary)
        lay.addWidget(self.body, 1)
        lay.addWidget(self.message, 1)
        self.rows: list[dict] = []
        self.profile = None
        self.follow_design(parent, design)

    def set_design(self, design) -> None:
        from ..cell.report import layer_table
        from ..simulate.full_cell import simulate_full_cell
        from ..simulate.settings import FullCellSettings

        self._design, self._dirty = design, False
        if getattr(design, "cathode", None) is None:
            self._show_message(NEEDS_CATHODE)
            return
        try:
            result = self.result_for(design)
            self.profile = simulate_full_cell(design, FullCellSettings(cycles=1, points_per_half_cycle=101))
            self.rows = layer_table(design, result)
        except AnodeLabError as exc:
            self._show_message(f"Cell view unavailable: {exc}")
            return
        rec = result.record(0)
        self._draw_voltage(rec)
        self._draw_shares()
        life = rec["cell_cycle_life_cycles"]
        mech = cell_ended_by_text(result.si, 0, rec.get("failure_mechanism"))
        self.summary.setText(
            f"<b>{rich_escape(design.name)}</b>: cathode {rich_escape(cathode_short_name(design.cathode.material))}, "
            f"Q<sub>cath</sub> {rec['cathode_capacity_mAh_cm2']:.3g} mAh cm⁻², N/P {rec['np_ratio']:.3g}, "
            f"DoD {rec['depth_of_discharge']:.3g}, mean {rec['cell_voltage_V']:.3g} V · "
            f"<b>{rec['cell_specific_energy_Wh_kg']:.4g} Wh kg⁻¹</b>, {rec['cell_energy_density_Wh_L']:.4g} Wh L⁻¹ "
            f"(cell) · cycle life to 80 % <b>{'∞' if life is None else f'{life:.4g}'}</b> cycles, ended by "
            f"<b>{rich_escape(mech)}</b> (the earliest of capacity fade, dry-out and short)")
        self.message.setVisible(False)
        self.body.setVisible(True)

    def _draw_voltage(self, rec) -> None:
        p = self.profile
        per = p.settings["points_per_half_cycle"]
        soc = p.series["state_of_charge"][0]
        volt = p.y[0]
        q_cath = rec["cathode_capacity_mAh_cm2"]
        cap = (1.0 - soc) * q_cath  # capacity drawn from the charged state, mAh cm⁻²
        self.voltage.clear()
        ok_d = np.isfinite(volt[:per])
        ok_c = np.isfinite(volt[per:2 * per])
        self.voltage.plot(cap[:per][ok_d], volt[:per][ok_d], pen=pg.mkPen(DISCHARGE, width=2))
        self.voltage.plot(cap[per:2 * per][ok_c], volt[per:2 * per][ok_c], pen=pg.mkPen(CHARGE, width=2))
        self.voltage.enableAutoRange()
        gap_mV = float(np.nanmedian(volt[per:2 * per]) - np.nanmedian(volt[:per])) * 1e3
        self.voltage_legend.setText(
            f'<span style="color:{DISCHARGE}">━━ discharge</span> &nbsp; <span style="color:{CHARGE}">━━ charge</span>'
            f" &nbsp; (charge − discharge ≈ 2 (η<sub>anode</sub> + η<sub>cathode</sub>) = {gap_mV:.3g} mV)")

    def _draw_shares(self) -> None:
        self.shares.clear()
        left = {"mass": 0.0, "volume": 0.0}
        parts = []
        for r in self.rows:
            colour = LAYER_COLOURS.get(r["layer"], "#000000")
            for y, kind, share in ((1, "mass", r["mass_share"]), (0, "volume", r["volume_share"])):
                if share <= 0:
                    continue
                bar = pg.BarGraphItem(x0=[left[kind]], y=[y], width=[share * 100.0], height=[0.6],
                                      brush=pg.mkBrush(colour), pen=pg.mkPen("w", width=1))
                self.shares.addItem(bar)
                left[kind] += share * 100.0
            if r["mass_share"] > 0 or r["volume_share"] > 0:
                item = f'{rich_escape(r["label"])} {r["mass_share"] * 100:.0f} % / {r["volume_share"] * 100:.0f} %'
                parts.append(f'<span style="color:{colour}">■</span>&nbsp;' + item.replace(" ", "&nbsp;"))
        self.share_legend.setText("mass&nbsp;/&nbsp;volume: " + " &nbsp; ".join(parts))
        self.share_legend.setTextFormat(Qt.TextFormat.RichText)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(True)
        self.summary.setText("")
        self.rows, self.profile = [], None
        self.body.setVisible(False)
