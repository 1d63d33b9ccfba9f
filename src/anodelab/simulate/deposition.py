"""Galvanostatic Na deposition on the host (Na | host half cell): the transient of Lu et al. 2022, Fig. 1b."""

from __future__ import annotations

import numpy as np

from ..units import SUFFIX_TO_SI
from .parameters import sim_parameter
from .profile import Profile
from .settings import DepositionSettings, check_size

_MV = SUFFIX_TO_SI["mV"]
_MA_CM2 = SUFFIX_TO_SI["mA_cm2"]
_MAH_CM2 = SUFFIX_TO_SI["mAh_cm2"]
_SETTLE = 25.0  # plateau reached within exp(-25) ≈ 1e-11 of the nucleation excess


def simulate_deposition(batch, result, params, settings: DepositionSettings) -> Profile:
    """Voltage of the host during galvanostatic plating at the design's current density J.

    All overpotentials come from the score card (``result.si``), so the dip equals η_n and the
    plateau equals η_p of the score card:

    * t = 0: the ohmic part appears at once, V = −η_0 with η_0 = η_p − η_ct,host
      (electrolyte, SEI/interface, coating and the Na counter electrode);
    * 0 ≤ t ≤ t_n: no Na nucleus exists yet, so the whole current charges the host's double layer,
      V = −(η_0 + η_cap t / t_n) with η_cap = η_ct,host + η_nuc (charge transfer + nucleation excess) and
      t_n = C_dl A_ratio η_cap / J   [s]   (C_dl per true area, model parameter
      ``double_layer_capacitance_uF_cm2``; A_ratio the host's surface-area ratio);
    * t > t_n: the nuclei grow and the excess relaxes, V = −(η_p + η_nuc exp(−(t − t_n)/τ_g))
      with τ_g = ``deposition_growth_time_s``.

    The dip −η_n = −(η_p + η_nuc) is reached at t_n (event ``nucleation_time_s``); events
    ``nucleation_overpotential_mV`` and ``plateau_overpotential_mV`` are read from the curve (its minimum
    and its last point). Charge: ∫J dt = Q_plated + Q_dl, with Q_dl = C_dl A_ratio × (surface overpotential
    at the end) still held by the double layer; ``plated_capacity_mAh_cm2`` is the faradaic part.

    The real dip of Na on fresh Cu often comes later (seconds), because electrolyte reduction on the
    fresh substrate takes charge before nucleation; this model counts only the double layer.
    Default duration: one plating half cycle Q/J, extended to t_n + 25 τ_g if that is shorter.
    """
    si = result.si
    n = len(batch)
    m = settings.points
    check_size(n, m, "points")
    J = batch.current_density_A_m2
    area = batch.surface_area_ratio
    eta_p = si["eta_plating_V"]
    eta_ex = si["eta_excess_V"]
    eta_ct = si["eta_ct_V"]
    eta_cap = eta_ct + eta_ex
    eta_0 = eta_p - eta_ct
    c_dl = sim_parameter(params, "double_layer_capacitance_uF_cm2") * SUFFIX_TO_SI["uF_cm2"]  # F m⁻² (true area)
    tau = sim_parameter(params, "deposition_growth_time_s")
    t_n = c_dl * area * eta_cap / J
    if settings.duration_s is None:
        t_end = np.maximum(si["half_cycle_s"], t_n + _SETTLE * tau)
    else:
        t_end = np.maximum(np.full(n, settings.duration_s), t_n * (1.0 + 1e-9))

    # time grid: a linear ramp to t_n, then geometric steps after it (the relaxation spans decades)
    m1 = max(m // 5, 2)
    m2 = m - m1
    u1 = np.linspace(0.0, 1.0, m1)
    x1 = t_n[:, None] * u1[None, :]
    span = np.maximum(t_end - t_n, 0.0)
    d_min = np.minimum(1e-3 * tau, span)
    u2 = np.linspace(0.0, 1.0, m2)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(d_min > 0, span / np.where(d_min > 0, d_min, 1.0), 1.0)
    x2 = t_n[:, None] + d_min[:, None] * ratio[:, None] ** u2[None, :]
    x2[:, -1] = t_end
    x = np.concatenate([x1, x2], axis=1)

    with np.errstate(divide="ignore", invalid="ignore"):
        ramp = np.where(t_n[:, None] > 0, x1 / np.where(t_n > 0, t_n, 1.0)[:, None], 1.0)
    eta1 = eta_0[:, None] + eta_cap[:, None] * ramp
    eta2 = eta_p[:, None] + eta_ex[:, None] * np.exp(-(x2 - t_n[:, None]) / tau)
    y = -np.concatenate([eta1, eta2], axis=1) / _MV

    current = np.broadcast_to((J / _MA_CM2)[:, None], x.shape).copy()
    charge = J[:, None] * x / _MAH_CM2
    eta_s_end = eta_ct + eta_ex * np.exp(-(t_end - t_n) / tau)
    q_dl = c_dl * area * eta_s_end
    events = {
        "nucleation_overpotential_mV": -np.min(y, axis=1),
        "plateau_overpotential_mV": -y[:, -1],
        "nucleation_time_s": t_n,
        "plated_capacity_mAh_cm2": (J * t_end - q_dl) / _MAH_CM2,
        "double_layer_charge_mAh_cm2": q_dl / _MAH_CM2,
        "duration_s": t_end,
    }
    return Profile(
        protocol="deposition", x=x, y=y, x_label="Time", x_unit="s", y_label="Voltage", y_unit="mV",
        series={"current_density_mA_cm2": current, "charge_mAh_cm2": charge}, events=events,
    )
