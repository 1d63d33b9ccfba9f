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

from ..physics.solid import below_ccd
from ..units import SUFFIX_TO_SI
from . import mechanisms as mech
from .probability import competing_risks

#: Mechanisms in display order (the ``failure_mechanism`` code is the index).
MECHANISMS = ("inventory", "electrolyte", "transport", "nucleation", "sei_fracture", "voids", "penetration")

#: One line per mechanism: what ends the cell's life (for the score card, reports and docs).
DESCRIPTIONS = {
    "inventory": "Na inventory exhausted: Q_excess / (Q (1 − CE)) + ln 0.8 / ln CE",
    "electrolyte": "electrolyte consumed by the SEI of n_e plating electrodes (2 symmetric, 1 full cell): "
                   "f_dry max(L ε, V_lab) c_solv / (n_e ν s_SEI Q (1 − CE) / F)",
    "transport": "transport-limited growth above the limiting current: L / (v (t_half − τ_Sand)), v = t_a J / (F C0)",
    "nucleation": "dead Na piled on sparse nuclei of n_e plating electrodes: L / (n_e a_nuc f(θ_r) x/(1+x) (1 − CE) h), "
                  "x = η_excess / η_ref",
    "sei_fracture": "dead Na on the cracks of an SEI broken by the volume change, on n_e plating electrodes: "
                    "L / (n_e a_sei h_mech (1 − CE) Δh)",
    "voids": "solid: voids where the local current (log-normal about J) exceeds the stripping CCD: δ_c / (E[(J x − CCD_strip)⁺] t_half V_m / F)",
    "penetration": "solid: Na in cracks where the local current (log-normal about J) exceeds the plating CCD, also "
                   "below the mean CCD: φ_c L_SSE / (h E[x (J x / CCD_pen − 1)⁺])",
}

#: Mechanisms whose scatter is that of a dendritic short (the others: of a gradual fade).
_SHORTS = ("transport", "nucleation", "sei_fracture", "voids", "penetration")


def failure_terms(*, p, J, Q, cycles, inventory, ineff, sand_effective, c0, t_anion, half, plated, eta_excess,
                  thickness_change, ccd_strip, ccd_pen, layer, electrodes, out=None, void_floor_isolated=1.0,
                  void_interface_area=None):
    """Per-mechanism cycles and times to failure, the lifetime and the risk (all arrays over designs).

    ``inventory`` is :func:`~anodelab.lifetime.mechanisms.inventory_cycles` (the scorer has its two terms).
    ``sand_effective`` is Sand's time where J exceeds the limiting current and ∞ below
    (:func:`~anodelab.lifetime.mechanisms.sand_time_above_limit_s`). ``layer`` holds the layer-only terms of :func:`anodelab.layer_terms.layer_terms` (lengths with ∞ for the
    other electrolyte kind, the solvent budget, a_nuc f(θ_r), a_sei h_mech). ``electrodes``: the number of Na
    electrodes that plate from the electrolyte each cycle (:func:`~anodelab.lifetime.mechanisms.plating_electrodes`:
    2 without a cathode, 1 in a full cell; scalar or per design). Returns ``(si, hazards,
    contributions)``: ``si`` with the keys listed in the module docstring, hazards = P_i (probability of failing
    by mechanism i before ``cycles``), contributions (Σ = risk). ``void_floor_isolated`` (χ: 1 without an
    electron-conducting interlayer, 0 with one; scalar or array over designs) and ``p.interface_current_log_sd`` set
    the void failure below the mean stripping CCD (:mod:`anodelab.physics.solid.below_ccd`), on the solid rows only. ``out``, optional: destination arrays by key (the ``si`` keys,
    ``hazard/<mechanism>``, ``contribution/<mechanism>``), written in place (:func:`anodelab.scoring._score_batch`).
    """
    o = (out or {}).get
    um = SUFFIX_TO_SI["um"]
    gap = layer["gap_or_inf_m"]
    n = {
        "inventory": inventory,  # mech.inventory_cycles, from the scorer's cycles_excess + cycles_80
        "electrolyte": mech.electrolyte_cycles_from_budget(layer["solvent_budget_mol_m2"], Q, ineff,
                                                           p.solvent_per_lost_na, p.sei_share_of_na_loss, electrodes),
        "transport": mech.transport_cycles(gap, half, sand_effective,
                                           mech.front_velocity_m_s(J, c0, t_anion)),
        # dead Na piles up on every plating electrode: in a symmetric cell both layers grow into the one gap
        "nucleation": mech.nucleation_cycles_from_factor(
            layer["nucleation_length_m"], plated * ineff * electrodes, layer["k_nuc_f"], eta_excess,
            p.nucleation_reference_overpotential_mV * SUFFIX_TO_SI["mV"]),
        "sei_fracture": mech.sei_fracture_cycles(gap, thickness_change, layer["k_sei_mech"], electrodes, ineff),
        "voids": mech.void_cycles(J, ccd_strip, half, p.void_failure_depth_um * um),
        "penetration": mech.penetration_cycles(J, ccd_pen, layer["sse_or_inf_m"], plated, p.crack_fill_fraction),
    }
    _below_ccd(n, p, J, Q, half, ccd_strip, void_floor_isolated)
    _penetration_below_ccd(n, p, J, ccd_pen, layer["sse_or_inf_m"], plated)
    if void_interface_area is not None:
        # a_w of a Na-filled SSE framework host (physics.solid.contact.framework_working_area_ratio), 1 on the other
        # rows: the void volume per geometric area spreads over a_w × the area, so the depth δ_fail takes a_w × the
        # cycles, N_void = a_w δ_fail F / (ΔJ_void(J, CCD_strip) t_half V_m) (the CCD given is a_w × the local one)
        n["voids"] = n["voids"] * void_interface_area
    b_short, b_fade = p.failure_shape_short, p.failure_shape_fade
    hazards, contributions, total_risk = competing_risks(
        cycles, n, {k: (b_short if k in _SHORTS else b_fade) for k in n}, out=out)

    # the earliest mechanism: running minimum and its index (cheaper than argmin over a stacked (7, n) array).
    # The index in int8 arithmetic, not np.putmask (a branching loop on a mixed mask, ~20× slower): k grows, so
    # "code = k where mechanism k is earlier" is code = max(code, k·earlier); then −1 where no mechanism acts.
    t_cycle = 2.0 * half
    life_cycles = o("lifetime_cycles")
    if life_cycles is None:
        life_cycles = np.array(n[MECHANISMS[0]], dtype=float, copy=True)
    else:
        life_cycles[...] = n[MECHANISMS[0]]
    code = np.zeros(np.shape(life_cycles), dtype=np.int8)
    earlier = np.empty(np.shape(life_cycles), dtype=bool)
    for k, name in enumerate(MECHANISMS[1:], start=1):
        np.less(n[name], life_cycles, out=earlier)
        np.maximum(code, np.multiply(earlier, np.int8(k), dtype=np.int8), out=code)
        np.minimum(life_cycles, n[name], out=life_cycles)
    none = ~np.isfinite(life_cycles)
    code -= np.multiply(none, code + np.int8(1), dtype=np.int8)  # code − (code + 1) = −1 where none acts
    si = {"lifetime_cycles": life_cycles, "lifetime_s": np.multiply(life_cycles, t_cycle, out=o("lifetime_s"))}
    # n is not needed after: t_i = N_i t_cycle into the destination, or in place
    si.update({f"t_fail_{k}_s": np.multiply(v, t_cycle, out=o(f"t_fail_{k}_s", v)) for k, v in n.items()})
    si["failure_mechanism"] = code
    si["risk"] = total_risk
    return si, hazards, contributions


def _below_ccd(n, p, J, Q, half, ccd_strip, floor_isolated):
    """Replace the void cycles of the solid rows whose void floor is cut off from electrons (χ = 1) by those with
    the spread of the local interface current (:func:`anodelab.physics.solid.below_ccd.void_cycles`), in place.
    Rows with an electron-conducting interlayer (χ = 0) keep the mean-field count of :func:`~.mechanisms.void_cycles`
    (the same value), liquid rows (NaN CCD) keep ∞; a batch without such a row does no work here."""
    s = p.interface_current_log_sd
    depth = p.void_failure_depth_um * SUFFIX_TO_SI["um"]
    if np.ndim(n["voids"]) == 0:  # one design given as scalars
        n["voids"] = float(below_ccd.void_cycles(J, ccd_strip, half, floor_isolated, log_sd=s, void_depth_m=depth))
        return
    per_row = np.ndim(s) > 0 or np.ndim(depth) > 0  # sampled parameters, one value per design (uncertainty)
    if not per_row and s <= 0.0:
        return
    # solid rows with an isolated floor: CCD_strip χ > 0 (NaN for liquid rows, 0 for a conducting interlayer)
    rows = np.flatnonzero(np.multiply(ccd_strip, floor_isolated) > 0.0)
    if rows.size == 0:
        return
    shape = np.shape(n["voids"])

    def take(x):
        return x[rows] if np.shape(x) == shape else np.broadcast_to(x, shape)[rows]

    if per_row:  # one table per distinct s (a few parameter groups), the same arithmetic as one call per group
        s_rows, d_rows = take(s), take(depth)
        j_rows, k_rows, q_rows = take(J), take(ccd_strip), take(Q)
        voids = n["voids"]
        for value in np.unique(s_rows):
            if not value > 0.0:  # s ≤ 0: the mean-field count stays (as in the scalar path)
                continue
            m = s_rows == value
            voids[rows[m]] = below_ccd.void_cycles_isolated_floor(j_rows[m], k_rows[m], q_rows[m], log_sd=float(value),
                                                                  void_depth_m=d_rows[m])
        return

    n["voids"][rows] = below_ccd.void_cycles_isolated_floor(take(J), take(ccd_strip), take(Q), log_sd=s,
                                                            void_depth_m=depth)


def _penetration_below_ccd(n, p, J, ccd_pen, sse_thickness_m, plated):
    """Replace the penetration cycles of the solid rows (finite CCD_pen > 0) by those with the spread of the local
    interface current (:func:`anodelab.physics.solid.below_ccd.penetration_cycles`: the same log-normal as the
    voids', on every solid row whatever its interlayer), in place. Liquid rows (NaN CCD_pen) keep ∞, rows with
    CCD_pen = 0 (the stack pressure alone opens the flaws) keep 0 and rows with CCD_pen = ∞ keep ∞; a batch
    without a solid row does no work here."""
    s = p.interface_current_log_sd
    phi = p.crack_fill_fraction
    if np.ndim(n["penetration"]) == 0:  # one design given as scalars
        n["penetration"] = float(below_ccd.penetration_cycles(J, ccd_pen, sse_thickness_m, plated, phi, log_sd=s))
        return
    per_row = np.ndim(s) > 0 or np.ndim(phi) > 0  # sampled parameters, one value per design (uncertainty)
    if not per_row and s <= 0.0:
        return
    rows = np.flatnonzero(np.greater(ccd_pen, 0.0))  # NaN (liquid): False; CCD_pen = ∞ gives H = 0, N = ∞ below
    if rows.size == 0:
        return
    shape = np.shape(n["penetration"])

    def take(x):
        return x[rows] if np.shape(x) == shape else np.broadcast_to(x, shape)[rows]

    pen = n["penetration"]
    j_rows, k_rows, l_rows, h_rows = take(J), take(ccd_pen), take(sse_thickness_m), take(plated)
    if per_row:  # one table per distinct s (a few parameter groups), the same arithmetic as one call per group
        s_rows, phi_rows = take(s), take(phi)
        for value in np.unique(s_rows):
            if not value > 0.0:  # s ≤ 0: the mean-field count stays (as in the scalar path)
                continue
            m = s_rows == value
            pen[rows[m]] = below_ccd.penetration_cycles_spread(j_rows[m], k_rows[m], l_rows[m], h_rows[m],
                                                               phi_rows[m], log_sd=float(value))
        return
    pen[rows] = below_ccd.penetration_cycles_spread(j_rows, k_rows, l_rows, h_rows, phi, log_sd=s)
