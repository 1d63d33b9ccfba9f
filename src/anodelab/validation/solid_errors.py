"""Error measures of the solid-state comparisons (:mod:`anodelab.validation.solid`).

* a CCD, ASR or ratio: the log10 fold error log10(predicted / reported); an activation energy: predicted − reported
  [eV];
* a bound (``comparison`` "at_least": the cell sustained the value; "at_most": it had already failed at it): 0 when
  the prediction honours the bound, the fold error to the bound otherwise;
* a record whose stack pressure the paper does not state: the model predicts a range [lo, hi] over the pressures
  such a cell may have had (:data:`anodelab.validation.solid.UNSTATED_PRESSURE_MPa`); the compared value is the one
  of that range nearest the measurement (:func:`profiled`), so the error is 0 inside the range and the fold error to
  its nearer end outside it (the unknown pressure is a nuisance parameter, profiled out).
"""

from __future__ import annotations

import math

import numpy as np

#: a comparison "misses" when its prediction is off by more than ×2 (CCDs, ASRs, ratios) or 0.05 eV (activation)
MISS_LOG10 = math.log10(2.0)
MISS_EV = 0.05


def _error(quantity: str, pred: float, rep: float, comparison: str = "equal") -> float:
    """log10 fold error for CCDs and ratios, difference in eV for activation energies. For a bound ("at_least": the
    cell sustained ``rep``; "at_most": it had failed at ``rep``) the error is 0 when the prediction honours the bound
    and the fold error to the bound otherwise. Example: at_least 1.0, predicted 0.5 ⇒ log10 0.5 = −0.301;
    predicted 2.0 ⇒ 0."""
    if quantity == "ccd_activation_eV":
        return pred - rep
    if not (pred > 0 and rep > 0 and math.isfinite(pred)):
        return math.nan
    err = math.log10(pred / rep)
    if comparison == "at_least":
        return min(err, 0.0)
    if comparison == "at_most":
        return max(err, 0.0)
    return err


def profiled(low: float, high: float, rep: float, comparison: str = "equal") -> float:
    """The value of the predicted range [low, high] compared with ``rep``: the one nearest ``rep`` for a measured
    value, ``high`` for an "at_least" bound (the most the cell could have sustained), ``low`` for "at_most".
    Example: range 0.73–1.95 mA cm⁻², reported 0.55 ⇒ 0.73 (error log10(0.73/0.55) = +0.123); reported 0.9 ⇒ 0.9
    (error 0); at_most 1.0 ⇒ 0.73 (honoured)."""
    if comparison == "at_least":
        return high
    if comparison == "at_most":
        return low
    return float(np.clip(rep, low, high))


def _value(row: dict) -> bool:
    """True for a measured value, False for a bound (``comparison`` at_least / at_most)."""
    return row.get("comparison", "equal") == "equal"


def _rms(values) -> float | None:
    v = np.array([x for x in values if math.isfinite(x)])
    return float(np.sqrt(np.mean(v ** 2))) if len(v) else None
