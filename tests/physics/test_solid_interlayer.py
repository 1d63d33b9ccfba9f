"""Interlayers that act through their own vacancy-annihilation barrier (issue 12 item 3): the equation by hand,
then the trends through the engine."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from anodelab.design import Layer, load_design
from anodelab.physics.parameters import default_parameters
from anodelab.physics.solid import ccd
from anodelab.scoring import score

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
K_B = 8.617333262e-5  # eV/K
T25, T80 = 298.15, 353.15


@pytest.fixture(scope="module")
def nzsp():
    # at 0 MPa: no creep replenishment, so CCD_strip = f_c (J_vac + J_void) exactly
    return load_design(EXAMPLES / "na_nzsp.toml").with_conditions(stack_pressure_MPa=0.0)


def test_own_barrier_with_one_prefactor_by_hand():
    # J_vac,ref = 17.5 A m⁻² (1.75 mA cm⁻²), E_0 = 0.14 eV, E_v = 0.10 eV, 25 °C (k_B T = 0.025693 eV):
    # exp(0.04 / 0.025693) = 4.7439, so a continuous film (φ = 1) carries 17.5 × 4.7439 = 83.019 A m⁻²
    j = ccd.vacancy_annihilation_current_A_m2(T25, 17.5, 0.10, T25, 0.14)
    assert j == pytest.approx(83.019, rel=1e-4)
    # a dispersed alloy on φ = 0.1 of the interface: 17.5 × (0.9 + 0.1 × 4.7439) = 24.052 A m⁻²
    assert ccd.vacancy_annihilation_current_A_m2(T25, 17.5, 0.10, T25, 0.14, share=0.1) == pytest.approx(24.052, rel=1e-4)
    # at 80 °C: bare factor exp(0.14/k_B × 5.2236e-4) = 2.3365, barrier gain exp(0.04/(k_B × 353.15)) = 3.7225:
    # 17.5 × 2.3365 × 3.7225 = 152.21 A m⁻²; J(80)/J(25) = 1.8334 = exp(0.10/k_B × 5.2236e-4), the film's own E_v
    j80 = ccd.vacancy_annihilation_current_A_m2(T80, 17.5, 0.10, T25, 0.14)
    assert j80 == pytest.approx(152.21, rel=1e-4)
    assert j80 / j == pytest.approx(1.8334, rel=1e-4)
    assert j80 / j == pytest.approx(math.exp(0.10 / K_B * (1 / T25 - 1 / T80)), rel=1e-12)


def test_bare_barrier_or_no_share_gives_the_bare_current():
    t = np.array([250.0, T25, T80])
    bare = ccd.vacancy_annihilation_current_A_m2(t, 17.5, 0.14, T25)
    assert np.array_equal(ccd.vacancy_annihilation_current_A_m2(t, 17.5, 0.14, T25, 0.14, share=0.6), bare)
    assert np.array_equal(ccd.vacancy_annihilation_current_A_m2(t, 17.5, 0.10, T25, 0.14, share=0.0), bare)


def test_engine_stripping_limit_is_the_hand_formula(nzsp):
    # Na | SnOx/Sn | NZSP at 25 °C and 0 MPa: no creep, CCD_strip = f_c (J_vac,ref × exp(0.04/k_B T) + J_void)
    p = default_parameters()
    sn = nzsp.with_layer("interlayer", Layer("snox-sn-film"))
    r = score(sn)
    f_c = r.si["contact_fraction"][0]
    assert f_c == pytest.approx(0.5 * (1 + math.cos(math.radians(30.0))))  # the film's wetted contact, θ = 30°
    half = r.si["half_cycle_s"][0]
    j_void = ccd.void_allowance_current_A_m2(p.critical_void_depth_um * 1e-6, half)
    j_vac = p.vacancy_annihilation_current_mA_cm2 * 10.0 * math.exp(0.04 / (K_B * T25))
    assert r.si["ccd_strip_A_m2"][0] == pytest.approx(f_c * (j_vac + j_void), rel=1e-9)


def test_ccd_rises_as_the_interlayer_barrier_falls_until_plating_takes_over(nzsp):
    e = [0.14, 0.12, 0.10, 0.08, 0.06, 0.04]
    r = score([nzsp.with_layer("interlayer", Layer("snox-sn-film", overrides={"stripping_activation_energy_eV": x}))
               for x in e])
    c, strip, pen, lim = (r.value("ccd_mA_cm2"), r.value("ccd_stripping_mA_cm2"), r.value("ccd_penetration_mA_cm2"),
                          r.si["ccd_limit"])
    assert np.all(np.diff(strip) > 0)
    assert np.allclose(pen, pen[0])  # the barrier is a stripping property: the plating limit does not see it
    assert lim[0] == 1.0 and lim[-1] == 2.0  # stripping limits at the bare barrier, plating at 0.04 eV
    k = int(np.argmax(lim == 2.0))
    assert np.all(np.diff(c[:k]) > 0) and np.all(c[k:] == pen[k:])
    # at E_v = E_0 the film acts through its contact alone: the bare current on the film's contact
    bare = score(nzsp).si
    f_sn, f_bare = r.si["contact_fraction"][0], bare["contact_fraction"][0]
    assert r.si["ccd_strip_A_m2"][0] / f_sn == pytest.approx(bare["ccd_strip_A_m2"][0] / f_bare, rel=1e-12)


def test_ccd_rises_with_the_alloy_share_of_the_interface(nzsp):
    phi = [0.0, 0.05, 0.1, 0.3, 0.6, 1.0]
    r = score([nzsp.with_layer("interlayer", Layer("na15sn4-alloy", overrides={"alloy_interface_fraction": x}))
               for x in phi])
    s = r.value("ccd_stripping_mA_cm2")
    assert np.all(np.diff(s) > 0)
    # linear in φ: J_vac = J_bare (1 + φ (4.7439 − 1)); the strip limit minus f_c J_void is f_c J_vac at 0 MPa
    p = default_parameters()
    f_c = r.si["contact_fraction"][0]
    j_void = ccd.void_allowance_current_A_m2(p.critical_void_depth_um * 1e-6, r.si["half_cycle_s"][0])
    j_vac = r.si["ccd_strip_A_m2"] / f_c - j_void
    assert j_vac / j_vac[0] == pytest.approx(1 + np.array(phi) * (math.exp(0.04 / (K_B * T25)) - 1), rel=1e-9)


def test_interlayers_without_their_own_barrier_are_unchanged(nzsp):
    # graphene (T2-102's conducting interlayer), Au and Na-SiO2 have no measured barrier: contact and ASR only
    for mid in ("graphene-cvd", "au-sputtered", "na-sio2-alloy", "bare-contact"):
        r = score([nzsp, nzsp.with_layer("interlayer", Layer(mid))])
        f = r.si["contact_fraction"]
        if mid == "bare-contact":
            assert r.si["ccd_strip_A_m2"][1] == r.si["ccd_strip_A_m2"][0]
        else:
            p = default_parameters()
            j_void = ccd.void_allowance_current_A_m2(p.critical_void_depth_um * 1e-6, r.si["half_cycle_s"][0])
            j_vac = r.si["ccd_strip_A_m2"] / f - j_void
            assert j_vac[1] == pytest.approx(j_vac[0], rel=1e-12), mid


def test_penetration_ccd_when_the_stack_pressure_alone_opens_the_flaws():
    """η_c = 0 (P ≥ p_c): CCD_pen = 0 whatever the interface resistance, also 0/0 for an ideal interface (was NaN:
    a fuzzed β″-alumina with K_IC 0.0039 MPa √m and ASR 0 at 1 MPa showed 'CCD = n/a'); η_c > 0 over ASR 0 is ∞;
    a liquid row's NaN stays NaN."""
    from anodelab.physics.solid import ccd as solid_ccd

    got = solid_ccd.penetration_ccd_A_m2(np.array([0.0, 0.0, 2e-3, 2e-3, np.nan]),
                                         np.array([0.0, 1e-3, 0.0, 1e-3, 1e-3]))
    assert got[0] == 0.0 and got[1] == 0.0 and np.isposinf(got[2]) and got[3] == pytest.approx(2.0)
    assert np.isnan(got[4])
    # the fuzzed design: p_c = K_IC / (1.12 √(π c)) < 1 MPa, so the cell shorts at once and says why
    from anodelab.design import design_from_dict
    from anodelab.scoring import score

    d = design_from_dict({"format_version": 1, "name": "fz", "conditions": {
        "current_density_mA_cm2": 1.0, "areal_capacity_mAh_cm2": 1.0, "temperature_C": 80.0, "stack_pressure_MPa": 1.0,
        "cycles": 100, "na_excess_mAh_cm2": 50.0}, "host": {"material": "na-foil"},
        "electrolyte": {"material": "base", "interfacial_asr_ohm_cm2": 0.0, "fracture_toughness_MPa_m05": 0.00390625}})
    rec = score(d).record(0)
    assert rec["ccd_mA_cm2"] == 0.0 and rec["ccd_penetration_mA_cm2"] == 0.0 and rec["dendrite_risk"] > 0.99
