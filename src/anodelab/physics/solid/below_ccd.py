"""Solid-state failure below the mean critical current: a spread of the local interface current (issue 12/13).

A Na | solid-electrolyte interface does not carry its current uniformly: contact spots of different size, grains
and grain boundaries of different conductivity and the edges of voids concentrate it (V. Raj et al.,
arXiv:2001.06276, compute current amplification at void edges for Li | garnet). The local current density is taken
as log-normal about the mean J (its mean is J), with log-standard deviation s (``interface_current_log_sd``,
an estimate):

    j = J x,   ln x ~ N(−s²/2, s²)   (E[x] = 1).

**Voids (stripping).** Where the local current exceeds the local stripping limit CCD_strip = f_c (J_vac + J_void)
+ J_creep (:mod:`.ccd`), replenishment by vacancy annihilation and creep plus the void a half cycle may open and
the next plating refill (δ_c) is overrun: contact is lost there and the void stays (D. Spencer Jolly et al., ACS
Appl. Mater. Interfaces 2020, 12, 678, doi:10.1021/acsami.9b17786: voids form on stripping above the critical
stripping current and accumulate on cycling). Below it, the replenishment keeps up locally and nothing
accumulates. The mean void volume left per area and half cycle is the partial expectation

    E[(J x − K)⁺] = J Φ(d₁) − K Φ(d₂),   d₁ = (ln(J/K) + s²/2)/s,  d₂ = d₁ − s,   K = CCD_strip

(the log-normal partial moment; → (J − K)⁺ as s → 0, so above the CCD the model of
:func:`anodelab.lifetime.mechanisms.void_cycles` is kept).

An electron-conducting interlayer bonded to the electrolyte (an alloy such as Na–Sn or Na–Si, Sn, Au, graphene:
library property ``electronic_insulator = false``) keeps the floor of such a void an electrode: the next plating
deposits Na on it and refills the void, so below the mean CCD nothing accumulates there. On bare ceramic (or an
electronically insulating interphase: NaF, NaCl, alucone …) the void's floor is cut off from electrons and plating
goes to its rim instead. With χ = 1 for an isolated floor and 0 for a conducting one, the void excess per area is

    ΔJ_void = (J − K)⁺ + χ (E[(J x − K)⁺] − (J − K)⁺).

**Penetration (plating) keeps its mean-field limit.** Below CCD_pen the spread is not applied to plating: the
plating limit is already a weakest-flaw criterion (Griffith at the flaw depth c, whose cell-to-cell scatter is the
log-logistic shape of the short mechanisms), and the route to a short below the CCD that Spencer Jolly et al.
observed runs through the voids: voids accumulate, the current focuses on the remaining contact and dendrites grow on
plating. That route ends the cell when the void depth reaches δ_fail (the ``voids`` mechanism).

ΔJ_void enters :func:`void_cycles` in place of the (J − CCD_strip)⁺ of
:func:`anodelab.lifetime.mechanisms.void_cycles`. Example (s = 0.3, J = 0.5, K = 0.765 mA cm⁻²): d₁ = −1.2676, d₂ = −1.5676, Φ(d₁) = 0.10248,
Φ(d₂) = 0.05849, E = 0.5·0.10248 − 0.765·0.05849 = 6.49e-3 mA cm⁻² (1.3 % of J).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from ...constants import FARADAY_C_mol, NA_MOLAR_VOLUME_m3_mol


def _normal_cdf(x):
    """Φ(x), the standard normal distribution function (scipy.special.ndtr; imported only when a solid row needs it)."""
    from scipy.special import ndtr

    return ndtr(x)


def lognormal_excess_A_m2(j_A_m2, k_A_m2, log_sd):
    """E[(J x − K)⁺] = J Φ(d₁) − K Φ(d₂) for ln x ~ N(−s²/2, s²), d₁ = (ln(J/K) + s²/2)/s, d₂ = d₁ − s   [A m⁻²].

    s = 0 gives (J − K)⁺ exactly; K = ∞ gives 0; K ≤ 0 gives J − K (every spot above the limit).
    """
    j = np.asarray(j_A_m2, dtype=float)
    k = np.asarray(k_A_m2, dtype=float)
    s = np.asarray(log_sd, dtype=float)
    sharp = np.maximum(j - k, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        d1 = (np.log(j / np.maximum(k, 0.0)) + 0.5 * s * s) / s
        spread = j * _normal_cdf(d1) - k * _normal_cdf(d1 - s)
    spread = np.maximum(spread, sharp)  # rounding below the exact bound E[(Jx − K)⁺] ≥ (J − K)⁺ (Jensen)
    spread = np.where(np.isfinite(k), spread, 0.0)
    return np.where((s > 0.0) & (k > 0.0), spread, np.where(k > 0.0, sharp, j - k))


def void_excess_A_m2(j_A_m2, ccd_strip_A_m2, log_sd, floor_isolated):
    """ΔJ_void = (J − K)⁺ + χ (E[(J x − K)⁺] − (J − K)⁺), K = CCD_strip, χ = ``floor_isolated`` (1 or 0)   [A m⁻²].

    The stripping current per area that leaves voids the next plating does not refill (module docstring).
    """
    sharp = np.maximum(np.asarray(j_A_m2, dtype=float) - ccd_strip_A_m2, 0.0)
    return sharp + floor_isolated * (lognormal_excess_A_m2(j_A_m2, ccd_strip_A_m2, log_sd) - sharp)


def void_cycles(j_A_m2, ccd_strip_A_m2, half_cycle_s, floor_isolated, *, log_sd, void_depth_m):
    """N_void = δ_fail / (ΔJ_void t_half V_m / F)   [cycles], ∞ where nothing accumulates (:func:`void_excess_A_m2`).

    With s = 0 (or χ = 0) this is :func:`anodelab.lifetime.mechanisms.void_cycles`.
    Example: J = 0.5, CCD_strip = 0.765 mA cm⁻², s = 0.3, χ = 1, t_half = 3600 s, δ_fail = 5 µm ⇒ ΔJ = 6.49e-2 A m⁻²,
    5.75e-8 m per cycle, N_void = 86.9 cycles.
    """
    void_rate = void_excess_A_m2(j_A_m2, ccd_strip_A_m2, log_sd, floor_isolated) * half_cycle_s
    with np.errstate(divide="ignore"):
        return np.divide(void_depth_m, void_rate * (NA_MOLAR_VOLUME_m3_mol / FARADAY_C_mol))


# --- the engine's path: the same partial moment from a table of ln G(u), one small table per s --------------------
#: Tails beyond ±8.5 standard deviations: Φ(−8.5) = 9.5e-18, below double precision relative to 1.
_TAIL_SIGMAS = 8.5
_TABLE_POINTS = 257


@lru_cache(maxsize=8)
def _excess_table(log_sd: float):
    """(u₀, u₁, 1/h, (c₀, c₁, c₂, c₃)): cubic Hermite coefficients of L = ln G on a uniform grid of u = ln(J/K),

        G(u) = E[(x − e^{−u})⁺] = Φ(d₁) − e^{−u} Φ(d₂),   G'(u) = e^{−u} Φ(d₂),   L' = G'/G,

    per interval [u_i, u_i+1] with t = (u − u_i)/h: L = c₀ + t (c₁ + t (c₂ + t c₃)), c₀ = L_i, c₁ = h L'_i,
    c₂ = 3 (L_i+1 − L_i) − 2 h L'_i − h L'_i+1, c₃ = 2 (L_i − L_i+1) + h L'_i + h L'_i+1. The grid spans
    d₁ ∈ [−8.5, 8.5 + s]; below it G < 1e-17 (taken as 0), above it G = 1 − e^{−u} to 1e-17. 257 points: ~0.07 ms
    to build, so that a new s (uncertainty samples: one per parameter group) costs little."""
    s = float(log_sd)
    lo, hi = -_TAIL_SIGMAS * s - 0.5 * s * s, _TAIL_SIGMAS * s + 0.5 * s * s + s * s
    u = np.linspace(lo, hi, _TABLE_POINTS)
    h = (hi - lo) / (_TABLE_POINTS - 1)
    g = np.asarray(lognormal_excess_A_m2(1.0, np.exp(-u), s))  # E[(x − k)⁺] with J = 1, K = k = e^{−u}
    d2 = (u - 0.5 * s * s) / s
    slope = h * np.exp(-u) * _normal_cdf(d2) / g  # h L'
    L = np.log(g)
    dl = L[1:] - L[:-1]
    coef = (L[:-1], slope[:-1], 3.0 * dl - 2.0 * slope[:-1] - slope[1:], -2.0 * dl + slope[:-1] + slope[1:])
    coef = tuple(np.ascontiguousarray(c) for c in coef)
    for c in coef:
        c.flags.writeable = False
    return lo, hi, 1.0 / h, coef


def excess_ratio(u, log_sd: float):
    """G(u) = E[(J x − K)⁺] / J at u = ln(J/K) for a scalar s > 0, from :func:`_excess_table` (cubic Hermite
    interpolation of ln G; relative error < 1e-8 against :func:`lognormal_excess_A_m2`; 0 below the grid,
    1 − e^{−u} above it)   [1]. About four times cheaper per row than two evaluations of Φ: the engine's path.
    """
    lo, hi, inv_h, (c0, c1, c2, c3) = _excess_table(float(log_sd))
    pos = np.maximum(u, lo)
    pos -= lo
    pos *= inv_h
    i = np.minimum(pos.astype(np.intp), _TABLE_POINTS - 2)  # above the grid: the last interval (replaced below)
    pos -= i
    L = c3[i]
    L *= pos
    L += c2[i]
    L *= pos
    L += c1[i]
    L *= pos
    L += c0[i]
    g = np.exp(L, out=L)
    g *= u > lo  # below the grid: 0
    above = u >= hi
    if above.any():
        g[above] = -np.expm1(-u[above])
    return g


def void_cycles_isolated_floor(j_A_m2, ccd_strip_A_m2, areal_capacity_C_m2, *, log_sd: float, void_depth_m):
    """:func:`void_cycles` for χ = 1, finite CCD_strip > 0 and a scalar s > 0 (the scorer's solid rows without an
    electron-conducting interlayer): N_void = δ_fail F / (G(ln(J/K)) Q V_m), Q = J t_half, G from :func:`excess_ratio`."""
    j = np.asarray(j_A_m2, dtype=float)
    rate = excess_ratio(np.log(j / ccd_strip_A_m2), log_sd)
    rate *= areal_capacity_C_m2
    with np.errstate(divide="ignore"):
        return np.divide(void_depth_m * (FARADAY_C_mol / NA_MOLAR_VOLUME_m3_mol), rate, out=rate)
