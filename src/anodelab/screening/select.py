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
    """True where every constraint holds; a constraint on a NaN (not applicable) value passes
    (:func:`applicability_notes` tells the user how many designs that concerns)."""
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


def applicability_notes(spec, n_not_applicable: dict[str, int], n_evaluated: int) -> list[str]:
    """One line per constraint / objective / Pareto objective whose metric is not applicable (NaN) to
    some or all of the ``n_evaluated`` designs, with the count and what that means for the selection:

    * constraint: such designs pass it (the documented rule), so it constrains only the others;
    * objective: such designs are not ranked (an objective that applies to no design ranks nothing);
    * Pareto objective: such designs are not on the Pareto set.
    """
    notes = []
    if n_evaluated <= 0:
        return notes

    def count(metric):
        k = int(n_not_applicable.get(metric, 0))
        return k, ("any of the" if k == n_evaluated else f"{k:,} of the") + f" {n_evaluated:,} designs"

    for c in spec.constraints:
        k, of = count(c.metric)
        if k:
            tail = "; it constrains nothing" if k == n_evaluated else ""
            notes.append(f"constraint '{c.text}' does not apply to {of}: they pass it{tail}")
    k, of = count(spec.objective.metric)
    if k:
        tail = ": nothing is ranked" if k == n_evaluated else ": they are not ranked"
        notes.append(f"objective '{spec.objective.text}' does not apply to {of}{tail}")
    for o in spec.pareto:
        k, of = count(o.metric)
        if k:
            notes.append(f"Pareto objective '{o.text}' does not apply to {of}: they are not on the Pareto set")
    return notes
