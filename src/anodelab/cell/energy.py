"""Full-cell energy, N/P, mass and volume per layer, and cycle life — vectorised over a DesignBatch.

All arrays SI (per m² of one electrode pair = one repeat unit of the stack). ``s`` = ½ when the
electrodes are double-sided (``double_sided``: each collector serves two repeat units), else 1.

Repeat unit, areal masses m [kg m⁻²] and thicknesses t [m]:

==================  ======================================  ==========================================
layer               mass                                    thickness
==================  ======================================  ==========================================
positive collector  s t_Al ρ_Al                             s t_Al
cathode coating     L (loading)                             L / (ρ_c (1 − φ_c))
separator (liquid)  t_sep (1 − φ_sep) ρ_sep                 t_sep = electrode_gap_um of the electrolyte
SSE (solid)         t_SSE ρ_SSE                             t_SSE = thickness_um of the electrolyte
anode coating       (t_coat + t_inter) ρ_coat               t_coat + t_inter
Na metal            Q_ex M_Na / F (the excess only)         max(0, (Q_ex + Q) V_m / F − s φ_h t_h)  (charged)
host (neg. coll.)   s m_host                                s t_h
electrolyte         (E/C) Q_cath                            max(0, m_el/ρ_el − V_pores)  (the excess)
==================  ======================================  ==========================================

V_pores = φ_c t_c + φ_sep t_sep + s φ_h t_h. The Na the cycle plates comes from the (sodiated)
cathode and is counted in its loading; the stack volume is taken in the charged state.
Stack: Σ layers. Cell: packaging as one allowance, m_cell = m_stack / (1 − f_m),
t_cell = t_stack / (1 − f_V).

Capacity and energy: Q_cath = L w_act q_sp; N/P = Q_ex / Q_cath (0 = anode-free); DoD = Q / Q_cath;
V_cell = V̄_cathode − η_anode − η_cath with η_anode = J (ASR_interface + ASR_coating + ASR_electrolyte) + η_ct
(the anode and the electrolyte of :func:`anodelab.scoring.score`) and the cathode's charge transfer at the same
(discharge) current, η_cath = (2RT/F) asinh(J / (2 a m_act i0)), m_act = L w_act
(:func:`anodelab.cell.voltage.cathode_polarisation_V`, ``eta_cathode_V``; the full-cell profile uses this number);
E = Q V_cell; specific energy E/m, energy density E/t (stack and cell); the materials-level specific
energy many papers quote, E / (m_active,cathode + m_Na,excess), as ``active_specific_energy_J_kg``.

Cycle life to 80 %: the lifetime model's failure times (:mod:`anodelab.lifetime`), with the cell's own
electrolyte. :func:`electrolyte_budget_mol_m2` replaces the half cell's solvent budget (the separator's pores
or a flooded lab cell) by what the cell holds: the solvent c_solv V_el of its E/C, of which the cell can lose
B = c_solv · max(0, min(f_dry V_el, V_el − V_pores)) (half of it, f_dry, as in the half cell, or less if what
remains would no longer fill the pores; 0 when E/C cannot fill them at the start; ∞ for a solid cell without
liquid, 0 for a liquid one). The scorer passes B to :func:`anodelab.lifetime.failure_terms`, so that the
lifetime, the failure mechanism and the dendrite risk of a full cell use it. Then, per mechanism
N_i = t_fail,i / (2 Q / J):

* Na inventory  N_inv = Q_ex / (Q (1 − CE)) + ln 0.8 / ln CE   (the excess buffers, then Q_n = Q CE^n);
* electrolyte   N_el = B / (ν Q (1 − CE) / F)                    (ν solvent molecules per Na lost);
* dendritic short  N_short = min(transport, nucleation, SEI fracture, voids, penetration);
* cathode (alone)  N_cath = ln r / ln(1 − f)                   (f = the cathode's ``capacity_fade_per_cycle``);
* capacity fade    N_cap: cathode and Na inventory together (below);

and the cell's cycle life is the earliest, N = min(N_cap, N_el, N_short) (``cell_cycle_life``;
:func:`cell_life_mechanism` names what ends it). r = ``end_of_life_retention`` (0.8).

Capacity fade, cathode × Na inventory. The capacity retained after n cycles is the product of the two retained
fractions, R(n) = R_cath(n) · R_inv(n): the cathode keeps (1 − f)^n of its sites, measured in a half cell vs Na
metal with excess Na so that the inventory does not limit; the Na inventory keeps R_inv = 1 while the excess
lasts (n ≤ n_ex = Q_ex / (Q (1 − CE)), the N/P reservoir) and CE^(n − n_ex) after. R(N_cap) = r gives

    N_cap = N_cath                                          if N_cath ≤ n_ex  (the cathode fades first),
    N_cap = (ln r + n_ex ln CE) / (ln(1 − f) + ln CE)        otherwise,

with N_cap = N_inv when f = 0 (the inventory alone) and N_cap = N_cath when the reservoir outlasts the cathode.
Example: f = 10⁻³, CE = 0.999, N/P = 0 → N_cap = ln 0.8 / (ln 0.999 + ln 0.999) = 111.5 cycles (each alone:
223.0). The lifetime model's ``lifetime_cycles`` and ``failure_mechanism`` (the anode's) do not see f;
``cell_cycle_life`` ≤ ``lifetime_cycles``.
"""

from __future__ import annotations

import numpy as np

from ..constants import FARADAY_C_mol, NA_MOLAR_MASS_kg_mol, NA_MOLAR_VOLUME_m3_mol
from ..lifetime.failure import MECHANISMS
from .voltage import cathode_polarisation_V

#: The lifetime model's mechanisms that end a cell by a (dendritic or solid-state) short: all but the two that
#: end it by running out (Na inventory, electrolyte).
SHORT_MECHANISMS = tuple(m for m in MECHANISMS if m not in ("inventory", "electrolyte"))
#: Layers of the mass / volume breakdown, bottom (positive) to top (negative) of the repeat unit.
LAYERS = ("positive_collector", "cathode", "separator", "anode_coating", "na_metal", "host", "electrolyte")
LAYER_LABELS = {
    "positive_collector": "Al collector",
    "cathode": "Cathode coating",
    "separator": "Separator / SSE",
    "anode_coating": "Anode coating",
    "na_metal": "Na metal",
    "host": "Host (neg. collector)",
    "electrolyte": "Electrolyte",
    "packaging": "Tabs + pouch",
}
#: The ScoreResult.si keys this module adds (NaN for designs without a cathode).
CELL_SI_KEYS = (
    "cathode_capacity_C_m2",
    "np_ratio",
    "depth_of_discharge",
    "eta_cathode_V",
    "cell_voltage_V",
    "cell_energy_J_m2",
    "active_specific_energy_J_kg",
    "stack_specific_energy_J_kg",
    "cell_specific_energy_J_kg",
    "stack_energy_density_J_m3",
    "cell_energy_density_J_m3",
    "cell_mass_kg_m2",
    "cell_thickness_m",
    "electrolyte_reserve_kg_m2",
    "cycle_life_na_inventory",
    "cycle_life_electrolyte",
    "cycle_life_short",
    "cycle_life_cathode",
    "cycle_life_capacity",
    "cell_cycle_life",
)
#: What ends a cell (:func:`cell_life_mechanism`): the words per term of ``cell_cycle_life``.
CELL_LIFE_MECHANISMS = {
    "capacity": "capacity fade (cathode × Na inventory)",
    "inventory": "Na inventory loss",
    "cathode": "cathode capacity fade",
    "electrolyte": "electrolyte dry-out",
    "short": "a short",
}


def _pores_and_electrolyte(b):
    """(Q_cath C m⁻², t_cath m, t_sep m, φ_sep, t_host m, V_pores m³ m⁻², m_el kg m⁻²) of the repeat unit."""
    s = np.where(b.double_sided > 0.5, 0.5, 1.0)
    solid = b.is_solid > 0.5
    q_cath = b.cathode_loading_kg_m2 * b.cathode_active_fraction * b.cathode_specific_capacity_C_kg
    t_cath = b.cathode_loading_kg_m2 / (b.cathode_density_kg_m3 * (1.0 - b.cathode_porosity))
    t_sep = np.where(solid, b.sse_thickness_m, b.electrode_gap_m)
    phi_sep = np.where(solid, 0.0, b.separator_porosity)
    t_host = s * b.host_thickness_m
    pores = b.cathode_porosity * t_cath + phi_sep * t_sep + b.host_porosity * t_host
    m_el = b.electrolyte_to_capacity_kg_C * q_cath
    return q_cath, t_cath, t_sep, phi_sep, t_host, pores, m_el


def electrolyte_budget_mol_m2(b, p, half_cell_budget_mol_m2):
    """Solvent a full cell can lose before it dries out, B   [mol m⁻²] (the half cell's budget without a cathode).

    B = c_solv · max(0, min(f_dry V_el, V_el − V_pores)), V_el = (E/C) Q_cath / ρ_el; ∞ for a solid cell without
    liquid, 0 for a liquid cell without (E/C = 0). c_solv, f_dry: the lifetime model's ``solvent_concentration_mol_L``
    and ``electrolyte_dry_fraction``. Example: E/C 5 g Ah⁻¹, Q_cath 1.08 mAh cm⁻² → m_el 5.4 mg cm⁻², V_el 45 µm;
    V_pores 32.22 µm; min(22.5, 12.78) µm × 10 mol L⁻¹ = 0.1278 mol m⁻².
    """
    _q, _tc, _ts, _phi, _th, pores, m_el = _pores_and_electrolyte(b)
    v_el = m_el / b.electrolyte_density_kg_m3
    c_solv = p.solvent_concentration_mol_L * 1e3
    budget = c_solv * np.maximum(0.0, np.minimum(p.electrolyte_dry_fraction * v_el, v_el - pores))
    budget = np.where(m_el > 0, budget, np.where(b.is_solid > 0.5, np.inf, 0.0))
    return np.where(b.has_cathode > 0.5, budget, half_cell_budget_mol_m2)


def breakdown(b, si: dict) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, np.ndarray]]:
    """(masses kg m⁻², thicknesses m, helpers) per layer of the repeat unit (see the module table)."""
    s = np.where(b.double_sided > 0.5, 0.5, 1.0)
    solid = b.is_solid > 0.5
    q_cath, t_cath, t_sep, phi_sep, t_host, pores, m_el = _pores_and_electrolyte(b)
    rho_sep = np.where(solid, b.sse_density_kg_m3, b.separator_density_kg_m3)
    t_anode_coat = b.coating_thickness_m + b.interlayer_thickness_m
    h_na = (b.na_excess_C_m2 + b.areal_capacity_C_m2) * (NA_MOLAR_VOLUME_m3_mol / FARADAY_C_mol)
    v_el = m_el / b.electrolyte_density_kg_m3
    mass = {
        "positive_collector": s * b.positive_collector_thickness_m * b.positive_collector_density_kg_m3,
        "cathode": b.cathode_loading_kg_m2,
        "separator": t_sep * (1.0 - phi_sep) * rho_sep,
        "anode_coating": t_anode_coat * b.anode_coating_density_kg_m3,
        "na_metal": b.na_excess_C_m2 * (NA_MOLAR_MASS_kg_mol / FARADAY_C_mol),
        "host": s * b.host_areal_mass_kg_m2,
        "electrolyte": m_el,
    }
    thickness = {
        "positive_collector": s * b.positive_collector_thickness_m,
        "cathode": t_cath,
        "separator": t_sep,
        "anode_coating": t_anode_coat,
        "na_metal": np.maximum(0.0, h_na - b.host_porosity * t_host),
        "host": t_host,
        "electrolyte": np.maximum(0.0, v_el - pores),
    }
    helpers = {"q_cath": q_cath, "pores": pores, "m_el": m_el}
    return mass, thickness, helpers


def with_packaging(mass: dict, thickness: dict, b) -> tuple[dict, dict]:
    """Add the packaging allowance as a layer: m_pack = m_stack f_m / (1 − f_m) (same for volume)."""
    m_stack = sum(mass.values())
    t_stack = sum(thickness.values())
    fm, fv = b.packaging_mass_fraction, b.packaging_volume_fraction
    return ({**mass, "packaging": m_stack * fm / (1.0 - fm)}, {**thickness, "packaging": t_stack * fv / (1.0 - fv)})


def capacity_fade_cycles(fade, ce, cycles_excess, n_inventory, retention=0.8):
    """(N_cath, N_cap): cycles to ``retention`` of the cathode alone and of cathode × Na inventory (module
    docstring), vectorised over designs. ``fade`` f per cycle (NaN → 0), ``ce`` the Coulombic efficiency,
    ``cycles_excess`` n_ex = Q_ex / (Q (1 − CE)), ``n_inventory`` the inventory life N_inv (returned where f = 0).

    R(n) = (1 − f)^n · min(1, CE^(n − n_ex)) = r  →  N_cap = N_cath if N_cath ≤ n_ex, else
    (ln r + n_ex ln CE) / (ln(1 − f) + ln CE).
    """
    f = np.nan_to_num(np.asarray(fade, dtype=float), nan=0.0)
    ln_r = np.log(retention)
    ln_c = np.log1p(-f)
    ln_ce = np.log(np.asarray(ce, dtype=float))
    n_ex = np.asarray(cycles_excess, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        n_cath = np.where(f > 0, ln_r / ln_c, np.inf)
        both = (ln_r + n_ex * ln_ce) / (ln_c + ln_ce)
        both = np.where(np.isneginf(ln_ce), n_ex, both)  # CE = 0: nothing comes back once the reservoir is spent
    n_cap = np.where(f > 0, np.where((n_cath <= n_ex) | (ln_ce >= 0.0), n_cath, both), n_inventory)
    return n_cath, n_cap


def cell_life_mechanism(si: dict, i: int) -> str:
    """What ends design ``i``'s cell (a key of :data:`CELL_LIFE_MECHANISMS`): the earliest of capacity fade,
    electrolyte, short; a capacity fade is named ``cathode`` or ``inventory`` when the other term alone would
    not reach the end of life before it (within 1 %), ``capacity`` when both take their share."""
    n_cap, n_el, n_short = (float(si[k][i]) for k in ("cycle_life_capacity", "cycle_life_electrolyte",
                                                         "cycle_life_short"))
    if n_short < min(n_cap, n_el):
        return "short"
    if n_el < n_cap:
        return "electrolyte"
    n_cath, n_inv = float(si["cycle_life_cathode"][i]), float(si["cycle_life_na_inventory"][i])
    if not np.isfinite(n_cath) or n_inv <= n_cap * 1.01:
        return "inventory"
    if n_cath <= n_cap * 1.01:
        return "cathode"
    return "capacity"


def cell_terms(b, si: dict, p=None) -> dict[str, np.ndarray]:
    """The cell ScoreResult.si arrays (:data:`CELL_SI_KEYS`); NaN where a design has no cathode.

    ``si`` is the scorer's, with the lifetime model's ``t_fail_<mechanism>_s`` and ``lifetime_cycles`` (computed
    with the cell's electrolyte budget, :func:`electrolyte_budget_mol_m2`), ``ce`` and ``cycles_excess``;
    ``p`` the model parameters (``end_of_life_retention``; None: 0.8).
    """
    n = len(b)
    has = b.has_cathode > 0.5
    if not has.any():
        nan = np.full(n, np.nan)
        return {k: nan.copy() for k in CELL_SI_KEYS}
    mass, thickness, h = breakdown(b, si)
    q_cath, pores, m_el = h["q_cath"], h["pores"], h["m_el"]
    m_stack = sum(mass.values())
    t_stack = sum(thickness.values())
    m_cell = m_stack / (1.0 - b.packaging_mass_fraction)
    t_cell = t_stack / (1.0 - b.packaging_volume_fraction)

    eta_anode = b.current_density_A_m2 * (
        si["asr_interface_ohm_m2"] + si["asr_coating_ohm_m2"] + si["asr_electrolyte_ohm_m2"]
    ) + si["eta_ct_V"]
    eta_cath = cathode_polarisation_V(b.current_density_A_m2, b.cathode_exchange_current_A_m2,
                                      b.cathode_specific_surface_m2_kg,
                                      b.cathode_loading_kg_m2 * b.cathode_active_fraction, b.temperature_K)
    v_cell = b.cathode_voltage_V - eta_anode - eta_cath
    q = b.areal_capacity_C_m2
    energy = q * v_cell

    # cycle life: the lifetime model's cycles to failure per mechanism (anodelab.lifetime), N_i = t_i / (2 Q / J)
    t_cycle = 2.0 * si["half_cycle_s"]
    n_na = si["t_fail_inventory_s"] / t_cycle
    n_el = si["t_fail_electrolyte_s"] / t_cycle
    n_short = np.minimum.reduce([si[f"t_fail_{k}_s"] for k in SHORT_MECHANISMS]) / t_cycle
    reserve = m_el - b.electrolyte_density_kg_m3 * pores
    # the cathode's own fade, with the Na inventory as a product of retained fractions (module docstring)
    retention = 0.8 if p is None else p.end_of_life_retention
    fade = getattr(b, "cathode_capacity_fade_per_cycle", np.full(n, np.nan))
    n_cath, n_cap = capacity_fade_cycles(fade, si["ce"], si["cycles_excess"], n_na, retention)
    life = np.minimum(np.minimum(n_cap, n_el), n_short)  # ≤ lifetime_cycles (= it when f = 0, to rounding)

    out = {
        "cathode_capacity_C_m2": q_cath,
        "np_ratio": b.na_excess_C_m2 / q_cath,
        "depth_of_discharge": q / q_cath,
        "eta_cathode_V": np.where(has, eta_cath, np.nan),
        "cell_voltage_V": v_cell,
        "cell_energy_J_m2": energy,
        "active_specific_energy_J_kg": energy / (b.cathode_loading_kg_m2 * b.cathode_active_fraction + mass["na_metal"]),
        "stack_specific_energy_J_kg": energy / m_stack,
        "cell_specific_energy_J_kg": energy / m_cell,
        "stack_energy_density_J_m3": energy / t_stack,
        "cell_energy_density_J_m3": energy / t_cell,
        "cell_mass_kg_m2": m_cell,
        "cell_thickness_m": t_cell,
        "electrolyte_reserve_kg_m2": np.where(m_el > 0, reserve, np.nan),
        "cycle_life_na_inventory": n_na,
        "cycle_life_electrolyte": n_el,
        "cycle_life_short": n_short,
        "cycle_life_cathode": n_cath,
        "cycle_life_capacity": n_cap,
        "cell_cycle_life": life,
    }
    # a design cycling more than its cathode holds (a screen's areal-capacity axis can do that; a design
    # file cannot, anodelab.cell.spec.check_cell) has no cell metrics
    valid = has & (q <= q_cath * (1.0 + 1e-9))
    if not valid.all():
        out = {k: np.where(valid, v, np.nan) for k, v in out.items()}
    return out


_CAPACITY_FIELDS = ("cathode_loading_kg_m2", "cathode_active_fraction", "cathode_specific_capacity_C_kg")


def scale_cycled_capacity(batch, fields: dict) -> dict:
    """Sampled cathode fields (intervals, sensitivity) → the same fields with the cycled capacity at the
    design's depth of discharge: Q' = Q · Q_cath' / Q_cath (the DoD is kept; the Na excess, a stated amount
    of Na metal, is kept too). Without a cathode, or with no capacity field sampled, ``fields`` unchanged.

    A cathode's capacity range enters Wh kg⁻¹ only this way: at a fixed Q, a larger specific capacity would
    only lower the DoD and leave E = Q V unchanged.
    """
    if not any(k in fields for k in _CAPACITY_FIELDS) or not np.any(batch.has_cathode > 0.5):
        return fields
    nominal = batch.cathode_loading_kg_m2 * batch.cathode_active_fraction * batch.cathode_specific_capacity_C_kg
    sampled = np.ones(len(batch))
    for k in _CAPACITY_FIELDS:
        sampled = sampled * (fields[k] if k in fields else getattr(batch, k))
    ratio = np.where(batch.has_cathode > 0.5, sampled / nominal, 1.0)
    base_q = fields.get("areal_capacity_C_m2", batch.areal_capacity_C_m2)
    return {**fields, "areal_capacity_C_m2": base_q * ratio}


def layer_shares(b, si: dict, i: int = 0) -> list[tuple[str, str, float, float, float, float]]:
    """One design's layers with packaging: (key, label, mass kg m⁻², thickness m, mass share, volume share)."""
    one = b.rows(i, i + 1)
    one_si = {k: v[i:i + 1] for k, v in si.items()}
    mass, thickness, _ = breakdown(one, one_si)
    mass, thickness = with_packaging(mass, thickness, one)
    m_tot = float(sum(v[0] for v in mass.values()))
    t_tot = float(sum(v[0] for v in thickness.values()))
    return [
        (k, LAYER_LABELS[k], float(mass[k][0]), float(thickness[k][0]), float(mass[k][0]) / m_tot,
         float(thickness[k][0]) / t_tot)
        for k in mass
    ]
