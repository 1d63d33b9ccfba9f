"""Predicted vs reported: per quantity n, Spearman rank correlation and median fold error.

* Spearman ρ: rank correlation of predicted and reported values (scipy.stats.spearmanr); None for
  n < 3 or when one side is constant.
* Median fold error: median over records of max(p/r, r/p) (1 = perfect, 2 = typically off by 2×).
  For the Coulombic efficiency it is computed on the inefficiency 1 − CE (CE itself is always
  within 1 % of 1, so a fold error on it would say nothing).
* Lifetimes: the engine's ``predicted_lifetime_h`` (model v2, :mod:`anodelab.lifetime`: the earliest
  mechanism's time to failure at the record's current and capacity); in addition the reported life is ranked
  against the engine's ``dendrite_risk`` (``lifetime_h_risk``; expect ρ < 0). The risk is a probability of failing
  before a number of cycles, and the records' cycles last 2Q/J = 0.2-10 h, so a fixed cycle count would compare
  them at 20-1000 h of cycling (100 cycles): the ranking uses the risk of failing within one common time in hours,
  t_c = the median reported test length of the table's lifetime records (:func:`common_time_h`; N = t_c J / (2Q)
  cycles for each record), and each record's risk of failing before its own reported test length
  (N = t_test J / (2Q)) is kept as ``Point.risk_at_test``. Reported lifetimes are mostly test lengths, so they
  are right-censored (:data:`~anodelab.validation.records.LIFETIME_CENSORED_DEFAULT`): Harrell's C counts only
  pairs whose shorter life is a failure, the censored-consistency share counts the censored records whose
  predicted life is at least the reported test length, and the risk row's censored consistency those whose risk
  of failing before their own test length is below ½ (:func:`~anodelab.validation.heldout.censored_risk_consistency`).
* Headline columns ("independent") exclude records whose inputs come from their own paper (or were chosen to
  match Table 1) and records that break a physical bound (``bound_note``, e.g. below the separator's ohmic drop).
* The overpotential row's one fitted quantity (SEI-ASR multiplier per solvent family) is fitted on training
  references and reported on the held-out ones (fixed split and leave-one-reference-out,
  :mod:`anodelab.validation.heldout`).
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
from .provenance import estimate_shares
from .heldout import censored_consistency, censored_risk_consistency, harrell_c, held_out_overpotential
from .records import Comparison, comparisons

QUANTITIES = ("cell_overpotential_mV", "coulombic_efficiency", "interfacial_asr_ohm_cm2", "ccd_mA_cm2", "lifetime_h",
              "lifetime_h_risk")
LIFETIME_PROXY = "dendrite_risk"
LIFETIME_KEY = "predicted_lifetime_h"


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
    censored: bool = False
    bound_note: str = ""
    risk_at_test: float = math.nan  # lifetime_h_risk: risk of failing before the record's own test length

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
    n_flagged: int = 0  # records that break a physical bound (not in the independent columns)
    c_index: float | None = None  # lifetimes: Harrell's C of predicted vs reported (censoring respected)
    c_index_pairs: int = 0
    c_index_if_events: float | None = None  # lifetimes: C if every reported life were a failure (not the headline)
    censored_consistency: float | None = None  # share of censored records with predicted ≥ reported
    n_censored: int = 0
    #: lifetime_h_risk: share of censored records whose risk of failing before their own test length is < ½
    risk_consistency: float | None = None
    common_time_h: float | None = None  # lifetime_h_risk: the common time the ranked risk is taken at [h]

    def as_dict(self) -> dict:
        return dict(self.__dict__)


@dataclass
class ValidationReport:
    points: list[Point]
    stats: list[QuantityStats]
    lifetime_model: str
    calibration: dict = field(default_factory=dict)
    held_out: list[dict] = field(default_factory=list)
    provenance: dict = field(default_factory=dict)  # property → (estimates, values) in the library

    def as_dict(self) -> dict:
        return {
            "lifetime_model": self.lifetime_model,
            "quantities": [s.as_dict() for s in self.stats],
            "points": [p.as_dict() for p in self.points],
            "calibration": self.calibration,
            "held_out": self.held_out,
            "provenance_estimates": {k: {"estimates": e, "values": n} for k, (e, n) in self.provenance.items()},
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


def common_time_h(reported_h) -> float:
    """The one time at which the lifetime rows rank the risk: the median reported test length t_c [h] of the
    records ranked together (a rule, not a fitted value). Example: 250, 500, 600 h ⇒ 500 h."""
    return float(np.median(np.asarray(reported_h, float)))


def risk_within_h(batch, half_cycle_s, hours, params: ModelParameters):
    """The engine's risk of failing within ``hours`` (arrays over the batch's designs) [–]: the batch rescored with
    N = t · 3600 / (2 t_half) cycles (t_half = Q / J, the score's ``half_cycle_s``; only the cycle count changes,
    so the failure times stay the same). Example: t = 500 h at J = 1 mA cm⁻², Q = 1 mAh cm⁻² (2 h cycles) ⇒ the
    risk at N = 250 cycles."""
    cycles = np.asarray(hours, float) * 3600.0 / (2.0 * np.asarray(half_cycle_s, float))
    return score(batch.replace(cycles=cycles), params).value(LIFETIME_PROXY)


def _lifetime_risks(comps, batch, result, params):
    """(risk within the table's common time, risk within the record's own test length) per lifetime comparison."""
    idx = np.array([i for i, c in enumerate(comps) if c.quantity == "lifetime_h"], dtype=np.int64)
    if not len(idx):
        return {}, {}
    sub, half = batch.take(idx), result.si["half_cycle_s"][idx]
    reported = np.array([comps[i].reported for i in idx])
    tables = np.array([comps[i].table for i in idx])
    t_c = np.empty(len(idx))
    for t in np.unique(tables):
        t_c[tables == t] = common_time_h(reported[tables == t])
    at_common = risk_within_h(sub, half, t_c, params)
    at_test = risk_within_h(sub, half, reported, params)
    return ({int(i): float(r) for i, r in zip(idx, at_common)}, {int(i): float(r) for i, r in zip(idx, at_test)})


def predict(comps: list[Comparison], params: ModelParameters | None = None, library: Library | None = None) -> list[Point]:
    """Score every comparison's design in one batch and pair the prediction with the reported value (lifetimes:
    also the risk within the table's common time and within the record's own test length, :func:`risk_within_h`)."""
    params = params or default_parameters()
    if not comps:
        return []
    library = library or installed_library()
    batch = batch_from_designs([c.design for c in comps], library)
    result = score(batch, params)
    at_common, at_test = _lifetime_risks(comps, batch, result, params)
    points = []
    for i, c in enumerate(comps):
        common = dict(independent=c.independent and not c.bound_note, note=c.bound_note or c.input_note,
                      censored=c.censored, bound_note=c.bound_note)
        if c.quantity == "lifetime_h":
            points.append(Point(c.record_id, c.table, c.reference, "lifetime_h_risk", c.reported, at_common[i],
                                LIFETIME_PROXY, risk_at_test=at_test[i], **common))
            points.append(Point(c.record_id, c.table, c.reference, c.quantity, c.reported,
                                float(result.value(LIFETIME_KEY)[i]), LIFETIME_KEY, **common))
            continue
        pred = float(result.value(c.quantity)[i])
        points.append(Point(c.record_id, c.table, c.reference, c.quantity, c.reported, pred, c.quantity, **common))
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
                note = (f"reported life vs predicted {key} within {common_time_h(rp):.4g} h (the table's median "
                        f"reported test length; rank only; expect ρ < 0)")
            extra = {"n_flagged": int(sum(bool(p.bound_note) for p in pts))}
            if q.startswith("lifetime_h"):
                cens = np.array([p.censored for p in pts])
                t_pred = -pr if q == "lifetime_h_risk" else pr  # higher risk ⇒ shorter predicted life
                c, npairs = harrell_c(t_pred[ind], rp[ind], ~cens[ind])
                extra.update(c_index=c, c_index_pairs=npairs,
                             c_index_if_events=harrell_c(t_pred[ind], rp[ind], np.ones(int(ind.sum()), bool))[0],
                             n_censored=int(cens.sum()))
                if q == "lifetime_h":
                    extra["censored_consistency"] = censored_consistency(pr[ind], rp[ind], cens[ind])[0]
                else:
                    at_test = np.array([p.risk_at_test for p in pts])
                    extra["risk_consistency"] = censored_risk_consistency(at_test[ind], cens[ind])[0]
                    extra["common_time_h"] = common_time_h(rp)
            if q == "lifetime_h":
                note = ("engine predicted_lifetime_h (model v2, earliest mechanism; no lifetime parameter is fitted to "
                        "these records)")
            spec = METRIC_BY_KEY.get(q)
            label = spec.label if spec else ("Lifetime vs dendrite risk" if q == "lifetime_h_risk" else "Symmetric-cell lifetime")
            out.append(QuantityStats(
                quantity=q + suffix, predicted_key=key,
                label=label + suffix, unit=spec.unit if spec else ("" if q == "lifetime_h_risk" else "h"),
                n=len(pts), spearman=spearman(pr, rp), median_fold_error=fold(pr, rp),
                n_independent=int(ind.sum()), spearman_independent=spearman(pr[ind], rp[ind]),
                median_fold_error_independent=fold(pr[ind], rp[ind]) if ind.any() else None, note=note, **extra,
            ))
    return out


def held_out_summary(comps: list[Comparison], params: ModelParameters, library: Library) -> list[dict]:
    """The fitted quantities on training references and on the held-out ones (independent, unflagged records)."""
    over = [c for c in comps if c.quantity == "cell_overpotential_mV" and not c.bound_note]
    if len(over) < 6:
        return []
    h = held_out_overpotential(over, library, params)
    ind = np.array([c.independent for c in over])
    test = h.split_test
    return [{
        "quantity": h.quantity,
        "fitted": h.parameters_all,
        "method": "least squares in ln η of an SEI-ASR multiplier per solvent family; split by reference "
                  "(every third reference held out) and leave-one-reference-out",
        "n": len(over), "n_independent": int(ind.sum()),
        "n_train": int((~test).sum()), "n_test": int(test.sum()),
        "n_test_independent": int((test & ind).sum()),
        "spearman_fitted_all": spearman(h.fitted, h.reported),
        "fold_error_fitted_all": median_fold_error(h.fitted, h.reported),
        "spearman_train": spearman(h.split_predicted[~test], h.reported[~test]),
        "spearman_test": spearman(h.split_predicted[test & ind], h.reported[test & ind]),
        "fold_error_test": median_fold_error(h.split_predicted[test & ind], h.reported[test & ind]),
        "spearman_loro_independent": spearman(h.loro_predicted[ind], h.reported[ind]),
        "fold_error_loro_independent": median_fold_error(h.loro_predicted[ind], h.reported[ind]),
        "spearman_unfitted_independent": spearman((h.fitted * 0 + np.array(
            [p for p in _unfitted(over, params, library)]))[ind], h.reported[ind]),
    }]


def _unfitted(comps, params, library):
    return score(batch_from_designs([c.design for c in comps], library), params).value("cell_overpotential_mV")


def validate(params: ModelParameters | None = None, library: Library | None = None) -> ValidationReport:
    """Map every record to designs, predict, and summarise per quantity.

    Default library: the installed one (:func:`anodelab.literature.installed_library`), so a user library
    overriding a material does not change the published figures."""
    from .calibration import load_calibration_report

    params = params or default_parameters()
    library = library or installed_library()
    comps = comparisons(library=library)
    points = predict(comps, params, library)
    model = ("engine predicted_lifetime_h (anodelab.lifetime, model v2), plus the dendrite_risk rank proxy taken within "
             "one common time in hours per table (the median reported test length), and the risk within each record's "
             "own test length (censored consistency: risk < 0.5)")
    return ValidationReport(points, summarise(points), model, load_calibration_report(),
                            held_out_summary(comps, params, library), estimate_shares(library))


#: the parts of the symmetric-cell overpotential (``overpotential_breakdown``), mV
BREAKDOWN_PARTS = ("ohmic", "sei", "coating", "charge_transfer", "concentration")


def overpotential_breakdown(params: ModelParameters | None = None, library: Library | None = None) -> list[dict]:
    """Per Table 1 overpotential record: conditions, reported, predicted (unfitted engine and leave-one-reference-out)
    and the predicted parts [mV] (their sum is the prediction):

    * ohmic = J L N_M / σ (one separator, counted once);
    * sei = 2 J ASR_SEI / A_w and coating = 2 J ASR_coating (both electrodes);
    * charge_transfer = 2 (2RT/F) asinh(J / (2 A_w i0)) (both electrodes, Butler–Volmer);
    * concentration = the steady concentration overpotential (:func:`anodelab.physics.transport.concentration_overpotential_V`),
      the remainder η − the four above;
    * nucleation_excess: the first-cycle nucleation peak above the plateau (not part of the compared plateau η).

    A_w = J / j_w is the working area ratio, j_w = 2 i0 sinh(η_ct F / 2RT) from the engine's η_ct.
    """
    from ..constants import FARADAY_C_mol, GAS_CONSTANT_J_mol_K

    params = params or default_parameters()
    library = library or installed_library()
    comps = [c for c in comparisons(library=library) if c.quantity == "cell_overpotential_mV"]
    batch = batch_from_designs([c.design for c in comps], library)
    si = score(batch, params).si
    J = batch.current_density_A_m2
    ok = [c for c in comps if not c.bound_note]
    loro = dict(zip([c.record_id for c in ok], held_out_overpotential(ok, library, params).loro_predicted))
    two_rt_f = 2.0 * GAS_CONSTANT_J_mol_K / FARADAY_C_mol * batch.temperature_K
    j_work = 2.0 * si["i0_A_m2"] * np.sinh(si["eta_ct_V"] / two_rt_f)
    rows = []
    for i, c in enumerate(comps):
        d = c.design
        parts = {"ohmic": J[i] * si["asr_electrolyte_ohm_m2"][i], "sei": 2.0 * J[i] * si["asr_interface_ohm_m2"][i],
                 "coating": 2.0 * J[i] * si["asr_coating_ohm_m2"][i], "charge_transfer": 2.0 * si["eta_ct_V"][i]}
        parts["concentration"] = si["eta_cell_V"][i] - sum(parts.values())
        kind = "3D host" if batch.surface_area_ratio[i] > 1.0 else ("coated foil" if d.coating else "bare foil")
        rows.append({
            "record_id": c.record_id, "independent": c.independent and not c.bound_note, "flag": c.bound_note,
            "host": d.host.material, "electrolyte": d.electrolyte.material, "coating": d.coating.material if d.coating else "",
            "host_kind": kind, "family": "ether" if batch.is_ether[i] > 0.5 else "carbonate/other",
            "current_density_mA_cm2": d.conditions.current_density_mA_cm2,
            "areal_capacity_mAh_cm2": d.conditions.areal_capacity_mAh_cm2, "temperature_C": d.conditions.temperature_C,
            "surface_area_ratio": float(batch.surface_area_ratio[i]),
            "working_area_ratio": float(J[i] / j_work[i]) if j_work[i] > 0 else float(batch.surface_area_ratio[i]),
            "reported_mV": c.reported, "predicted_mV": float(si["eta_cell_V"][i]) * 1e3,
            "loro_mV": float(loro.get(c.record_id, math.nan)),
            **{f"{k}_mV": float(v) * 1e3 for k, v in parts.items()},
            "nucleation_excess_mV": float(si["eta_excess_V"][i]) * 1e3,
        })
    return rows


def breakdown_groups(rows: list[dict]) -> list[tuple[str, int, float]]:
    """Median predicted/reported (unfitted engine) of the independent, unflagged records by host kind, solvent
    family and current density (< 1, 1, > 1 mA cm⁻²): (group, n, median ratio)."""
    ind = [r for r in rows if r["independent"]]

    def band(j):
        return "J < 1 mA cm⁻²" if j < 1.0 else ("J = 1 mA cm⁻²" if j == 1.0 else "J > 1 mA cm⁻²")

    out = []
    for key, fn in (("host_kind", lambda r: r["host_kind"]), ("family", lambda r: r["family"]),
                    ("current", lambda r: band(r["current_density_mA_cm2"]))):
        for g in sorted({fn(r) for r in ind}):
            ratios = [r["predicted_mV"] / r["reported_mV"] for r in ind if fn(r) == g]
            out.append((g, len(ratios), float(np.median(ratios))))
    return out
