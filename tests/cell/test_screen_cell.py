"""Screens of full cells: a [cell] table in the screen file, cell metrics as objectives, Pareto fronts."""

import numpy as np
import pytest

from anodelab.errors import AnodeLabError
from anodelab.screening import build_plan, loads_screen, pareto_front, run_screen
from anodelab.scoring import score

SCREEN = """
format_version = 1
name = "cell screen"
top_k = 10
constraints = ["cell_cycle_life_cycles >= 20"]
[materials]
host = ["cu-foil", "al-foil", "cu-nanowire-cu"]
electrolyte = ["napf6-diglyme-1m"]
[conditions]
current_density_mA_cm2 = { values = [0.5, 1.0] }
areal_capacity_mAh_cm2 = { values = [1.0, 1.2, 2.0] }
na_excess_mAh_cm2 = { values = [0.0, 1.2, 2.4] }
[cell]
cathode = "nvp-c"
electrolyte_to_capacity_g_Ah = 3.0
separator_thickness_um = 25.0
[objective]
metric = "cell_specific_energy_Wh_kg"
direction = "max"
[pareto]
objectives = ["cell_specific_energy_Wh_kg max", "dendrite_risk min"]
"""


def test_screen_with_a_cell_ranks_by_cell_metrics_and_matches_single_designs():
    plan = build_plan(loads_screen(SCREEN))
    res = run_screen(plan)
    assert len(res) > 0
    best = res.design(0)
    assert best.cathode.material == "nvp-c" and best.electrolyte.overrides["electrode_gap_um"] == 25.0
    # the screen's numbers are those of the same design scored alone
    alone = score(best).record(0)
    row = res.row(0)
    for key in ("cell_specific_energy_Wh_kg", "np_ratio", "cell_cycle_life_cycles", "dendrite_risk"):
        assert row[key] == pytest.approx(alone[key], rel=1e-12), key
    # ranked best first by Wh/kg among designs meeting the constraint
    ranked = [res.row(i)["cell_specific_energy_Wh_kg"] for i in range(len(res)) if res.rank[i] >= 0]
    assert ranked == sorted(ranked, reverse=True)
    assert all(res.row(i)["cell_cycle_life_cycles"] >= 20 for i in range(len(res)) if res.rank[i] >= 0)


def test_areal_capacity_beyond_the_cathode_gives_na_cell_metrics():
    plan = build_plan(loads_screen(SCREEN))
    r = score(plan.batch(np.arange(plan.n_designs)))
    q = plan.batch(np.arange(plan.n_designs)).areal_capacity_C_m2 / 3.6e4
    e = r.value("cell_specific_energy_Wh_kg")
    assert np.isnan(e[q > 1.2144 + 1e-9]).all() and np.isfinite(e[q <= 1.2144]).all()


def test_trade_offs_show_on_the_pareto_front():
    plan = build_plan(loads_screen(SCREEN))
    r = score(plan.batch(np.arange(plan.n_designs)))
    f = pareto_front(r, "cell_specific_energy_Wh_kg", "cell_cycle_life_cycles", "max", "max")
    x, y = f.front_x, f.front_y
    assert len(x) >= 2
    # along the front, more energy costs cycle life (Na excess buys life with mass)
    assert np.all(np.diff(x) > 0) and np.all(np.diff(y) < 0)
    # nobody off the front beats a front point in both
    for i in np.flatnonzero(~f.on_front & np.isfinite(f.x) & np.isfinite(f.y)):
        assert np.any((x >= f.x[i]) & (y >= f.y[i]))
    with pytest.raises(AnodeLabError, match="unknown metric"):
        pareto_front(r, "wh_per_kg")


@pytest.mark.parametrize("bad, words", [
    ('[cell]\ncathode = "cu-foil"', ["cathode", "not allowed in the cathode slot"]),
    ('[cell]\nelectrolyte_to_capacity_g_Ah = 3.0', ["cell", "cathode"]),
    ('[cell]\ncathode = "nvp-c"\nseparator_thickness_um = -1', ["separator_thickness_um"]),
    ('[cell]\ncathode = "nvp-c"\nbogus = 1', ["unknown key", "bogus"]),
])
def test_bad_screen_cell_tables(bad, words):
    text = SCREEN.split("[cell]")[0] + bad + "\n[objective]\nmetric = \"dendrite_risk\"\n"
    with pytest.raises(AnodeLabError) as exc:
        loads_screen(text, file="s.toml")
    for w in words:
        assert w in str(exc.value), str(exc.value)


AXES = SCREEN.replace('na_excess_mAh_cm2 = { values = [0.0, 1.2, 2.4] }\n', '').replace(
    'areal_capacity_mAh_cm2 = { values = [1.0, 1.2, 2.0] }\n', '').replace(
    '''cathode = "nvp-c"
electrolyte_to_capacity_g_Ah = 3.0
separator_thickness_um = 25.0''', '''cathode = ["nvp-c", "prussian-white"]
cathode_overrides = { areal_loading_mg_cm2 = { values = [8.0, 16.0] } }
electrolyte_to_capacity_g_Ah = { values = [2.5, 5.0] }
separator_thickness_um = { values = [12.0, 25.0] }
np_ratio = { values = [0.0, 1.0] }
depth_of_discharge = 1.0''').replace('constraints = ["cell_cycle_life_cycles >= 20"]', 'top_k = 100')
AXES = AXES.replace("top_k = 10\n", "", 1)


def test_screen_varies_cathode_loading_np_ec_and_separator():
    spec = loads_screen(AXES)
    assert spec.cell.n_variants == 2 * 2 * 2 * 2 * 2 * 1
    plan = build_plan(spec)
    assert plan.n_designs == 3 * 32 * 2  # 3 hosts × 32 cell variants × 2 current densities
    res = run_screen(plan)
    assert len(res) > 10
    seen = set()
    for i in range(len(res)):
        row = res.row(i)
        seen.add((row["cathode"], row["cathode_areal_loading_mg_cm2"], row["np_ratio"]))
        d = res.design(i)
        # the row's cell is the design's: cathode, loading, E/C, separator, N/P and DoD from the cathode capacity
        assert d.cathode.material == row["cathode"]
        assert d.cathode.overrides["areal_loading_mg_cm2"] == row["cathode_areal_loading_mg_cm2"]
        assert d.cell.electrolyte_to_capacity_g_Ah == row["electrolyte_to_capacity_g_Ah"]
        assert d.electrolyte.overrides["electrode_gap_um"] == row["separator_thickness_um"]
        alone = score(d).record(0)
        assert alone["np_ratio"] == pytest.approx(row["np_ratio"], rel=1e-12, abs=1e-15)
        assert alone["depth_of_discharge"] == pytest.approx(1.0, rel=1e-12)
        for key in ("cell_specific_energy_Wh_kg", "cell_cycle_life_cycles", "dendrite_risk",
                    "cathode_capacity_mAh_cm2"):
            assert row[key] == pytest.approx(alone[key], rel=1e-9), key
    assert {c for c, _l, _n in seen} == {"nvp-c", "prussian-white"}
    # hand check: NVP at 16 mg cm⁻² × 0.92 active × 110 mAh g⁻¹ = 1.6192 mAh cm⁻²; N/P 1 → 1.6192 mAh cm⁻² Na
    nvp16 = [i for i in range(len(res)) if res.row(i)["cathode"] == "nvp-c"
             and res.row(i)["cathode_areal_loading_mg_cm2"] == 16.0 and res.row(i)["np_ratio"] == 1.0]
    assert nvp16
    row = res.row(nvp16[0])
    assert row["cathode_capacity_mAh_cm2"] == pytest.approx(16.0 * 0.92 * 110.0 / 1000.0, rel=1e-12)
    assert row["na_excess_mAh_cm2"] == pytest.approx(row["cathode_capacity_mAh_cm2"], rel=1e-12)
    # the CSV carries the cell columns
    header = res.csv_text().splitlines()[0].split(",")
    for col in ("cathode", "cathode_areal_loading_mg_cm2", "electrolyte_to_capacity_g_Ah", "separator_thickness_um",
                "np_ratio"):
        assert col in header


def test_cell_axes_trade_energy_against_cycle_life_on_the_pareto_front():
    plan = build_plan(loads_screen(AXES))
    idx = np.arange(plan.n_designs)
    b = plan.batch(idx)
    r = score(b)
    # lean electrolyte (E/C 2.5) in a thick separator gives more Wh/kg and fewer cycles than E/C 5
    e = r.value("cell_specific_energy_Wh_kg")
    life = r.value("cell_cycle_life_cycles")
    ec = b.electrolyte_to_capacity_kg_C * 3600e3
    assert np.nanmean(e[ec < 3]) > np.nanmean(e[ec > 3]) and np.nanmean(life[ec < 3]) < np.nanmean(life[ec > 3])
    f = pareto_front(r, "cell_specific_energy_Wh_kg", "cell_cycle_life_cycles", "max", "max")
    assert len(f.front_x) >= 2 and np.all(np.diff(f.front_x) > 0) and np.all(np.diff(f.front_y) < 0)
    # the engine on the screen's batch equals the designs scored alone (a sample of them)
    for i in (0, 17, 101, plan.n_designs - 1):
        alone = score(plan.design_for_index(i)).record(0)
        assert alone["cell_cycle_life_cycles"] == pytest.approx(life[i], rel=1e-9)


@pytest.mark.parametrize("bad, words", [
    ('[cell]\ncathode = ["nvp-c", "cu-foil"]', ["cathode", "not allowed in the cathode slot"]),
    ('[cell]\ncathode = "nvp-c"\nnp_ratio = { values = [0, -1] }', ["np_ratio.values", "≥ 0"]),
    ('[cell]\ncathode = "nvp-c"\ncathode_overrides = { areal_loading_mg_cm2 = { low = 5, high = 1 } }',
     ["cathode_overrides.areal_loading_mg_cm2.high", "≥ 'low'"]),
    ('[cell]\ncathode = "nvp-c"\ncathode_overrides = { bogus_um = { values = [1] } }', ["bogus_um", "unknown property"]),
    ('[cell]\ncathode = "nvp-c"\nelectrolyte_to_capacity_g_Ah = { values = [3], n = 2 }', ["electrolyte_to_capacity_g_Ah"]),
])
def test_bad_cell_axes(bad, words):
    text = SCREEN.split("[cell]")[0] + bad + "\n[objective]\nmetric = \"dendrite_risk\"\n"
    with pytest.raises(AnodeLabError) as exc:
        loads_screen(text, file="s.toml")
    for w in words:
        assert w in str(exc.value), str(exc.value)


def test_np_ratio_axis_and_na_excess_condition_are_exclusive():
    text = SCREEN.replace('cathode = "nvp-c"', 'cathode = "nvp-c"\nnp_ratio = 1.0')
    with pytest.raises(AnodeLabError, match="np_ratio.*na_excess_mAh_cm2.*give one"):
        loads_screen(text, file="s.toml")


def test_example_cell_screen_runs_from_the_cli(tmp_path):
    from anodelab.cli import main

    out = tmp_path / "cells.csv"
    assert main(["screen", "resources/screens/cell_trade_offs.toml", "--out", str(out), "--quiet"]) == 0
    header = out.read_text().splitlines()[0].split(",")
    assert {"cathode", "np_ratio", "cell_specific_energy_Wh_kg", "cell_cycle_life_cycles"} <= set(header)
