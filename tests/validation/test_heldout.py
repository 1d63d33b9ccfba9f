"""Validation v2: Harrell's C with censoring, the physical-bound flag, held-out fits by reference."""

from __future__ import annotations

import math

import numpy as np
import pytest

from anodelab.literature import installed_library
from anodelab.validation import comparisons, validate
from anodelab.validation.heldout import censored_consistency, harrell_c, held_out_overpotential, ohmic_bound


def test_harrell_c_by_hand():
    # observed 1, 2, 3 (events, events, censored); predicted 1, 3, 2:
    # comparable (1,2), (1,3), (2,3); concordant (1,2), (1,3) ⇒ 2/3
    c, n = harrell_c([1, 3, 2], [1, 2, 3], [True, True, False])
    assert n == 3 and c == pytest.approx(2 / 3)
    # a censored shortest life makes no pair comparable
    c, n = harrell_c([1, 2], [1, 2], [False, True])
    assert c is None and n == 0
    # ties in the prediction count one half
    c, n = harrell_c([5, 5], [1, 2], [True, True])
    assert n == 1 and c == 0.5


def test_censored_consistency_by_hand():
    share, n = censored_consistency([10, 1, 5], [5, 5, 5], [True, True, False])
    assert n == 2 and share == 0.5


def test_t1_57_is_flagged_below_the_separators_ohmic_drop():
    lib = installed_library()
    comps = {(c.record_id, c.quantity): c for c in comparisons(library=lib)}
    c = comps[("T1-57", "cell_overpotential_mV")]
    # 10 mA cm⁻² = 100 A m⁻², gap ≥ 250 µm, N_M ≥ 1.2, σ ≤ 9 mS cm⁻¹ = 0.9 S m⁻¹: 100 · 2.5e-4 · 1.2 / 0.9 = 33.3 mV
    assert ohmic_bound(c.design, lib) == pytest.approx(100 * 2.5e-4 * 1.2 / 0.9 * 1e3, rel=1e-9)
    assert c.reported == 5.3 and "ohmic drop" in c.bound_note
    # flagged records never count as independent (headline) evidence
    rep = validate()
    pt = next(p for p in rep.points if p.record_id == "T1-57" and p.quantity == "cell_overpotential_mV")
    assert not pt.independent and pt.bound_note
    assert sum(bool(c.bound_note) for c in comps.values()) >= 1


def test_lifetimes_are_censored_and_depend_on_their_inputs():
    comps = [c for c in comparisons() if c.quantity == "lifetime_h"]
    assert all(c.censored for c in comps)  # Tables 1-2 report stable cycling for the test length
    # a lifetime whose CE or SEI input comes from the same paper is not independent
    assert any(not c.independent for c in comps)
    rep = validate()
    life = next(s for s in rep.stats if s.quantity == "lifetime_h (Table 1, liquid)")
    assert life.n_censored == life.n and life.c_index is None and life.c_index_pairs == 0


def test_held_out_fit_never_sees_the_record_it_predicts():
    lib = installed_library()
    from anodelab.physics.parameters import default_parameters

    over = [c for c in comparisons(library=lib) if c.quantity == "cell_overpotential_mV" and not c.bound_note]
    h = held_out_overpotential(over, lib, default_parameters())
    refs = np.array(h.references)
    # leave-one-reference-out: changing the reported values of one reference leaves its own prediction unchanged
    # a carbonate reference: the ether multiplier sits at its lower bound (LOG_M_BOUNDS), where no change of one
    # record can move the in-sample fit
    from anodelab.batch import batch_from_designs

    r0 = refs[np.argmax(batch_from_designs([c.design for c in over], lib).is_ether < 0.5)]
    changed = [c if c.reference != r0 else type(c)(**{**c.__dict__, "reported": c.reported * 10}) for c in over]
    h2 = held_out_overpotential(changed, lib, default_parameters())
    np.testing.assert_allclose(h2.loro_predicted[refs == r0], h.loro_predicted[refs == r0], rtol=1e-9)
    assert not np.allclose(h2.fitted[refs == r0], h.fitted[refs == r0])  # the in-sample fit does see it
    # the fixed split holds out whole references
    test_refs = set(refs[h.split_test])
    assert test_refs and not (test_refs & set(refs[~h.split_test]))


def test_sei_multiplier_grid_fit_by_hand():
    """η = a + m b for three records (a = 5, 10, 20 mV; b = 10, 4, 30 mV) reported at m = 2: the grid fit
    (ln η on LOG_M_GRID, linear interpolation in ln m) finds m = 2 within the interpolation error."""
    from anodelab.validation.heldout import LOG_M_GRID, _fit_m, _ln_eta_at

    a, b = np.array([5.0, 10.0, 20.0]), np.array([10.0, 4.0, 30.0])
    grid = np.log(a[:, None] + np.exp(LOG_M_GRID)[None, :] * b[:, None])
    assert _fit_m(grid, a + 2.0 * b) == pytest.approx(2.0, rel=2e-3)
    np.testing.assert_allclose(_ln_eta_at(grid, LOG_M_GRID[10]), grid[:, 10], rtol=1e-12)
    # outside the bounds the fit stops at the bound
    assert _fit_m(grid, a + 100.0 * b) == pytest.approx(math.exp(LOG_M_GRID[-1]), rel=1e-6)
