"""Validation that holds out what it fits (issue 13, item 5).

* :func:`harrell_c` — Harrell's concordance index for (right-)censored lifetimes: a pair (i, j) is comparable
  when the shorter observed time t_i is a failure (event); it is concordant when the predicted life of i is the
  shorter one (ties in prediction count ½). C = concordant / comparable; None when no pair is comparable.
* :func:`censored_consistency` — for censored records (the cell still ran at the reported time): the share whose
  predicted lifetime is at least the reported test length (a shorter prediction is a demonstrable error);
  :func:`censored_risk_consistency` — the same for the risk: the share whose risk of failing before their own test
  length is below ½.
* :func:`ohmic_bound` — the smallest overpotential a symmetric cell can show: J × the separator's own ohmic
  ASR L N_M / σ at the ends of the library ranges that make it smallest (thinnest gap, lowest MacMullin number,
  highest conductivity). A reported value below it breaks a physical bound and is flagged (T1-57: 5.3 mV at
  10 mA cm⁻²).
* :func:`fit_sei_scale` / :func:`held_out_overpotential` — the one fitted quantity of the overpotential row: a
  multiplier of the liquid SEI ASR per solvent family (ether, carbonate), least squares in log η over the
  training references (η scored on a grid of multipliers, :func:`_eta_grid`: it is not linear in the SEI ASR); reported on a fixed split by reference (every third reference held out) and
  leave-one-reference-out (LORO).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..batch import DesignBatch, batch_from_designs
from ..design import resolve
from ..physics.parameters import ModelParameters
from ..scoring import score

#: solvent families with their own fitted SEI-ASR multiplier (batch field ``is_ether``: 1 ether, 0 otherwise)
FAMILIES = ("ether", "carbonate/other")
LOG_M_BOUNDS = (-3.0, 3.0)  # ln multiplier


def harrell_c(predicted, observed, event) -> tuple[float | None, int]:
    """Harrell's C over all comparable pairs; returns (C or None, number of comparable pairs).

    Example: observed 1, 2, 3 (events 1, 1, 0), predicted 1, 3, 2: comparable pairs (1,2), (1,3), (2,3);
    concordant (1,2), (1,3); discordant (2,3) ⇒ C = 2/3.
    """
    p = np.asarray(predicted, float)
    t = np.asarray(observed, float)
    e = np.asarray(event, bool)
    ok = np.isfinite(t) & ~np.isnan(p)
    p, t, e = p[ok], t[ok], e[ok]
    comparable = (t[:, None] < t[None, :]) & e[:, None]
    n = int(comparable.sum())
    if n == 0:
        return None, 0
    conc = (p[:, None] < p[None, :]) & comparable
    ties = (p[:, None] == p[None, :]) & comparable
    return float((conc.sum() + 0.5 * ties.sum()) / n), n


def censored_consistency(predicted, observed, censored) -> tuple[float | None, int]:
    """Share of censored records with predicted ≥ observed (None if there is none)."""
    p = np.asarray(predicted, float)
    t = np.asarray(observed, float)
    c = np.asarray(censored, bool)
    if not c.any():
        return None, 0
    return float(np.mean(p[c] >= t[c])), int(c.sum())


def censored_risk_consistency(risk_at_test, censored) -> tuple[float | None, int]:
    """Share of censored records whose predicted risk of failing before their own test length is below ½ (None
    if there is none): the model then says such a cell more likely than not survives the test it did survive.

    Example: risks 0.1, 0.7, 0.9 (censored, censored, failure) ⇒ 1 of the 2 censored records ⇒ 0.5.
    """
    r = np.asarray(risk_at_test, float)
    c = np.asarray(censored, bool)
    if not c.any():
        return None, 0
    return float(np.mean(r[c] < 0.5)), int(c.sum())


def _low(prop, use):
    """The end of a property's range (or its value) that makes the ohmic bound smallest."""
    if prop is None:
        return math.nan
    if prop.range is None:
        return float(prop.value)
    return float(min(prop.range) if use == "min" else max(prop.range))


def ohmic_bound(design, library) -> float:
    """Smallest possible symmetric-cell overpotential [mV] from the separator's ohmic drop alone (liquid designs).

    η_min = J · L_min · N_M,min / σ_max, with L, N_M and σ at the ends of their library ranges (25 °C values);
    NaN for a solid electrolyte. Example: J = 10 mA cm⁻² = 100 A m⁻², L = 250 µm, N_M = 1.2,
    σ = 9 mS cm⁻¹ = 0.9 S m⁻¹ ⇒ 100 · 2.5e-4 · 1.2 / 0.9 = 0.0333 V = 33.3 mV.
    """
    el = resolve(design, library).layers["electrolyte"]
    if el.cls != "liquid_electrolyte":
        return math.nan
    gap = _low(el.properties.get("electrode_gap_um"), "min") * 1e-6
    nm = _low(el.properties.get("separator_macmullin_number"), "min")
    sigma = _low(el.properties.get("conductivity_mS_cm"), "max") * 0.1
    j = design.conditions.current_density_mA_cm2 * 10.0
    return j * gap * nm / sigma * 1e3


@dataclass
class HeldOut:
    """Fitted (in-sample) and held-out predictions of one quantity over its records."""

    quantity: str
    record_ids: list[str]
    references: list[int]
    reported: np.ndarray
    fitted: np.ndarray  # fitted on all records (in-sample)
    split_test: np.ndarray  # bool: held out in the fixed split
    split_predicted: np.ndarray  # prediction of the fixed split's fit (train and test records)
    loro_predicted: np.ndarray  # each reference predicted by the fit without it
    parameters_all: dict[str, float]


#: the multipliers at which each record's η is scored (ln m on a uniform grid over LOG_M_BOUNDS)
LOG_M_GRID = np.linspace(LOG_M_BOUNDS[0], LOG_M_BOUNDS[1], 121)


def _eta_grid(batch: DesignBatch, params: ModelParameters) -> np.ndarray:
    """ln η [mV] of every design (rows) at every SEI-ASR multiplier of :data:`LOG_M_GRID` (columns), in one batch.

    η is not linear in the SEI ASR once the pores' working area depends on it
    (:func:`anodelab.physics.resistance.working_area_ratio`), so every multiplier is scored rather than
    extrapolated from two.
    """
    n, g = len(batch), len(LOG_M_GRID)
    big = batch.take(np.tile(np.arange(n), g))
    big = big.replace(sei_asr_ohm_m2=big.sei_asr_ohm_m2 * np.repeat(np.exp(LOG_M_GRID), n))
    return np.log(score(big, params).value("cell_overpotential_mV")).reshape(g, n).T


def _ln_eta_at(grid: np.ndarray, lm: float) -> np.ndarray:
    """ln η of every row of ``grid`` at ln m = ``lm`` (linear interpolation between grid columns)."""
    k = int(np.clip(np.searchsorted(LOG_M_GRID, lm) - 1, 0, len(LOG_M_GRID) - 2))
    w = (lm - LOG_M_GRID[k]) / (LOG_M_GRID[k + 1] - LOG_M_GRID[k])
    return (1.0 - w) * grid[:, k] + w * grid[:, k + 1]


def _fit_m(grid, reported) -> float:
    """The multiplier minimising Σ (ln η(m) − ln η_reported)²: best grid point, refined between its neighbours."""
    from scipy.optimize import minimize_scalar

    lr = np.log(reported)
    costs = np.sum((grid - lr[:, None]) ** 2, axis=0)
    k = int(np.argmin(costs))
    lo, hi = LOG_M_GRID[max(k - 1, 0)], LOG_M_GRID[min(k + 1, len(LOG_M_GRID) - 1)]
    res = minimize_scalar(lambda lm: float(np.sum((_ln_eta_at(grid, lm) - lr) ** 2)), bounds=(lo, hi),
                          method="bounded")
    return math.exp(res.x if res.fun <= costs[k] else LOG_M_GRID[k])


def fit_sei_scale(grid, family, reported, train) -> dict[str, float]:
    """SEI-ASR multiplier per solvent family from the training records (1.0 where a family has < 2)."""
    out = {}
    for k, name in enumerate(FAMILIES):
        sel = train & (family == k)
        out[name] = _fit_m(grid[sel], reported[sel]) if sel.sum() >= 2 else 1.0
    return out


def _predict(grid, family, m: dict[str, float]):
    """η [mV] of each row at its family's multiplier."""
    out = np.empty(len(grid))
    for k, name in enumerate(FAMILIES):
        sel = family == k
        out[sel] = np.exp(_ln_eta_at(grid[sel], math.log(m[name])))
    return out


def held_out_overpotential(comps, library, params: ModelParameters) -> HeldOut:
    """Fit the SEI-ASR scale per family on training references; predict the held-out ones (fixed split, LORO)."""
    batch = batch_from_designs([c.design for c in comps], library)
    grid = _eta_grid(batch, params)
    family = np.where(batch.is_ether > 0.5, 0, 1)
    rep = np.array([c.reported for c in comps], float)
    refs = np.array([c.reference for c in comps])
    uniq = sorted(set(refs.tolist()))
    test_refs = set(uniq[2::3])  # every third reference (sorted by number) is held out
    test = np.array([r in test_refs for r in refs])
    m_split = fit_sei_scale(grid, family, rep, ~test)
    loro = np.empty(len(comps))
    for r in uniq:
        sel = refs == r
        m = fit_sei_scale(grid, family, rep, ~sel)
        loro[sel] = _predict(grid[sel], family[sel], m)
    m_all = fit_sei_scale(grid, family, rep, np.ones(len(comps), bool))
    return HeldOut("cell_overpotential_mV", [c.record_id for c in comps], refs.tolist(), rep,
                   _predict(grid, family, m_all), test, _predict(grid, family, m_split), loro,
                   {f"sei_asr_multiplier_{k}": v for k, v in m_all.items()})
