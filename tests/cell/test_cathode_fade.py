"""The cathode's own capacity fade and its product with the Na-inventory retention (anodelab.cell.energy).

R(n) = (1 − f)^n · min(1, CE^(n − n_ex)) = r: N_cap = N_cath if N_cath ≤ n_ex, else
(ln r + n_ex ln CE) / (ln(1 − f) + ln CE).
"""

import math

import numpy as np
import pytest

from anodelab.cell.energy import capacity_fade_cycles, cell_life_mechanism
from anodelab.materials.library import load_library
from anodelab.scoring import score

from .test_energy import P0, stated_cell


def test_hand_calculation_anode_free():
    # f = 1e-3, CE = 0.999, N/P 0 (n_ex = 0): N = ln 0.8 / (ln 0.999 + ln 0.999) = 111.5 cycles
    n_inv = math.log(0.8) / math.log(0.999)  # 223.0, the inventory alone
    n_cath, n_cap = capacity_fade_cycles(np.array([1e-3]), np.array([0.999]), np.array([0.0]), np.array([n_inv]))
    assert n_cap[0] == pytest.approx(math.log(0.8) / (2 * math.log(0.999)), rel=1e-12)
    assert n_cap[0] == pytest.approx(111.5, abs=0.05)
    assert n_cath[0] == pytest.approx(n_inv, rel=1e-12)  # the same 223.0 for f = 1 − CE


def test_hand_calculation_with_a_reservoir_shorter_than_the_cathode():
    # f = 1e-4 (N_cath = ln 0.8 / ln 0.9999 = 2231), CE 0.99, N/P 0.5 → n_ex = 0.5 / 0.01 = 50 cycles:
    # after 50 cycles the cathode keeps 0.9999^50 = 0.995; then (ln 0.8 + 50 ln 0.99) / (ln 0.9999 + ln 0.99)
    # = (−0.22314 − 0.50252) / (−0.00010 − 0.01005) = 71.49
    n_ex = 50.0
    n_inv = n_ex + math.log(0.8) / math.log(0.99)
    _, n_cap = capacity_fade_cycles(np.array([1e-4]), np.array([0.99]), np.array([n_ex]), np.array([n_inv]))
    expected = (math.log(0.8) + 50 * math.log(0.99)) / (math.log(0.9999) + math.log(0.99))
    assert n_cap[0] == pytest.approx(expected, rel=1e-12)
    assert n_cap[0] == pytest.approx(71.49, abs=0.01)  # below the inventory's 72.20, above the 50 of the reservoir
    assert n_ex < n_cap[0] < n_inv


def test_limits_and_vectorised_over_designs():
    f = np.array([0.0, np.nan, 1e-3, 1e-3, 2e-4])
    ce = np.array([0.999, 0.999, 0.999, 0.999, 1.0])
    n_ex = np.array([0.0, 100.0, 0.0, 1e6, np.inf])  # a huge reservoir, then a lossless (solid) cell
    with np.errstate(divide="ignore", invalid="ignore"):
        n_inv = np.where(ce < 1.0, n_ex + np.log(0.8) / np.log(ce), np.inf)  # ∞ for the lossless cell
    n_cath, n_cap = capacity_fade_cycles(f, ce, n_ex, n_inv)
    assert n_cap[0] == n_inv[0] and n_cap[1] == n_inv[1]  # f = 0 or not given: the old (inventory) result, exactly
    assert np.isinf(n_cath[0]) and np.isinf(n_cath[1])
    assert n_cap[2] == pytest.approx(111.52, abs=0.01)
    # a reservoir that outlasts the cathode: the cathode term alone
    assert n_cap[3] == n_cath[3] == pytest.approx(math.log(0.8) / math.log(1 - 1e-3), rel=1e-12)
    assert n_cap[4] == pytest.approx(math.log(0.8) / math.log(1 - 2e-4), rel=1e-12)
    # never longer than either term alone
    assert np.all(n_cap <= np.fmin(n_cath, n_inv) * (1 + 1e-12))


def test_engine_multiplies_the_retained_fractions_and_names_the_mechanism():
    # the stated cell (CE 0.99 on a planar host) anode-free with f = 0.005, 0, and with a reservoir of N/P 5
    lives = {}
    for f, np_ratio in ((0.0, 0.0), (5e-3, 0.0), (5e-3, 5.0)):
        d = stated_cell(cathode={"capacity_fade_per_cycle": f}, np_ratio=np_ratio)
        r = score(d, P0)
        lives[(f, np_ratio)] = (r.record(0), r.si)
    rec0, _ = lives[(0.0, 0.0)]
    rec1, si1 = lives[(5e-3, 0.0)]
    rec2, si2 = lives[(5e-3, 5.0)]
    assert rec0["cell_cycle_life_cycles"] == pytest.approx(math.log(0.8) / math.log(0.99), rel=1e-9)  # 22.2
    assert rec0["cycle_life_capacity_cycles"] == rec0["cycle_life_na_inventory_cycles"]
    assert rec1["cycle_life_capacity_cycles"] == pytest.approx(math.log(0.8) / (math.log(0.99) + math.log(0.995)),
                                                               rel=1e-9)  # 14.8
    assert rec1["cell_cycle_life_cycles"] == rec1["cycle_life_capacity_cycles"]
    assert cell_life_mechanism(si1, 0) == "capacity"
    # N/P 5: 500 cycles of reservoir, the cathode reaches 80 % alone after ln 0.8 / ln 0.995 = 44.5 cycles
    assert rec2["cycle_life_capacity_cycles"] == pytest.approx(math.log(0.8) / math.log(0.995), rel=1e-9)
    assert cell_life_mechanism(si2, 0) in ("cathode", "electrolyte")
    assert rec2["cycle_life_cathode_cycles"] == pytest.approx(44.52, abs=0.01)


def test_every_library_cathode_states_its_fade_with_a_source():
    cathodes = load_library(include_user=False).of_class("cathode")
    assert len(cathodes) >= 7
    for m in cathodes:
        prop = m.properties["capacity_fade_per_cycle"]
        assert 0.0 < prop.value < 0.01, m
        lo, hi = prop.range
        assert lo < prop.value < hi
        assert "doi:" in prop.source or "estimate" in prop.source
