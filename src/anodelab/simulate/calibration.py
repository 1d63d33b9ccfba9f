"""Calibration of the symmetric-cycling lifetime scale on Table 1 of Lu et al. 2022, and the designs
of its symmetric-cell records (shared with the validation test)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass

import numpy as np

from ..design import Conditions, Design, Layer
from ..paths import resources_dir
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import score

#: Na inventory assumed beyond the cycled capacity in Table 1's symmetric cells (not reported in the
#: table; Na@host electrodes are usually pre-plated or infused with several mAh cm⁻²). An assumption.
TABLE1_NA_EXCESS_mAh_cm2 = 5.0


@dataclass(frozen=True)
class SymmetricRecord:
    id: str
    current_density_mA_cm2: float
    areal_capacity_mAh_cm2: float
    lifetime_h: float
    overpotential_mV: float


def table1_symmetric(path=None) -> tuple[list[Design], list[SymmetricRecord]]:
    """One design per Table 1 record with a ``[record.symmetric]`` block: the record's host, coating and
    electrolyte, its current density, capacity and temperature, and :data:`TABLE1_NA_EXCESS_mAh_cm2`."""
    path = path or resources_dir() / "literature" / "table1_liquid.toml"
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    designs, records = [], []
    for rec in data["record"]:
        sym = rec.get("symmetric")
        if not sym or "lifetime_h" not in sym:
            continue
        cond = Conditions(
            current_density_mA_cm2=sym["current_density_mA_cm2"],
            areal_capacity_mAh_cm2=sym["areal_capacity_mAh_cm2"],
            temperature_C=rec.get("temperature_C", 25.0),
            cycles=100,
            na_excess_mAh_cm2=TABLE1_NA_EXCESS_mAh_cm2,
        )
        designs.append(Design(
            name=rec["id"], host=Layer(rec["host"]), electrolyte=Layer(rec["electrolyte"]), conditions=cond,
            coating=Layer(rec["coating"]) if rec.get("coating") else None,
            interlayer=Layer(rec["interlayer"]) if rec.get("interlayer") else None,
        ))
        records.append(SymmetricRecord(rec["id"], sym["current_density_mA_cm2"], sym["areal_capacity_mAh_cm2"],
                                       sym["lifetime_h"], sym.get("overpotential_mV", float("nan"))))
    return designs, records


def fit_short_charge_reference(params: ModelParameters | None = None) -> dict:
    """Least-squares fit of Q_ref in Q_short = Q_ref (1 − risk)/risk on Table 1 lifetimes.

    With the observed throughput Q_obs = J t_life (charge plated per area until failure), the model
    ln Q_obs = ln Q_ref + ln((1 − risk)/risk) has one unknown; its least-squares solution in log space is
    ln Q_ref = mean(ln Q_obs − ln odds). Returns the value [mAh cm⁻²], the number of records, the RMS
    log10 residual and the records used. Caveat: many Table 1 lifetimes are the test length (the cells had
    not failed), so Q_ref is a lower-biased estimate.
    """
    p = params or default_parameters()
    designs, records = table1_symmetric()
    risk = score(designs, p).si["risk"]
    q_obs = np.array([r.current_density_mA_cm2 * r.lifetime_h for r in records])  # mAh cm⁻²
    odds = (1.0 - risk) / risk
    ok = np.isfinite(odds) & (odds > 0)
    resid = np.log(q_obs[ok]) - np.log(odds[ok])
    ln_q = resid.mean()
    rms = np.sqrt(np.mean((resid - ln_q) ** 2)) / np.log(10.0)
    return {"value_mAh_cm2": float(np.exp(ln_q)), "n": int(ok.sum()), "rms_log10": float(rms),
            "ids": [r.id for r, k in zip(records, ok) if k]}


