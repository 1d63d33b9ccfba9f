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
V_cell = V̄_cathode − η_anode with η_anode = J (ASR_interface + ASR_coating + ASR_electrolyte) + η_ct
(the anode and the electrolyte of :func:`anodelab.scoring.score`; cathode polarisation is not modelled);
E = Q V_cell; specific energy E/m, energy density E/t (stack and cell); the materials-level specific
energy many papers quote, E / (m_active,cathode + m_Na,excess), as ``active_specific_energy_J_kg``.

Cycle life to 80 %: the Na inventory, n_Na = Q_ex / (Q (1 − CE)) + ln 0.8 / ln CE (the excess buffers
the loss, then Q_n = Q CE^n); the electrolyte, n_el = (m_el − ρ_el V_pores) / (k_el f_SEI Q (1 − CE) / F)
(the cell runs dry when the consumed electrolyte leaves pores unfilled; 0 when E/C cannot fill them at
the start, ∞ without liquid); the cycle life is min(n_Na, n_el) — and also the anode's earliest failure
time ``lifetime_cycles`` once :mod:`anodelab.scoring` provides it.
"""

from __future__ import annotations

import numpy as np

from ..constants import FARADAY_C_mol, NA_MOLAR_MASS_kg_mol, NA_MOLAR_VOLUME_m3_mol
from .parameters import CellParameters, default_cell_parameters

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
    "cell_cycle_life",
)


def breakdown(b, si: dict) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray], dict[str, np.ndarray]]:
    """(masses kg m⁻², thicknesses m, helpers) per layer of the repeat unit (see the module table)."""
    s = np.where(b.double_sided > 0.5, 0.5, 1.0)
    solid = b.is_solid > 0.5
    q_cath = b.cathode_loading_kg_m2 * b.cathode_active_fraction * b.cathode_specific_capacity_C_kg
    t_cath = b.cathode_loading_kg_m2 / (b.cathode_density_kg_m3 * (1.0 - b.cathode_porosity))
    t_sep = np.where(solid, b.sse_thickness_m, b.electrode_gap_m)
    phi_sep = np.where(solid, 0.0, b.separator_porosity)
    rho_sep = np.where(solid, b.sse_density_kg_m3, b.separator_density_kg_m3)
    t_host = s * b.host_thickness_m
    t_anode_coat = b.coating_thickness_m + b.interlayer_thickness_m
    h_na = (b.na_excess_C_m2 + b.areal_capacity_C_m2) * (NA_MOLAR_VOLUME_m3_mol / FARADAY_C_mol)
    pores = b.cathode_porosity * t_cath + phi_sep * t_sep + b.host_porosity * t_host
    m_el = b.electrolyte_to_capacity_kg_C * q_cath
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


def cell_terms(b, si: dict, params: CellParameters | None = None) -> dict[str, np.ndarray]:
    """The cell ScoreResult.si arrays (:data:`CELL_SI_KEYS`); NaN where a design has no cathode."""
    n = len(b)
    has = b.has_cathode > 0.5
    if not has.any():
        nan = np.full(n, np.nan)
        return {k: nan.copy() for k in CELL_SI_KEYS}
    p = params or default_cell_parameters()
    mass, thickness, h = breakdown(b, si)
    q_cath, pores, m_el = h["q_cath"], h["pores"], h["m_el"]
    m_stack = sum(mass.values())
    t_stack = sum(thickness.values())
    m_cell = m_stack / (1.0 - b.packaging_mass_fraction)
    t_cell = t_stack / (1.0 - b.packaging_volume_fraction)

    eta_anode = b.current_density_A_m2 * (
        si["asr_interface_ohm_m2"] + si["asr_coating_ohm_m2"] + si["asr_electrolyte_ohm_m2"]
    ) + si["eta_ct_V"]
    v_cell = b.cathode_voltage_V - eta_anode
    q = b.areal_capacity_C_m2
    energy = q * v_cell

    # cycle life: Na inventory (the excess buffers, then Q_n = Q CE^n) and electrolyte dry-out
    loss = si["loss_C_m2"]
    n_na = si["cycles_excess"] + si["cycles_80"]
    reserve = m_el - b.electrolyte_density_kg_m3 * pores
    use = p.electrolyte_consumed_kg_per_mol_na * p.sei_share_of_na_loss * loss / FARADAY_C_mol
    with np.errstate(divide="ignore", invalid="ignore"):
        n_el = np.where(use > 0, np.maximum(reserve, 0.0) / np.where(use > 0, use, 1.0), np.inf)
    n_el = np.where(m_el > 0, n_el, np.inf)
    life = np.minimum(n_na, n_el)
    if "lifetime_cycles" in si:  # the anode's earliest failure (liquid/risk model), when it exists
        life = np.minimum(life, si["lifetime_cycles"])

    out = {
        "cathode_capacity_C_m2": q_cath,
        "np_ratio": b.na_excess_C_m2 / q_cath,
        "depth_of_discharge": q / q_cath,
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
        "cell_cycle_life": life,
    }
    # a design cycling more than its cathode holds (a screen's areal-capacity axis can do that; a design
    # file cannot, anodelab.cell.spec.check_cell) has no cell metrics
    valid = has & (q <= q_cath * (1.0 + 1e-9))
    if not valid.all():
        out = {k: np.where(valid, v, np.nan) for k, v in out.items()}
    return out


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
