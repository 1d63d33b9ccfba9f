"""Screening: ranking equals one-by-one scoring, Pareto on a hand-made case, cancel, Dask = local."""

from __future__ import annotations

import dataclasses
import threading

import numpy as np
import pytest

from anodelab.errors import AnodeLabError
from anodelab.scoring import score
from anodelab.screening import (
    RunState, build_plan, loads_screen, pareto_mask, run_screen, top_k,
)
from anodelab.screening.runner import METRIC_KEYS

SMALL = """
format_version = 1
name = "small"
top_k = 15
constraints = ["total_asr_ohm_cm2 <= 40"]
[materials]
host = ["cu-foil", "cu-nanowire-cu", "carbon-felt"]
coating = ["none", "naf-fec-pretreatment"]
electrolyte = ["napf6-diglyme-1m", "naclo4-ecpc-1m", "nzsp"]
interlayer = ["none", "na15sn4-alloy"]
[conditions]
current_density_mA_cm2 = { low = 0.5, high = 4.0, n = 3, scale = "log" }
areal_capacity_mAh_cm2 = { values = [1.0, 3.0] }
temperature_C = 25
na_excess_mAh_cm2 = 5
[objective]
metric = "dendrite_risk"
[pareto]
objectives = ["dendrite_risk min", "cell_overpotential_mV min"]
"""


def test_small_screen_ranking_equals_scoring_one_by_one():
    spec = loads_screen(SMALL)
    plan = build_plan(spec)
    # combos: liquids 3 hosts × 2 coatings × 2 electrolytes = 12; solid: 3 hosts × 2 interlayers (no coating) = 6
    assert len(plan.combo) == 18
    assert plan.n_designs == 18 * 6
    res = run_screen(spec, workers=2, chunk_size=64)  # several chunks, two threads
    assert res.n_evaluated == plan.n_designs and not res.cancelled

    designs = [plan.design_for_index(i) for i in range(plan.n_designs)]
    one_by_one = [score(d) for d in designs]
    risk = np.array([r.value("dendrite_risk")[0] for r in one_by_one])
    asr = np.array([r.value("total_asr_ohm_cm2")[0] for r in one_by_one])
    eta = np.array([r.value("cell_overpotential_mV")[0] for r in one_by_one])
    ok = asr <= 40
    assert res.n_feasible == ok.sum()
    idx = np.flatnonzero(ok)
    expected = idx[np.lexsort((idx, risk[idx]))][:15]
    np.testing.assert_array_equal(res.ranking(), expected)
    # the kept rows carry the same numbers as the one-by-one scores
    for i in range(len(res)):
        j = res.index[i]
        assert res.values["dendrite_risk"][i] == pytest.approx(risk[j], rel=1e-12)
        assert res.design(i) == dataclasses.replace(designs[j], name=res.design(i).name)
    # Pareto set of the feasible designs, by brute force
    F = np.stack([risk[idx], eta[idx]], 1)
    dom = [(np.all(F <= F[a], 1) & np.any(F < F[a], 1)).any() for a in range(len(idx))]
    front = set(idx[~np.array(dom)])
    assert set(res.index[res.on_pareto]) == front


def test_pareto_hand_made_case():
    # minimise both: (1,5) (2,2) (5,1) are the front; (3,3) dominated by (2,2); (2,2) duplicate kept;
    # (1,6) dominated by (1,5); NaN row never on the front
    F = np.array([[3, 3], [1, 5], [2, 2], [5, 1], [2, 2], [1, 6], [np.nan, 0], [6, 6]], float)
    assert pareto_mask(F).tolist() == [False, True, True, True, True, False, False, False]
    # three objectives: (0,0,1) and (0,1,0) and (1,0,0) are mutually non-dominated; (1,1,1) is dominated
    G = np.array([[1, 1, 1], [0, 0, 1], [0, 1, 0], [1, 0, 0]], float)
    assert pareto_mask(G).tolist() == [False, True, True, True]


def test_top_k_breaks_ties_by_index():
    key = np.array([2.0, 1.0, 1.0, np.nan, 0.5])
    index = np.array([10, 7, 3, 1, 99])
    assert index[top_k(key, index, 3)].tolist() == [99, 3, 7]


def test_cancel_stops_quickly_and_leaves_partial_results():
    spec = loads_screen(SMALL.replace("n = 3, scale", "n = 3000, scale"))
    state = RunState()
    seen = threading.Event()

    def on_progress(frac, msg):
        seen.set()
        state.cancel()

    state._callback = on_progress
    res = run_screen(spec, state, workers=2, chunk_size=512)
    assert seen.is_set() and res.cancelled
    assert 0 < res.n_evaluated < res.n_total
    # at most the chunks in flight when cancel was seen (2 per worker) ran after it
    assert res.n_evaluated <= 5 * 512
    assert len(res) > 0 and (res.rank >= 0).any()
    assert not [t for t in threading.enumerate() if t.name.startswith("anodelab-screen")]


def test_uncertainty_band_contains_nominal_and_is_reproducible():
    text = SMALL + "\n[uncertainty]\nmethod = \"lhs\"\nsamples = 20\nseed = 3\n"
    a = run_screen(loads_screen(text), workers=1)
    b = run_screen(loads_screen(text), workers=2, chunk_size=100)
    np.testing.assert_array_equal(a.index, b.index)
    band = a.band["total_asr_ohm_cm2"]
    assert np.all(band[:, 1] <= band[:, 2])
    np.testing.assert_allclose(band, b.band["total_asr_ohm_cm2"])
    # library values sit inside the sampled ranges, so the nominal ASR is within the sample range
    lo = a.band["total_asr_ohm_cm2"][:, 1]
    assert np.isfinite(lo).all()


def test_lhs_strata_and_condition_sampling():
    from anodelab.screening.plan import sample_unit

    u = sample_unit("lhs", 10, 3, seed=0)
    for d in range(3):
        assert sorted((u[:, d] * 10).astype(int).tolist()) == list(range(10))
    text = SMALL.replace("[objective]", "[sampling]\nmethod = \"random\"\nn = 7\nseed = 5\n[objective]")
    plan = build_plan(loads_screen(text))
    assert plan.n_designs == 18 * 7
    j = plan.cond_table_si[0] / 10.0  # mA cm-2
    assert np.all((j >= 0.5) & (j <= 4.0))


def test_dask_backend_equals_local():
    distributed = pytest.importorskip("distributed")
    spec = loads_screen(SMALL)
    local = run_screen(spec, workers=2, chunk_size=32)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cl:
        with distributed.Client(cl) as client:
            remote = run_screen(spec, scheduler=client, chunk_size=32)
    assert remote.backend == "dask"
    np.testing.assert_array_equal(local.index, remote.index)
    np.testing.assert_array_equal(local.rank, remote.rank)
    np.testing.assert_array_equal(local.on_pareto, remote.on_pareto)
    for k in METRIC_KEYS:
        np.testing.assert_array_equal(local.values[k], remote.values[k])
    assert local.csv_text() == remote.csv_text()


def test_csv_round_trip_names_design():
    res = run_screen(loads_screen(SMALL), workers=1)
    import csv, io

    rows = list(csv.DictReader(io.StringIO(res.csv_text())))
    assert len(rows) == len(res)
    assert rows[0]["rank"] == "1" and rows[0]["host"] == res.materials["host"][0]
    from anodelab.screening import design_for_row

    d = design_for_row(rows[0])
    assert d.host.material == rows[0]["host"]
    assert d.conditions.current_density_mA_cm2 == float(rows[0]["current_density_mA_cm2"])


def test_example_screens_load():
    from pathlib import Path

    from anodelab.screening import load_screen

    for p in sorted((Path(__file__).resolve().parents[2] / "resources" / "screens").glob("*.toml")):
        plan = build_plan(load_screen(p))
        assert plan.n_designs > 0


def test_interlayer_only_with_solid_and_bad_index():
    plan = build_plan(loads_screen(SMALL))
    with pytest.raises(AnodeLabError, match="design index"):
        plan.design_for_index(plan.n_designs)


LIQUID_ONLY = """
format_version = 1
name = "liquid only"
top_k = 5
constraints = ["ccd_mA_cm2 >= 1", "total_asr_ohm_cm2 <= 1000"]
[materials]
host = ["cu-foil", "cu-nanowire-cu"]
coating = ["none"]
electrolyte = ["napf6-diglyme-1m", "naclo4-ecpc-1m"]
[conditions]
current_density_mA_cm2 = { values = [0.5, 1.0] }
areal_capacity_mAh_cm2 = 1
na_excess_mAh_cm2 = 5
[objective]
metric = "ccd_mA_cm2"
direction = "max"
"""


def test_objective_and_constraint_not_applicable_to_any_design_are_reported(capsys, tmp_path):
    from anodelab.cli import main

    spec = loads_screen(LIQUID_ONLY)
    res = run_screen(spec, workers=1)
    # 2 hosts × 1 coating × 2 liquid electrolytes × 2 currents = 8 designs, none has a CCD (solid only)
    assert res.n_evaluated == 8
    assert np.all(np.isnan([score(build_plan(spec).design_for_index(i)).value("ccd_mA_cm2")[0] for i in range(8)]))
    assert res.n_feasible == 8  # the documented rule: a constraint on a not-applicable value passes
    assert len(res.ranking()) == 0
    assert res.notes == [
        "constraint 'ccd_mA_cm2 >= 1' does not apply to any of the 8 designs: they pass it; it constrains nothing",
        "objective 'ccd_mA_cm2 max' does not apply to any of the 8 designs: nothing is ranked",
    ]
    path = tmp_path / "liquid.toml"
    path.write_text(LIQUID_ONLY, encoding="utf-8")
    assert main(["screen", str(path), "--quiet"]) == 0
    out = capsys.readouterr().out
    for note in res.notes:
        assert f"note: {note}" in out
    assert "best by ccd_mA_cm2 max: none" in out


def test_partly_applicable_metrics_are_counted():
    # SMALL: 108 designs, 36 of them solid (nzsp): a CCD constraint and Pareto objective apply only to those
    text = SMALL.replace('constraints = ["total_asr_ohm_cm2 <= 40"]', 'constraints = ["ccd_mA_cm2 >= 0.1"]').replace(
        '"cell_overpotential_mV min"]', '"ccd_mA_cm2 max"]')
    spec = loads_screen(text)
    plan = build_plan(spec)
    ccd = score([plan.design_for_index(i) for i in range(plan.n_designs)]).value("ccd_mA_cm2")
    n_na = int(np.isnan(ccd).sum())
    assert n_na == 72 and plan.n_designs == 108
    res = run_screen(spec, workers=2, chunk_size=64)  # the counts add up over chunks
    assert res.notes == [
        "constraint 'ccd_mA_cm2 >= 0.1' does not apply to 72 of the 108 designs: they pass it",
        "Pareto objective 'ccd_mA_cm2 max' does not apply to 72 of the 108 designs: they are not on the Pareto set",
    ]
    assert res.n_feasible == n_na + int(np.sum(ccd[~np.isnan(ccd)] >= 0.1))
    # nothing to say when every metric applies
    assert run_screen(loads_screen(SMALL), workers=1).notes == []


def test_sampled_contact_angles_enter_the_batch_as_cosines():
    """An uncertain contact angle (NaF coating, 70–130°) reaches the engine as cos θ of each sample."""
    plan = build_plan(loads_screen(SMALL + "\n[uncertainty]\nmethod = \"lhs\"\nsamples = 8\nseed = 2\n"))
    u = next(i for i, p in enumerate(plan.uncertain)
             if p.slot == "coating" and p.prop == "na_contact_angle_deg")
    tab = plan.slots["coating"]
    mats = plan.sampled_matrices("coating", np.arange(8))
    row = tab.fields.index("coating_cos_contact_angle")
    col = tab.ids.index(plan.uncertain[u].material_id)
    angles = plan.unc_values[:8, u]
    assert np.all((angles >= 70.0) & (angles <= 130.0))
    np.testing.assert_allclose(mats[:, row, col], np.cos(np.radians(angles)), rtol=1e-12)


def test_screen_batches_share_one_layer_table_per_material_combination():
    plan = build_plan(loads_screen(SMALL))
    idx = np.arange(0, plan.n_designs, 3)
    b = plan.batch(idx)
    assert b.layer_table is not None and len(b.layer_table.table) == len(plan.combo)
    assert plan.combination_layers() is plan.batch(idx[:5]).layer_table.table  # built once
    # the table's layer fields are the designs' own
    table_rows = b.layer_table.table.take(b.layer_table.index)
    for f in ("surface_area_ratio", "host_cos_contact_angle", "sse_toughness_Pa_m05", "is_solid", "has_coating"):
        np.testing.assert_array_equal(getattr(table_rows, f), getattr(b, f), err_msg=f)
    from anodelab.batch import DesignBatch

    with_table, without = score(b), score(DesignBatch(b.as_dict()))
    for k, v in without.si.items():
        np.testing.assert_array_equal(with_table.si[k], v, err_msg=k)
    # uncertainty samples change material properties: those batches carry no table
    plan_u = build_plan(loads_screen(SMALL + "\n[uncertainty]\nmethod = \"lhs\"\nsamples = 4\nseed = 1\n"))
    assert plan_u.batch_samples(idx[:10], np.arange(4)).layer_table is None
