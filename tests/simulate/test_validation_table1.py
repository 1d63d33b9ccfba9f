"""The engine's predicted lifetimes against the symmetric-cell lifetimes of Table 1 (Lu et al. 2022).

Same designs (anodelab.literature: the record's materials and conditions, the Na excess of its electrode
(anodelab.literature.record_na_excess_mAh_cm2), the installed library) and the same prediction (the engine's ``predicted_lifetime_h``, model v2) as
``anodelab validate``; the figures here must equal the ones it reports. No lifetime parameter is fitted to these
records. The symmetric protocol's failure onset is never later than the engine's earliest short.
"""

from __future__ import annotations

import numpy as np
import pytest

from anodelab.batch import batch_from_designs
from anodelab.literature import installed_library, record_na_excess_mAh_cm2, table1_symmetric_lifetimes
from anodelab.scoring import score
from anodelab.simulate import simulate
from anodelab.simulate.symmetric import SHORT_MECHANISMS
from anodelab.validation import median_fold_error, spearman, validate


def test_table1_lifetime_matches_validate_and_ranks_positively(capsys):
    pairs = table1_symmetric_lifetimes()
    assert len(pairs) == 28
    assert all(d.conditions.na_excess_mAh_cm2 == record_na_excess_mAh_cm2(rec, d.conditions.areal_capacity_mAh_cm2)
               for rec, d in pairs)
    lib = installed_library()
    r = score(batch_from_designs([d for _, d in pairs], lib))
    life = r.value("predicted_lifetime_h")
    life_obs = np.array([rec.data["symmetric"]["lifetime_h"] for rec, _ in pairs])
    rho = spearman(life, life_obs)
    fold = median_fold_error(life, life_obs)
    row = {s.quantity: s for s in validate().stats}["lifetime_h (Table 1, liquid)"]
    with capsys.disabled():
        print(f"\nTable 1 symmetric-cell lifetime (n = {len(pairs)}, Na excess of each record's electrode): "
              f"Spearman ρ = {rho:+.3f}, median fold error {fold:.2f} (nothing fitted)")
    assert row.n == len(pairs)
    assert row.spearman == pytest.approx(rho, abs=1e-12)
    assert row.median_fold_error == pytest.approx(fold, rel=1e-12)
    assert rho > 0.0
    # the simulated symmetric cell fails no later than the engine's earliest short
    prof = simulate([d for _, d in pairs], "symmetric", library=lib)
    onset_h = np.asarray(prof.events["predicted_lifetime_h"], float)
    short_h = np.minimum.reduce([r.si[f"t_fail_{k}_s"] for k in SHORT_MECHANISMS]) / 3600.0
    assert np.all(onset_h <= short_h * (1 + 1e-12))
