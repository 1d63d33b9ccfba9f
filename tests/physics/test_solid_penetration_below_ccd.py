"""Solid-state penetration below the mean plating CCD (anodelab.physics.solid.below_ccd, issue 12/13): the share of
the interface whose log-normal local current exceeds CCD_pen, the crack fill it drives, by hand and through the
engine; trends in J and Q; what it leaves alone (liquid rows, the risk above the CCD)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from anodelab.batch import batch_from_designs
from anodelab.design import load_design
from anodelab.lifetime import failure
from anodelab.lifetime.mechanisms import penetration_cycles as mean_field_penetration_cycles
from anodelab.physics.parameters import default_parameters
from anodelab.physics.solid import below_ccd as bc
from anodelab.scoring import score

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
MA_CM2 = 10.0  # 1 mA cm⁻² in A m⁻²


def _phi(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


@pytest.fixture(scope="module")
def nasn():
    """Na15Sn4 | NZSP (electron-conducting interlayer: no voids below the stripping CCD)."""
    return load_design(EXAMPLES / "nasn_nzsp.toml")


@pytest.fixture(scope="module")
def nzsp():
    return load_design(EXAMPLES / "na_nzsp.toml")


@pytest.fixture
def without_spread(monkeypatch):
    """Score with the mean-field penetration law (the engine before this change): the below-CCD step is a no-op."""
    def run(designs):
        with monkeypatch.context() as m:
            m.setattr(failure, "_penetration_below_ccd", lambda *a, **k: None)
            return score(designs)
    return run


# --- hand calculations ----------------------------------------------------------------------------------------

def test_area_fraction_above_the_plating_limit_by_hand():
    # s = 0.3, J = 0.5 mA cm⁻² = 5 A m⁻², K_p = 1.0 mA cm⁻² = 10 A m⁻²: ln x ~ N(−s²/2, s²) (mean of x is 1), so
    # a = P(J x > K_p) = ½ erfc((ln(K_p/J) + s²/2)/(s √2)) = ½ erfc((0.693147 + 0.045)/0.424264)
    #   = ½ erfc(1.739830) = 0.006937 (d₂ = −2.460491)
    arg = (math.log(10.0 / 5.0) + 0.045) / (0.3 * math.sqrt(2.0))
    assert arg == pytest.approx(1.739830, abs=1e-6)
    assert 0.5 * math.erfc(arg) == pytest.approx(0.006937, abs=1e-6)
    assert float(bc.penetration_area_fraction(5.0, 10.0, 0.3)) == pytest.approx(0.5 * math.erfc(arg), rel=1e-12)
    # at the mean CCD (J = K_p) a bit less than half the interface is above it: Φ(−s/2) = Φ(−0.15) = 0.440382
    assert float(bc.penetration_area_fraction(10.0, 10.0, 0.3)) == pytest.approx(0.440382, abs=1e-6)


def test_area_fraction_limits_and_sampling():
    assert float(bc.penetration_area_fraction(5.0, 10.0, 0.0)) == 0.0  # s = 0: the mean-field step
    assert float(bc.penetration_area_fraction(15.0, 10.0, 0.0)) == 1.0
    assert float(bc.penetration_area_fraction(5.0, np.inf, 0.3)) == 0.0  # no limit
    assert float(bc.penetration_area_fraction(5.0, 0.0, 0.3)) == 1.0  # P ≥ p_c: every spot above
    rng = np.random.default_rng(11)
    x = np.exp(rng.normal(-0.045, 0.3, 2_000_000))
    for ratio in (0.5, 0.87, 1.0, 1.5):
        assert float(bc.penetration_area_fraction(ratio, 1.0, 0.3)) == pytest.approx((ratio * x > 1.0).mean(), rel=0.02)


def test_overratio_by_hand():
    # H = E[x (J x/K_p − 1)⁺] = e^{u+s²} Φ(d₁ + s) − Φ(d₁), u = ln(J/K_p) = −0.693147, d₁ = (u + 0.045)/0.3 = −2.160491
    # Φ(d₁) = 0.015367, Φ(d₁ + s) = Φ(−1.860491) = 0.031408, e^{u + s²} = 0.5 · 1.094174
    # ⇒ H = 0.547087 · 0.031408 − 0.015367 = 1.816e-3
    d1 = (math.log(0.5) + 0.045) / 0.3
    assert d1 == pytest.approx(-2.160491, abs=1e-6)
    assert _phi(d1) == pytest.approx(0.015367, abs=1e-6)
    assert _phi(d1 + 0.3) == pytest.approx(0.031408, abs=1e-6)
    h = 0.5 * math.exp(0.09) * _phi(d1 + 0.3) - _phi(d1)
    assert h == pytest.approx(1.816e-3, rel=1e-3)
    assert float(bc.penetration_overratio(5.0, 10.0, 0.3)) == pytest.approx(h, rel=1e-10)


def test_overratio_matches_sampling_and_limits():
    # independent check of the second partial moment: 2·10⁶ log-normal samples of mean 1 (fixed seed)
    rng = np.random.default_rng(3)
    x = np.exp(rng.normal(-0.045, 0.3, 2_000_000))
    for ratio in (0.5, 0.87, 1.2, 2.0):
        sampled = (x * np.maximum(ratio * x - 1.0, 0.0)).mean()
        assert float(bc.penetration_overratio(ratio, 1.0, 0.3)) == pytest.approx(sampled, rel=0.02)
    # s = 0: the mean-field (J/K_p − 1)⁺, exactly
    assert float(bc.penetration_overratio(20.0, 10.0, 0.0)) == 1.0
    assert float(bc.penetration_overratio(5.0, 10.0, 0.0)) == 0.0
    # Jensen: H ≥ (J/K_p − 1)⁺; far above: e^{s²} J/K_p − 1
    assert float(bc.penetration_overratio(20.0, 10.0, 0.3)) > 1.0
    assert float(bc.penetration_overratio(100.0, 1.0, 0.3)) == pytest.approx(100.0 * math.exp(0.09) - 1.0, rel=1e-12)
    assert float(bc.penetration_overratio(5.0, np.inf, 0.3)) == 0.0
    assert float(bc.penetration_overratio(5.0, 0.0, 0.3)) == math.inf


def test_penetration_cycles_by_hand():
    # L_SSE = 1 mm, φ_c = 0.01, h = Q V_m/F = 3.6e4 C m⁻² · 2.374976e-5 / 96485.33 = 8.8614 µm (1 mAh cm⁻²):
    # N_pen = 1e-5 / (8.8614e-6 · 1.8156e-3) = 621.6 cycles below the mean CCD (J = K_p / 2); ∞ in the mean field
    h = 3.6e4 * 2.374976165289256e-05 / 96485.33212
    assert h == pytest.approx(8.8614e-6, rel=1e-4)
    n = float(bc.penetration_cycles(5.0, 10.0, 1e-3, h, 0.01, log_sd=0.3))
    assert n == pytest.approx(1e-5 / (h * 1.8156e-3), rel=1e-3)
    assert n == pytest.approx(621.6, abs=0.5)
    assert float(mean_field_penetration_cycles(5.0, 10.0, 1e-3, h, 0.01)) == math.inf
    # s = 0 is the mean-field count (J = 2 CCD_pen: 1.13 cycles)
    assert float(bc.penetration_cycles(20.0, 10.0, 1e-3, h, 0.01, log_sd=0.0)) == pytest.approx(
        float(mean_field_penetration_cycles(20.0, 10.0, 1e-3, h, 0.01)), rel=1e-12)
    # a liquid row (L_SSE = ∞, CCD NaN) and no limit (CCD_pen = ∞): ∞
    assert float(bc.penetration_cycles(5.0, np.inf, 1e-3, h, 0.01, log_sd=0.3)) == math.inf


@pytest.mark.parametrize("s", [0.1, 0.3, 0.5])
def test_engine_table_matches_the_closed_form(s):
    u = np.linspace(-4.0, 4.0, 40_001)
    exact = np.asarray(bc.penetration_overratio(np.exp(u), 1.0, s))
    g = bc.overratio(u.copy(), s)
    big = exact > 1e-15
    assert np.max(np.abs(g[big] / exact[big] - 1.0)) < 1e-8
    assert np.all(g[~big] <= 1e-15)
    far = u > 8.5 * s  # above the grid: e^{u + s²} − 1
    assert np.allclose(g[far], np.expm1(u[far] + s * s), rtol=1e-15, atol=0)


# --- through the engine ---------------------------------------------------------------------------------------

def test_engine_penetration_times_are_the_hand_formula(nzsp, nasn):
    designs = [d.with_conditions(current_density_mA_cm2=j) for d in (nzsp, nasn) for j in (0.5, 1.5, 3.0, 12.0)]
    r = score(designs)
    p = default_parameters()
    n_engine = r.si["t_fail_penetration_s"] / (2.0 * r.si["half_cycle_s"])
    j = np.array([d.conditions.current_density_mA_cm2 for d in designs]) * MA_CM2
    l_sse = batch_from_designs(designs).sse_thickness_m  # the engine's own input (the library's SSE thickness)
    n_hand = bc.penetration_cycles(j, r.si["ccd_pen_A_m2"], l_sse, r.si["plated_m"], p.crack_fill_fraction,
                                   log_sd=p.interface_current_log_sd)
    # the engine's table takes H below 1e-17 as 0 (N = ∞ where the closed form gives N > 1e17 cycles)
    finite = np.isfinite(n_engine)
    assert finite.sum() >= 6
    assert np.allclose(n_engine[finite], n_hand[finite], rtol=1e-6, atol=0)
    assert np.all(n_hand[~finite] > 1e15)


def test_nasn_risk_rises_with_current_below_its_ccd(nasn, without_spread):
    # the conducting Na–Sn interlayer refills voids: below the mean CCD the void hazard is 0 and, in the mean-field
    # model, the risk was flat in J; the plating side now adds a hazard that rises with J
    js = [0.6, 0.9, 1.1, 1.3]  # the mean CCD is 1.4-1.5 mA cm⁻² here
    designs = [nasn.with_conditions(current_density_mA_cm2=j) for j in js]
    r, before = score(designs), without_spread(designs)
    assert np.all(np.array(js) * MA_CM2 < r.si["ccd_A_m2"])  # every point below the mean CCD (stripping-limited)
    assert np.all(r.si["ccd_strip_A_m2"] < r.si["ccd_pen_A_m2"])
    assert np.all(r.hazards["voids"] == 0.0)
    assert np.all(before.si["risk"] == before.si["risk"][0])  # flat before
    assert np.all(np.isinf(before.si["t_fail_penetration_s"]))
    assert np.all(np.isfinite(r.si["t_fail_penetration_s"]))
    assert np.all(np.diff(r.si["t_fail_penetration_s"]) < 0)
    assert np.all(np.diff(r.hazards["penetration"]) > 0)
    assert np.all(np.diff(r.si["risk"][1:]) > 0)  # resolved above the fade risk from the second point


def test_nasn_risk_rises_with_capacity_below_its_ccd(nasn):
    # at a given J, N_pen ∝ 1/Q (h ∝ Q; CCD_pen = η_c/ASR does not depend on Q): the time to the short is the same
    # and the cycle count within it falls, so the risk within 500 cycles rises
    qs = [0.25, 0.5, 1.0, 2.0]
    r = score([nasn.with_conditions(current_density_mA_cm2=1.2, areal_capacity_mAh_cm2=q) for q in qs])
    assert np.all(1.2 * MA_CM2 < r.si["ccd_A_m2"])
    n_pen = r.si["t_fail_penetration_s"] / (2.0 * r.si["half_cycle_s"])
    assert np.allclose(n_pen * np.array(qs), n_pen[0] * qs[0], rtol=1e-9)
    assert np.all(np.diff(r.hazards["penetration"]) > 0)
    assert np.all(np.diff(r.si["risk"]) > 0)


def test_above_the_ccd_the_risk_and_mechanism_do_not_change(nzsp, nasn, without_spread):
    designs = [d.with_conditions(current_density_mA_cm2=j) for d, js in ((nzsp, (1.0, 2.0, 4.0, 10.0)),
                                                                         (nasn, (3.0, 4.0, 8.0, 20.0))) for j in js]
    r, before = score(designs), without_spread(designs)
    j = np.array([d.conditions.current_density_mA_cm2 for d in designs]) * MA_CM2
    assert np.all(j >= r.si["ccd_A_m2"])
    # the cell fails by voids within a few cycles either way: the risk moves by < 1e-5 (0.9999994 → 1 for na_nzsp
    # at 4 mA cm⁻², 1.03 × CCD_pen) and the earliest mechanism stays
    assert np.all(before.si["risk"] > 0.9999)
    assert np.allclose(r.si["risk"], before.si["risk"], rtol=0, atol=1e-5)
    assert np.all(r.si["risk"] >= before.si["risk"])
    assert np.array_equal(r.si["failure_mechanism"], before.si["failure_mechanism"])
    # where J ≥ 2 CCD_pen the penetration count moves by less than the e^{s²} of the local plated thickness (< 20 %)
    over = j >= 2.0 * r.si["ccd_pen_A_m2"]
    assert over.any()
    ratio = r.si["t_fail_penetration_s"][over] / before.si["t_fail_penetration_s"][over]
    assert np.all((ratio <= 1.0) & (ratio > 1.0 / 1.2))


def test_liquid_designs_are_unaffected(without_spread):
    liquid = [load_design(EXAMPLES / f"{n}.toml") for n in ("na_cunw_diglyme", "na_foil_carbonate",
                                                             "anode_free_cu_diglyme")]
    r, before = score(liquid), without_spread(liquid)
    for key, value in r.si.items():
        np.testing.assert_array_equal(np.asarray(value), np.asarray(before.si[key]), err_msg=key)
    assert np.all(np.isinf(r.si["t_fail_penetration_s"]))


def test_mixed_batch_gives_each_row_its_own_penetration(nzsp, nasn):
    liquid = load_design(EXAMPLES / "na_cunw_diglyme.toml")
    mixed = score([liquid, nasn, liquid, nzsp])
    alone = score([nasn, nzsp])
    assert mixed.si["t_fail_penetration_s"][0] == mixed.si["t_fail_penetration_s"][2] == math.inf
    assert mixed.si["t_fail_penetration_s"][1] == alone.si["t_fail_penetration_s"][0]
    assert mixed.si["t_fail_penetration_s"][3] == alone.si["t_fail_penetration_s"][1]


def test_sampled_log_sd_per_row_is_one_table_per_value(nasn, nzsp):
    designs = [d.with_conditions(current_density_mA_cm2=j) for d in (nasn, nzsp) for j in (1.5, 2.0, 3.0)]
    b = batch_from_designs(designs)
    p = default_parameters()
    s = np.array([0.3, 0.2] * 3)
    rows = score(b, p.with_row_values({"interface_current_log_sd": s}))
    for value in (0.2, 0.3):
        one = score(b, p.with_values(interface_current_log_sd=value))
        m = s == value
        np.testing.assert_allclose(rows.si["t_fail_penetration_s"][m], one.si["t_fail_penetration_s"][m], rtol=1e-12)


def test_one_design_given_as_scalars_takes_the_closed_form():
    # failure_terms' scalar path (one design as scalars): N_pen from below_ccd.penetration_cycles, in place
    p = default_parameters()
    n = {"penetration": math.inf}
    failure._penetration_below_ccd(n, p, 5.0, 10.0, 1e-3, 8.8614e-6)
    assert isinstance(n["penetration"], float)
    assert n["penetration"] == pytest.approx(
        float(bc.penetration_cycles(5.0, 10.0, 1e-3, 8.8614e-6, p.crack_fill_fraction, log_sd=p.interface_current_log_sd)),
        rel=1e-12)
    assert n["penetration"] == pytest.approx(621.6, abs=0.5)  # s = 0.3, φ_c = 0.01: the hand value above
