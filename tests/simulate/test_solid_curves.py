"""anodelab.simulate.solid_curves: the CCD reason line and the ASR curves, checked by hand (issue 12)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from anodelab.design import Layer, load_design
from anodelab.scoring import score
from anodelab.simulate.solid_curves import ccd_explanation, ccd_limit_name, ccd_vs_pressure

ROOT = Path(__file__).resolve().parents[2]
NZSP = ROOT / "resources" / "examples" / "na_nzsp.toml"


def test_explanation_numbers_by_hand():
    """Na | NZSP, 25 °C, 0 MPa, 0.5 mA cm⁻² and 0.5 mAh cm⁻² (t_half = 1 h). Contact f_c = 0.1 MPa / (3 × 0.23 MPa) ×
    (1 + 5 × 1e-3 × 36 000)^(1/5) = 0.1449 × 2.828 = 0.410; J_vac = 1.040 mA cm⁻² (calibrated), so the replenishment
    f_c J_vac = 0.426 mA cm⁻²; J_void = (F/V_m) δ_c / t_half = 4.06e9 C m⁻³ × 1 µm / 3600 s = 1.128 A m⁻² = 0.113 mA cm⁻²,
    so CCD_strip = 0.410 × (1.040 + 0.113) = 0.473 mA cm⁻². Plating: η_c 77.6 mV over the library's 20 Ω cm² = 3.88."""
    d = load_design(NZSP)
    r = score(d)
    text = ccd_explanation(r, 0, 0.0)
    assert ccd_limit_name(r) == "stripping (voids)"
    assert text.startswith("limited by stripping voids: replenishment 0.426 mA cm⁻² at 0 MPa (contact 0.41")
    assert "→ 0.473 mA cm⁻²" in text and "plating penetration limit 3.88 mA cm⁻² (η_c 77.6 mV over 20 Ω cm²)" in text
    assert r.value("ccd_mA_cm2")[0] == pytest.approx(0.4099 * (1.040 + 0.1128), rel=2e-3)


def test_plating_limited_explanation_leads_with_plating():
    d = load_design(NZSP).with_layer("electrolyte", Layer("na3zr2si2po12"))
    r = score(d)
    text = ccd_explanation(r, 0, 0.0)
    assert ccd_limit_name(r) == "plating (penetration)"
    # 77.6 mV over 524 Ω cm² = 0.148 mA cm⁻², below the stripping limit 0.473
    assert text.startswith("limited by plating penetration: η_c 77.6 mV over 524 Ω cm² → 0.148 mA cm⁻²")
    assert "stripping voids limit 0.473 mA cm⁻²" in text


def test_liquid_design_has_no_explanation():
    d = load_design(ROOT / "resources" / "examples" / "na_cunw_diglyme.toml")
    r = score(d)
    assert ccd_explanation(r) == "" and ccd_limit_name(r) == ""


def test_asr_falls_with_pressure_to_the_full_contact_floor():
    """ASR(P) = R_int / f_c(P): 20 Ω cm² at the as-assembled contact 0.410; full contact above P_eff = 3 σ_y / 2.828 =
    0.244 MPa (stack 0.144 MPa + assembly 0.1 MPa), then R_int = 20 × 0.410 = 8.20 Ω cm² whatever the pressure."""
    c = ccd_vs_pressure(load_design(NZSP), p_max_MPa=10.0, points=41)
    assert c.asr_ohm_cm2[0] == pytest.approx(20.0, rel=1e-3) and c.operating_asr_ohm_cm2 == pytest.approx(20.0, rel=1e-3)
    assert np.all(np.diff(c.asr_ohm_cm2) <= 1e-12)  # never rises with pressure
    full = c.x >= 0.15
    assert np.allclose(c.asr_ohm_cm2[full], 20.0 * 0.4099, rtol=2e-3)
