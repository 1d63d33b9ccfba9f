"""Every physics function against a hand calculation with explicit numbers and units."""

from __future__ import annotations

import math

import numpy as np
import pytest

from anodelab.constants import FARADAY_C_mol, NA_MOLAR_VOLUME_m3_mol
from anodelab.physics import interphase, nucleation, resistance, risk, solid_state, transport, volume, wetting
from anodelab.physics.arrhenius import arrhenius_factor, conductivity_sigma_t, resistance_at

F = 96485.33212


def test_molar_volume_of_sodium():
    # M = 22.98976928 g/mol, ρ = 0.968 g/cm³ → V_m = 23.750 cm³/mol = 2.3750e-5 m³/mol
    assert NA_MOLAR_VOLUME_m3_mol == pytest.approx(2.3750e-5, rel=1e-4)


def test_sand_time_hand_calculation():
    # D = 1e-6 cm²/s = 1e-10 m²/s; C0 = 1 M = 1000 mol/m³; J = 1 mA/cm² = 10 A/m²; t_Na+ = 0.5 → t_a = 0.5
    # τ = π D (C0 F / (2 J t_a))² = π · 1e-10 · (1000·96485.33/(2·10·0.5))² = π·1e-10·(9.648533e6)² = 2.9246e4 s
    tau = transport.sand_time_s(1e-10, 1000.0, 10.0, transport.anion_transference(0.5))
    assert tau == pytest.approx(math.pi * 1e-10 * (1000 * F / 10.0) ** 2, rel=1e-12)
    assert tau == pytest.approx(2.9246e4, rel=1e-4)


def test_sand_time_scales_inverse_square_with_current():
    t1 = transport.sand_time_s(1e-10, 1000.0, 10.0, 0.5)
    t2 = transport.sand_time_s(1e-10, 1000.0, 20.0, 0.5)
    assert t1 / t2 == pytest.approx(4.0)


def test_limiting_current_hand_calculation():
    # J* = 2 F D C0 / (t_a L) = 2·96485.33·1e-10·1000 / (0.5·260e-6) = 148.44 A/m² = 14.844 mA/cm²
    j = transport.limiting_current_A_m2(1e-10, 1000.0, 0.5, 260e-6)
    assert j == pytest.approx(148.44, rel=1e-4)


def test_effective_current_and_half_cycle():
    assert transport.effective_current_density(10.0, 20.0) == pytest.approx(0.5)
    # 1 mAh/cm² = 3.6e4 C/m² at 1 mA/cm² = 10 A/m² → 3600 s
    assert transport.half_cycle_time_s(3.6e4, 10.0) == pytest.approx(3600.0)


def test_critical_radius_eq3():
    # γ = 0.15 J/m², η = 10 mV: r = 2·0.15·2.375e-5 / (96485.33·0.01) = 7.3845e-9 m
    r = nucleation.critical_radius_m(0.15, 0.010)
    assert r == pytest.approx(2 * 0.15 * NA_MOLAR_VOLUME_m3_mol / (F * 0.010), rel=1e-12)
    assert r == pytest.approx(7.3845e-9, rel=1e-3)


def test_critical_radius_is_the_maximum_of_eq1():
    gamma, eta = 0.15, 0.02
    r = np.linspace(1e-10, 5e-8, 200001)
    g = nucleation.free_energy_curve_J(r, gamma, eta)
    assert r[np.argmax(g)] == pytest.approx(nucleation.critical_radius_m(gamma, eta), rel=1e-3)
    assert g.max() == pytest.approx(nucleation.homogeneous_barrier_J(gamma, eta), rel=1e-6)


def test_heterogeneous_factor_limits():
    assert nucleation.heterogeneous_factor(1.0) == 0.0  # θ = 0°
    assert nucleation.heterogeneous_factor(0.0) == pytest.approx(0.5)  # θ = 90°
    assert nucleation.heterogeneous_factor(-1.0) == pytest.approx(1.0)  # θ = 180°


def test_nucleation_excess_proportional_to_current():
    # 20 mV at 1 mA/cm² on the surface; J_eff = 0.5 mA/cm² → 10 mV with n = 1
    assert nucleation.nucleation_excess_V(0.020, 5.0, 10.0, 1.0) == pytest.approx(0.010)
    assert nucleation.relative_nuclei_density(0.02, 0.01) == pytest.approx(8.0)


def test_young_and_reactive_contact_angle():
    # Eq. 4: (0.30 − 0.20)/0.20 = 0.5 → 60°
    c = wetting.young_cos(0.30, 0.20, 0.20)
    assert wetting.angle_deg(c) == pytest.approx(60.0)
    # Eq. 5: reaction term −0.1 J/m² → cos θ_r = 0.5 + 0.5 = 1.0 → 0°
    assert wetting.angle_deg(wetting.reactive_cos(c, -0.1, 0.20)) == pytest.approx(0.0, abs=1e-6)
    assert bool(wetting.is_sodiophilic(c))


def test_arrhenius_forms():
    k = 8.617333262e-5
    # E_a = 0.3 eV from 298.15 K to 353.15 K: factor = exp(−0.3/k·(1/353.15 − 1/298.15))
    f = arrhenius_factor(0.3, 353.15, 298.15)
    assert f == pytest.approx(math.exp(-0.3 / k * (1 / 353.15 - 1 / 298.15)))
    assert f == pytest.approx(6.15, rel=1e-2)
    assert conductivity_sigma_t(0.1, 0.3, 353.15, 298.15) == pytest.approx(0.1 * 298.15 / 353.15 * f)
    assert resistance_at(10.0, 0.3, 353.15, 298.15) == pytest.approx(10.0 / f)


def test_butler_volmer_small_and_large_current():
    T = 298.15
    # linear regime: η ≈ RT J/(F i0) for J ≪ i0
    eta = resistance.butler_volmer_overpotential_V(0.01, 10.0, T)
    assert eta == pytest.approx(8.314462618 * T * 0.01 / (F * 10.0), rel=1e-4)
    # J = 2 i0 sinh(Fη/2RT) inverts exactly
    eta2 = resistance.butler_volmer_overpotential_V(50.0, 10.0, T)
    assert 2 * 10.0 * math.sinh(F * eta2 / (2 * 8.314462618 * T)) == pytest.approx(50.0)


def test_ohmic_asr_and_symmetric_convention():
    # 1 mm NZSP at 1 mS/cm = 0.1 S/m → 1e-3/0.1 = 0.01 Ω m² = 100 Ω cm²
    assert resistance.layer_asr_ohm_m2(1e-3, 0.1) == pytest.approx(0.01)
    # Eq. 9, symmetric cell: R = 100 Ω on 1 cm² → ASR = 100·1e-4/2 = 5e-3 Ω m² = 50 Ω cm²
    assert resistance.symmetric_interfacial_asr(100.0, 1e-4) == pytest.approx(5e-3)
    assert resistance.separator_asr_ohm_m2(260e-6, 0.5, 2.0) == pytest.approx(1.04e-3)


def test_plated_thickness_per_mAh():
    # 1 mAh/cm² = 3.6e4 C/m² → h = 3.6e4·2.375e-5/96485.33 = 8.861 µm
    assert volume.plated_thickness_m(3.6e4) == pytest.approx(8.861e-6, rel=1e-3)
    assert volume.thickness_change_m(8.861e-6, 80e-6) == 0.0
    assert volume.thickness_change_m(8.861e-6, 5e-6) == pytest.approx(3.861e-6, rel=1e-3)


def test_anode_specific_capacity():
    # pure Na, no host, no excess: Q / m_Na = F / M = 1166 mAh/g = 4.197e6 C/kg
    c = volume.anode_specific_capacity_C_kg(3.6e4, 0.0, 0.0)
    assert c / 3.6e3 == pytest.approx(1165.8, rel=1e-3)


def test_fracture_toughness_eq13():
    # E = 100 GPa, H = 6 GPa, P = 9.8 N, c = 50 µm: K = 0.016·√(100/6)·9.8/(50e-6)^1.5 = 1.811e6 Pa√m
    k = solid_state.fracture_toughness_from_indentation(100e9, 6e9, 9.8, 50e-6)
    assert k == pytest.approx(0.016 * math.sqrt(100 / 6) * 9.8 / (50e-6) ** 1.5, rel=1e-12)
    assert k / 1e6 == pytest.approx(1.811, rel=1e-3)


def test_penetration_overpotential():
    # K_IC = 1.2 MPa√m, c = 10 µm: p_c = 1.2e6/(1.12·√(π·1e-5)) = 1.9116e8 Pa
    # η_c = p_c V_m / F = 1.9116e8·2.375e-5/96485.33 = 47.05 mV
    eta = solid_state.penetration_overpotential_V(1.2e6, 10e-6)
    assert eta == pytest.approx(0.04705, rel=2e-3)
    # ASR 11 Ω cm² = 1.1e-3 Ω m² (model v2: no focusing factor): CCD = 0.04705/1.1e-3 = 42.8 A/m² = 4.28 mA/cm²
    assert solid_state.penetration_ccd_A_m2(eta, 1.1e-3) == pytest.approx(42.8, rel=2e-3)


# The v1 stripping test (Eq. 12 with Na self-diffusion over a vacancy length ℓ, creep as (1 + P/σ_ref) and a
# contact fraction ASR_ideal/ASR) encoded the behaviour issue 12 replaced; the v2 equations are checked by hand in
# tests/physics/test_solid_v2.py.


def test_monroe_newman_ratio():
    assert solid_state.monroe_newman_ratio(6.6e9) == pytest.approx(2.0)


def test_coulombic_efficiency_and_inventory():
    # CE_Cu = 99.5 %, area ratio 4, s = 0.5, no coating: 1 − CE = 1 − 0.995^2 = 0.009975 (≈ 0.005·2)
    ineff = interphase.coulombic_inefficiency(0.995, 4.0, 0.5, 1.0)
    assert ineff == pytest.approx(0.009975)
    # a huge host in a poor electrolyte saturates instead of exceeding 100 % loss: 1 − 0.85^10 = 0.8031
    assert interphase.coulombic_inefficiency(0.85, 100.0, 0.5, 1.0) == pytest.approx(0.80313, rel=1e-4)
    loss = interphase.inventory_loss_C_m2(3.6e4, 0.01)  # 1 mAh/cm² at 1 % loss → 0.01 mAh/cm² per cycle
    assert loss == pytest.approx(360.0)
    # 5 mAh/cm² excess / 0.01 mAh/cm² per cycle = 500 cycles
    assert interphase.cycles_until_excess_consumed(5 * 3.6e4, loss) == pytest.approx(500.0)
    assert interphase.cycles_until_excess_consumed(5 * 3.6e4, 0.0) == math.inf
    # anode-free: 0.99^N = 0.8 → N = ln 0.8 / ln 0.99 = 22.2
    assert interphase.cycles_to_capacity_retention(0.99) == pytest.approx(22.2029, rel=1e-4)


def test_gas_evolution_review_numbers():
    # the review's 120 µmol/cm² after 48 d (1152 h): at t = t_ref, planar, no coating → exactly 120 µmol/cm²
    n = interphase.gas_evolution_mol_m2(120e-6 * 1e4, 1152 * 3600.0, 1152 * 3600.0, 1.0, 1.0, 0.5)
    assert n / 1e-2 == pytest.approx(120.0)
    # a quarter of the time with parabolic growth → half the gas
    n4 = interphase.gas_evolution_mol_m2(120e-6 * 1e4, 288 * 3600.0, 1152 * 3600.0, 1.0, 1.0, 0.5)
    assert n4 / 1e-2 == pytest.approx(60.0)


def test_risk_combination_adds_up():
    hz = {"a": np.array([0.5, 0.0]), "b": np.array([0.2, 0.0])}
    w = {"a": 1.0, "b": 0.5}
    r, contrib = risk.combine(hz, w)
    # 1 − (1−0.5)^1 (1−0.2)^0.5 = 1 − 0.5·0.894427 = 0.552786
    assert r[0] == pytest.approx(1 - 0.5 * math.sqrt(0.8))
    assert contrib["a"][0] + contrib["b"][0] == pytest.approx(r[0])
    assert r[1] == 0.0 and contrib["a"][1] == 0.0
    assert risk.hazard(1.0, 2.0) == pytest.approx(0.5)
    assert risk.hazard(3.0, 2.0) == pytest.approx(0.9)
    # one design as plain numbers: h = 0.5 and 0.2 as above
    r1, c1 = risk.combine({"a": 0.5, "b": 0.2}, w)
    assert float(r1) == pytest.approx(1 - 0.5 * math.sqrt(0.8))
    assert float(c1["a"]) + float(c1["b"]) == pytest.approx(float(r1))
    r0, c0 = risk.combine({"a": 0.0, "b": 0.0}, w)
    assert float(r0) == 0.0 and float(c0["a"]) == 0.0


@pytest.mark.parametrize("exponent", [0.0, 0.5, 1.0, 2.0, 3.0, 1.7, -2.0])
def test_power_fast_paths_equal_the_general_power(exponent):
    from anodelab.physics.powers import power

    x = np.array([0.0, 1e-9, 0.37, 1.0, 2.5, 1e6, np.inf, np.nan])
    with np.errstate(divide="ignore", invalid="ignore"):
        got, want = power(x, exponent), np.power(x, exponent)
    np.testing.assert_allclose(got, want, rtol=1e-15, atol=0.0)
    assert got.dtype == np.float64 and got.shape == x.shape


def test_shared_inverse_temperature_offset_gives_the_same_arrhenius_factor():
    from anodelab.physics.arrhenius import arrhenius_factor, conductivity_sigma_t, inverse_temperature_offset, resistance_at

    # NZSP-like: E_a = 0.3 eV, 25 °C reference, at 80 °C: 1/353.15 − 1/298.15 = −5.2236e-4 K⁻¹,
    # 0.3 / 8.617333e-5 = 3481.4 K → exp(3481.4 · 5.2236e-4) = exp(1.81853) = 6.1627
    f = arrhenius_factor(0.3, 353.15, 298.15)
    assert f == pytest.approx(math.exp(-0.3 / 8.617333262e-5 * (1 / 353.15 - 1 / 298.15)), rel=1e-12)
    assert f == pytest.approx(6.1627, rel=1e-4)
    d = inverse_temperature_offset(353.15, 298.15)
    assert conductivity_sigma_t(0.1, 0.3, 353.15, 298.15, d) == pytest.approx(0.1 * 298.15 / 353.15 * f, rel=1e-12)
    assert resistance_at(50.0, 0.3, 353.15, 298.15, d) == pytest.approx(50.0 / f, rel=1e-12)
