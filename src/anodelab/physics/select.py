"""Exact, branch-free replacements for ``np.where`` on the engine's irregular masks.

A screen interleaves liquid and solid designs, so a mask such as ``liquid`` changes value from one row to the
next at random. ``np.where(cond, a, b)`` then runs numpy's per-element branching loop, which costs about ten
multiplications at 32,768 rows (120-250 µs against 10-20 µs on the 2-core reference machine). The forms below
use only arithmetic ufuncs and give the same bits as ``np.where`` for every float, ±0, ±∞ and NaN included:

* with u_c = 1 where ``cond`` and NaN elsewhere, and u_¬c the reverse,

      np.where(cond, a, b) == np.fmin(a · u_c, b · u_¬c)

  because x · 1 = x exactly (the sign of a zero kept), x · NaN = NaN, and ``np.fmin`` returns its operand that
  is not NaN (NaN when both are, i.e. when the selected value is itself NaN);
* with i_c = NaN where ``cond`` and +∞ elsewhere,

      np.where(cond, a, +∞) == np.fmax(a, i_c)

  (``np.fmax`` returns ``a`` where i_c is NaN, even a NaN ``a``, and +∞ = fmax(a, +∞) elsewhere, even for a
  NaN ``a``).

u_c is built as c / c with c = cond as 0.0 / 1.0 (0/0 = NaN), i_c as (not cond) / 0 (1/0 = +∞, 0/0 = NaN).
"""

from __future__ import annotations

import numpy as np


def one_or_nan(cond: np.ndarray) -> np.ndarray:
    """1.0 where ``cond``, NaN elsewhere (c / c with c = cond as a float)."""
    c = np.array(cond, dtype=float)  # a copy: divided in place below
    with np.errstate(invalid="ignore"):
        return np.divide(c, c, out=c)


def nan_or_inf(cond: np.ndarray) -> np.ndarray:
    """NaN where ``cond``, +∞ elsewhere ((not cond) / 0)."""
    c = np.asarray(np.logical_not(cond), dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.divide(c, 0.0, out=c)


def where_else_inf(cond: np.ndarray, a, *, out=None) -> np.ndarray:
    """``np.where(cond, a, np.inf)`` bit for bit, as fmax(a, i_c) (module docstring), into ``out`` if given."""
    i_c = nan_or_inf(cond)
    if out is None and np.shape(a) == i_c.shape:
        out = i_c
    return np.fmax(a, i_c, out=out)


class Split:
    """A boolean mask and its complement as 1-or-NaN factors, for many exact selections on the same mask.

    ``Split(liquid).where(a, b)`` equals ``np.where(liquid, a, b)`` bit for bit (module docstring) at the cost
    of two multiplications and one ``fmin``.
    """

    __slots__ = ("one", "one_not")

    def __init__(self, cond: np.ndarray):
        self.one = one_or_nan(cond)  # 1 where cond, NaN elsewhere
        self.one_not = one_or_nan(np.logical_not(cond))  # 1 where not cond, NaN elsewhere

    def where(self, a, b, *, out=None) -> np.ndarray:
        """``np.where(cond, a, b)`` (a, b arrays of the mask's shape or scalars), into ``out`` if given."""
        x = np.multiply(a, self.one)
        return np.fmin(x, np.multiply(b, self.one_not), out=x if out is None else out)

    def zero_else_nan(self) -> np.ndarray:
        """0.0 where the mask holds, NaN elsewhere (adding it NaNs out the other rows of any finite value)."""
        return np.multiply(self.one, 0.0)

    def nan_else_zero(self) -> np.ndarray:
        """NaN where the mask holds, 0.0 elsewhere."""
        return np.multiply(self.one_not, 0.0)
