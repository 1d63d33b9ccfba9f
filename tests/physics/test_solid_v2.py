"""Solid-state model v2 (issue 12): every new equation by hand, with explicit numbers and units."""

from __future__ import annotations

import math

import numpy as np
import pytest

from anodelab.constants import FARADAY_C_mol, NA_MOLAR_VOLUME_m3_mol
from anodelab.physics.solid import ccd, contact, creep

K_B = 8.617333262e-5  # eV/K
T25, T80 = 298.15, 353.15
SIGMA_Y = 0.23e6  # Pa, Wang et al. 2020 midpoint
EPS_Y = 1e-3  # s⁻¹


def test_charge_per_volume_of_sodium():
    # F / V_m = 96485.33 C/mol / 2.37496e-5 m³/mol = 4.0626e9 C m⁻³
    assert ccd.CHARGE_PER_VOLUME_C_m3 == pytest.approx(FARADAY_C_mol / NA_MOLAR_VOLUME_m3_mol)
    assert ccd.CHARGE_PER_VOLUME_C_m3 == pytest.approx(4.0626e9, rel=1e-4)


def test_norton_creep_rate_and_its_inverse():
    # σ = 2 σ_y at T_ref: ε̇ = 1e-3 s⁻¹ × 2⁵ = 0.032 s⁻¹
    assert creep.strain_rate_per_s(0.46e6, T25, SIGMA_Y, EPS_Y, 5.0, 0.453, T25) == pytest.approx(0.032)
    # 80 °C, Q = 0.453 eV: a_T = exp(0.453/k_B (1/298.15 − 1/353.15)) = exp(2.7459) = 15.580
    a80 = creep.temperature_factor(T80, 0.453, T25)
    assert a80 == pytest.approx(15.580, rel=1e-4)
    assert creep.strain_rate_per_s(SIGMA_Y, T80, SIGMA_Y, EPS_Y, 5.0, 0.453, T25) == pytest.approx(1e-3 * 15.580, rel=1e-4)
    # flow stress at ε̇ = 0.032 s⁻¹, T_ref: σ_y (32)^(1/5) = 2 σ_y = 0.46 MPa; inverse at 80 °C too
    assert creep.flow_stress_Pa(0.032, T25, SIGMA_Y, EPS_Y, 5.0, 0.453, T25) == pytest.approx(0.46e6)
    rate = creep.strain_rate_per_s(0.3e6, T80, SIGMA_Y, EPS_Y, 5.0, 0.453, T25)
    assert creep.flow_stress_Pa(rate, T80, SIGMA_Y, EPS_Y, 5.0, 0.453, T25) == pytest.approx(0.3e6)


def test_mechanical_contact_fraction_by_hand():
    # P = 0.1 MPa, H σ_y = 3 × 0.23 = 0.69 MPa, t = 10 h = 36 000 s, n = 5, ε̇_y = 1e-3 s⁻¹, T = T_ref:
    # growth (1 + 5 × 1e-3 × 36 000)^(1/5) = 181^0.2 = 2.82837 → f = 0.1/0.69 × 2.82837 = 0.40991
    f = contact.mechanical_contact_fraction(0.1e6, T25, 36000.0, SIGMA_Y, EPS_Y, 5.0, 0.453, T25, 3.0)
    assert f == pytest.approx(0.40991, rel=1e-4)
    # at 80 °C the contact creeps 15.58× faster: (1 + 5e-3 × 15.58 × 36 000)^0.2 = 2805.2^0.2 = 4.8908 → f = 0.70881
    f80 = contact.mechanical_contact_fraction(0.1e6, T80, 36000.0, SIGMA_Y, EPS_Y, 5.0, 0.453, T25, 3.0)
    assert f80 == pytest.approx(0.1 / 0.69 * (1 + 5e-3 * 15.57954 * 36000) ** 0.2, rel=1e-6)
    assert f80 == pytest.approx(0.7088, rel=1e-3)
    # full contact from P = 0.69 MPa / 2.82837 = 0.2440 MPa on; no pressure, no mechanical contact
    assert contact.mechanical_contact_fraction(0.25e6, T25, 36000.0, SIGMA_Y, EPS_Y, 5.0, 0.453, T25, 3.0) == 1.0
    assert contact.mechanical_contact_fraction(0.0, T25, 36000.0, SIGMA_Y, EPS_Y, 5.0, 0.453, T25, 3.0) == 0.0


def test_wetting_contact_and_asr_over_contact():
    # θ = 60°: (1 + 0.5)/2 = 0.75; θ = 122.5° (Na on NZSP): (1 − 0.53730)/2 = 0.23135; θ = 180°: 0
    assert contact.wetting_contact_fraction(math.cos(math.radians(60.0))) == pytest.approx(0.75)
    assert contact.wetting_contact_fraction(math.cos(math.radians(122.5))) == pytest.approx(0.23135, rel=1e-4)
    assert contact.wetting_contact_fraction(-1.0) == 0.0
    assert contact.contact_fraction(0.41, 0.23) == 0.41 and contact.contact_fraction(0.41, 0.93) == 0.93
    assert contact.contact_fraction(1.7, 0.2) == 1.0
    # 20 Ω cm² measured at f_ref = 0.40991 → R_int = 8.198 Ω cm²; at full contact ASR = 8.198, at f = 0.2: 40.99
    r = contact.interface_resistance_ref_ohm_m2(20e-4, 0.40991)
    assert r == pytest.approx(8.1982e-4, rel=1e-4)
    assert contact.interfacial_asr_ohm_m2(r, 1.0) == pytest.approx(8.1982e-4, rel=1e-4)
    assert contact.interfacial_asr_ohm_m2(r, 0.2) == pytest.approx(40.991e-4, rel=1e-4)


def test_stripping_limit_terms_by_hand():
    # vacancy annihilation, E_v = 0.14 eV: J(80 °C)/J(25 °C) = exp(0.14/k_B × 5.2236e-4) = 2.3365
    j25 = ccd.vacancy_annihilation_current_A_m2(T25, 17.5, 0.14, T25)
    j80 = ccd.vacancy_annihilation_current_A_m2(T80, 17.5, 0.14, T25)
    assert j25 == pytest.approx(17.5) and j80 / j25 == pytest.approx(2.3365, rel=1e-4)
    # void allowance: δ_c = 1 µm in a 1 h half cycle: 4.0626e9 × 1e-6 / 3600 = 1.1285 A m⁻² (0.113 mA cm⁻²)
    jv = ccd.void_allowance_current_A_m2(1e-6, 3600.0)
    assert jv == pytest.approx(1.1285, rel=1e-4)
    assert ccd.void_allowance_current_A_m2(1e-6, 7200.0) == pytest.approx(jv / 2)  # twice the capacity, half of it
    # creep: P = 9 MPa, ℓ_c = 0.12 µm, a_T = 1: 4.0626e9 × 1.2e-7 × 1e-3 × 9/0.69 = 6.3588 A m⁻², linear in P
    jc = ccd.creep_replenishment_current_A_m2(9e6, 1.0, 0.12e-6, EPS_Y, SIGMA_Y, 3.0)
    assert jc == pytest.approx(6.3588, rel=1e-4)
    assert ccd.creep_replenishment_current_A_m2(4.5e6, 1.0, 0.12e-6, EPS_Y, SIGMA_Y, 3.0) == pytest.approx(jc / 2)
    assert ccd.creep_replenishment_current_A_m2(0.0, 1.0, 0.12e-6, EPS_Y, SIGMA_Y, 3.0) == 0.0
    # CCD_strip = f_c (J_vac + J_void) + J_creep = 0.5 × (17.5 + 1.1285) + 6.3588 = 15.673 A m⁻²
    assert ccd.stripping_ccd_A_m2(0.5, 17.5, jv, jc) == pytest.approx(15.673, rel=1e-4)


def test_plating_limit_with_stack_pressure_by_hand():
    # K_IC = 1.4 MPa m^½, c = 5 µm: p_c = 1.4e6 / (1.12 √(π 5e-6)) = 315.39 MPa
    assert ccd.crack_opening_pressure_Pa(1.4e6, 5e-6) == pytest.approx(315.39e6, rel=1e-4)
    # η_c = V_m p_c / F = 2.37496e-5 × 315.39e6 / 96485.33 = 77.63 mV; with P = 10 MPa: 75.17 mV
    assert ccd.penetration_overpotential_V(1.4e6, 5e-6) == pytest.approx(0.07763, rel=1e-3)
    assert ccd.penetration_overpotential_V(1.4e6, 5e-6, 10e6) == pytest.approx(0.07517, rel=1e-3)
    assert ccd.penetration_overpotential_V(1.4e6, 5e-6, 1e9) == 0.0  # never negative
    # CCD_pen = η_c / ASR = 0.07763 V / 20e-4 Ω m² = 38.8 A m⁻² (3.88 mA cm⁻²)
    assert ccd.penetration_ccd_A_m2(0.07763, 20e-4) == pytest.approx(38.8, rel=1e-3)


def test_functions_are_vectorised():
    p = np.array([0.0, 0.05e6, 0.1e6, 1e6])
    f = contact.mechanical_contact_fraction(p, T25, 36000.0, SIGMA_Y, EPS_Y, 5.0, 0.453, T25, 3.0)
    assert f.shape == (4,) and np.all(np.diff(f) >= 0) and f[-1] == 1.0
