"""Probability of failing before the design's cycle count, from the per-mechanism cycles to failure.

Each mechanism's failure cycle scatters between nominally identical cells around its predicted median N_i.
The scatter is log-logistic (Fisk) with shape β_i — the closed-form twin of the lognormal that reliability
analysis uses for lifetimes (its log is a logistic distribution with standard deviation π / (β √3), so β = 3
is a log-sd of 0.60 and β = 6 one of 0.30):

    P_i = P(N_fail,i ≤ N) = (N / N_i)^β / (1 + (N / N_i)^β) = 1 / (1 + (N_i / N)^β)     (P_i = 0 where N_i = ∞)

The mechanisms are independent competing risks, so the probability of failing by any of them before cycle N is

    risk = 1 − Π_i (1 − P_i).

Because −ln(1 − risk) = Σ_i −ln(1 − P_i), each mechanism's contribution is its share of that sum times the
risk (they add up exactly to the risk) — :func:`anodelab.physics.risk.combine` with unit weights does this.
"""

from __future__ import annotations

import math

import numpy as np

from ..physics import risk as _risk
from ..physics.powers import power


def log_sd_of_shape(shape):
    """Standard deviation of ln N_fail of a log-logistic distribution with shape β: π / (β √3)."""
    return math.pi / (shape * math.sqrt(3.0))


def failure_probability(design_cycles, median_cycles, shape):
    """P(N_fail ≤ N) = 1 / (1 + (N_i / N)^β) for a log-logistic N_fail with median N_i and shape β.

    Example: N = 100, N_i = 100 ⇒ 0.5; N = 100, N_i = 200, β = 3 ⇒ 1 / (1 + 8) = 0.1111; N_i = ∞ ⇒ 0.
    """
    y = np.asarray(power(np.asarray(np.divide(median_cycles, design_cycles), dtype=float), shape), dtype=float)
    y += 1.0
    return np.divide(1.0, y, out=y)


def combine(probabilities: dict):
    """risk = 1 − Π (1 − P_i) and the contributions (Σ contributions = risk)."""
    return _risk.combine(probabilities, {k: 1.0 for k in probabilities})


#: (N / N_i)^β is capped here: P_i ≤ 1 − 1e-12, so that an immediate failure keeps a finite, comparable share
_U_MAX = 1e12


def competing_risks(design_cycles, median_cycles: dict, shapes: dict):
    """P_i, the risk and the contributions in one pass, from u_i = (N / N_i)^β_i (the same equations as
    :func:`failure_probability` and :func:`combine`, with fewer array operations; 1-D arrays):

        P_i = u_i / (1 + u_i),   −ln(1 − P_i) = ln(1 + u_i),   risk = 1 − exp(−Σ ln(1 + u_i)),
        contribution_i = risk · ln(1 + u_i) / Σ_j ln(1 + u_j).

    Returns ``(probabilities, contributions, risk)``.
    """
    n = np.atleast_1d(np.asarray(design_cycles, dtype=float))
    probs, terms = {}, {}
    total = None
    for k, n_i in median_cycles.items():
        with np.errstate(over="ignore", divide="ignore"):  # N_i → 0: u = ∞, capped below
            u = np.atleast_1d(power(n / n_i, shapes[k]))
        np.minimum(u, _U_MAX, out=u)
        t = np.log1p(u)
        total = t.copy() if total is None else np.add(total, t, out=total)
        u1 = u + 1.0
        probs[k] = np.divide(u, u1, out=u1)
        terms[k] = t
    risk = np.negative(total)
    np.expm1(risk, out=risk)
    np.negative(risk, out=risk)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = risk / total
    scale[~(total > 0)] = 0.0
    contributions = {k: np.multiply(t, scale, out=t) for k, t in terms.items()}
    return probs, contributions, risk
