"""Probability of failing before the design's cycle count, from the per-mechanism cycles to failure.

Each mechanism's failure cycle is lognormal around its predicted median N_i with a log-standard
deviation σ_i (cell-to-cell scatter; model parameters with a range):

    P_i = Φ((ln N − ln N_i) / σ_i)      (Φ the standard normal CDF; P_i = 0 where N_i = ∞)

and the mechanisms are independent competing risks, so the probability of failing by any of them
before cycle N is

    risk = 1 − Π_i (1 − P_i).

Because −ln(1 − risk) = Σ_i −ln(1 − P_i), each mechanism's contribution is its share of that sum
times the risk (they add up exactly to the risk) — :func:`anodelab.physics.risk.combine` with unit
weights does this.
"""

from __future__ import annotations

import numpy as np
from scipy.special import ndtr

from ..physics import risk as _risk


def failure_probability(design_cycles, median_cycles, log_sd):
    """P(N_fail ≤ N) for a lognormal N_fail with median N_i and log-sd σ: Φ(ln(N / N_i) / σ).

    Example: N = 100, N_i = 100 ⇒ 0.5; N = 100, N_i = 271.8 (= 100 e), σ = 1 ⇒ Φ(−1) = 0.1587.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        z = np.log(design_cycles / median_cycles)
    z = z / log_sd
    z = np.where(np.isnan(z), -np.inf, z)  # ∞/∞ or 0/0 cannot occur for a finite N; NaN N_i: no mechanism
    return ndtr(z)


def combine(probabilities: dict):
    """risk = 1 − Π (1 − P_i) and the contributions (Σ contributions = risk)."""
    return _risk.combine(probabilities, {k: 1.0 for k in probabilities})
