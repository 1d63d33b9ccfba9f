"""Predicted vs reported: per quantity n, Spearman rank correlation and median fold error.

* Spearman ρ: rank correlation of predicted and reported values (scipy.stats.spearmanr); None for
  n < 3 or when one side is constant.
* Median fold error: median over records of max(p/r, r/p) (1 = perfect, 2 = typically off by 2×).
  For the Coulombic efficiency it is computed on the inefficiency 1 − CE (CE itself is always
  within 1 % of 1, so a fold error on it would say nothing).
* Lifetimes: predicted by :func:`anodelab.simulate.simulate` (protocol ``"symmetric"`` at the record's
  current and capacity, event ``predicted_lifetime_h``) when that package is present; in addition the
  reported life is ranked against the engine's ``dendrite_risk`` (``lifetime_h_risk``; expect ρ < 0:
  higher risk, shorter life; no fold error for that pair).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..batch import batch_from_designs
from ..literature import installed_library
from ..materials.library import Library
from ..metrics import METRIC_BY_KEY
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import score
from .records import Comparison, comparisons

QUANTITIES = ("cell_overpotential_mV", "coulombic_efficiency", "interfacial_asr_ohm_cm2", "ccd_mA_cm2", "lifetime_h",
              "lifetime_h_risk")
LIFETIME_PROXY = "dendrite_risk"


@dataclass
class Point:
    record_id: str
    table: int
    reference: int
    quantity: str
    reported: float
    predicted: float
    predicted_key: str
    independent: bool
    note: str = ""

    def as_dict(self) -> dict:
        return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in self.__dict__.items()}


@dataclass
class QuantityStats:
    quantity: str
    predicted_key: str
    label: str
    unit: str
    n: int
    spearman: float | None
    median_fold_error: float | None
    n_independent: int
    spearman_independent: float | None
    median_fold_error_independent: float | None
    note: str = ""

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class ValidationReport:
    points: list[Point]
    stats: list[QuantityStats]
    lifetime_model: str
    calibration: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "lifetime_model": self.lifetime_model,
            "quantities": [s.as_dict() for s in self.stats],
            "points": [p.as_dict() for p in self.points],
            "calibration": self.calibration,
        }


def spearman(p, r) -> float | None:
    """Spearman ρ of two sequences (None if n < 3 or either is constant)."""
    from scipy.stats import spearmanr

    p, r = np.asarray(p, float), np.asarray(r, float)
    ok = np.isfinite(p) & np.isfinite(r)
    p, r = p[ok], r[ok]
    if len(p) < 3 or np.ptp(p) == 0 or np.ptp(r) == 0:
        return None
    return float(spearmanr(p, r).statistic)


def median_fold_error(p, r) -> float | None:
    """median(max(p/r, r/p)) over the pairs with both values positive and finite."""
    p, r = np.asarray(p, float), np.asarray(r, float)
    ok = np.isfinite(p) & np.isfinite(r) & (p > 0) & (r > 0)
    if not ok.any():
        return None
    return float(np.median(np.maximum(p[ok] / r[ok], r[ok] / p[ok])))


def predict(comps: list[Comparison], params: ModelParameters | None = None, library: Library | None = None) -> list[Point]:
    """Score every comparison's design in one batch and pair the prediction with the reported value."""
    params = params or default_parameters()
    if not comps:
        return []
    library = library or installed_library()
    result = score(batch_from_designs([c.design for c in comps], library), params)
    life = [i for i, c in enumerate(comps) if c.quantity == "lifetime_h"]
    simulated = {}
    if life:
        try:
            from ..simulate import simulate
        except ImportError:
            simulate = None
        if simulate is not None:
            prof = simulate([comps[i].design for i in life], "symmetric", params=params, library=library)
            simulated = dict(zip(life, np.asarray(prof.events["predicted_lifetime_h"], float)))
    points = []
    for i, c in enumerate(comps):
        if c.quantity == "lifetime_h":
            points.append(Point(c.record_id, c.table, c.reference, "lifetime_h_risk", c.reported,
                                float(result.value(LIFETIME_PROXY)[i]), LIFETIME_PROXY, c.independent, c.input_note))
            if i in simulated:
                points.append(Point(c.record_id, c.table, c.reference, c.quantity, c.reported, float(simulated[i]),
                                    "simulate symmetric: predicted_lifetime_h", c.independent, c.input_note))
            continue
        pred = float(result.value(c.quantity)[i])
        points.append(Point(c.record_id, c.table, c.reference, c.quantity, c.reported, pred, c.quantity, c.independent, c.input_note))
    return points


def summarise(points: list[Point]) -> list[QuantityStats]:
    out = []
    for q in QUANTITIES:
        groups = [("", [p for p in points if p.quantity == q])]
        if q.startswith("lifetime_h"):  # liquid and solid cells are not on one scale: rank them separately
            groups = [(" (Table 1, liquid)", [p for p in points if p.quantity == q and p.table == 1]),
                      (" (Table 2, solid)", [p for p in points if p.quantity == q and p.table == 2])]
        for suffix, pts in groups:
            if not pts:
                continue
            key = pts[0].predicted_key
            pr = np.array([p.predicted for p in pts])
            rp = np.array([p.reported for p in pts])
            ind = np.array([p.independent for p in pts])
            fold = (lambda a, b: median_fold_error(1 - a, 1 - b)) if q == "coulombic_efficiency" else median_fold_error
            note = ""
            if q == "coulombic_efficiency":
                note = "fold error on 1 − CE"
            if q == "ccd_mA_cm2":
                note = ("in-sample: the solid-state parameters were fitted on these records; unseen-paper error = "
                        "leave-one-reference-out in the solid-state section")
            if q == "lifetime_h_risk":
                fold = lambda a, b: None  # noqa: E731  (different quantities: rank only)
                note = f"reported life vs predicted {key} (rank only; expect ρ < 0)"
            if q == "lifetime_h":
                note = "anodelab.simulate symmetric protocol, predicted_lifetime_h (failure onset)"
                if suffix.startswith(" (Table 1"):
                    note += ("; in-sample: the lifetime scale short_charge_reference_mAh_cm2 was fitted on these "
                             "same records (fit: anodelab.simulate.calibration)")
            spec = METRIC_BY_KEY.get(q)
            label = spec.label if spec else ("Lifetime vs dendrite risk" if q == "lifetime_h_risk" else "Symmetric-cell lifetime")
            out.append(QuantityStats(
                quantity=q + suffix, predicted_key=key,
                label=label + suffix, unit=spec.unit if spec else ("" if q == "lifetime_h_risk" else "h"),
                n=len(pts), spearman=spearman(pr, rp), median_fold_error=fold(pr, rp),
                n_independent=int(ind.sum()), spearman_independent=spearman(pr[ind], rp[ind]),
                median_fold_error_independent=fold(pr[ind], rp[ind]) if ind.any() else None, note=note,
            ))
    return out


def validate(params: ModelParameters | None = None, library: Library | None = None) -> ValidationReport:
    """Map every record to designs, predict, and summarise per quantity.

    Default library: the installed one (:func:`anodelab.literature.installed_library`), so a user library
    overriding a material does not change the published figures."""
    from .calibration import load_calibration_report

    library = library or installed_library()
    points = predict(comparisons(library=library), params, library)
    has_sim = any(p.quantity == "lifetime_h" for p in points)
    model = ("anodelab.simulate 'symmetric' (predicted_lifetime_h), plus the dendrite_risk rank proxy" if has_sim
             else "dendrite_risk rank proxy only (anodelab.simulate not available)")
    return ValidationReport(points, summarise(points), model, load_calibration_report())
