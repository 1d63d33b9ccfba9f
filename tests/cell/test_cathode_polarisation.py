"""Cathode charge-transfer polarisation (anodelab.cell.voltage): its library values, the score's cell voltage and
energy, and the full-cell profile, which must use the same number."""

import math

import numpy as np
import pytest

from anodelab.cell.voltage import (CHAYAMBUKA_2022_NVPF, cathode_polarisation_V, exchange_current_A_m2,
                                   soc_mean_exchange_current_A_m2, specific_surface_m2_kg)
from anodelab.design import design_from_dict
from anodelab.materials.library import default_library
from anodelab.scoring import score
from anodelab.simulate.full_cell import simulate_full_cell
from anodelab.simulate.settings import FullCellSettings

F = 96485.33212
R = 8.314462618


def test_nvpf_exchange_current_by_hand_at_half_charge():
    k = CHAYAMBUKA_2022_NVPF
    # the charged cell's 3320 mol m⁻³ plus Q_ref / (F ε_s L), Q_ref = 3 mAh on 2.54 cm² = 42 519.7 C m⁻²
    assert k.discharged_concentration_mol_m3 == pytest.approx(3320 + 42519.685 / (F * 0.55 * 68e-6), rel=1e-9)
    c = 15103.034 - 0.5 * (15103.034 - 3320.0)  # 9211.5 mol m⁻³
    # k(c) between the table's 8969.30 (6.65e-12) and 9649.12 (5.03e-12) m s⁻¹
    kc = 6.65e-12 + (c - 8969.298246) / (9649.122807 - 8969.298246) * (5.03e-12 - 6.65e-12)
    i0 = F * kc * math.sqrt(c * (15320.0 - c)) / 2  # 2.198e-3 A m⁻²
    assert exchange_current_A_m2(k, 0.5) == pytest.approx(i0, rel=1e-6)
    assert i0 == pytest.approx(2.198e-3, rel=1e-3)


def test_library_nvpf_values_are_the_sets_soc_mean_and_particle_surface():
    k = CHAYAMBUKA_2022_NVPF
    lib = default_library().get("nvpf-c")
    # geometric mean of i0 over SOC 0-1 (1.869e-3 A m⁻² = 1.869e-4 mA cm⁻²)
    assert soc_mean_exchange_current_A_m2(k) == pytest.approx(1.8693e-3, rel=1e-4)
    assert lib.value("particle_exchange_current_density_mA_cm2") * 10.0 == pytest.approx(
        soc_mean_exchange_current_A_m2(k), rel=1e-3)
    # a = 3 / (ρ r), ρ = F c_max / 128 mAh g⁻¹ = 3207.8 kg m⁻³, r = 0.59 µm → 1585.1 m² kg⁻¹ = 1.585 m² g⁻¹
    assert k.active_density_kg_m3 == pytest.approx(F * 15320 / (128 * 3600), rel=1e-12)
    assert specific_surface_m2_kg(k) == pytest.approx(3 / (3207.8 * 0.59e-6), rel=1e-4)
    assert lib.value("active_specific_surface_m2_g") * 1e3 == pytest.approx(specific_surface_m2_kg(k), rel=1e-3)
    # the set's own electrode (ε_s L ρ = 0.55 × 68 µm × 3207.8 kg m⁻³ of NVPF) has the surface 3 ε_s L / r
    assert specific_surface_m2_kg(k) * 0.55 * 68e-6 * k.active_density_kg_m3 == pytest.approx(
        3 * 0.55 * 68e-6 / 0.59e-6, rel=1e-12)
    # the SOC-averaged i0 reproduces the SOC-resolved mean η over a full discharge (within 1 mV at 1 mA cm⁻²)
    soc = np.linspace(0.0, 1.0, 2001)
    s = 3 * 0.55 * 68e-6 / 0.59e-6
    resolved = np.mean(2 * R * 298.15 / F * np.arcsinh(10.0 / (2 * s * exchange_current_A_m2(k, soc))))
    averaged = 2 * R * 298.15 / F * math.asinh(10.0 / (2 * s * soc_mean_exchange_current_A_m2(k)))
    assert averaged == pytest.approx(resolved, abs=1e-3)


def test_polarisation_by_hand_and_without_kinetics():
    # nvpf-c as in the library: 12 mg cm⁻² × 0.92 = 0.1104 kg m⁻² of NVPF, a = 1585 m² kg⁻¹ → S = 175.0 m² m⁻²;
    # J = 10 A m⁻², i0 = 1.869e-3 A m⁻²: asinh(10 / (2 × 175.0 × 1.869e-3)) = asinh(15.288) = 3.4213,
    # η = 2 × 8.3145 × 298.15 / 96485 × 3.4213 = 0.17580 V
    eta = cathode_polarisation_V(10.0, 1.869e-3, 1585.0, 0.1104, 298.15)
    assert eta == pytest.approx(2 * R * 298.15 / F * math.asinh(10.0 / (2 * 1585.0 * 0.1104 * 1.869e-3)), rel=1e-12)
    assert eta == pytest.approx(0.17580, abs=1e-4)
    # twice the active material: the same as half the current
    assert cathode_polarisation_V(10.0, 1.869e-3, 1585.0, 0.2208, 298.15) == pytest.approx(
        cathode_polarisation_V(5.0, 1.869e-3, 1585.0, 0.1104, 298.15), rel=1e-12)
    # a custom cathode without kinetics (NaN columns): no polarisation
    assert np.all(cathode_polarisation_V(np.array([1.0, 10.0]), np.nan, np.nan, 0.1, 298.15) == 0.0)


def _design(cathode, j_mA_cm2=0.5, **cathode_props):
    return design_from_dict({
        "format_version": 1, "name": f"cell {cathode}",
        "conditions": {"current_density_mA_cm2": j_mA_cm2, "temperature_C": 25.0, "cycles": 2},
        "host": {"material": "al-foil", "surface_area_ratio": 1.0},
        "electrolyte": {"material": "napf6-diglyme-1m", "electrode_gap_um": 25.0},
        "cathode": {"material": cathode, **cathode_props},
        "cell": {"np_ratio": 1.0, "depth_of_discharge": 0.8, "electrolyte_to_capacity_g_Ah": 10.0},
    }, library=default_library())


def test_score_subtracts_the_polarisation_from_the_cell_voltage_and_energy():
    lib = default_library()
    d = _design("nvpf-c", 1.0)
    r = score(d)
    si, rec = r.si, r.record(0)
    m = lib.get("nvpf-c")
    m_act = m.value("areal_loading_mg_cm2") * 1e-2 * m.value("active_fraction")  # 0.1104 kg m⁻²
    eta_c = 2 * R * 298.15 / F * math.asinh(10.0 / (2 * m.value("active_specific_surface_m2_g") * 1e3 * m_act
                                                    * m.value("particle_exchange_current_density_mA_cm2") * 10.0))
    assert float(si["eta_cathode_V"][0]) == pytest.approx(eta_c, rel=1e-12)
    assert rec["cathode_polarisation_mV"] == pytest.approx(1e3 * eta_c, rel=1e-12)  # the score card's row
    assert eta_c == pytest.approx(0.1758, abs=2e-4)
    eta_a = float(10.0 * (si["asr_interface_ohm_m2"] + si["asr_coating_ohm_m2"] + si["asr_electrolyte_ohm_m2"])[0]
                  + si["eta_ct_V"][0])
    assert rec["cell_voltage_V"] == pytest.approx(3.9 - eta_a - eta_c, rel=1e-12)
    # E = Q V_cell: the same cell without kinetics (a custom-like cathode, NaN columns) differs by Q η_cath only
    b = r.si["cell_energy_J_m2"][0]
    from anodelab.batch import as_batch

    batch = as_batch(d)
    bare = score(batch.replace(cathode_exchange_current_A_m2=np.array([np.nan]))).si
    assert float(bare["eta_cathode_V"][0]) == 0.0
    q = batch.areal_capacity_C_m2[0]
    assert bare["cell_energy_J_m2"][0] - b == pytest.approx(q * eta_c, rel=1e-9)
    ratio = b / bare["cell_energy_J_m2"][0]
    assert si["cell_specific_energy_J_kg"][0] == pytest.approx(ratio * bare["cell_specific_energy_J_kg"][0], rel=1e-12)
    assert si["cell_energy_density_J_m3"][0] == pytest.approx(ratio * bare["cell_energy_density_J_m3"][0], rel=1e-12)


def test_specific_energy_falls_with_current_density():
    lib = default_library()
    for cathode in [m.id for m in lib.of_class("cathode")]:
        js = [0.05, 0.2, 0.5, 1.0, 2.0, 5.0]
        recs = [score(_design(cathode, j)).record(0) for j in js]
        wh = [rec["cell_specific_energy_Wh_kg"] for rec in recs]
        volt = [rec["cell_voltage_V"] for rec in recs]
        assert all(a > b for a, b in zip(wh, wh[1:])), (cathode, wh)
        assert all(a > b for a, b in zip(volt, volt[1:])), (cathode, volt)
        # η_cath grows with J, and by less than the linear law (asinh is concave)
        r = [score(_design(cathode, j)).si["eta_cathode_V"][0] for j in (0.5, 1.0)]
        assert 0.0 < r[0] < r[1] < 2 * r[0], cathode


def test_profile_uses_the_scores_polarisation():
    per = 40
    designs = [_design("nvpf-c"), _design("nvp-c"), _design("nfm111")]
    prof = simulate_full_cell(designs, FullCellSettings(cycles=1, points_per_half_cycle=per))
    si = score(designs).si
    soc = prof.series["state_of_charge"]
    v = prof.y
    # the first discharge point (SOC 1) and the last charge point (back at SOC 1): V_chg − V_dis = 2 (η_anode + η_cath)
    assert soc[0, 0] == pytest.approx(1.0) and soc[0, 2 * per - 1] == pytest.approx(1.0)
    gap = v[:, 2 * per - 1] - v[:, 0]
    eta_a = 5.0 * (si["asr_interface_ohm_m2"] + si["asr_coating_ohm_m2"] + si["asr_electrolyte_ohm_m2"]) + si["eta_ct_V"]
    np.testing.assert_allclose(gap, 2 * (eta_a + si["eta_cathode_V"]), rtol=1e-9)
    assert np.all(si["eta_cathode_V"] > 0.005)
    # the profile's first-discharge mean = the curve's window mean − the same η as the score's cell voltage
    from anodelab.cell.voltage import curve_arrays, window_mean_V

    lib = default_library()
    for i, d in enumerate(designs):
        sc, vc = curve_arrays(lib.get(d.cathode.material))
        shift = float(si["cell_voltage_V"][i]) - lib.get(d.cathode.material).value("average_voltage_V")
        mean_disc = np.mean(v[i, :per])  # equally spaced in SOC over [0.2, 1]
        curve_mean = np.mean(np.interp(np.linspace(1.0, 0.2, per), sc, vc))
        assert mean_disc - curve_mean == pytest.approx(shift, abs=1e-9)
        assert abs(window_mean_V(sc, vc, 0.8) - curve_mean) < 0.05
