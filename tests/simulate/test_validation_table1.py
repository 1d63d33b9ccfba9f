"""Simulated symmetric cycling against the symmetric-cell lifetimes of Table 1 (Lu et al. 2022).

Same designs (anodelab.literature: the record's materials and conditions, the one assumed Na excess,
the installed library) and the same prediction (``predicted_lifetime_h`` of the symmetric protocol) as
``anodelab validate``; the figures here must equal the ones it reports. The lifetime scale Q_ref was
fitted on these same records, so the fold error is in-sample; ρ is the README's claim of a positive
rank correlation.
"""

from __future__ import annotations

import numpy as np
import pytest

from anodelab.literature import ASSUMED_NA_EXCESS_mAh_cm2, installed_library, table1_symmetric_lifetimes
from anodelab.simulate import simulate
from anodelab.validation import median_fold_error, spearman, validate


def test_table1_symmetric_lifetime_matches_validate_and_ranks_positively(capsys):
    pairs = table1_symmetric_lifetimes()
    assert len(pairs) == 28
    assert all(d.conditions.na_excess_mAh_cm2 == ASSUMED_NA_EXCESS_mAh_cm2 for _, d in pairs)
    prof = simulate([d for _, d in pairs], "symmetric", library=installed_library())
    life_sim = np.asarray(prof.events["predicted_lifetime_h"], float)
    life_obs = np.array([rec.data["symmetric"]["lifetime_h"] for rec, _ in pairs])
    rho = spearman(life_sim, life_obs)
    fold = median_fold_error(life_sim, life_obs)

    row = {s.quantity: s for s in validate().stats}["lifetime_h (Table 1, liquid)"]
    with capsys.disabled():
        print(f"\nTable 1 symmetric-cell lifetime (n = {len(pairs)}, Na excess assumed {ASSUMED_NA_EXCESS_mAh_cm2} "
              f"mAh cm⁻²): Spearman ρ = {rho:+.3f}, median fold error {fold:.2f} (in-sample scale)")
    assert row.n == len(pairs)
    assert row.spearman == pytest.approx(rho, abs=1e-12)
    assert row.median_fold_error == pytest.approx(fold, rel=1e-12)
    assert rho > 0.0
