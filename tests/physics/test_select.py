"""physics.select: the branch-free selections give np.where's bits for every float, ±0, ±∞ and NaN."""

from __future__ import annotations

import numpy as np
import pytest

from anodelab.physics.select import Split, nan_or_inf, one_or_nan, where_else_inf

SPECIAL = np.array([0.0, -0.0, 1.5, -2.25, np.inf, -np.inf, np.nan, 5e-324, -1.7976931348623157e308, 1e300])


def _same_bits(a, b):
    a, b = np.asarray(a), np.asarray(b)
    assert a.shape == b.shape and a.dtype == b.dtype
    nan = np.isnan(b)
    np.testing.assert_array_equal(np.isnan(a), nan)
    np.testing.assert_array_equal(a[~nan].view(np.int64), b[~nan].view(np.int64))  # −0.0 ≠ +0.0 here


@pytest.fixture
def arrays():
    rng = np.random.default_rng(3)
    n = 4000
    a = np.where(rng.random(n) < 0.3, rng.choice(SPECIAL, n), rng.normal(0, 1e3, n))
    b = np.where(rng.random(n) < 0.3, rng.choice(SPECIAL, n), rng.normal(0, 1e-3, n))
    return a, b, rng.random(n) < 0.5


def test_masks_by_hand():
    cond = np.array([True, False, True])
    _same_bits(one_or_nan(cond), np.array([1.0, np.nan, 1.0]))
    _same_bits(nan_or_inf(cond), np.array([np.nan, np.inf, np.nan]))
    s = Split(cond)
    _same_bits(s.zero_else_nan(), np.array([0.0, np.nan, 0.0]))
    _same_bits(s.nan_else_zero(), np.array([np.nan, 0.0, np.nan]))


def test_split_where_is_np_where_bit_for_bit(arrays):
    a, b, cond = arrays
    s = Split(cond)
    _same_bits(s.where(a, b), np.where(cond, a, b))
    _same_bits(s.where(b, a), np.where(cond, b, a))
    for scalar in (0.0, -0.0, np.inf, -np.inf, 2.5):
        _same_bits(s.where(a, scalar), np.where(cond, a, scalar))
        _same_bits(s.where(scalar, b), np.where(cond, scalar, b))
    out = np.empty_like(a)
    assert s.where(a, b, out=out) is out
    _same_bits(out, np.where(cond, a, b))
    # every special value against every other, both branches
    x, y = np.meshgrid(SPECIAL, SPECIAL)
    for c in (np.ones(x.shape, bool), np.zeros(x.shape, bool)):
        _same_bits(Split(c).where(x, y), np.where(c, x, y))


def test_where_else_inf_is_np_where_bit_for_bit(arrays):
    a, _, cond = arrays
    _same_bits(where_else_inf(cond, a), np.where(cond, a, np.inf))
    _same_bits(where_else_inf(np.array([True, False]), np.array([np.nan, np.nan])), np.array([np.nan, np.inf]))
    assert where_else_inf(True, -0.0) == 0.0 and np.signbit(where_else_inf(True, -0.0))
    assert where_else_inf(False, 3.0) == np.inf


def test_inputs_are_not_modified(arrays):
    a, b, cond = arrays
    a0, b0, c0 = a.copy(), b.copy(), cond.copy()
    Split(cond).where(a, b)
    where_else_inf(cond, a)
    one_or_nan(cond.astype(float))
    _same_bits(a, a0)
    _same_bits(b, b0)
    np.testing.assert_array_equal(cond, c0)
