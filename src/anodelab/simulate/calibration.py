"""Calibration of the symmetric-cycling lifetime scale on Table 1 of Lu et al. 2022.

The designs come from the same builder as the validation (:mod:`anodelab.literature`: the record's
materials and conditions, the assumed Na excess :data:`~anodelab.literature.ASSUMED_NA_EXCESS_mAh_cm2`)
and are scored with the installed library only.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..design import Design
from ..literature import ASSUMED_NA_EXCESS_mAh_cm2, installed_library, table1_symmetric_lifetimes
from ..physics.parameters import ModelParameters, default_parameters
from .common import prepare

#: Kept for callers of the former name: the one assumed Na excess of :mod:`anodelab.literature`.
TABLE1_NA_EXCESS_mAh_cm2 = ASSUMED_NA_EXCESS_mAh_cm2


@dataclass(frozen=True)
class SymmetricRecord:
    id: str
    current_density_mA_cm2: float
    areal_capacity_mAh_cm2: float
    lifetime_h: float
    overpotential_mV: float


def table1_symmetric() -> tuple[list[Design], list[SymmetricRecord]]:
    """One design per Table 1 record with a symmetric-cell lifetime
    (:func:`anodelab.literature.table1_symmetric_lifetimes`), and the reported numbers."""
    designs, records = [], []
    for rec, design in table1_symmetric_lifetimes():
        sym = rec.data["symmetric"]
        designs.append(design)
        records.append(SymmetricRecord(rec.id, sym["current_density_mA_cm2"], sym["areal_capacity_mAh_cm2"],
                                       sym["lifetime_h"], sym.get("overpotential_mV", float("nan"))))
    return designs, records


def fit_short_charge_reference(params: ModelParameters | None = None) -> dict:
    """Least-squares fit of Q_ref in Q_short = Q_ref (1 − risk)/risk on Table 1 lifetimes.

    With the observed throughput Q_obs = J t_life (charge plated per area until failure), the model
    ln Q_obs = ln Q_ref + ln((1 − risk)/risk) has one unknown; its least-squares solution in log space is
    ln Q_ref = mean(ln Q_obs − ln odds). Returns the value [mAh cm⁻²], the number of records, the RMS
    log10 residual and the records used. Caveat: many Table 1 lifetimes are the test length (the cells had
    not failed), so Q_ref is a lower-biased estimate. The dendrite risk does not depend on the assumed Na
    excess, so neither does this fit.
    """
    p = params or default_parameters()
    designs, records = table1_symmetric()
    _, result, _ = prepare(designs, p, installed_library())
    risk = result.si["risk"]
    q_obs = np.array([r.current_density_mA_cm2 * r.lifetime_h for r in records])  # mAh cm⁻²
    odds = (1.0 - risk) / risk
    ok = np.isfinite(odds) & (odds > 0)
    resid = np.log(q_obs[ok]) - np.log(odds[ok])
    ln_q = resid.mean()
    rms = np.sqrt(np.mean((resid - ln_q) ** 2)) / np.log(10.0)
    return {"value_mAh_cm2": float(np.exp(ln_q)), "n": int(ok.sum()), "rms_log10": float(rms),
            "ids": [r.id for r, k in zip(records, ok) if k]}
