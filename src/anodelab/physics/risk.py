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


#: Hazards are capped just below 1 so that an unbounded ratio keeps a finite, comparable contribution.
H_MAX = 1.0 - 1e-12


def hazard(x, exponent):
    """h = x^m / (1 + x^m) = 1 / (1 + x^−m), with h(0) = 0 and h(∞) = 1."""
    x = np.asarray(x, dtype=float)
    h = np.maximum(x, 0.0, out=np.empty(x.shape))  # a fresh array, worked on in place below
    with np.errstate(divide="ignore", over="ignore"):
        if np.ndim(exponent):  # one exponent per design (ModelParameters.with_row_values)
            h = np.power(h, np.negative(exponent))
        elif exponent == 2.0:
            np.multiply(h, h, out=h)
            np.divide(1.0, h, out=h)
        else:
            np.power(h, -float(exponent), out=h)
        h += 1.0
        np.divide(1.0, h, out=h)
    return h


def combine(hazards: dict, weights: dict):
    """Noisy-OR combination. Returns (risk, contributions dict) with Σ contributions = risk.

    term_i = −w_i ln(1 − h_i),  risk = 1 − exp(−Σ term_i),  contribution_i = risk · term_i / Σ term
    """
    terms = {}
    total = None
    for name, h in hazards.items():
        t = np.minimum(h, H_MAX, out=np.empty(np.shape(h)))
        np.negative(t, out=t)
        np.log1p(t, out=t)
        t = _scale_in_place(t, -weights[name])
        terms[name] = t
        total = t.copy() if total is None else np.add(total, t, out=total)
    risk = np.negative(total, out=np.empty_like(total))
    np.expm1(risk, out=risk)
    np.negative(risk, out=risk)
    with np.errstate(divide="ignore", invalid="ignore"):
        scale = np.divide(risk, total, out=np.empty_like(total))  # an array even for one design
    scale[~(total > 0)] = 0.0
    contributions = {name: _scale_in_place(t, scale) for name, t in terms.items()}
    return risk, contributions


def _scale_in_place(a: np.ndarray, factor) -> np.ndarray:
    """a · factor, written into ``a`` when the shapes allow it."""
    shape = getattr(factor, "shape", ())
    if shape == () or shape == a.shape:
        return np.multiply(a, factor, out=a)
    return a * factor
