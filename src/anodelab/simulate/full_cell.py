"""Full-cell cycling at a depth of discharge: the cathode's V(SOC) curve and the anode's overpotentials.

For each design (a [cathode] is required) with cathode capacity Q_cath, cycled capacity
Q_d = DoD · Q_cath, Na excess Q_ex and Coulombic efficiency CE (the score card's), cycle k = 1 … n:

    I_1 = Q_d + Q_ex                               cyclable Na (the cathode's share + the excess)
    Q_k = min(Q_d, I_k)                            capacity of cycle k
    I_{k+1} = I_k − (1 − CE) Q_k                   each plated coulomb returns CE (anodelab.physics.interphase)
    B_k = B − ν s_SEI Σ_{j≤k} (1 − CE) Q_j / F     solvent the cell can still lose (anodelab.cell.energy)

so the excess buffers the loss for Q_ex / ((1 − CE) Q_d) cycles, then Q_k falls as CE^k: the same
model as ``cycle_life_na_inventory_cycles`` (which counts it continuously; the two agree within a cycle).
B is the full cell's solvent budget of the lifetime model, c_solv max(0, min(f_dry V_el, V_el − V_pores))
(:func:`anodelab.cell.energy.electrolyte_budget_mol_m2`), ν its solvent molecules per SEI Na⁺ and s_SEI the
SEI's share of the lost Na (the rest is dead metallic Na: :func:`anodelab.lifetime.mechanisms.electrolyte_cycles`). The
electrolyte here follows the actual, shrinking loss of each cycle, while the score's
``cycle_life_electrolyte_cycles`` charges every cycle the first cycle's loss (a lower bound). When B_k < 0 the
cell has dried out and stops (``end_cause`` = "electrolyte"). A dendritic or solid-state short
(the lifetime model's earliest of transport, nucleation, SEI fracture, voids, penetration, N_short cycles,
``cycle_life_short_cycles``) ends the cell after cycle ⌊N_short⌋ (``end_cause`` = "short (<mechanism>)").
The cathode is charged to the top of its window every cycle
(SOC 1, the upper cut-off); cycle k discharges from SOC 1 to 1 − Q_k/Q_cath and charges back, at the
design's current density J:

    V_discharge = V_cath(SOC) − η_anode − η_cath(SOC),   V_charge = V_cath(SOC) + η_anode + η_cath(SOC),
    η_anode = J (ASR_interface + ASR_coating + ASR_electrolyte) + η_ct   (the score result's values)
    η_cath = (2RT/F) asinh(J / (2 a m_act i0))                          (the score result's ``eta_cathode_V``)

V_cath(SOC) is the library cathode's ``voltage_curve`` (a flat line at ``average_voltage_V`` for a
custom cathode). η_cath is the cathode's charge transfer of :func:`anodelab.cell.voltage.cathode_polarisation_V`
with the cathode's SOC-averaged i0 and particle surface (library properties, batch columns): the very number the
score's ``cell_voltage_V`` = V̄_cathode − η_anode − η_cath subtracts, so the profile and the card polarise the
cell alike (the profile's first-cycle mean differs from ``cell_voltage_V`` only by the curve's window mean
against ``average_voltage_V``). η_cath = 0 for a custom cathode that gives no kinetics.

x: time (h); y: cell voltage (V); series ``cycle``, ``state_of_charge``, ``discharge_capacity_mAh_cm2``
(Q_k of the point's cycle); events per design:
first_discharge_capacity_mAh_cm2, first_cycle_energy_mWh_cm2, first_cycle_mean_voltage_V,
cycles_to_80pct (NaN if not reached), final_capacity_retention, electrolyte_dry_cycle, short_cycle, end_cause.
"""

from __future__ import annotations

import numpy as np

from ..batch import as_batch
from ..constants import FARADAY_C_mol
from ..design import Design, ResolvedDesign, resolve
from ..errors import AnodeLabError
from ..materials.library import default_library
from ..physics.parameters import default_parameters
from ..scoring import score
from ..units import SUFFIX_TO_SI
from ..cell.energy import SHORT_MECHANISMS, electrolyte_budget_mol_m2
from ..cell.voltage import cathode_voltage_V, curve_arrays
from .profile import Profile
from .settings import FullCellSettings, check_size

_MAH = SUFFIX_TO_SI["mAh_cm2"]
_SOC_GRID = np.linspace(0.0, 1.0, 201)


def _designs(obj) -> list:
    if isinstance(obj, (Design, ResolvedDesign)):
        return [obj]
    if hasattr(obj, "has_cathode"):
        raise AnodeLabError("the full-cell protocol needs designs (their cathodes' voltage curves), not a batch",
                            field="designs")
    return list(obj)


def _curves(resolved: list[ResolvedDesign], library) -> np.ndarray:
    """(N, 201) cathode voltage on a common SOC grid, one row per design."""
    rows = []
    for rd in resolved:
        layer = rd.layers.get("cathode")
        if layer is None:
            raise AnodeLabError(f"design '{rd.design.name}' has no [cathode]: the full-cell protocol needs one",
                                entry="layer 'cathode'")
        mat = library.materials.get(layer.material_id) if layer.material_id != "custom" else None
        soc, volt = curve_arrays(mat, layer.value("average_voltage_V"))
        rows.append(cathode_voltage_V(_SOC_GRID, soc, volt))
    return np.array(rows)


def capacity_fade(q_d, q_ex, ce, reserve, use_per_c, cycles: int):
    """Per-cycle capacity Q_k (N, cycles) and the electrolyte budget left after each cycle (N, cycles), SI.

    ``use_per_c`` is the solvent consumed per coulomb of Na lost (mol C⁻¹, ν / F); a loop over
    cycles (vectorised over designs) follows the recursion of the module docstring exactly.
    """
    n = len(q_d)
    q = np.empty((n, cycles))
    r = np.empty((n, cycles))
    inv = q_d + q_ex
    res = reserve.copy()
    for k in range(cycles):
        qk = np.minimum(q_d, inv)
        q[:, k] = qk
        lost = (1.0 - ce) * qk
        inv = inv - lost
        res = res - use_per_c * lost
        r[:, k] = res
    return q, r


def simulate_full_cell(designs, settings: FullCellSettings | None = None, *, params=None, library=None) -> Profile:
    """Run the protocol of the module docstring for one design or a list of designs."""
    settings = settings or FullCellSettings()
    library = library or default_library()
    p = params or default_parameters()
    resolved = [d if isinstance(d, ResolvedDesign) else resolve(d, library) for d in _designs(designs)]
    curves = _curves(resolved, library)
    batch = as_batch(resolved)
    res = score(batch, p)
    si = res.si
    n = len(batch)
    k_max = int(settings.cycles or int(batch.cycles.max()))
    per = settings.points_per_half_cycle
    check_size(n, k_max * 2 * per, "cycles")

    q_cath = si["cathode_capacity_C_m2"]
    dod = si["depth_of_discharge"] if settings.depth_of_discharge is None else np.full(n, settings.depth_of_discharge)
    q_d = dod * q_cath
    ce = si["ce"]
    budget = electrolyte_budget_mol_m2(batch, p, np.inf)
    use_per_c = p.solvent_per_lost_na * p.sei_share_of_na_loss / FARADAY_C_mol  # only the SEI's Na uses solvent
    q, r = capacity_fade(q_d, batch.na_excess_C_m2, ce, budget, use_per_c, k_max)
    dry = (r < 0.0) | (budget[:, None] <= 0.0)
    # a short (the lifetime model's earliest short mechanism) ends the cell after cycle ⌊N_short⌋
    t_cycle = 2.0 * si["half_cycle_s"]
    n_short = np.stack([si[f"t_fail_{k}_s"] for k in SHORT_MECHANISMS]) / t_cycle
    short_kind = np.argmin(n_short, axis=0)
    n_short = n_short.min(axis=0)
    shorted = np.arange(1, k_max + 1)[None, :] > n_short[:, None]
    alive = ~np.logical_or.accumulate(dry, axis=1)  # the cycle that dries the cell out is its last one
    alive[:, 1:] &= ~dry[:, :-1]
    alive &= ~shorted
    q_fade = q  # the capacity the Na inventory allows, before a dry-out or short stops the cell
    q = np.where(alive, q, 0.0)

    eta = batch.current_density_A_m2 * (si["asr_interface_ohm_m2"] + si["asr_coating_ohm_m2"]
                                        + si["asr_electrolyte_ohm_m2"]) + si["eta_ct_V"]
    # points: per cycle, discharge from SOC 1 down to 1 − Q_k/Q_cath, then charge back
    f = np.linspace(0.0, 1.0, per)
    depth = q / q_cath[:, None]  # (N, K) SOC swing of each cycle
    soc_dis = 1.0 - depth[:, :, None] * f[None, None, :]
    soc_chg = 1.0 - depth[:, :, None] * (1.0 - f[None, None, :])
    soc = np.concatenate([soc_dis, soc_chg], axis=2)  # (N, K, 2P)
    pos = soc * (len(_SOC_GRID) - 1)
    lo = np.clip(np.floor(pos).astype(np.int64), 0, len(_SOC_GRID) - 2)
    w = pos - lo
    flat = lo.reshape(n, -1)
    v_lo = np.take_along_axis(curves, flat, axis=1).reshape(lo.shape)
    v_hi = np.take_along_axis(curves, flat + 1, axis=1).reshape(lo.shape)
    v_cath = v_lo + w * (v_hi - v_lo)
    sign = np.concatenate([-np.ones(per), np.ones(per)])
    eta = eta + si["eta_cathode_V"]  # the score's cathode polarisation (anodelab.cell.voltage), one number
    volt = v_cath + sign[None, None, :] * eta[:, None, None]
    half_s = q / batch.current_density_A_m2[:, None]  # (N, K) duration of each half cycle
    t_in = np.concatenate([f, 1.0 + f])[None, None, :] * half_s[:, :, None]
    t0 = np.concatenate([np.zeros((n, 1)), np.cumsum(2.0 * half_s, axis=1)[:, :-1]], axis=1)
    t = (t0[:, :, None] + t_in) / 3600.0
    stopped = ~alive[:, :, None] | (q[:, :, None] <= 0)
    volt = np.where(stopped, np.nan, volt)
    t = np.where(stopped, np.nan, t)
    cyc = np.broadcast_to(np.arange(1, k_max + 1, dtype=float)[None, :, None], volt.shape)

    # events
    q0 = q[:, 0]
    first_dis = volt[:, 0, :per]
    n_ok = np.sum(np.isfinite(first_dis), axis=1)  # 0 for a cell dry from the start: NaN, without a warning
    with np.errstate(invalid="ignore", divide="ignore"):
        v_mean1 = np.where(n_ok > 0, np.nansum(first_dis, axis=1) / n_ok, np.nan)
    e1 = np.trapezoid(volt[:, 0, :per], dx=1.0, axis=1) / max(per - 1, 1) * q0  # ∫ V dQ over the first discharge
    below = alive & (q_fade < 0.8 * q0[:, None])  # 80 % by the inventory fade, while the cell runs
    cyc80 = np.where(below.any(axis=1), np.argmax(below, axis=1) + 1.0, np.nan)
    dry_any = dry.any(axis=1)
    dry_cycle = np.where(dry_any, np.argmax(dry, axis=1) + 1.0, np.nan)
    short_any = shorted.any(axis=1)
    short_cycle = np.where(short_any, np.floor(n_short), np.nan)  # the last cycle before the short
    ends = np.stack([np.where(dry_any, dry_cycle, np.inf), np.where(np.isfinite(cyc80), cyc80, np.inf),
                     np.where(short_any, short_cycle + 1.0, np.inf)])  # the cycle each cause ends (first failing)
    first = np.argmin(ends, axis=0)
    names = np.array(["electrolyte", "Na inventory", "short"], dtype=object)  # a tie: the electrolyte
    cause = np.where(np.isfinite(ends.min(axis=0)), names[first], "none").astype(object)
    for i in np.flatnonzero(cause == "short"):
        cause[i] = f"short ({SHORT_MECHANISMS[short_kind[i]]})"
    events = {
        "first_discharge_capacity_mAh_cm2": q0 / _MAH,
        "first_cycle_energy_mWh_cm2": e1 / _MAH,
        "first_cycle_mean_voltage_V": v_mean1,
        "cycles_to_80pct": cyc80,
        "final_capacity_retention": q[:, -1] / q0,
        "electrolyte_dry_cycle": dry_cycle,
        "short_cycle": short_cycle,
        "end_cause": cause.astype(str),
    }
    return Profile(
        protocol="full_cell", x=t.reshape(n, -1), y=volt.reshape(n, -1), x_label="Time", x_unit="h",
        y_label="Cell voltage", y_unit="V",
        series={"cycle": np.where(stopped, np.nan, cyc).reshape(n, -1), "state_of_charge": soc.reshape(n, -1),
                "discharge_capacity_mAh_cm2": np.where(stopped, np.nan, np.broadcast_to(q[:, :, None], volt.shape)
                                                       ).reshape(n, -1) / _MAH},
        events=events,
        settings={"cycles": k_max, "depth_of_discharge": settings.depth_of_discharge,
                  "points_per_half_cycle": per},
    )

