"""For a screen with uncertainty: the probability that each design stays in the top k.

For every uncertainty sample s (one draw of all the ranged library properties, the same draw for
every design of the screen) the designs are ranked by the screen's objective in that sample; design
i is "in the top k of sample s" when it is among the k best feasible designs, ties broken by the
smaller design index (the rule of :func:`anodelab.screening.select.top_k`). Then

    P_top-k(i) = (number of samples s where i is in the top k of s) / S.

Summed over all designs it is k (when every sample has at least k rankable designs). Feasibility is
judged on the nominal values, as in the screen itself; a design whose objective is NaN in a sample is
not ranked in it.

The top k of every sample is a streaming reduction: each chunk keeps, per sample, its k best
(value, index) pairs (:func:`chunk_sample_top`), and two reductions merge into one
(:func:`merge_sample_top`), so the result is exact and the same for any chunking or backend. Memory
is S × k pairs per reduction; above :data:`MAX_TABLE_ENTRIES` it is not computed (a note says so).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: largest S × k table kept per chunk (16 bytes per entry: 16 MB)
MAX_TABLE_ENTRIES = 1_000_000


@dataclass(frozen=True)
class SampleTop:
    """Per sample s, the k best designs: ``index[s]`` (−1 = empty slot), ``value[s]`` (to minimise)."""

    index: np.ndarray  # (S, k) int64
    value: np.ndarray  # (S, k) float64

    @property
    def samples(self) -> int:
        return int(self.index.shape[0])


def table_fits(samples: int, k: int) -> bool:
    return samples * k <= MAX_TABLE_ENTRIES


def _best(index: np.ndarray, value: np.ndarray, k: int) -> SampleTop:
    """The k best entries of each row of (S, c) ``index`` / ``value`` (index < 0 = no entry)."""
    S, c = value.shape
    valid = index >= 0
    v = np.where(valid, value, np.inf)
    if c > k:
        # entries no better than each row's k-th smallest value (ties included) are the only candidates
        kth = np.partition(v, k - 1, axis=1)[:, k - 1:k]
        valid &= v <= kth
    rows, cols = np.nonzero(valid)
    vi, vv = index[rows, cols], v[rows, cols]
    order = np.lexsort((vi, vv, rows))
    rows, vi, vv = rows[order], vi[order], vv[order]
    start = np.searchsorted(rows, np.arange(S))
    rank = np.arange(len(rows)) - start[rows]
    keep = rank < k
    out_i = np.full((S, k), -1, dtype=np.int64)
    out_v = np.full((S, k), np.inf)
    out_i[rows[keep], rank[keep]] = vi[keep]
    out_v[rows[keep], rank[keep]] = vv[keep]
    return SampleTop(out_i, out_v)


def chunk_sample_top(objective_samples: np.ndarray | None, index: np.ndarray, feasible: np.ndarray,
                     direction: str, k: int) -> SampleTop | None:
    """Per-sample top k of one chunk.

    ``objective_samples`` (c, S): the objective of design ``index[j]`` in sample s (user units); a
    ``direction = "max"`` objective is negated so that smaller is better. ``None`` (no samples) or a
    table above :data:`MAX_TABLE_ENTRIES` gives ``None``.
    """
    if objective_samples is None or not table_fits(objective_samples.shape[1], k):
        return None
    v = np.asarray(objective_samples, dtype=float).T  # (S, c)
    if direction == "max":
        v = -v
    ok = np.asarray(feasible, dtype=bool)[None, :] & ~np.isnan(v)
    idx = np.where(ok, np.asarray(index, dtype=np.int64)[None, :], -1)
    return _best(idx, v, k)


def merge_sample_top(a: SampleTop | None, b: SampleTop | None) -> SampleTop | None:
    """The per-sample top k of the union of two reductions (associative, order-independent)."""
    if a is None:
        return b
    if b is None:
        return a
    k = a.index.shape[1]
    return _best(np.concatenate([a.index, b.index], axis=1), np.concatenate([a.value, b.value], axis=1), k)


def stay_probability(index: np.ndarray, top: SampleTop | None) -> np.ndarray:
    """Share of samples in which each design of ``index`` is in the top k (0 … 1)."""
    index = np.asarray(index, dtype=np.int64)
    if top is None:
        return np.full(len(index), np.nan)
    found = top.index[top.index >= 0]
    ids, counts = np.unique(found, return_counts=True)
    if len(ids) == 0:
        return np.zeros(len(index))
    pos = np.minimum(np.searchsorted(ids, index), len(ids) - 1)
    return np.where(ids[pos] == index, counts[pos], 0) / top.samples


def top_k_probability(index: np.ndarray, top: SampleTop | None, rank: np.ndarray, n_samples: int,
                      with_uncertainty: bool) -> np.ndarray | None:
    """The column of a screen result: None without uncertainty; with uncertainty but nothing uncertain
    in the selection (``n_samples`` = 0) the ranking is certain (1 for the top k, 0 otherwise); NaN
    where the table was too large to keep."""
    if not with_uncertainty:
        return None
    if n_samples == 0:
        return (np.asarray(rank) >= 0).astype(float)
    return stay_probability(index, top)


def top_k_notes(n_samples: int, k: int, with_uncertainty: bool) -> list[str]:
    """A note when the probability column is left empty because the table would be too large."""
    if with_uncertainty and n_samples and not table_fits(n_samples, k):
        return [f"top_k_probability not computed: {n_samples} samples × top {k} = {n_samples * k:,} entries "
                f"exceed the limit of {MAX_TABLE_ENTRIES:,} (lower the samples or top_k)"]
    return []
