"""Peak-preserving decimation of long profiles for plots and reports (numpy only, no Qt).

A symmetric-cell profile keeps every point: 10⁵ cycles are ~4 M points per design. Reports and the
GUI plots draw at most :data:`MAX_POINTS` points per curve: the points are cut into contiguous buckets
of equal index length and each bucket keeps the point of its minimum and of its maximum ``y`` (in
their original order). So the square-wave envelope (±|V| of every bucket), the global extremes and
the short-circuit collapse stay visible exactly; only the detail inside a bucket is dropped. A bucket
whose ``y`` is all NaN keeps one (NaN) point, so gaps (after a stop, past a design's end) stay gaps.

The full profile stays available with ``anodelab simulate DESIGN --protocol … --out profile.csv``.
"""

from __future__ import annotations

import numpy as np

#: Points per curve above which a curve is decimated (the result has at most this many points).
MAX_POINTS = 10_000


def decimate_indices(y, max_points: int = MAX_POINTS, x=None) -> np.ndarray:
    """Sorted indices of the points of ``y`` (1-D) to keep (at most ``max_points``).

    Runs of non-finite points (in ``y`` or ``x``) first shrink to their first point (a gap stays a
    gap, NaN padding costs nothing); if more than ``max_points`` remain, the first, the last and the
    min/max ``y`` of each bucket are kept."""
    y = np.asarray(y, dtype=float)
    if y.ndim != 1:
        raise ValueError("decimate_indices expects a 1-D array")
    if max_points < 16:
        raise ValueError("max_points must be at least 16")
    if y.size <= max_points:
        return np.arange(y.size)
    ok = np.isfinite(y) if x is None else np.isfinite(y) & np.isfinite(np.asarray(x, dtype=float))
    gap_start = ~ok & np.concatenate(([True], ok[:-1]))
    cand = np.flatnonzero(ok | gap_start)
    gaps = np.flatnonzero(gap_start)
    if gaps.size > max_points // 4:  # a ragged curve: gaps compete with the envelope like any point
        return cand[_envelope(np.where(ok, y, np.nan)[cand], max_points)]
    # every gap survives (a NaN between two finite points of one bucket would otherwise be dropped)
    keep = cand[_envelope(np.where(ok, y, np.nan)[cand], max_points - gaps.size)]
    return np.union1d(keep, gaps)


def _envelope(y: np.ndarray, max_points: int) -> np.ndarray:
    n = y.size
    if n <= max_points:
        return np.arange(n)
    # two points per bucket, two more for the ends
    k = -(-n // ((max_points - 2) // 2))  # bucket length (ceil)
    nb = -(-n // k)
    padded = np.full(nb * k, np.nan)
    padded[:n] = y
    blocks = padded.reshape(nb, k)
    nan = np.isnan(blocks)
    lo = np.argmin(np.where(nan, np.inf, blocks), axis=1)  # an all-NaN bucket gives its first point
    hi = np.argmax(np.where(nan, -np.inf, blocks), axis=1)
    start = np.arange(nb) * k
    idx = np.concatenate(([0, n - 1], start + lo, start + hi))
    idx = idx[idx < n]  # the last bucket's padding (only reachable if it is all NaN)
    return np.unique(idx)


def decimate(x, y, *series, max_points: int = MAX_POINTS):
    """``(x, y, *series)`` reduced to the min/max envelope of ``y`` (see :func:`decimate_indices`);
    every array is taken at the same indices. Returns a tuple of arrays, unchanged when short enough."""
    y = np.asarray(y, dtype=float)
    idx = decimate_indices(y, max_points, x)
    if idx.size == y.size:
        return (np.asarray(x, dtype=float), y, *(np.asarray(s, dtype=float) for s in series))
    return (np.asarray(x, dtype=float)[idx], y[idx], *(np.asarray(s, dtype=float)[idx] for s in series))


def finite_count(x, y) -> int:
    """Points of a curve that are drawn (both coordinates finite)."""
    return int(np.count_nonzero(np.isfinite(np.asarray(x, dtype=float)) & np.isfinite(np.asarray(y, dtype=float))))
