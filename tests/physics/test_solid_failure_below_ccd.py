"""Solid-state failure below the mean CCD (anodelab.physics.solid.below_ccd): hand calculations and trends."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from anodelab.design import Layer, load_design
from anodelab.physics.parameters import default_parameters
from anodelab.physics.solid import below_ccd as bc
from anodelab.scoring import score

EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"
F = 96485.33212
VM = 2.374976165289256e-05  # NA_MOLAR_VOLUME_m3_mol


def _phi(x):
    return 0.5 * math.erfc(-x / math.sqrt(2.0))


@pytest.fixture(scope="module")
def nzsp():
    return load_design(EXAMPLES / "na_nzsp.toml")


# --- hand calculations ----------------------------------------------------------------------------------------

def test_lognormal_excess_by_hand():
    # J = 0.5 mA cm⁻² = 5 A m⁻², K = 0.765 mA cm⁻² = 7.65 A m⁻², s = 0.3:
    # d1 = (ln(5/7.65) + 0.045)/0.3 = (−0.425268 + 0.045)/0.3 = −1.267559, d2 = −1.567559
    # Φ(d1) = 0.102478, Φ(d2) = 0.058492 ⇒ E = 5·0.102478 − 7.65·0.058492 = 0.064925 A m⁻²
    d1 = (math.log(5.0 / 7.65) + 0.045) / 0.3
    assert d1 == pytest.approx(-1.267559, abs=1e-6)
    assert _phi(d1) == pytest.approx(0.102478, abs=1e-6)
    assert _phi(d1 - 0.3) == pytest.approx(0.058492, abs=1e-6)
    assert float(bc.lognormal_excess_A_m2(5.0, 7.65, 0.3)) == pytest.approx(0.064925, rel=1e-4)


def test_lognormal_excess_matches_sampling():
    # independent check of the partial moment: 2·10⁶ log-normal samples of mean 1 (fixed seed)
    rng = np.random.default_rng(7)
    s = 0.3
    x = np.exp(rng.normal(-0.5 * s * s, s, 2_000_000))
    assert x.mean() == pytest.approx(1.0, abs=1e-3)
    for j, k in ((5.0, 7.65), (10.0, 14.0), (10.0, 8.0)):
        sampled = np.maximum(j * x - k, 0.0).mean()
        assert float(bc.lognormal_excess_A_m2(j, k, s)) == pytest.approx(sampled, rel=0.02)


def test_lognormal_excess_limits():
    # s = 0: the sharp (J − K)⁺ of the mean-field model, exactly
    assert float(bc.lognormal_excess_A_m2(10.0, 5.0, 0.0)) == 5.0
    assert float(bc.lognormal_excess_A_m2(4.0, 5.0, 0.0)) == 0.0
    # K = ∞ (no limit): nothing; K = 0: the whole current
    assert float(bc.lognormal_excess_A_m2(4.0, np.inf, 0.3)) == 0.0
    assert float(bc.lognormal_excess_A_m2(4.0, 0.0, 0.3)) == 4.0
    # far above the limit the spread adds nothing: E → J − K (J = 10 K)
    assert float(bc.lognormal_excess_A_m2(100.0, 10.0, 0.3)) == pytest.approx(90.0, rel=1e-9)
    # E ≥ (J − K)⁺ (Jensen)
    assert float(bc.lognormal_excess_A_m2(10.0, 9.0, 0.3)) > 1.0


def test_void_excess_conducting_floor_is_the_mean_field():
    # χ = 0 (electron-conducting interlayer): below the mean CCD nothing accumulates; above it (J − K)
    assert float(bc.void_excess_A_m2(5.0, 7.65, 0.3, 0.0)) == 0.0
    assert float(bc.void_excess_A_m2(10.0, 7.65, 0.3, 0.0)) == pytest.approx(2.35, rel=1e-12)
    # χ = 1 (bare ceramic): the partial moment
    assert float(bc.void_excess_A_m2(5.0, 7.65, 0.3, 1.0)) == pytest.approx(0.064925, rel=1e-4)


def test_void_cycles_by_hand():
    # ΔJ = 0.064925 A m⁻², t_half = 3600 s ⇒ 0.064925·3600·2.375e-5/96485 = 5.753e-8 m per cycle;
    # δ_fail = 5 µm ⇒ N = 5e-6 / 5.753e-8 = 86.9 cycles
    per_cycle = 0.064925 * 3600.0 * VM / F
    assert per_cycle == pytest.approx(5.753e-8, rel=1e-3)
    n = float(bc.void_cycles(5.0, 7.65, 3600.0, 1.0, log_sd=0.3, void_depth_m=5e-6))
    assert n == pytest.approx(5e-6 / per_cycle, rel=1e-4)
    assert n == pytest.approx(86.9, abs=0.1)
    # s = 0 is the mean-field void_cycles of anodelab.lifetime.mechanisms (J = 2 CCD = 10 A m⁻²: 1.13 cycles)
    from anodelab.lifetime.mechanisms import void_cycles
    assert float(bc.void_cycles(10.0, 5.0, 3600.0, 1.0, log_sd=0.0, void_depth_m=5e-6)) == pytest.approx(
        void_cycles(10.0, 5.0, 3600.0, 5e-6), rel=1e-12)
    assert float(bc.void_cycles(5.0, 7.65, 3600.0, 0.0, log_sd=0.3, void_depth_m=5e-6)) == math.inf


# --- through the engine ---------------------------------------------------------------------------------------

def test_nzsp_fails_by_voids_below_its_ccd(nzsp):
    r = score(nzsp.with_conditions(current_density_mA_cm2=0.3))  # the example's CCD at 0 MPa is 0.47 mA cm⁻²
    j = 0.3 * 10.0  # mA cm⁻² → A m⁻²
    assert j < r.si["ccd_A_m2"][0]  # below the CCD: on main the risk was ~1e-24
    assert r.record(0)["failure_mechanism"] == "voids"
    assert 0.1 < r.si["risk"][0] < 0.99


def test_risk_rises_with_current_below_the_ccd(nzsp):
    js = [0.15, 0.2, 0.25, 0.3, 0.35, 0.4]  # the CCD at 0 MPa is 0.45-0.47 mA cm⁻²
    r = score([nzsp.with_conditions(current_density_mA_cm2=j) for j in js])
    assert np.all(np.array(js) * 10.0 < r.si["ccd_A_m2"])  # every point below its CCD
    assert np.all(np.diff(r.si["risk"]) > 0)
    assert np.all(np.diff(r.si["t_fail_voids_s"]) < 0)


def test_risk_falls_with_stack_pressure(nzsp):
    ps = [0.0, 0.02, 0.05, 0.1, 0.2]
    r = score([nzsp.with_conditions(stack_pressure_MPa=p) for p in ps])
    assert np.all(np.diff(r.si["risk"]) < 0)
    assert np.all(np.diff(r.si["t_fail_voids_s"]) > 0)


def test_conducting_interlayer_refills_voids_below_the_ccd(nzsp):
    # au-sputtered (electronic_insulator = false) vs alucone (true) vs bare contact (true) vs none
    designs = [nzsp.with_layer("interlayer", Layer("au-sputtered")),
               nzsp.with_layer("interlayer", Layer("bare-contact")), nzsp]
    r = score(designs)
    assert 5.0 < r.si["ccd_strip_A_m2"][0]
    assert r.si["t_fail_voids_s"][0] == math.inf
    assert r.si["t_fail_voids_s"][1] == r.si["t_fail_voids_s"][2] < math.inf


def test_mixed_batch_gives_each_row_its_own_numbers(nzsp):
    liquid = load_design(EXAMPLES / "na_cunw_diglyme.toml")
    base = load_design(EXAMPLES / "na_base_80C.toml")
    mixed = score([liquid, nzsp, liquid, base])
    alone = score([nzsp, base])
    assert mixed.si["t_fail_voids_s"][0] == mixed.si["t_fail_voids_s"][2] == math.inf  # liquid: no voids
    assert mixed.si["t_fail_voids_s"][1] == alone.si["t_fail_voids_s"][0]
    assert mixed.si["t_fail_voids_s"][3] == alone.si["t_fail_voids_s"][1]


@pytest.mark.parametrize("s", [0.1, 0.3, 0.5])
def test_engine_table_matches_the_closed_form(s):
    u = np.linspace(-4.0, 4.0, 40_001)
    exact = np.asarray(bc.lognormal_excess_A_m2(1.0, np.exp(-u), s))
    g = bc.excess_ratio(u, s)
    big = exact > 1e-15
    assert np.max(np.abs(g[big] / exact[big] - 1.0)) < 1e-8
    assert np.all(g[~big] <= 1e-15)  # the far lower tail: 0 or as small as the exact value
    far = u > 9.0 * s + s * s  # above the grid: the sharp 1 − K/J
    assert np.allclose(g[far], 1.0 - np.exp(-u[far]), rtol=1e-15, atol=0)


def test_engine_void_times_are_the_hand_formula(nzsp):
    js = [0.3, 0.5, 0.7, 1.5]
    r = score([nzsp.with_conditions(current_density_mA_cm2=j) for j in js])
    half = r.si["half_cycle_s"]
    n_engine = r.si["t_fail_voids_s"] / (2.0 * half)
    p = default_parameters()
    n_hand = bc.void_cycles(np.array(js) * 10.0, r.si["ccd_strip_A_m2"], half, 1.0, log_sd=p.interface_current_log_sd,
                            void_depth_m=p.void_failure_depth_um * 1e-6)
    assert np.allclose(n_engine, n_hand, rtol=1e-6, atol=0)


def test_validate_lists_each_table2_lifetime_with_its_consistency():
    from anodelab.validation.records import comparisons
    from anodelab.validation.solid_lifetimes import solid_lifetime_lines

    comps = [c for c in comparisons() if c.quantity == "lifetime_h" and c.table == 2]
    from dataclasses import replace

    from anodelab.validation.solid import UNSTATED_PRESSURE_MPa

    lines = solid_lifetime_lines(comps)
    rows = lines[2:-2]
    assert len(rows) == len(comps) >= 4
    pred = score([c.design for c in comps]).si["lifetime_s"] / 3600.0
    # Table 2 states no pressure (0 in the file): the second verdict is the life at the top of the 0–2 MPa range
    at_top = [replace(c.design, conditions=replace(c.design.conditions, stack_pressure_MPa=UNSTATED_PRESSURE_MPa))
              for c in comps]
    top = score(at_top).si["lifetime_s"] / 3600.0
    n0 = n2 = 0
    for c, row, p, p2 in zip(comps, rows, pred, top):
        cells = row.split()
        assert cells[0] == c.record_id and c.design.conditions.stack_pressure_MPa == 0.0
        ok0, ok2 = (not c.censored or p >= c.reported), (not c.censored or p2 >= c.reported)
        assert cells[9] == ("yes" if ok0 else "NO") and cells[-1] == ("yes" if ok2 else "NO")
        assert p2 >= p  # more pressure: more creep, a higher stripping CCD, no shorter life
        n0, n2 = n0 + ok0, n2 + ok2
    assert f"consistent {n0} of {len(comps)}" in lines[-1] and f"records, {n2} of {len(comps)}" in lines[-1]
