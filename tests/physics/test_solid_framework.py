"""A host that is a Na-filled framework of the solid electrolyte (issue 12, "framework hosts in solid cells"):
the de Levie working area by hand, the CCDs and voids it scales, its trends, and designs without it unchanged."""

from __future__ import annotations

import math

import numpy as np
import pytest

from anodelab.design import Layer
from anodelab.literature import installed_library, load_records, record_design
from anodelab.physics.solid import below_ccd
from anodelab.physics.solid.contact import framework_working_area_ratio
from anodelab.scoring import score

HOST = "sno2-nzsp-framework"


@pytest.fixture(scope="module")
def t2_94():
    lib = installed_library()
    rec = next(r for r in load_records() if r.id == "T2-94")
    return record_design(rec, lib)


def _host(design, **overrides):
    return design.with_layer("host", Layer(HOST, overrides=overrides))


def test_working_area_by_hand():
    # A = 108, skeleton s = 0.3, L = 300 µm, σ_SSE = 0.5 S m⁻¹, R_s = 2.0e-3 Ω m² (20 Ω cm²):
    # ρ_ion = 1 / (0.5 · 0.3^1.5) = 12.1716 Ω m, a = 108 / 300e-6 = 3.6e5 m⁻¹,
    # λ = √(2e-3 / (3.6e5 · 12.1716)) = 21.364 µm, a_w = a λ tanh(L/λ) = 3.6e5 · 21.364e-6 · tanh(14.04) = 7.6912
    rho = 1.0 / (0.5 * 0.3 ** 1.5)
    assert rho == pytest.approx(12.1716, rel=1e-5)
    lam = math.sqrt(2e-3 / (3.6e5 * rho))
    assert lam == pytest.approx(21.364e-6, rel=1e-4)
    a_w = framework_working_area_ratio(108.0, 0.3, 300e-6, 0.5, 2e-3)
    assert a_w == pytest.approx(7.6912, rel=1e-4)
    assert a_w == pytest.approx(3.6e5 * lam * math.tanh(300e-6 / lam), rel=1e-12)
    # thick limit a λ = √(A R_s / (ρ L)) = √(108 · 2e-3 / (12.1716 · 3e-4)) = 7.6912 (tanh 14 = 1 to 1e-12)
    assert a_w == pytest.approx(math.sqrt(108 * 2e-3 / (rho * 300e-6)), rel=1e-10)
    # thin limit (L = 1 µm ≪ λ, A = 0.36 at the same a): the whole internal area works, floored at the planar 1;
    # A = 36 on L = 1 µm (a = 3.6e7 m⁻¹, λ = 2.136 µm): a λ tanh(L/λ) = 76.91 · tanh(0.468) = 33.6 < A
    assert framework_working_area_ratio(0.36, 0.3, 1e-6, 0.5, 2e-3) == 1.0
    lam2 = math.sqrt(2e-3 / (3.6e7 * rho))
    assert framework_working_area_ratio(36.0, 0.3, 1e-6, 0.5, 2e-3) == pytest.approx(
        3.6e7 * lam2 * math.tanh(1e-6 / lam2), rel=1e-12)
    # a row without a framework (A = 0) is exactly 1; R_s = ∞ gives the whole area, R_s = 0 the planar face
    out = framework_working_area_ratio(np.array([0.0, 108.0, 108.0]), 0.3, 300e-6, 0.5, np.array([2e-3, np.inf, 0.0]))
    assert out.tolist() == [1.0, 108.0, 1.0]


def test_engine_scales_the_interface_by_the_working_area(t2_94):
    planar = _host(t2_94, na_conducting_framework=False)
    r = score([t2_94, planar])
    si = r.si
    # the planar twin's interface: σ_SSE(25 °C) = 0.5 S m⁻¹, R_int / f_c = 2.0e-3 Ω m² (the nzsp library value
    # 20 Ω cm² at its own as-assembled contact); the host: A = 108, ε = 0.7, L = 300 µm ⇒ a_w = 7.6912 (above)
    assert si["sigma_electrolyte_S_m"][1] == pytest.approx(0.5, rel=1e-12)
    r_s = si["asr_interface_ohm_m2"][1]
    assert r_s == pytest.approx(2.0e-3, rel=1e-9)
    a_w = framework_working_area_ratio(108.0, 1.0 - 0.7, 300e-6, 0.5, r_s)
    assert a_w == pytest.approx(7.6912, rel=1e-4)
    # ASR per geometric area R_s / a_w; at 0 MPa (no creep) both CCDs and J_replenish are a_w × the planar ones
    assert t2_94.conditions.stack_pressure_MPa == 0.0
    assert si["asr_interface_ohm_m2"][0] == pytest.approx(r_s / a_w, rel=1e-12)
    for key in ("ccd_strip_A_m2", "ccd_pen_A_m2", "j_replenish_A_m2"):
        assert si[key][0] == pytest.approx(a_w * si[key][1], rel=1e-12), key
    # the planar stripping CCD 4.725 A m⁻² (0.473 mA cm⁻²: f_c (J_vac + J_void), J_vac 1.04 mA cm⁻² calibrated)
    # becomes a_w × 4.7254 = 7.6912 × 4.7254 = 36.344 A m⁻² (3.63 mA cm⁻²)
    assert si["ccd_strip_A_m2"][1] == pytest.approx(4.7254, rel=1e-4)
    assert si["ccd_strip_A_m2"][0] == pytest.approx(36.344, rel=1e-4)
    # the voids below the CCD see J / a_w and spread over a_w × the area: N = a_w · N(J, CCD_strip,geo)
    J = t2_94.conditions.current_density_mA_cm2 * 10.0
    half = si["half_cycle_s"][0]
    n_geo = below_ccd.void_cycles(J, si["ccd_strip_A_m2"][0], half, 1.0, log_sd=0.3, void_depth_m=5e-6)
    assert si["t_fail_voids_s"][0] / (2 * half) == pytest.approx(a_w * n_geo, rel=1e-6)
    # the contact fraction and σ_SSE are the planar twin's
    assert si["contact_fraction"][0] == si["contact_fraction"][1]


def test_ccd_rises_with_the_framework_until_the_working_area_saturates(t2_94):
    # fixed internal area per volume a = 3.6e5 m⁻¹ (5 µm particles, 30 % skeleton), thicker and thicker framework:
    # A = a L grows ∝ L, a_w = a λ tanh(L/λ) rises ∝ L while L ≪ λ (21 µm) and saturates at a λ = 7.69
    thick_um = [2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 300.0, 800.0]
    designs = [_host(t2_94, thickness_um=t, surface_area_ratio=max(0.36 * t, 1.0)) for t in thick_um]
    strip = score(designs).si["ccd_strip_A_m2"]
    assert np.all(np.diff(strip) >= 0.0)
    assert strip[3] > 2.0 * strip[0]  # rising while the framework is thinner than λ
    # saturated: 100 → 800 µm adds 1 / tanh(100 / 21.364) − 1 = 1.7e-4, 300 → 800 µm nothing (tanh 14 = 1)
    assert strip[-1] / strip[-3] == pytest.approx(1.0 / math.tanh(100.0 / 21.364), rel=1e-5)
    assert strip[-1] / strip[-2] == pytest.approx(1.0, abs=1e-10)
    planar = score(_host(t2_94, na_conducting_framework=False)).si["ccd_strip_A_m2"][0]
    assert strip[-1] / planar == pytest.approx(7.6912, rel=1e-4)
    # at a fixed thickness more internal area (finer particles) still helps, but only as √A in the thick limit
    areas = [30.0, 120.0, 480.0]
    fine = score([_host(t2_94, surface_area_ratio=a) for a in areas]).si["ccd_strip_A_m2"]
    assert fine[1] / fine[0] == pytest.approx(2.0, rel=1e-3)
    assert fine[2] / fine[1] == pytest.approx(2.0, rel=1e-3)


def test_designs_without_the_property_are_unchanged(t2_94):
    lib = installed_library()
    others = [record_design(r, lib) for r in load_records() if r.id != "T2-94"]
    alone = score(others)
    mixed = score(others + [t2_94])  # the framework path runs, a_w = 1 on every other row
    for key, v in alone.si.items():
        np.testing.assert_array_equal(mixed.si[key][: len(others)], v, err_msg=key)
    # a framework host in a liquid cell: the property does nothing there
    liquid = next(d for d in others if d.electrolyte.material.startswith(("napf6", "naclo4", "naotf")))
    with_fw = score([_host(liquid), _host(liquid, na_conducting_framework=False)])
    for key, v in with_fw.si.items():
        np.testing.assert_array_equal(v[0], v[1], err_msg=key)
