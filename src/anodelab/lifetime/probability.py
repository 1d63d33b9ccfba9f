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


def _power_in_place(x: np.ndarray, shape: float, scratch: np.ndarray) -> np.ndarray:
    """x ← x^β in place (exact products for β = 3 and 6, the shipped values; np.power otherwise, also for one
    β per design)."""
    if np.ndim(shape):
        np.power(x, shape, out=x)
    elif shape == 3.0:
        np.multiply(x, x, out=scratch)
        x *= scratch
    elif shape == 6.0:
        np.multiply(x, x, out=scratch)
        scratch *= x
        np.multiply(scratch, scratch, out=x)
    else:
        np.power(x, shape, out=x)
    return x


def competing_risks(design_cycles, median_cycles: dict, shapes: dict, *, out: dict | None = None):
    """P_i, the risk and the contributions in one pass, from u_i = (N / N_i)^β_i (the same equations as
    :func:`failure_probability` and :func:`combine`, with fewer array operations and allocations; 1-D arrays):

        P_i = u_i / (1 + u_i),   −ln(1 − P_i) = ln(1 + u_i),   risk = 1 − exp(−Σ ln(1 + u_i)),
        contribution_i = risk · ln(1 + u_i) / Σ_j ln(1 + u_j).

    Returns ``(probabilities, contributions, risk)``. ``out``, optional: destination arrays by key
    (``hazard/<mechanism>``, ``contribution/<mechanism>``, ``risk``), written in place.
    """
    o = (out or {}).get
    n = np.atleast_1d(np.asarray(design_cycles, dtype=float))
    probs, terms = {}, {}
    total = None
    scratch = None
    for k, n_i in median_cycles.items():
        n_i = np.asarray(n_i, dtype=float)
        if n_i.ndim and n_i.shape == n.shape and np.isposinf(n_i.min(initial=np.inf)):
            # the mechanism acts on no design of this batch (e.g. the solid ones in a liquid screen): P = 0
            probs[k] = _zeros(o(f"hazard/{k}"), n)
            terms[k] = _zeros(o(f"contribution/{k}"), n)
            if total is None:
                total = np.zeros_like(n)
            continue
        with np.errstate(over="ignore", divide="ignore"):  # N_i → 0: u = ∞, capped below
            u = np.atleast_1d(np.divide(n, n_i))
            if scratch is None:
                scratch = np.empty_like(u)
            _power_in_place(u, shapes[k] if np.ndim(shapes[k]) else float(shapes[k]), scratch)
        np.minimum(u, _U_MAX, out=u)
        t = np.log1p(u)
        if total is None:
            total = t.copy()
        else:
            total += t
        np.add(u, 1.0, out=scratch)
        probs[k] = np.divide(u, scratch, out=o(f"hazard/{k}", u))
        terms[k] = t
    risk = np.negative(total, out=o("risk"))
    np.expm1(risk, out=risk)
    np.negative(risk, out=risk)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(risk, total, out=total)  # total becomes the scale risk / Σ
    total[~(total == total) | ~np.isfinite(total)] = 0.0  # Σ = 0: 0/0 → no contribution
    contributions = {k: np.multiply(t, total, out=o(f"contribution/{k}", t)) for k, t in terms.items()}
    return probs, contributions, risk


def _zeros(dest, like):
    """0.0 of ``like``'s shape, in ``dest`` when given."""
    if dest is None:
        return np.zeros_like(like)
    dest[...] = 0.0
    return dest
