"""Critical-current-density ramp of a Na | solid electrolyte | Na cell."""

from __future__ import annotations

import math

import numpy as np

from ..constants import FARADAY_C_mol, NA_MOLAR_VOLUME_m3_mol
from ..errors import AnodeLabError
from ..units import SUFFIX_TO_SI
from .common import repeat_batch, rescore, soft_short_noise
from .parameters import sim_parameter
from .profile import Profile
from .settings import CCDSettings, check_size

_MV = SUFFIX_TO_SI["mV"]
_MA_CM2 = SUFFIX_TO_SI["mA_cm2"]
_OHM_CM2 = SUFFIX_TO_SI["ohm_cm2"]
_MAX_VOID = 0.9  # void depth / δ_c is clipped here (contact fraction ≥ 0.1 before the short)


def read_ccd_from_curve(y_mV, current_mA_cm2, ohmic_mV):
    """The current density at which the voltage first collapses below half its ohmic value (the short).

    Returns (ccd [mA cm⁻²], index) per design; NaN and −1 when the curve never collapses.
    """
    collapsed = np.abs(y_mV) < 0.5 * np.abs(ohmic_mV)
    hit = collapsed.any(axis=1)
    idx = np.where(hit, np.argmax(collapsed, axis=1), -1)
    ccd = np.where(hit, np.abs(np.take_along_axis(current_mA_cm2, np.maximum(idx, 0)[:, None], axis=1)[:, 0]), np.nan)
    return ccd, idx


def _ramp_limits(batch, params, dwell_s):
    j = np.full(len(batch), _MA_CM2)  # any current: at a fixed half-cycle time the limits do not depend on it
    r = rescore(batch, params, current_density_A_m2=j, areal_capacity_C_m2=j * dwell_s)
    return r.si["ccd_A_m2"], r.si["ccd_strip_A_m2"], r.si["ccd_pen_A_m2"], r.si["j_replenish_A_m2"]


#: The ramp is extended to this multiple of the largest predicted CCD when ``max_mA_cm2`` stops short of it.
RAMP_OVERSHOOT = 1.25


def simulate_ccd(batch, result, params, settings: CCDSettings) -> Profile:
    """Stepwise current ramp J_k = start + k·step (k = 0 … while J_k ≤ max), each step = +J_k for ``dwell_s``
    then −J_k for ``dwell_s`` (one electrode strips while the other plates). When ``max_mA_cm2`` lies below
    :data:`RAMP_OVERSHOOT` × the largest predicted CCD, the ramp is extended to there (event
    ``ramp_max_mA_cm2``), so that it always reaches past the CCD and fails there.

    Every step is scored by the engine at J_k with the capacity J_k·dwell_s of its half step:

        |V| = η_cell(J_k) + J_k ASR_interface (1/(1 − d/δ_c) − 1),   d = max(J_k − J_replenish, 0) t' V_m / F

    the second term being the stripping electrode's lost contact: above the replenishment current (interface
    vacancy annihilation and Na creep, model v2) vacancies pile up as voids of depth d (t' = time in the half
    step, δ_c = ``critical_void_depth_um``, d/δ_c ≤ 0.9), refilled when the current reverses. In the first
    step with J_k > CCD (the engine's min(CCD_strip, CCD_plate) at the ramp's half-cycle time) the voltage
    fluctuates from the start of the step (noise as in a soft short) and collapses to J_k R_short by the end of
    its first half step (hard short; the review: 'a significant fluctuation in the polarization voltage,
    followed by short circuit', section 2.2.2).

    Event ``ccd_mA_cm2`` is read from the curve: the current of the step where |V| first drops below half
    of its ohmic value J ASR_total; it lies within one step above the engine's CCD (``engine_ccd_mA_cm2``,
    at the ramp's half-cycle time ``dwell_s``).
    """
    if np.any(~result.is_solid):
        i = int(np.flatnonzero(~result.is_solid)[0])
        raise AnodeLabError(
            f"protocol 'ccd' needs a solid electrolyte; design {i} has a liquid electrolyte "
            "(use 'symmetric' for liquid cells)", field="protocol")
    n = len(batch)
    s = settings
    ccd, ccd_strip, ccd_pen, j_rep = _ramp_limits(batch, params, s.dwell_s)
    top = s.max_mA_cm2
    finite = ccd[np.isfinite(ccd)]
    if finite.size and RAMP_OVERSHOOT * finite.max() / _MA_CM2 > top:
        top = RAMP_OVERSHOOT * float(finite.max()) / _MA_CM2
    K = int(math.floor((top - s.start_mA_cm2) / s.step_mA_cm2 + 1e-9)) + 1
    P2 = max(s.points_per_step // 2, 2)
    M = K * 2 * P2
    check_size(n, M, "step_mA_cm2")
    j_steps = (s.start_mA_cm2 + s.step_mA_cm2 * np.arange(K)) * _MA_CM2  # A m⁻²
    rb = repeat_batch(batch, K)
    jt = np.tile(j_steps, n)
    rr = rescore(rb, params, current_density_A_m2=jt, areal_capacity_C_m2=jt * s.dwell_s)
    eta_cell = rr.si["eta_cell_V"].reshape(n, K)
    asr_int = rr.si["asr_interface_ohm_m2"].reshape(n, K)
    asr_tot = rr.si["asr_total_ohm_m2"].reshape(n, K)
    delta_c = params.critical_void_depth_um * SUFFIX_TO_SI["um"]

    phase = np.linspace(0.0, 1.0, P2)
    Jk = j_steps[None, :, None]
    depth = np.maximum(Jk - j_rep[:, None, None], 0.0) * phase[None, None, :] * s.dwell_s * NA_MOLAR_VOLUME_m3_mol / FARADAY_C_mol
    frac = np.minimum(depth / delta_c, _MAX_VOID)
    half_v = eta_cell[:, :, None] + Jk * asr_int[:, :, None] * (1.0 / (1.0 - frac) - 1.0)  # (N, K, P2)
    healthy = np.concatenate([half_v, half_v], axis=2).reshape(n, M)  # plate-half then strip-half of each step

    step_idx = np.repeat(np.arange(K), 2 * P2)
    within = np.tile(np.concatenate([phase, 1.0 + phase]), K)  # 0..2 in half steps
    t = (step_idx * 2.0 + within) * s.dwell_s
    sign = np.tile(np.r_[np.ones(P2), -np.ones(P2)], K)  # + plating half, − stripping half of each step

    with np.errstate(invalid="ignore"):
        k_short = np.where(np.any(j_steps[None, :] > ccd[:, None], axis=1), np.argmax(j_steps[None, :] > ccd[:, None], axis=1), -1)
    has_short = k_short >= 0
    t_on = np.where(has_short, 2.0 * k_short * s.dwell_s, np.inf)
    t_hard = np.where(has_short, (2.0 * k_short + 1.0) * s.dwell_s, np.inf)
    r_short = sim_parameter(params, "short_circuit_asr_ohm_cm2") * _OHM_CM2
    j_point = j_steps[step_idx]

    y = healthy
    soft = (t[None, :] >= t_on[:, None]) & (t[None, :] < t_hard[:, None])
    idx = np.flatnonzero(soft)
    if idx.size:
        ri, ci = np.divmod(idx, M)
        c = np.clip((t[ci] - t_on[ri]) / (t_hard[ri] - t_on[ri]), 0.0, 1.0)
        h = y.flat[idx]
        noise = soft_short_noise(np.random.default_rng(s.seed), np.ones(idx.size, bool))
        sigma = sim_parameter(params, "soft_short_noise_fraction") * h * 4.0 * c * (1.0 - c)
        y.flat[idx] = (1.0 - c) * h + c * j_point[ci] * r_short + sigma * noise
    hard = t[None, :] >= t_hard[:, None]
    y = np.where(hard, j_point[None, :] * r_short, y)
    y = y * sign[None, :] / _MV
    current = np.broadcast_to(sign * j_point / _MA_CM2, (n, M)).copy()
    ohmic = (np.repeat(asr_tot, 2 * P2, axis=1) * j_point[None, :]) / _MV
    ccd_read, i_read = read_ccd_from_curve(y, current, ohmic)
    limit = np.where(ccd_strip <= ccd_pen, "stripping (voids)", "plating (penetration)")
    events = {
        "ccd_mA_cm2": ccd_read,
        "engine_ccd_mA_cm2": ccd / _MA_CM2,
        "ccd_limit": limit.astype(object),
        "short_time_s": np.where(i_read >= 0, t[np.maximum(i_read, 0)], np.nan),
        "steps": np.full(n, float(K)),
        "ramp_max_mA_cm2": np.full(n, float(j_steps[-1] / _MA_CM2)),
        "engine_ccd_stripping_mA_cm2": ccd_strip / _MA_CM2,
        "engine_ccd_plating_mA_cm2": ccd_pen / _MA_CM2,
    }
    x = np.broadcast_to(t, (n, M)).copy()
    return Profile(
        protocol="ccd", x=x, y=y, x_label="Time", x_unit="s", y_label="Voltage", y_unit="mV",
        series={"current_density_mA_cm2": current}, events=events,
    )
