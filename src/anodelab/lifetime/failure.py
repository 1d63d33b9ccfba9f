"""Time to failure per mechanism, the lifetime and the dendrite risk of a batch (called by the scorer).

Keys of the returned ``si`` dict (arrays over designs; documented in docs/DEVELOPING.md):

* ``t_fail_<mechanism>_s`` for each of :data:`MECHANISMS` — predicted (median) time to failure [s], ∞ where
  the mechanism does not act;
* ``lifetime_s`` = min over mechanisms, ``lifetime_cycles`` = lifetime / (2 Q / J);
* ``failure_mechanism`` — int8 code, the index into :data:`MECHANISMS` of the earliest mechanism (−1: none);
* ``risk`` — probability of failing before the design's cycle count (:mod:`anodelab.lifetime.probability`).

The probabilities per mechanism are the ``hazards`` of the :class:`~anodelab.score_result.ScoreResult` and
their shares of the risk its ``contributions``.
"""

from __future__ import annotations

import numpy as np

from ..units import SUFFIX_TO_SI
from . import mechanisms as mech
from .probability import combine, failure_probability

#: Mechanisms in display order (the ``failure_mechanism`` code is the index).
MECHANISMS = ("inventory", "electrolyte", "transport", "nucleation", "sei_fracture", "voids", "penetration")

#: One line per mechanism: what ends the cell's life (for the score card, reports and docs).
DESCRIPTIONS = {
    "inventory": "Na inventory exhausted: (Q_excess + 0.2 Q) / (Q (1 − CE))",
    "electrolyte": "electrolyte consumed by the SEI: f_dry L ε c_solv / (ν Q (1 − CE) / F)",
    "transport": "transport-limited growth above the limiting current: L / (v (t_half − τ_Sand)), v = t_a J / (F C0)",
    "nucleation": "protrusions on sparse nuclei: L / (k_nuc f(θ_r) x/(1+x) h), x = η_excess / η_ref",
    "sei_fracture": "Na extruded through an SEI cracked by the volume change: L / (k_sei h_mech Δh)",
    "voids": "solid: voids above the stripping CCD: δ_c / ((J − CCD_strip) t_half V_m / F)",
    "penetration": "solid: Na in cracks above the plating CCD: φ_c L_SSE / (h (J / CCD_pen − 1))",
}

#: Mechanisms whose scatter is that of a dendritic short (the others: of a gradual fade).
_SHORTS = ("transport", "nucleation", "sei_fracture", "voids", "penetration")


def failure_terms(*, p, liquid, J, Q, cycles, excess, ineff, gap, macmullin, sand, j_lim, c0, t_anion,
                  half, plated, shape_factor, eta_excess, thickness_change, mechanical_hazard,
                  ccd_strip, ccd_pen, sse_thickness):
    """Per-mechanism cycles and times to failure, the lifetime and the risk (all arrays over designs).

    Returns ``(si, hazards, contributions)``: ``si`` with the keys listed in the module docstring, hazards =
    P_i (probability of failing by mechanism i before ``cycles``), contributions (Σ = risk).
    """
    solid = ~liquid
    um = SUFFIX_TO_SI["um"]
    n = {
        "inventory": mech.inventory_cycles(excess, Q, ineff, p.end_of_life_retention),
        "electrolyte": np.where(
            liquid,
            mech.electrolyte_cycles(gap, mech.separator_porosity(macmullin), p.solvent_concentration_mol_L * 1e3,
                                    Q, ineff, p.solvent_per_lost_na, p.electrolyte_dry_fraction),
            np.inf),
        "transport": np.where(
            liquid,
            mech.transport_cycles(gap, half, mech.sand_time_above_limit_s(sand, J, j_lim),
                                  mech.front_velocity_m_s(J, c0, t_anion)),
            np.inf),
        "nucleation": mech.nucleation_cycles(
            np.where(liquid, gap, sse_thickness), plated, shape_factor, eta_excess,
            p.nucleation_reference_overpotential_mV * SUFFIX_TO_SI["mV"], p.nucleation_protrusion_fraction),
        "sei_fracture": np.where(
            liquid, mech.sei_fracture_cycles(gap, thickness_change, mechanical_hazard, p.sei_extrusion_fraction),
            np.inf),
        "voids": np.where(solid, mech.void_cycles(J, ccd_strip, half, p.void_failure_depth_um * um), np.inf),
        "penetration": np.where(
            solid, mech.penetration_cycles(J, ccd_pen, sse_thickness, plated, p.crack_fill_fraction), np.inf),
    }
    sd_short, sd_fade = p.failure_log_sd_short, p.failure_log_sd_fade
    hazards = {k: failure_probability(cycles, v, sd_short if k in _SHORTS else sd_fade) for k, v in n.items()}
    total_risk, contributions = combine(hazards)

    t_cycle = 2.0 * half
    stack = np.stack([n[k] for k in MECHANISMS])
    first = np.argmin(stack, axis=0)
    life_cycles = np.take_along_axis(stack, first[None, :], axis=0)[0] if stack.ndim == 2 else stack[first]
    code = np.where(np.isfinite(life_cycles), first, -1).astype(np.int8)
    si = {f"t_fail_{k}_s": v * t_cycle for k, v in n.items()}
    si["lifetime_cycles"] = life_cycles
    si["lifetime_s"] = life_cycles * t_cycle
    si["failure_mechanism"] = code
    si["risk"] = total_risk
    return si, hazards, contributions
