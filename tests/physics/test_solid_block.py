"""The scorer's solid-state block on the solid rows only (anodelab.physics.solid.block): the three forms of Rows
select like np.where, and a batch scores the same whichever form its share of solid rows picks."""

from __future__ import annotations

import numpy as np
import pytest

from anodelab.batch import DesignBatch, as_batch
from anodelab.design import load_design
from anodelab.physics.select import Split
from anodelab.physics.solid.block import SUBSET_SHARE, Rows
from anodelab.scoring import score
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("share", [0.0, 0.1, SUBSET_SHARE, 0.6, 1.0])
def test_rows_select_like_where(share):
    rng = np.random.default_rng(1)
    n = 60
    mask = np.zeros(n, dtype=bool)
    mask[rng.permutation(n)[: int(round(share * n))]] = True
    rows = Rows(mask, Split(~mask))
    assert rows.count == mask.sum()
    assert (rows.index is not None) == (0 < share <= SUBSET_SHARE or share == 0.0)
    a, b = rng.normal(size=n), rng.uniform(1.0, 2.0, n)  # solid values (full rows), liquid base
    got_put = rows.put(b.copy(), rows.take(b * 0 + a))
    np.testing.assert_array_equal(got_put, np.where(mask, a, b))
    got_fill = rows.fill(rows.take(b))
    np.testing.assert_array_equal(got_fill, np.where(mask, b, np.nan))
    assert rows.take(2.5) == 2.5  # scalars pass through
    out = np.empty(n)
    assert rows.fill(rows.take(b), out=out) is out


@pytest.mark.parametrize("n_solid", [1, 4, 7, 12])
def test_scoring_same_for_every_share_of_solid_rows(n_solid):
    """A batch of 12 rows with n_solid solid designs (subset, dense or all-solid form of the solid block) gives
    every design the numbers it gets scored alone (all-solid or no-solid form)."""
    liquid = as_batch(load_design(EXAMPLES / "na_cunw_diglyme.toml"))
    solids = [as_batch(load_design(EXAMPLES / f)) for f in ("na_nzsp.toml", "nasn_nzsp.toml")]
    parts = [solids[i % 2] for i in range(n_solid)] + [liquid] * (12 - n_solid)
    b = DesignBatch.concatenate(parts).take(np.random.default_rng(n_solid).permutation(12))
    rng = np.random.default_rng(5)
    b = b.replace(current_density_A_m2=rng.uniform(1.0, 50.0, 12), stack_pressure_Pa=rng.uniform(0.0, 5e6, 12))
    r = score(b)
    for i in range(12):
        one = score(b.take(np.array([i])))
        for k, v in one.si.items():
            np.testing.assert_allclose(r.si[k][i:i + 1], v, rtol=1e-12, atol=0.0, err_msg=k)
        assert r.warning_bits[i] == one.warning_bits[0]
