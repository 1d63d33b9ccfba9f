"""Model parameters with one value per design (ModelParameters.with_row_values): the intervals score all their
samples in one call, and that call must give the numbers of one call per parameter group."""

from __future__ import annotations

import re
import tomllib

import numpy as np
import pytest

from anodelab.batch import DesignBatch, as_batch
from anodelab.design import load_design, resolve
from anodelab.physics.parameters import load_parameters
from anodelab import scoring
from anodelab.scoring import score
from anodelab.uncertainty.inputs import collect_inputs
from anodelab.uncertainty.intervals import (
    METRIC_KEYS, draw_samples, evaluate, evaluate_grouped, metric_matrix, nan_quantiles, score_intervals,
)
from tests.conftest import EXAMPLES, REPO

PARAMS = REPO / "resources" / "model" / "parameters.toml"
RTOL = 1e-12


def _ranged_file(tmp_path):
    """parameters.toml with range = [v/2, 2v] on every estimate / calibrated parameter with v > 0 that has no
    range: almost every parameter the engine reads is then sampled, so every place that reads one is exercised."""
    text = PARAMS.read_text(encoding="utf-8")
    with PARAMS.open("rb") as fh:
        raw = tomllib.load(fh)["parameters"]
    for name, e in raw.items():
        if e["kind"] in ("estimate", "calibrated") and e["value"] > 0 and "range" not in e:
            pat = re.compile(rf"(\[parameters\.{re.escape(name)}\]\nvalue = [^\n]+\n)")
            v = float(e["value"])
            text = pat.sub(lambda m: m.group(1) + f"range = [{v / 2!r}, {v * 2!r}]\n", text, count=1)
    path = tmp_path / "parameters.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _assert_same(a: np.ndarray, b: np.ndarray):
    """Floats to RTOL (no absolute tolerance), NaN and ±∞ at the same places."""
    assert a.shape == b.shape
    assert np.array_equal(np.isnan(a), np.isnan(b))
    assert np.array_equal(np.isposinf(a), np.isposinf(b)) and np.array_equal(np.isneginf(a), np.isneginf(b))
    fin = np.isfinite(b)
    np.testing.assert_allclose(a[fin], b[fin], rtol=RTOL, atol=0.0)


@pytest.fixture(scope="module")
def ranged(tmp_path_factory):
    return _ranged_file(tmp_path_factory.mktemp("ranged"))


@pytest.mark.parametrize("which", ["shipped", "ranged"])
@pytest.mark.parametrize("example", sorted(p.name for p in EXAMPLES.glob("*.toml")))
def test_one_call_equals_one_call_per_group(example, which, ranged):
    """Every metric of every sample, and the 5/50/95 % quantiles, equal the grouped evaluation to 1e-12."""
    pf = PARAMS if which == "shipped" else ranged
    params = load_parameters(pf)
    rd = resolve(load_design(EXAMPLES / example))
    inputs = collect_inputs(rd, params, None, parameters_file=pf)
    assert len(inputs.parameters) >= (2 if which == "shipped" else 30)  # parameters are really sampled
    base = as_batch(rd)
    ss = draw_samples(inputs, 128, 7)
    assert len(ss.bounds) - 1 == 32  # 32 parameter groups of 4 samples
    single = evaluate(base, params, ss)
    grouped = evaluate_grouped(base, params, ss)
    _assert_same(single, grouped)
    # the intervals themselves (score_intervals uses the single call)
    iv = score_intervals(rd, samples=128, seed=7, params=params, parameters_file=pf)
    q, n_ok = nan_quantiles(grouped)
    _assert_same(iv.quantiles, q)
    assert np.array_equal(iv.n_valid, n_ok)


def _two_designs() -> DesignBatch:
    liquid = as_batch(load_design(EXAMPLES / "na_cunw_diglyme.toml"))
    solid = as_batch(load_design(EXAMPLES / "na_nzsp.toml"))
    return DesignBatch.concatenate([liquid, solid])


def test_row_values_by_hand():
    """Row i of a batch scored with per-row values is the design scored with value i (liquid and solid rows):
    e.g. the anode-free cycles to a retention r are ln r / ln CE, r = 0.7 and 0.9 on the two rows."""
    p = load_parameters(PARAMS)
    b = _two_designs()
    rows = {"end_of_life_retention": [0.7, 0.9], "failure_shape_short": [2.0, 4.5], "risk_hazard_exponent": [1.5, 3.0],
            "ce_current_exponent": [0.0, 1.0], "na_yield_reference_temperature_C": [20.0, 40.0]}
    r = score(b, p.with_row_values(rows))
    for i in range(2):
        ref = score(b.take(np.array([i])), p.with_values(**{k: v[i] for k, v in rows.items()}))
        _assert_same(metric_matrix(r, METRIC_KEYS)[i:i + 1], metric_matrix(ref, METRIC_KEYS))
        for k, v in ref.hazards.items():
            _assert_same(r.hazards[k][i:i + 1], v)
    ce = r.si["ce"]
    np.testing.assert_allclose(r.si["cycles_80"], [np.log(0.7) / np.log(ce[0]), np.log(0.9) / np.log(ce[1])],
                               rtol=1e-12)


def test_row_values_are_sliced_with_the_chunks(monkeypatch):
    """Chunked scoring (threads) slices the per-row values with each chunk: the same numbers as one call."""
    p = load_parameters(PARAMS)
    rng = np.random.default_rng(3)
    b = _two_designs().take(rng.integers(0, 2, 300))
    rows = {"failure_shape_short": rng.uniform(1.8, 5.2, 300), "void_failure_depth_um": rng.uniform(1.0, 20.0, 300),
            "electrolyte_volume_uL_cm2": rng.uniform(10.0, 80.0, 300)}
    pr = p.with_row_values(rows)
    whole = score(b, pr)
    monkeypatch.setattr(scoring, "PARALLEL_THRESHOLD", 64)
    monkeypatch.setattr(scoring, "CHUNK_ROWS", 50)
    chunked = score(b, pr, threads=2)
    for k, v in whole.si.items():
        if v.dtype.kind == "f":
            _assert_same(chunked.si[k], v)
        else:
            assert np.array_equal(chunked.si[k], v), k
    for k, v in whole.contributions.items():
        _assert_same(chunked.contributions[k], v)
    # and equal to one design at a time with scalar parameters, at a few rows
    for i in (0, 57, 299):
        ref = score(b.take(np.array([i])), p.with_values(**{k: v[i] for k, v in rows.items()}))
        _assert_same(chunked.si["risk"][i:i + 1], ref.si["risk"])


def test_row_values_checked():
    p = load_parameters(PARAMS)
    with pytest.raises(ValueError):
        score(_two_designs(), p.with_row_values({"failure_shape_short": [3.0, 3.0, 3.0]}))
    with pytest.raises(ValueError):
        p.with_row_values({"failure_shape_short": [1.0, 2.0], "failure_shape_fade": [1.0]})
    with pytest.raises(AttributeError):
        p.with_row_values({"no_such_parameter": [1.0]})
    q = p.with_row_values({"failure_shape_short": [2.0, 4.0]})
    assert q.has_rows and not p.has_rows and not q.scalar().has_rows
    assert q.with_values(failure_shape_short=3.0).failure_shape_short == 3.0  # a scalar replaces the rows
    np.testing.assert_array_equal(q.rows(1, 2).failure_shape_short, [4.0])
