"""Sampling of uncertain inputs: points in the unit hypercube and their map onto ``range``s.

Shared by the single-design intervals (:mod:`anodelab.uncertainty.intervals`) and by uncertainty
screening (:mod:`anodelab.screening.plan`), so a property's range means the same everywhere:

* a range [low, high] with low > 0 and high / low ≥ 10 spans a decade or more and is sampled
  log-uniformly, ``x = 10^(log10 low + u (log10 high − log10 low))``;
* any other range is sampled uniformly, ``x = low + u (high − low)``;

with u ∈ [0, 1) from a Latin hypercube (McKay, Beckman & Conover, Technometrics 1979, 21, 239,
doi:10.1080/00401706.1979.10489755) or independent uniform draws, seeded and reproducible.
"""

from __future__ import annotations

import numpy as np

#: a range whose bounds differ by this factor or more is sampled log-uniformly
LOG_RATIO = 10.0
METHODS = ("lhs", "montecarlo")


def sample_unit(method: str, samples: int, dims: int, seed: int) -> np.ndarray:
    """(samples, dims) points in [0, 1): independent uniform (Monte Carlo) or a Latin hypercube.

    Latin hypercube: each dimension's [0, 1) is cut into ``samples`` equal strata, one point per
    stratum at a uniform position inside it, strata randomly permuted per dimension (McKay 1979).
    """
    rng = np.random.default_rng(seed)
    if method == "montecarlo":
        return rng.random((samples, dims))
    u = (np.arange(samples)[:, None] + rng.random((samples, dims))) / samples
    for d in range(dims):
        u[:, d] = u[rng.permutation(samples), d]
    return u


def is_log_range(low: float, high: float) -> bool:
    """True when [low, high] is sampled log-uniformly (positive and spanning ≥ a factor of 10)."""
    return bool(low > 0 and high / low >= LOG_RATIO)


def map_unit(u: np.ndarray, low, high, log) -> np.ndarray:
    """Points ``u`` in [0, 1) (…, dims) → values in each dimension's [low, high] (uniform or log-uniform).

    ``low``, ``high``, ``log`` broadcast against the last axis of ``u``. The map is monotone, so the
    q-quantile of u maps to the q-quantile of the input: u = 0.05 gives low + 0.05 (high − low)
    (uniform) or low (high/low)^0.05 (log-uniform).
    """
    lo = np.asarray(low, dtype=float)
    hi = np.asarray(high, dtype=float)
    logm = np.asarray(log, dtype=bool)
    with np.errstate(divide="ignore", invalid="ignore"):
        llo = np.log10(np.where(logm, lo, 1.0))
        lhi = np.log10(np.where(logm, hi, 1.0))
        log_vals = 10 ** (llo + u * (lhi - llo))
    return np.where(logm, log_vals, lo + u * (hi - lo))
