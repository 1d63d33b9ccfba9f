"""Intervals of one design: hand-checkable cases, fixed inputs, reproducibility, parameter ranges."""

from __future__ import annotations

import math
import re
import shutil

import numpy as np
import pytest

from anodelab.design import Layer, load_design
from anodelab.errors import AnodeLabError
from anodelab.metrics import METRICS
from anodelab.physics.parameters import load_parameters
from anodelab.scoring import score
from anodelab.uncertainty import interval_text, score_intervals
from anodelab.uncertainty.inputs import collect_inputs, parameter_ranges
from anodelab.uncertainty.intervals import nan_quantiles
from anodelab.uncertainty.sampling import is_log_range, map_unit, sample_unit
from tests.conftest import EXAMPLES, REPO

CUNW = EXAMPLES / "na_cunw_diglyme.toml"


def _only(design, slot: str, keep: str):
    """The design with every ranged property of every layer overridden at its library value (so it is
    fixed) except ``slot``.``keep``."""
    from anodelab.design import resolve

    rd = resolve(design)
    for s, layer in rd.layers.items():
        over = {k: p.value for k, p in layer.properties.items()
                if p.range is not None and not (s == slot and k == keep)}
        over.update(design.layer(s).overrides)
        if s == slot:
            over.pop(keep, None)
        design = design.with_layer(s, Layer(design.layer(s).material, overrides=over))
    return design


def test_lhs_has_one_point_per_stratum_and_is_seeded():
    u = sample_unit("lhs", 50, 3, seed=7)
    for d in range(3):
        assert sorted(np.floor(u[:, d] * 50).astype(int)) == list(range(50))
    np.testing.assert_array_equal(u, sample_unit("lhs", 50, 3, seed=7))
    assert not np.array_equal(u, sample_unit("lhs", 50, 3, seed=8))


def test_range_map_uniform_and_log_by_hand():
    # uniform: 0.75 + 0.05 × 0.2 = 0.76; log-uniform over 1…10: 10^0.5 = 3.1623
    assert map_unit(np.array([[0.05]]), 0.75, 0.95, False)[0, 0] == pytest.approx(0.76)
    assert map_unit(np.array([[0.5]]), 1.0, 10.0, True)[0, 0] == pytest.approx(10 ** 0.5)
    assert is_log_range(1.0, 10.0) and not is_log_range(1.0, 9.9) and not is_log_range(-1.0, 20.0)


def test_linear_metric_of_one_uniform_input_has_the_mapped_percentiles():
    """Pore volume = φ · t_host (µm). With only the host porosity ranged (library range 0.75–0.95,
    uniform) and t = 500 µm: p05 = 500 × (0.75 + 0.05 × 0.20) = 380 µm, p50 = 425 µm, p95 = 470 µm."""
    d = _only(load_design(CUNW), "host", "porosity")
    d = d.with_layer("host", Layer(d.host.material, overrides={**d.host.overrides, "thickness_um": 500.0}))
    iv = score_intervals(d, samples=256, seed=1, sources=("materials",))
    assert [u.key for u in iv.inputs.uncertain] == ["host.porosity"]
    lo, mid, hi = iv.interval("pore_volume_um")
    # an LHS of 256 points puts each percentile within one stratum (0.2/256 × 500 µm = 0.4 µm)
    assert lo == pytest.approx(380.0, abs=0.5)
    assert mid == pytest.approx(425.0, abs=0.5)
    assert hi == pytest.approx(470.0, abs=0.5)
    # metrics that do not depend on porosity have zero-width intervals
    assert iv.width("sand_time_s") == 0.0
    assert iv.width("plated_thickness_um") == 0.0


def test_monotonic_metric_of_one_log_uniform_input():
    """Liquid interfacial ASR = ASR_SEI / A_w, rising with ASR_SEI (A_w: the share of the area ratio 20 that the
    pore electrolyte reaches, physics.resistance.working_area_ratio). With only the SEI ASR ranged (1–10 Ω cm², a
    decade → log-uniform) the percentiles map through the metric: p05 = metric at 10^0.05 Ω cm², p95 at 10^0.95."""
    d = _only(load_design(CUNW), "electrolyte", "sei_asr_ohm_cm2")
    iv = score_intervals(d, samples=512, seed=2, sources=("materials",))
    assert [u.key for u in iv.inputs.uncertain] == ["electrolyte.sei_asr_ohm_cm2"]
    assert iv.inputs.uncertain[0].log

    def at(sei):
        layer = Layer(d.electrolyte.material, overrides={**d.electrolyte.overrides, "sei_asr_ohm_cm2": sei})
        return float(score(d.with_layer("electrolyte", layer)).value("interfacial_asr_ohm_cm2")[0])

    lo, _mid, hi = iv.interval("interfacial_asr_ohm_cm2")
    assert lo == pytest.approx(at(10 ** 0.05), rel=0.01)
    assert hi == pytest.approx(at(10 ** 0.95), rel=0.01)
    assert at(10 ** 0.05) < at(1.0) * 10 ** 0.05 * 1.0001  # grows no faster than ASR_SEI itself (A_w grows with it)


def test_design_without_ranged_inputs_has_zero_width_intervals_equal_to_the_score():
    d = _only(load_design(CUNW), "host", "none-such")
    iv = score_intervals(d, samples=64, seed=1, sources=("materials",))
    assert iv.inputs.uncertain == ()
    nominal = score(d)
    for m in METRICS:
        lo, mid, hi = iv.interval(m.key)
        v = float(nominal.value(m.key)[0])
        if math.isnan(v):
            assert math.isnan(lo) and iv.n_valid[iv.keys.index(m.key)] == 0
        else:
            assert lo == mid == hi == v, m.key
    # the overrides are reported as fixed, with the reason
    reasons = {f.key: f.reason for f in iv.inputs.fixed}
    assert "overridden" in reasons["host.porosity"]
    assert "no range in parameters.toml" in reasons["parameter.flaw_size_um"]


def test_same_seed_same_numbers_other_seed_other_numbers():
    d = load_design(CUNW)
    a = score_intervals(d, samples=128, seed=5)
    b = score_intervals(d, samples=128, seed=5)
    c = score_intervals(d, samples=128, seed=6)
    np.testing.assert_array_equal(a.quantiles, b.quantiles)
    assert not np.array_equal(a.quantiles, c.quantiles)
    # the interval of a ranged metric brackets its median and is wider than zero
    lo, mid, hi = a.interval("dendrite_risk")
    assert lo < mid < hi


def test_every_metric_of_every_example_gets_an_interval():
    for path in sorted(EXAMPLES.glob("*.toml")):
        d = load_design(path)
        iv = score_intervals(d, samples=64, seed=1)
        nominal = score(d)
        for m in METRICS:
            applies = not math.isnan(float(nominal.value(m.key)[0]))
            lo, _mid, hi = iv.interval(m.key)
            if applies:
                assert not math.isnan(lo) and not math.isnan(hi) and lo <= hi, (path.name, m.key)
            assert (interval_text(iv, m.key) == "n/a") == (math.isnan(lo) or math.isnan(hi))


def test_quantiles_ignore_nan_and_keep_infinity():
    Y = np.array([[1.0, np.nan, np.inf], [2.0, np.nan, np.inf], [3.0, 5.0, 1.0]])
    q, n = nan_quantiles(Y, (0.0, 0.5, 1.0))
    np.testing.assert_array_equal(n, [3, 1, 3])
    np.testing.assert_allclose(q[0], [1.0, 2.0, 3.0])
    np.testing.assert_allclose(q[1], [5.0, 5.0, 5.0])
    assert q[2, 0] == 1.0 and q[2, 2] == np.inf and not np.isnan(q[2]).any()


def test_bad_samples_and_seed_name_the_field():
    d = load_design(CUNW)
    with pytest.raises(AnodeLabError, match="samples"):
        score_intervals(d, samples=3)
    with pytest.raises(AnodeLabError, match="seed"):
        score_intervals(d, seed=-1)


# --------------------------------------------------------------------------- model-parameter ranges


@pytest.fixture
def ranged_parameters(tmp_path):
    """A copy of parameters.toml with a range on the vacancy-annihilation current (calibrated, solid model v2)."""
    src = REPO / "resources" / "model" / "parameters.toml"
    text = src.read_text(encoding="utf-8")
    # only this one range: the other parameters' ranges (model v2's failure parameters) are removed from the copy
    text = re.sub(r"^range = \[[^\]]*\]\n", "", text, flags=re.M)
    marker = "[parameters.vacancy_annihilation_current_mA_cm2]\nvalue = "
    assert marker in text
    text = text.replace(marker, "[parameters.vacancy_annihilation_current_mA_cm2]\nrange = [1.0, 2.5]\nvalue = ")
    path = tmp_path / "parameters.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_parameter_range_is_read_and_sampled(ranged_parameters):
    """Solid-state model v2 (issue 12): at 0 MPa the stripping CCD is f_c (J_vac + J_void), linear in the
    vacancy-annihilation current J_vac,ref (25 °C: J_vac = J_vac,ref). With J_vac,ref uniform on 1.0–2.5 mA cm⁻²
    alone, the interval is f_c (x + J_void) at x's 5th / 95th percentiles (1.075 / 2.425 mA cm⁻²)."""
    params = load_parameters(ranged_parameters)
    assert parameter_ranges(params, ranged_parameters) == {"vacancy_annihilation_current_mA_cm2": (1.0, 2.5)}
    d = load_design(EXAMPLES / "na_nzsp.toml")
    iv = score_intervals(d, samples=256, seed=3, params=params, parameters_file=ranged_parameters,
                         sources=("parameters",), parameter_groups=256)
    assert [u.key for u in iv.inputs.uncertain] == ["parameter.vacancy_annihilation_current_mA_cm2"]
    r = score(d, params)
    nominal = float(r.value("ccd_stripping_mA_cm2")[0])
    f_c = float(r.si["contact_fraction"][0])
    x0 = params.vacancy_annihilation_current_mA_cm2
    j_void = nominal / f_c - x0  # mA cm⁻², the void allowance of the 1 h half cycle
    lo, _mid, hi = iv.interval("ccd_stripping_mA_cm2")
    assert lo == pytest.approx(f_c * (1.075 + j_void), rel=0.01)
    assert hi == pytest.approx(f_c * (2.425 + j_void), rel=0.01)
    # grouped (the GUI default): 32 stratified parameter values still give the interval within a stratum
    g = score_intervals(d, samples=256, seed=3, params=params, parameters_file=ranged_parameters,
                        sources=("parameters",))
    assert g.parameter_groups == 32
    assert g.interval("ccd_stripping_mA_cm2")[2] == pytest.approx(hi, rel=0.05)


def test_parameter_range_that_excludes_the_value_is_an_error(tmp_path):
    src = REPO / "resources" / "model" / "parameters.toml"
    path = tmp_path / "parameters.toml"
    shutil.copy(src, path)
    text = path.read_text(encoding="utf-8").replace(
        "[parameters.flaw_size_um]\nvalue = 5.0\n", "[parameters.flaw_size_um]\nvalue = 5.0\nrange = [6, 9]\n")
    path.write_text(text, encoding="utf-8")
    params = load_parameters(path)
    with pytest.raises(AnodeLabError, match="flaw_size_um.*range|range.*contain"):
        collect_inputs(load_design(CUNW), params, parameters_file=path)


def test_metric_matrix_equals_score_result_value_for_every_metric():
    """The one-stack extraction must give what ScoreResult.value gives (guards against a metric whose
    value() gains a special case the stack does not know)."""
    from anodelab.uncertainty.intervals import METRIC_KEYS, metric_matrix

    r = score([load_design(p) for p in sorted(EXAMPLES.glob("*.toml"))])
    expected = np.stack([r.value(k) for k in METRIC_KEYS], axis=1)
    np.testing.assert_array_equal(metric_matrix(r), expected)


def test_quantiles_equal_numpy_nanpercentile_on_finite_data():
    rng = np.random.default_rng(11)
    for n in (16, 17, 256, 513):
        Y = rng.lognormal(size=(n, 5))
        Y[rng.random((n, 5)) < 0.2] = np.nan
        q, n_ok = nan_quantiles(Y)
        np.testing.assert_allclose(q, np.nanpercentile(Y, [5, 50, 95], axis=0).T, rtol=1e-12)
        np.testing.assert_array_equal(n_ok, np.sum(~np.isnan(Y), axis=0))
