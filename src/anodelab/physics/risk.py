"""Dendrite risk composed transparently from the other metrics.

Each factor i turns a dimensionless demand/capacity ratio x_i into a hazard
h_i = x_i^m / (1 + x_i^m) in [0, 1) (h = ½ when demand equals capacity). The risk is a weighted
'noisy-OR':

    risk = 1 − Π_i (1 − h_i)^{w_i}

so one factor near 1 drives the risk to 1, and weights w_i ≤ 1 soften minor factors. Because
−ln(1 − risk) = Σ_i w_i (−ln(1 − h_i)), each factor's contribution is its share of that sum times
the risk; the contributions add up exactly to the risk.
"""

from __future__ import annotations

import numpy as np

#: Factor names in display order, with the ratio each hazard is built from.
FACTORS = {
    "sand": "half-cycle time / Sand's time (Eq. 7, at the effective current density)",
    "limiting_current": "current density / limiting current (Eq. 6)",
    "nucleation": "f(θ_r) (Eqs. 4-5) × hazard(nucleation excess / reference overpotential)",
    "ccd": "current density / critical current density (Eqs. 11-13)",
    "mechanical": "2 / (G_electrolyte / G_Na) (Monroe–Newman)",
    "interphase": "(1 − CE) / reference inefficiency",
    "volume": "electrode thickness change / plated thickness (what the host cannot absorb)",
}


def hazard(x, exponent):
    """h = x^m / (1 + x^m) = 1 / (1 + x^−m), with h(0) = 0 and h(∞) = 1."""
    x = np.maximum(np.asarray(x, dtype=float), 0.0)
    with np.errstate(divide="ignore", over="ignore"):
        if exponent == 2.0:
            inv = 1.0 / (x * x)
        else:
            inv = x ** (-float(exponent))
        return 1.0 / (1.0 + inv)


def combine(hazards: dict, weights: dict):
    """Noisy-OR combination. Returns (risk, contributions dict) with Σ contributions = risk."""
    log_terms = {}
    total = 0.0
    for name, h in hazards.items():
        term = -weights[name] * np.log1p(-np.minimum(h, 1.0 - 1e-12))
        log_terms[name] = term
        total = total + term
    risk = -np.expm1(-total)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.where(total > 0, risk / total, 0.0)
    contributions = {name: term * scale for name, term in log_terms.items()}
    return risk, contributions
