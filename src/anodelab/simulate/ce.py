"""Coulombic efficiency on the host: the reservoir protocol of Aurbach / Adams et al."""

from __future__ import annotations

import numpy as np

from ..units import SUFFIX_TO_SI
from .profile import Profile
from .settings import CESettings, check_size

_MAH_CM2 = SUFFIX_TO_SI["mAh_cm2"]


def simulate_ce(batch, result, params, settings: CESettings) -> Profile:
    """Reservoir protocol (Adams et al., Adv. Energy Mater. 2018, 8, 1702097, after Aurbach): plate a
    reservoir Q_T on the host, plate/strip Q_C for n cycles (strips capacity-limited to Q_C), then strip
    everything that is left (Q_S).

    Every plated coulomb returns the score card's CE (``coulombic_efficiency``), so the recoverable
    reservoir is R_0 = CE Q_T and, cycle by cycle,

        s_k = min(Q_C, R_{k−1} + CE Q_C)        charge stripped in cycle k
        R_k = R_{k−1} + CE Q_C − s_k            = max(0, CE Q_T − k Q_C (1 − CE))

    y = 100 s_k / Q_C is the per-cycle CE the cycler reports: 100 % while the reservoir makes up the loss
    (the point of the protocol), CE × 100 once it is exhausted. The protocol's summary is the ratio of all
    charge stripped to all charge plated,

        CE_avg = (Σ s_k + Q_S) / (n Q_C + Q_T),   Q_S = R_n.

    Summing the recursion gives Σ s_k + R_n = CE (n Q_C + Q_T) for any n, Q_C and Q_T (before and after
    the reservoir is exhausted alike), so CE_avg equals the input CE *by construction*: event
    ``average_ce`` (= ``engine_ce``) is a consistency check of the bookkeeping, not a prediction. What the
    protocol adds is the per-cycle curve y and the cycle at which the reservoir runs out (event
    ``reservoir_exhausted_cycle``, the first k with R_k = 0, i.e. k ≥ CE Q_T / (Q_C (1 − CE))).
    Series: ``reservoir_mAh_cm2`` (R_k), ``stripped_mAh_cm2`` (s_k).
    """
    n = len(batch)
    k_max = settings.cycles
    check_size(n, k_max, "cycles")
    ce = result.si["ce"][:, None]
    q_t = settings.reservoir_mAh_cm2 * _MAH_CM2
    q_c = batch.areal_capacity_C_m2 if settings.cycle_capacity_mAh_cm2 is None else np.full(n, settings.cycle_capacity_mAh_cm2 * _MAH_CM2)
    q_c = np.asarray(q_c, dtype=float)[:, None]
    k = np.arange(0, k_max + 1, dtype=float)[None, :]
    reservoir_all = np.maximum(ce * q_t - k * q_c * (1.0 - ce), 0.0)  # R_0 … R_n
    stripped = np.minimum(q_c, reservoir_all[:, :-1] + ce * q_c)
    reservoir = reservoir_all[:, 1:]
    q_s = reservoir[:, -1]
    avg = (stripped.sum(axis=1) + q_s) / (k_max * q_c[:, 0] + q_t)
    exhausted = reservoir <= 0.0
    first = np.where(exhausted.any(axis=1), np.argmax(exhausted, axis=1) + 1.0, np.nan)
    x = np.broadcast_to(k[0, 1:], (n, k_max)).copy()
    events = {
        "average_ce": avg,
        "engine_ce": ce[:, 0],
        "final_strip_mAh_cm2": q_s / _MAH_CM2,
        "reservoir_exhausted_cycle": first,
    }
    return Profile(
        protocol="ce", x=x, y=100.0 * stripped / q_c, x_label="Cycle number", x_unit="", y_label="Coulombic efficiency",
        y_unit="%", series={"reservoir_mAh_cm2": reservoir / _MAH_CM2, "stripped_mAh_cm2": stripped / _MAH_CM2},
        events=events,
    )
