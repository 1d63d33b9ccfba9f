"""Selection of the designs a screen keeps: constraints, top-k ranking and the Pareto set.

All functions work on arrays and break ties by design index, so the result does not depend on
how the screen was cut into chunks or which worker ran which chunk.
"""

from __future__ import annotations

import numpy as np


def pareto_mask(F: np.ndarray) -> np.ndarray:
    """Non-dominated rows of ``F`` (n, k), every column to be minimised.

    Row a dominates row b when a ≤ b in every objective and a < b in at least one. Rows with a NaN
    objective are never on the front. Identical rows do not dominate each other (both kept).
    Sort-and-sweep: after a lexicographic sort no row can be dominated by a later one, so each
    surviving row removes the rows it dominates from the remainder (O(n · front size)).
    """
    F = np.asarray(F, dtype=float)
    n = F.shape[0]
    mask = np.zeros(n, dtype=bool)
    ok = ~np.isnan(F).any(axis=1)
    cand = np.flatnonzero(ok)
    if cand.size == 0:
        return mask
    order = cand[np.lexsort(F[cand].T[::-1])]
    rest = F[order]
    rest_idx = order
    while rest_idx.size:
        p = rest[0]
        mask[rest_idx[0]] = True
        tail = rest[1:]
        dominated = np.all(p <= tail, axis=1) & np.any(p < tail, axis=1)
        keep = ~dominated
        rest = tail[keep]
        rest_idx = rest_idx[1:][keep]
    return mask


def top_k(key: np.ndarray, index: np.ndarray, k: int) -> np.ndarray:
    """Positions of the ``k`` smallest finite ``key`` values, ties broken by smaller design ``index``."""
    key = np.asarray(key, dtype=float)
    finite = np.flatnonzero(~np.isnan(key))
    if finite.size > 4 * k:
        # cheap pre-cut: the k-th smallest value bounds the winners (ties kept for the exact sort)
        kth = np.partition(key[finite], k - 1)[k - 1]
        finite = finite[key[finite] <= kth]
    order = finite[np.lexsort((index[finite], key[finite]))]
    return order[:k]


def constraint_mask(values: dict[str, np.ndarray], constraints) -> np.ndarray:
    """True where every constraint holds; a constraint on a NaN (not applicable) value passes."""
    n = len(next(iter(values.values())))
    ok = np.ones(n, dtype=bool)
    for c in constraints:
        v = values[c.metric]
        with np.errstate(invalid="ignore"):
            if c.op == ">=":
                hold = v >= c.value
            elif c.op == "<=":
                hold = v <= c.value
            elif c.op == ">":
                hold = v > c.value
            else:
                hold = v < c.value
        ok &= hold | np.isnan(v)
    return ok
