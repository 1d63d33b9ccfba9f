"""Probability of staying in the top k of a screen under uncertainty."""

from __future__ import annotations

import numpy as np
import pytest

from anodelab.scoring import score
from anodelab.screening import build_plan, loads_screen, run_screen
from anodelab.uncertainty.topk import chunk_sample_top, merge_sample_top, stay_probability

SCREEN = """
format_version = 1
name = "topk"
top_k = {k}
[materials]
host = ["cu-foil", "cu-nanowire-cu", "carbon-felt", "porous-al"]
coating = ["none"]
electrolyte = ["napf6-diglyme-1m", "naclo4-ecpc-1m"]
[conditions]
current_density_mA_cm2 = {{ low = 0.5, high = 4.0, n = 3, scale = "log" }}
areal_capacity_mAh_cm2 = 1.0
temperature_C = 25
na_excess_mAh_cm2 = 5
[objective]
metric = "dendrite_risk"
[uncertainty]
method = "lhs"
samples = 24
seed = 4
"""


def test_reduction_by_hand():
    # 2 samples, 4 designs; sample 0 order: d2 < d0 < d3 < d1; sample 1: d1 < d0 = d3 (tie → d0) < d2
    obj = np.array([[0.2, 0.5], [0.9, 0.1], [0.1, 0.9], [0.3, 0.5]])
    idx = np.array([0, 1, 2, 3])
    feas = np.ones(4, bool)
    top = chunk_sample_top(obj, idx, feas, "min", 2)
    np.testing.assert_array_equal(top.index, [[2, 0], [1, 0]])
    np.testing.assert_allclose(stay_probability(idx, top), [1.0, 0.5, 0.5, 0.0])
    # split into two chunks and merged: the same table, in either order
    a = chunk_sample_top(obj[:2], idx[:2], feas[:2], "min", 2)
    b = chunk_sample_top(obj[2:], idx[2:], feas[2:], "min", 2)
    np.testing.assert_array_equal(merge_sample_top(a, b).index, top.index)
    np.testing.assert_array_equal(merge_sample_top(b, a).index, top.index)
    # "max" objectives rank the largest first; infeasible and NaN designs are not ranked
    top = chunk_sample_top(obj, idx, np.array([True, True, False, True]), "max", 1)
    np.testing.assert_array_equal(top.index[:, 0], [1, 0])  # sample 1: d0 = d3 = 0.5, tie → d0
    obj[0, 0] = np.nan
    top = chunk_sample_top(obj, idx, feas, "min", 2)
    np.testing.assert_array_equal(top.index[0], [2, 3])


def test_a_dominating_design_stays_in_the_top_k_with_probability_one():
    """Design 0 is better than all others in every sample (the others are shifted by +1)."""
    rng = np.random.default_rng(0)
    obj = rng.random((50, 30)) + 1.0
    obj[0] = rng.random(30) * 0.5
    top = chunk_sample_top(obj, np.arange(50), np.ones(50, bool), "min", 3)
    p = stay_probability(np.arange(50), top)
    assert p[0] == 1.0
    assert p.sum() == pytest.approx(3.0)  # every sample has 3 designs in its top 3


def test_screen_probability_equals_brute_force_ranking_of_every_sample():
    k = 3
    spec = loads_screen(SCREEN.format(k=k))
    res = run_screen(spec, workers=2, chunk_size=64)
    plan = build_plan(spec)
    assert res.top_k_probability is not None and len(res.top_k_probability) == len(res)
    # brute force: score every design in every sample, rank per sample
    n, S = plan.n_designs, plan.n_samples
    idx = np.arange(n)
    v = score(plan.batch_samples(idx, np.arange(S))).value("dendrite_risk").reshape(S, n)
    counts = np.zeros(n)
    for s in range(S):
        order = np.lexsort((idx, v[s]))[:k]
        counts[order] += 1
    np.testing.assert_allclose(res.top_k_probability, counts[res.index] / S)
    # the top-ranked design of the screen is in the top k in most samples; the column is in the CSV
    assert res.top_k_probability[0] > 0.5
    header, first = res.csv_text().splitlines()[:2]
    assert header.split(",")[-1] == "top_k_probability"
    assert float(first.split(",")[-1]) == res.top_k_probability[0]


def test_no_column_without_uncertainty():
    text = SCREEN.format(k=3).split("[uncertainty]")[0]
    res = run_screen(loads_screen(text), workers=1)
    assert res.top_k_probability is None
    assert "top_k_probability" not in res.columns()


def test_screen_cli_prints_the_probability_and_writes_the_column(tmp_path, capsys):
    from anodelab.cli import main

    path = tmp_path / "screen.toml"
    path.write_text(SCREEN.format(k=3), encoding="utf-8")
    out_csv = tmp_path / "out.csv"
    assert main(["screen", str(path), "--out", str(out_csv), "--quiet", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "P(top 3)" in out
    header = out_csv.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-1] == "top_k_probability"
