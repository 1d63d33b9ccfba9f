"""Symmetric-cell cycling (Na@host | Na@host, ±J square wave) to failure."""

from __future__ import annotations

import numpy as np

from ..constants import FARADAY_C_mol, GAS_CONSTANT_J_mol_K, NA_MOLAR_VOLUME_m3_mol
from ..errors import AnodeLabError
from ..units import SUFFIX_TO_SI
from .common import soft_short_noise
from .parameters import sim_parameter
from .profile import Profile
from .settings import SymmetricSettings, check_size

_MV = SUFFIX_TO_SI["mV"]
_MA_CM2 = SUFFIX_TO_SI["mA_cm2"]
_MAH_CM2 = SUFFIX_TO_SI["mAh_cm2"]
_OHM_CM2 = SUFFIX_TO_SI["ohm_cm2"]
_H = SUFFIX_TO_SI["h"]
_R_MAX = 0.999  # Sand's ratio √(t/τ) is clipped here (the cell shorts at τ anyway)

#: failure causes in the order of the ``failure_cause`` codes
CAUSES = ("dendrite_risk", "sand_time", "limiting_current", "ccd", "overpotential_limit", "inventory")
SHORT_CAUSES = {0, 1, 2, 3}
#: the failure mechanisms of :mod:`anodelab.lifetime` that end in a short (cause "dendrite_risk")
SHORT_MECHANISMS = ("transport", "nucleation", "sei_fracture", "voids", "penetration")


def lifetime_terms(batch, result, params):
    """Onset time of each failure mechanism [s] and the per-cycle ASR growth [Ω m² per cycle].

    Returned as a dict of arrays (N,) keyed like :data:`CAUSES`, plus ``"growth_ohm_m2_per_cycle"``.
    See :func:`simulate_symmetric` for the equations. The overpotential-limit time is not included
    (it is read from the simulated curve).
    """
    si = result.si
    J = batch.current_density_A_m2
    half = si["half_cycle_s"]
    solid = result.is_solid
    liquid = ~solid
    # the earliest dendritic short of the engine's failure model (anodelab.lifetime): transport, nucleation,
    # SEI fracture, voids, penetration (the inventory and electrolyte fades are not shorts)
    t_shorts = np.stack([np.broadcast_to(si[f"t_fail_{k}_s"], J.shape) for k in SHORT_MECHANISMS])
    t_risk = t_shorts.min(axis=0)
    first_short = np.where(np.isfinite(t_risk), np.array(SHORT_MECHANISMS, dtype=object)[t_shorts.argmin(axis=0)],
                           "none")
    with np.errstate(divide="ignore", invalid="ignore"):
        sand = si["sand_time_s"]
        above = liquid & (J > si["j_lim_A_m2"])  # Sand's time counts above the limiting current only
        t_sand = np.where(above & (sand < half), sand, np.inf)
        t_lim = np.where(liquid & (J > si["j_lim_A_m2"]), np.minimum(sand, half), np.inf)
        ccd = si["ccd_A_m2"]
        t_ccd = np.where(solid & (J > ccd), half * ccd / J, np.inf)
        t_inv = np.where(np.isfinite(si["cycles_excess"]), (2.0 * si["cycles_excess"] + 1.0) * half, np.inf)
    h_loss = si["loss_C_m2"] * NA_MOLAR_VOLUME_m3_mol / FARADAY_C_mol  # dense-equivalent m per cycle per electrode
    n_dead = sim_parameter(params, "dead_layer_macmullin")
    ell = params.vacancy_diffusion_length_um * SUFFIX_TO_SI["um"]
    growth = np.where(
        liquid,
        2.0 * n_dead * h_loss / si["sigma_electrolyte_S_m"],
        2.0 * si["asr_interface_ohm_m2"] * h_loss / ell,
    )
    return {
        "dendrite_risk": t_risk, "sand_time": t_sand, "limiting_current": t_lim, "ccd": t_ccd,
        "inventory": t_inv, "growth_ohm_m2_per_cycle": growth, "short_mechanism": first_short,
    }


def simulate_symmetric(batch, result, params, settings: SymmetricSettings) -> Profile:
    """±J square wave on a symmetric cell, each half cycle plating Q = J t_half, until failure.

    Healthy overpotential (|V| in the half cycle that starts at cycle count n, phase t' ∈ [0, t_half]):

        η(t) = η_cell + J ΔASR n(t) + (RT/F) ln[(1 + r)/(1 − r)],   r = √(t'/τ_Sand)

    * η_cell = J ASR_total + 2 η_ct: the score card's symmetric-cell overpotential (so a profile
      starts exactly at the score card's value);
    * ΔASR per cycle from the inventory loss Q(1 − CE) of the score card, h = Q(1 − CE) V_m / F per electrode:
      liquid: a porous dead-Na/SEI layer, ΔASR = 2 N_dead h / σ (N_dead = ``dead_layer_macmullin``);
      solid: voids cut the contact, ΔASR = 2 ASR_interface h / ℓ (ℓ = ``vacancy_diffusion_length_um``);
    * the last term (liquid only): concentration overpotential between the depleted plating surface
      c0(1 − r) and the enriched stripping surface c0(1 + r) of Sand's semi-infinite solution (Eq. 7,
      τ_Sand from the score card); each half cycle starts from a uniform electrolyte (an approximation).

    Failure onset t_f = the earliest of
      dendrite risk:   t = the earliest short of the engine's failure model, min over ``t_fail_<m>_s`` for
                       m in :data:`SHORT_MECHANISMS` (:mod:`anodelab.lifetime`; the cause keeps its old name);
      Sand's time:     t = τ_Sand when J > J* and τ_Sand < t_half (liquid; below J* there is no depletion);
      limiting current: t = min(τ_Sand, t_half) when J > J* (Eq. 6);
      CCD:             t = t_half · CCD / J when J > CCD (solid);
      inventory:       t = t_half (2 N_excess + 1), N_excess = cycles until the Na excess is consumed (score
                       card): the losses have eaten the excess, the next half cycle is the last one that
                       completes (an anode-free cell runs one half cycle) → the test stops;
      voltage limit:   first time η(t) ≥ ``voltage_limit_mV`` → the test stops.
    A short starts as a soft short lasting W = ``soft_short_cycles`` cycles: with c = (t − t_f)/W,
    |V| = (1 − c) η + c J R_short + noise, noise ~ N(0, (σ_n η 4c(1 − c))²) from a generator seeded by
    ``seed`` (σ_n = ``soft_short_noise_fraction``), then a hard short, |V| = J R_short
    (R_short = ``short_circuit_asr_ohm_cm2``). After a stop the voltage is NaN.

    Events: ``lifetime_h`` (failure onset, or the test length when nothing failed), ``predicted_lifetime_h``
    (the onset even beyond the simulated window), ``failure_mode`` ("none", "soft_short", "hard_short",
    "inventory_depleted", "overpotential_limit"), ``failure_cause``, ``initial_overpotential_mV`` (mean |V| of
    the first half cycle), ``final_overpotential_mV`` (mean |V| of the last healthy half cycle),
    ``hard_short_h``, ``cycles_completed``.
    """
    si = result.si
    n = len(batch)
    J = batch.current_density_A_m2
    half = si["half_cycle_s"]
    P = settings.points_per_half_cycle
    if settings.cycles is not None:
        n_half = np.full(n, 2 * settings.cycles, dtype=np.int64)
        t_end = n_half * half
    elif settings.duration_h is not None:
        t_end = np.full(n, settings.duration_h * _H)
        # at least one (possibly partial) half cycle, however short the test: a duration below one
        # half cycle gives the first half cycle up to t_end (the rest is NaN)
        n_half = np.maximum(np.ceil(t_end / half - 1e-9), 1).astype(np.int64)
    else:
        n_half = (2 * np.round(batch.cycles)).astype(np.int64)
        t_end = n_half * half
    h_max = int(n_half.max())
    M = h_max * P
    check_size(n, M, "cycles" if settings.duration_h is None else "duration_h")
    if M > 50_000_000:
        raise AnodeLabError(f"{h_max} half cycles × {P} points per half cycle is too long a profile; reduce "
                            "'points_per_half_cycle' or the number of cycles", field="points_per_half_cycle")

    phase = np.linspace(0.0, 1.0, P)  # fraction of a half cycle
    h_idx = np.repeat(np.arange(h_max), P)
    u = h_idx + np.tile(phase, h_max)  # time in half cycles, shared by all designs
    sign = np.where(h_idx % 2 == 0, 1.0, -1.0)

    terms = lifetime_terms(batch, result, params)
    growth = terms["growth_ohm_m2_per_cycle"]
    eta0 = si["eta_cell_V"]
    slope = J * growth / 2.0  # V per half cycle
    liquid = ~result.is_solid
    T = batch.temperature_K
    with np.errstate(divide="ignore", invalid="ignore"):
        a = np.where(liquid, half / si["sand_time_s"], 0.0)
    r = np.minimum(np.sqrt(phase[None, :] * a[:, None]), _R_MAX)
    conc = (GAS_CONSTANT_J_mol_K * T / FARADAY_C_mol)[:, None] * np.log((1.0 + r) / (1.0 - r))  # (N, P)

    eta = slope[:, None] * u[None, :]
    eta += eta0[:, None]
    eta3 = eta.reshape(n, h_max, P)
    eta3 += conc[:, None, :]

    # voltage limit: the first half cycle whose end reaches it, then the first phase point within it
    v_lim = settings.voltage_limit_mV * _MV
    with np.errstate(divide="ignore", invalid="ignore"):
        h_cut = np.where(slope > 0, np.ceil((v_lim - eta0 - conc[:, -1]) / np.where(slope > 0, slope, 1.0) - 1.0), np.inf)
    h_cut = np.where(eta0 + conc[:, -1] >= v_lim, 0.0, np.maximum(h_cut, 0.0))
    h_eval = np.where(np.isfinite(h_cut), np.minimum(h_cut, 1e15), 0.0)
    eta_h = eta0[:, None] + slope[:, None] * (h_eval[:, None] + phase[None, :]) + conc
    crossed = eta_h >= v_lim
    j_cross = np.argmax(crossed, axis=1)
    t_cut = np.where(np.isfinite(h_cut) & crossed.any(axis=1), (h_eval + phase[j_cross]) * half, np.inf)

    onset = np.stack([terms["dendrite_risk"], terms["sand_time"], terms["limiting_current"], terms["ccd"], t_cut,
                      terms["inventory"]])
    cause = np.argmin(onset, axis=0)
    t_fail = onset[cause, np.arange(n)]
    is_short = np.isin(cause, list(SHORT_CAUSES)) & np.isfinite(t_fail)
    is_stop = ~is_short & np.isfinite(t_fail)
    w = sim_parameter(params, "soft_short_cycles") * 2.0 * half
    t_hard = np.where(is_short, t_fail + w, np.inf)

    # curve-derived overpotentials (before failure)
    cyc_mean = eta3.mean(axis=2)  # (N, h_max) mean |V| of each healthy half cycle
    t_stop = np.minimum(t_fail, t_end)
    last = np.clip(np.floor(t_stop / half + 1e-9).astype(np.int64) - 1, 0, h_max - 1)
    rows = np.arange(n)
    final_eta = cyc_mean[rows, last]
    initial_eta = cyc_mean[:, 0]

    u_fail = t_fail / half
    u_hard = t_hard / half
    u_end = t_end / half
    r_short = sim_parameter(params, "short_circuit_asr_ohm_cm2") * _OHM_CM2
    y = eta  # healthy |V|, modified in place below (only the rows of designs that fail)
    noise_fraction = sim_parameter(params, "soft_short_noise_fraction")
    rng = np.random.default_rng(settings.seed)
    rows_short = np.flatnonzero(is_short & (t_fail < t_end))
    if rows_short.size:
        sub = y[rows_short]
        uf, uh = u_fail[rows_short, None], u_hard[rows_short, None]
        c = np.clip((u[None, :] - uf) / (uh - uf), 0.0, 1.0)
        c = np.where(u[None, :] >= uf, c, 0.0)
        noise = soft_short_noise(rng, (c > 0.0) & (c < 1.0))
        sigma = noise_fraction * sub * 4.0 * c * (1.0 - c)
        y[rows_short] = (1.0 - c) * sub + c * (J[rows_short, None] * r_short) + sigma * noise
    rows_stop = np.flatnonzero(is_stop & (t_fail < t_end))
    x = (half / _H)[:, None] * u[None, :]
    current = (J / _MA_CM2)[:, None] * sign[None, :]
    if rows_stop.size:
        uf = u_fail[rows_stop, None]
        stopped = (u[None, :] > uf) | (h_idx[None, :] >= uf)  # after the stop, or in a half cycle starting at it
        y[rows_stop] = np.where(stopped, np.nan, y[rows_stop])
        current[rows_stop] = np.where(stopped, np.nan, current[rows_stop])
    y *= sign[None, :] / _MV
    if np.any(n_half < h_max) or settings.duration_h is not None:
        beyond = (h_idx[None, :] >= n_half[:, None]) | (u[None, :] > u_end[:, None] + 1e-9)
        x[beyond] = np.nan
        y[beyond] = np.nan
        current = np.where(beyond, np.nan, current)

    failed = t_fail < t_end
    mode = np.full(n, "none", dtype=object)
    mode[failed & is_short] = "soft_short"
    mode[failed & is_short & (t_hard <= t_end)] = "hard_short"
    mode[failed & is_stop & (cause == CAUSES.index("inventory"))] = "inventory_depleted"
    mode[failed & is_stop & (cause == CAUSES.index("overpotential_limit"))] = "overpotential_limit"
    cause_s = np.where(failed, np.array(CAUSES, dtype=object)[cause], "none")
    events = {
        "lifetime_h": np.minimum(t_fail, t_end) / _H,
        "predicted_lifetime_h": t_fail / _H,
        "hard_short_h": np.where(failed & is_short, t_hard, np.nan) / _H,
        "failure_mode": mode,
        "failure_cause": cause_s.astype(object),
        # which short of the lifetime model ends it, where the cause is its earliest short ("dendrite_risk")
        "short_mechanism": np.where(failed & (cause == CAUSES.index("dendrite_risk")), terms["short_mechanism"],
                                    "none").astype(object),
        "initial_overpotential_mV": initial_eta / _MV,
        "final_overpotential_mV": final_eta / _MV,
        "cycles_completed": np.floor(np.minimum(t_fail, t_end) / (2.0 * half) + 1e-9),
        "test_duration_h": t_end / _H,
    }
    return Profile(
        protocol="symmetric", x=x, y=y, x_label="Time", x_unit="h", y_label="Voltage", y_unit="mV",
        series={"current_density_mA_cm2": current}, events=events,
    )
