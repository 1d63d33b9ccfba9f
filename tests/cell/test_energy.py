"""Hand calculations of the full-cell metrics (anodelab.cell.energy) for a stated cell.

Every mass and volume of the repeat unit is written out below in mg cm⁻² and µm and summed by hand;
the engine must reproduce the sums, the energy and the densities.
"""

import math

import numpy as np
import pytest

from anodelab.batch import as_batch
from anodelab.cell import layer_shares
from anodelab.design import design_from_dict
from anodelab.physics.parameters import default_parameters
from anodelab.scoring import score

#: The stated cell's CE is the stated CE on Cu: model v2's current dependence of 1 − CE, (J_eff/J_ref)^n, is switched
#: off (n = 0) where a test states the CE (the stated cell runs at 0.01 mA cm⁻², far from J_ref = 0.5 mA cm⁻²)
P0 = default_parameters().with_values(ce_current_exponent=0.0, ce_capacity_exponent=0.0)  # CE = the stated CE_Cu

F = 96485.33212
M_NA = 22.98976928  # g mol⁻¹
UM_PER_MAH_CM2 = 3.6 * 22.98976928 / 0.968 / F * 1e4  # µm of Na per mAh cm⁻² (8.86)


def stated_cell(cathode=None, **cell):
    data = {
        "format_version": 1,
        "name": "stated cell",
        "conditions": {"current_density_mA_cm2": 0.01, "temperature_C": 25.0, "cycles": 10},
        "host": {"material": "cu-foil", "thickness_um": 10.0, "areal_mass_mg_cm2": 8.96, "surface_area_ratio": 1.0},
        "electrolyte": {"material": "napf6-diglyme-1m", "electrode_gap_um": 20.0, "coulombic_efficiency_on_cu": 0.99},
        "cathode": {"material": "nvp-c", "areal_loading_mg_cm2": 10.0, "active_fraction": 0.9,
                    "specific_capacity_mAh_g": 120.0, "density_g_cm3": 3.0, "porosity": 0.4,
                    "average_voltage_V": 3.4, "particle_exchange_current_density_mA_cm2": 2e-4,
                    "active_specific_surface_m2_g": 2.0, "capacity_fade_per_cycle": 0.0, **(cathode or {})},
        "cell": {"positive_collector_thickness_um": 10.0, "positive_collector_density_g_cm3": 2.70,
                 "separator_porosity": 0.5, "separator_density_g_cm3": 1.0, "electrolyte_to_capacity_g_Ah": 5.0,
                 "electrolyte_density_g_cm3": 1.2, "packaging_mass_fraction": 0.1, "packaging_volume_fraction": 0.1,
                 "double_sided": True, "np_ratio": 1.0, "depth_of_discharge": 1.0, **cell},
    }
    return design_from_dict(data)


def test_energy_density_of_a_stated_cell_by_hand():
    d = stated_cell()
    r = score(d)
    rec = r.record(0)
    # Q_cath = 10 mg cm⁻² × 0.9 × 120 mAh g⁻¹ = 1.08 mAh cm⁻²; N/P = 1 → Na excess 1.08 mAh cm⁻²; DoD 1
    q = 1.08
    assert rec["cathode_capacity_mAh_cm2"] == pytest.approx(q, rel=1e-12)
    assert d.conditions.na_excess_mAh_cm2 == pytest.approx(q, rel=1e-12)
    assert d.conditions.areal_capacity_mAh_cm2 == pytest.approx(q, rel=1e-12)
    assert rec["np_ratio"] == pytest.approx(1.0) and rec["depth_of_discharge"] == pytest.approx(1.0)
    # masses, mg cm⁻² (double-sided: each collector counts half)
    m_al = 0.5 * 10e-4 * 2.70 * 1e3          # 1.35
    m_cath = 10.0                             # the coating
    m_sep = 20e-4 * (1 - 0.5) * 1.0 * 1e3     # 1.0
    m_na = q * 3.6 / F * M_NA * 1e3           # 0.92643 (the excess; the cycled Na is in the cathode)
    m_host = 0.5 * 8.96                       # 4.48
    m_el = 5.0 * q                            # 5.4 (E/C × Q_cath, g Ah⁻¹ × mAh cm⁻² = mg cm⁻²)
    assert (m_al, m_sep, m_host, m_el) == pytest.approx((1.35, 1.0, 4.48, 5.4))
    assert m_na == pytest.approx(0.92643, rel=1e-4)
    m_stack = m_al + m_cath + m_sep + m_na + m_host + m_el  # 23.156 mg cm⁻²
    assert m_stack == pytest.approx(23.1564, rel=1e-4)
    # thicknesses, µm (charged state)
    t_al = 5.0
    t_cath = 10e-3 / (3.0 * (1 - 0.4)) * 1e4  # 55.556
    t_sep = 20.0
    t_na = (q + q) * UM_PER_MAH_CM2           # 19.14: excess + plated (Cu foil has no pores)
    t_host = 5.0
    pores = 0.4 * t_cath + 0.5 * t_sep        # 32.222 µm of pore volume
    t_el = m_el / 1.2 * 10 - pores            # 45.0 − 32.22 = 12.78 µm of electrolyte beyond the pores
    t_stack = t_al + t_cath + t_sep + t_na + t_host + t_el
    assert t_stack == pytest.approx(117.47, abs=0.01)
    # the engine's layer table lists the same numbers
    shares = {k: (m, t) for k, _label, m, t, _fm, _fv in layer_shares(as_batch(d), r.si)}
    for key, m_mg, t_um in (("positive_collector", m_al, t_al), ("cathode", m_cath, t_cath),
                            ("separator", m_sep, t_sep), ("na_metal", m_na, t_na), ("host", m_host, t_host),
                            ("electrolyte", m_el, t_el), ("anode_coating", 0.0, 0.0)):
        assert shares[key][0] * 1e2 == pytest.approx(m_mg, rel=1e-9, abs=1e-12), key  # kg m⁻² → mg cm⁻²
        assert shares[key][1] * 1e6 == pytest.approx(t_um, rel=1e-9, abs=1e-12), key
    assert shares["packaging"][0] * 1e2 == pytest.approx(m_stack / 9.0, rel=1e-9)  # f/(1−f) = 1/9
    # energy: 1.08 mAh cm⁻² × V_cell, V_cell = 3.4 V − η_anode − η_cath; at 0.01 mA cm⁻² the anode costs < 1 mV;
    # the cathode: S = 2 m² g⁻¹ × 9 mg cm⁻² = 180 m² m⁻², i0 = 2e-4 mA cm⁻² = 2e-3 A m⁻², J = 0.1 A m⁻²:
    # η_cath = (2RT/F) asinh(0.1 / (2 × 180 × 2e-3)) = 0.051385 V × asinh(0.13889) = 7.114 mV
    eta_cath = 2 * 8.314462618 * 298.15 / F * math.asinh(0.1 / (2 * 180.0 * 2e-3))
    assert eta_cath == pytest.approx(7.114e-3, abs=1e-6)
    assert r.si["eta_cathode_V"][0] == pytest.approx(eta_cath, rel=1e-9)
    si = r.si
    eta_anode = float(0.1 * (si["asr_interface_ohm_m2"] + si["asr_coating_ohm_m2"] + si["asr_electrolyte_ohm_m2"])[0]
                      + si["eta_ct_V"][0])
    assert 0.0 < eta_anode < 1e-3
    v = rec["cell_voltage_V"]
    assert v == pytest.approx(3.4 - eta_anode - eta_cath, rel=1e-12)
    e_mWh_cm2 = q * v
    assert rec["stack_specific_energy_Wh_kg"] == pytest.approx(e_mWh_cm2 / m_stack * 1e3, rel=1e-9)  # ≈ 158.2
    assert rec["stack_specific_energy_Wh_kg"] == pytest.approx(158.2, abs=0.1)
    assert rec["cell_specific_energy_Wh_kg"] == pytest.approx(0.9 * e_mWh_cm2 / m_stack * 1e3, rel=1e-9)
    assert rec["stack_energy_density_Wh_L"] == pytest.approx(e_mWh_cm2 / t_stack * 1e4, rel=1e-9)  # ≈ 311.9
    assert rec["stack_energy_density_Wh_L"] == pytest.approx(311.9, abs=0.1)
    assert rec["cell_energy_density_Wh_L"] == pytest.approx(0.9 * e_mWh_cm2 / t_stack * 1e4, rel=1e-9)
    assert rec["cell_areal_mass_mg_cm2"] == pytest.approx(m_stack / 0.9, rel=1e-9)
    assert rec["electrolyte_reserve_mg_cm2"] == pytest.approx(m_el - 1.2 * pores * 1e-1, rel=1e-9)  # 1.533


def test_voltage_is_the_cathode_mean_minus_the_anode_and_cathode_overpotentials():
    d = stated_cell()
    r = score(d.with_conditions(current_density_mA_cm2=1.0))
    si = r.si
    eta = 10.0 * (si["asr_interface_ohm_m2"] + si["asr_coating_ohm_m2"] + si["asr_electrolyte_ohm_m2"]) + si["eta_ct_V"]
    # η_cath = (2RT/F) asinh(10 / (2 × 180 × 2e-3)) = 0.051385 × asinh(13.889) = 0.17088 V
    eta_cath = 2 * 8.314462618 * 298.15 / F * math.asinh(10.0 / (2 * 180.0 * 2e-3))
    assert eta_cath == pytest.approx(0.17088, abs=1e-5)
    assert r.record(0)["cell_voltage_V"] == pytest.approx(3.4 - float(eta[0]) - eta_cath, rel=1e-12)
    assert 0.0 < float(eta[0]) < 0.2


def test_capacity_fade_and_cycle_life_from_a_stated_ce():
    # CE = CE_Cu^(A^s f) = 0.99 on a planar host (area ratio 1) without coating
    d = stated_cell(np_ratio=0.5)
    rec = score(d, P0).record(0)
    assert rec["coulombic_efficiency"] == pytest.approx(0.99, rel=1e-12)
    # the excess (0.5 Q) lasts 0.5 / 0.01 = 50 cycles, then Q_n = Q 0.99^n falls to 80 % after ln 0.8 / ln 0.99 = 22.2
    n80 = math.log(0.8) / math.log(0.99)
    assert n80 == pytest.approx(22.20, abs=0.01)
    assert rec["cycle_life_na_inventory_cycles"] == pytest.approx(50.0 + n80, rel=1e-9)
    # electrolyte (the lifetime model's mechanism with the cell's E/C): V_el = 5.4 mg cm⁻² / 1.2 g cm⁻³ = 45 µm,
    # V_pores = 0.4 × 55.556 + 0.5 × 20 = 32.222 µm; the cell can lose min(f_dry V_el, V_el − V_pores) =
    # min(22.5, 12.778) µm of it: B = 12.778e-6 m × 10⁴ mol m⁻³ = 0.12778 mol m⁻² of solvent; each cycle costs
    # ν s_SEI Q (1 − CE) / F = 1 × 0.3 × (1.08 mAh cm⁻² = 3.888e4 C m⁻²) × 0.01 / F = 1.2089e-3 mol m⁻² (only the
    # SEI's share 0.3 of the lost Na reduced solvent; the rest is dead metallic Na) ⇒ 105.70 cycles
    pores_um = 0.4 * 10e-3 / (3.0 * 0.6) * 1e4 + 0.5 * 20.0
    assert pores_um == pytest.approx(32.222, abs=1e-3)
    budget_mol_m2 = min(0.5 * 45.0, 45.0 - pores_um) * 1e-6 * 10.0e3
    use_mol_m2 = 1.0 * 0.3 * 1.08 * 3.6e4 * 0.01 / F
    assert budget_mol_m2 / use_mol_m2 == pytest.approx(105.70, abs=0.01)
    assert rec["cycle_life_electrolyte_cycles"] == pytest.approx(budget_mol_m2 / use_mol_m2, rel=1e-9)
    # the cell's life is the lifetime model's earliest failure: here the Na (72.2), before the electrolyte (105.7)
    # and before the earliest short
    assert rec["cycle_life_short_cycles"] > rec["cycle_life_na_inventory_cycles"]
    assert rec["cell_cycle_life_cycles"] == pytest.approx(50.0 + n80, rel=1e-9)
    assert rec["cell_cycle_life_cycles"] == pytest.approx(rec["predicted_lifetime_cycles"], rel=1e-12)
    assert rec["failure_mechanism"] == "inventory"


def test_cycle_life_is_the_lifetime_models_earliest_failure_time():
    from anodelab.cell.energy import SHORT_MECHANISMS
    from anodelab.lifetime import MECHANISMS

    d = stated_cell(np_ratio=2.0, electrolyte_to_capacity_g_Ah=8.0)
    r = score(d, P0)
    si, rec = r.si, r.record(0)
    t_cycle = 2.0 * si["half_cycle_s"][0]
    n = {k: si[f"t_fail_{k}_s"][0] / t_cycle for k in MECHANISMS}
    assert rec["cycle_life_na_inventory_cycles"] == pytest.approx(n["inventory"], rel=1e-12)
    assert rec["cycle_life_electrolyte_cycles"] == pytest.approx(n["electrolyte"], rel=1e-12)
    assert rec["cycle_life_short_cycles"] == pytest.approx(min(n[k] for k in SHORT_MECHANISMS), rel=1e-12)
    assert rec["cell_cycle_life_cycles"] == pytest.approx(min(n.values()), rel=1e-12)
    # E/C 8 g Ah⁻¹: V_el = 8.64 / 1.2 = 72 µm, f_dry V_el = 36 µm < 72 − 32.22: half the electrolyte ends the cell
    assert rec["cycle_life_electrolyte_cycles"] == pytest.approx(36e-6 * 1e4 / (0.3 * 1.08 * 3.6e4 * 0.01 / F), rel=1e-9)
    # the dendrite risk of a full cell uses the same electrolyte: more E/C, lower electrolyte hazard
    flooded = score(stated_cell(np_ratio=2.0, electrolyte_to_capacity_g_Ah=20.0), P0)
    assert flooded.hazards["electrolyte"][0] < r.hazards["electrolyte"][0]


def test_lean_electrolyte_ends_by_dry_out_and_anode_free_by_inventory():
    # N/P 5 (a 522-cycle Na reserve) with E/C 4.2 g Ah⁻¹: 37.8 µm of electrolyte, 5.6 µm beyond the pores
    lean = score(stated_cell(np_ratio=5.0, electrolyte_to_capacity_g_Ah=4.2), P0).record(0)
    assert lean["failure_mechanism"] == "electrolyte"
    assert lean["cell_cycle_life_cycles"] == lean["cycle_life_electrolyte_cycles"] < lean["cycle_life_na_inventory_cycles"]
    budget = (4.2 * 1.08 / 1.2 * 10 - 32.2222222) * 1e-6 * 1e4  # mol m⁻²
    # each cycle the SEI's share 0.3 of the lost Na costs solvent: 0.05578 / 1.2089e-3 = 46.1 cycles
    assert lean["cycle_life_electrolyte_cycles"] == pytest.approx(budget / (0.3 * 1.08 * 3.6e4 * 0.01 / F), rel=1e-6)
    # anode-free (N/P 0) with the same cell and E/C 5: the Na runs out first, after ln 0.8 / ln 0.99 = 22.2 cycles
    free = score(stated_cell(np_ratio=0.0), P0).record(0)
    assert free["failure_mechanism"] == "inventory"
    assert free["cell_cycle_life_cycles"] == pytest.approx(math.log(0.8) / math.log(0.99), rel=1e-9)
    assert free["cycle_life_electrolyte_cycles"] > free["cell_cycle_life_cycles"]


def test_anode_free_and_np_limits():
    free = score(stated_cell(np_ratio=0.0), P0).record(0)
    assert free["np_ratio"] == 0.0
    assert free["cycle_life_na_inventory_cycles"] == pytest.approx(math.log(0.8) / math.log(0.99), rel=1e-9)
    # more Na excess: more cycles (linear in N/P), less energy per kg (the Na weighs)
    lives, energies = [], []
    for np_ratio in (0.0, 0.5, 1.0, 2.0, 5.0):
        rec = score(stated_cell(np_ratio=np_ratio), P0).record(0)
        lives.append(rec["cycle_life_na_inventory_cycles"])
        energies.append(rec["stack_specific_energy_Wh_kg"])
    assert np.all(np.diff(lives) > 0) and np.all(np.diff(energies) < 0)
    assert lives[4] - lives[0] == pytest.approx(5.0 / 0.01, rel=1e-9)  # N/P 5 → 500 more cycles at 1 − CE = 0.01
    # the anode-free limit removes exactly the excess Na mass: 1.08 × 0.85781 mg cm⁻² per unit N/P
    m0 = free["cell_areal_mass_mg_cm2"] * 0.9
    m1 = score(stated_cell(np_ratio=1.0), P0).record(0)["cell_areal_mass_mg_cm2"] * 0.9
    assert m1 - m0 == pytest.approx(1.08 * 3.6 / F * M_NA * 1e3, rel=1e-9)


def test_lean_electrolyte_runs_dry_and_no_liquid_never_does():
    # E/C 2 g Ah⁻¹ = 2.16 mg cm⁻² cannot fill 3.87 mg cm⁻² of pores: dry from the start
    rec = score(stated_cell(electrolyte_to_capacity_g_Ah=2.0)).record(0)
    assert rec["electrolyte_reserve_mg_cm2"] < 0
    assert rec["cycle_life_electrolyte_cycles"] == 0.0 and rec["cell_cycle_life_cycles"] == 0.0
    # more electrolyte: longer life, monotonically
    lives = [score(stated_cell(electrolyte_to_capacity_g_Ah=ec)).record(0)["cycle_life_electrolyte_cycles"]
             for ec in (4.0, 5.0, 8.0)]
    assert lives[0] < lives[1] < lives[2]
    # a liquid cell without liquid (E/C 0) is dry from the start; a solid cell without liquid never dries
    assert score(stated_cell(electrolyte_to_capacity_g_Ah=0.0)).record(0)["cycle_life_electrolyte_cycles"] == 0.0


def test_report_draws_the_cell_to_scale_and_lists_every_layer():
    from anodelab.cell.report import layer_lines, layer_table
    from anodelab.report.stack_drawing import cell_stack_svg

    d = stated_cell()
    rows = layer_table(d)
    assert sum(r["mass_share"] for r in rows) == pytest.approx(1.0) and sum(r["volume_share"] for r in rows) == pytest.approx(1.0)
    svg = cell_stack_svg(rows)
    assert "Cathode coating: 55.6 µm" in svg and "Separator / SSE: 20 µm" in svg and "to scale" in svg
    assert "Anode coating" not in svg  # zero thickness: not drawn
    assert len(layer_lines(rows)) == 1 + len(rows)


def test_solid_electrolyte_cell_by_hand():
    # Na | NZSP 200 µm | NVP; SSE density 3.2 g cm⁻³ dense; no liquid by default (E/C 0): no dry-out
    d = design_from_dict({
        "format_version": 1, "name": "solid cell",
        "conditions": {"current_density_mA_cm2": 0.01, "temperature_C": 25.0, "cycles": 10},
        "host": {"material": "al-foil", "thickness_um": 10.0, "areal_mass_mg_cm2": 2.7},
        "electrolyte": {"material": "nzsp", "thickness_um": 200.0},
        "cathode": {"material": "nvp-c", "areal_loading_mg_cm2": 10.0, "active_fraction": 0.9,
                    "specific_capacity_mAh_g": 120.0, "density_g_cm3": 3.0, "porosity": 0.4},
        "cell": {"np_ratio": 1.0, "depth_of_discharge": 1.0, "double_sided": False, "sse_density_g_cm3": 3.2,
                 "positive_collector_thickness_um": 10.0, "packaging_mass_fraction": 0.0,
                 "packaging_volume_fraction": 0.0},
    })
    r = score(d)
    shares = {k: (m * 1e2, t * 1e6) for k, _l, m, t, _fm, _fv in layer_shares(as_batch(d), r.si)}
    assert shares["separator"] == pytest.approx((200e-4 * 3.2 * 1e3, 200.0))  # 64 mg cm⁻² of NZSP, 200 µm
    assert shares["electrolyte"] == (0.0, 0.0)
    assert shares["host"] == pytest.approx((2.7, 10.0)) and shares["positive_collector"] == pytest.approx((2.7, 10.0))
    m = 2.7 + 10.0 + 64.0 + 1.08 * 3.6 / F * M_NA * 1e3 + 2.7  # 80.33 mg cm⁻²
    rec = r.record(0)
    assert rec["cell_specific_energy_Wh_kg"] == pytest.approx(1.08 * rec["cell_voltage_V"] / m * 1e3, rel=1e-9)
    assert rec["cell_specific_energy_Wh_kg"] == pytest.approx(45.0, abs=1.0)  # a thick pellet costs energy
    assert rec["cycle_life_electrolyte_cycles"] is None and "cycle_life_electrolyte_cycles" in rec["unbounded_metrics"]
