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
