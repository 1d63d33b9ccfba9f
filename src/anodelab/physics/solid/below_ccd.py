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

ΔJ_void enters :func:`void_cycles` in place of the (J − CCD_strip)⁺ of
:func:`anodelab.lifetime.mechanisms.void_cycles`. Example (s = 0.3, J = 0.5, K = 0.765 mA cm⁻²): d₁ = −1.2676, d₂ = −1.5676, Φ(d₁) = 0.10248,
Φ(d₂) = 0.05849, E = 0.5·0.10248 − 0.765·0.05849 = 6.49e-3 mA cm⁻² (1.3 % of J).

**Penetration (plating), with the same spread.** The mean-field plating limit
(:func:`anodelab.lifetime.mechanisms.penetration_cycles`): above CCD_pen = K_p the share (J/K_p − 1) of the plated
thickness h = Q V_m / F [m] goes into cracks, which short the cell when their volume per area reaches φ_c L_SSE [m]
(φ_c ``crack_fill_fraction``, L_SSE the electrolyte's thickness): N_pen = φ_c L_SSE / (h (J/K_p − 1)). Applied
patch by patch to the same local current j = J x (one distribution for both limits, no new parameter): a patch plates
h x and sends (J x/K_p − 1)⁺ of it into cracks, so the crack volume per area of the cell and cycle is

    h_c = h E[x (J x/K_p − 1)⁺] = h H(u),   H(u) = e^{u + s²} Φ(d₁ + s) − Φ(d₁),   u = ln(J/K_p), d₁ = (u + s²/2)/s

[m] (E[x² 1{x > k}] = e^{s²} Φ(d₁ + s), E[x 1{x > k}] = Φ(d₁) for k = K_p/J), and

    N_pen = φ_c L_SSE / (h H(u))   [cycles].

The patches feeding cracks are the area fraction above the limit,

    a_pen = P(J x > K_p) = Φ(d₂) = ½ erfc((ln(K_p/J) + s²/2) / (s √2)),   d₂ = d₁ − s   [1]

(the s²/2 is the shift that gives x a mean of 1), and H(u) = a_pen E[x (J x/K_p − 1) | J x > K_p]: the rate of crack
filling is proportional to the share of the interface above the limit times the mean over-ratio there. Limits:
s → 0 gives (J/K_p − 1)⁺, the mean-field count; J ≫ K_p gives e^{s²} J/K_p − 1 (the patches that plate more fill
more: ×e^{0.09} = 1.094 on the J/K_p term at s = 0.3), so above the CCD N_pen moves by < 20 % (J ≥ 2 K_p) and the
cell fails within a few cycles as before; below it N_pen is finite instead of ∞, and rises steeply as J/K_p falls.
H'(u) = e^{u + s²} Φ(d₁ + s) > 0: N_pen falls with J; with Q through h (N_pen ∝ 1/Q at a given J, the time to the
short N_pen 2Q/J independent of Q, so the risk within a fixed cycle count rises with Q).

Assumptions (penetration): (i) each patch obeys the mean-field crack-fill law at its own current (patches large
against the flaws, c ≈ µm, small against the cell; no lateral redistribution once a crack fills); (ii) the crack
volume that shorts the cell, φ_c L_SSE per area, is the same whether the cracks are fed over the whole interface or
from the share a_pen (φ_c, range 0.002-0.05, is a density of filled paths over the cell, a few per mm²): fewer hot
patches fill proportionally slower. The alternative — the first hot patch shorts the cell, a Poisson first event
over the cell area — needs the density of independent patches, a new free parameter with no measurement for Na
interfaces, and is not taken; it would give earlier shorts where a_pen × (patches per cell) ≳ 1. (iii) The same s
as for voids; an electron-conducting interlayer refills voids but does not narrow the spread of the plating current
into the electrolyte's flaws (it enters through CCD_pen = η_c / ASR only). (iv) As in the mean-field law, stripping
does not remove Na from the cracks. Example (s = 0.3, J = 0.5, K_p = 1.0 mA cm⁻²): u = −0.693147, d₁ = −2.160491,
Φ(d₁) = 0.015367, Φ(d₁ + s) = 0.031408, a_pen = Φ(−2.460491) = 0.006937, H = 0.5 · 1.094174 · 0.031408 − 0.015367
= 1.816e-3; with L_SSE = 1 mm, φ_c = 0.01, h = 8.86 µm (1 mAh cm⁻²): N_pen = 1e-5 / (8.861e-6 · 1.816e-3) = 622
cycles (∞ in the mean-field model). Against Table 2 (``anodelab validate``): T2-101 (at 0.87 of its CCD_pen, 475 h
tested) and T2-102 (0.59, 1,000 h) are predicted to short before their test lengths at s = 0.3 (118 h and 284 h);
they hold for s ≤ 0.16 or φ_c ≥ 0.04 (its range tops at 0.05). Neither is changed to pass them (not fitted).
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


# --- penetration (plating) below the mean CCD_pen: the same log-normal local current ------------------------------

def penetration_area_fraction(j_A_m2, ccd_pen_A_m2, log_sd):
    """a_pen = P(J x > K_p) = Φ(d₂) = ½ erfc((ln(K_p/J) + s²/2) / (s √2)), the share of the interface whose local
    current exceeds the plating limit (module docstring)   [1].

    s = 0 gives [J > K_p]; K_p = ∞ gives 0; K_p ≤ 0 gives 1 (every spot above the limit).
    Example: J = 0.5, K_p = 1.0 mA cm⁻², s = 0.3 ⇒ d₂ = (ln 0.5 − 0.045)/0.3 = −2.460491, a_pen = 0.006937.
    """
    j = np.asarray(j_A_m2, dtype=float)
    k = np.asarray(ccd_pen_A_m2, dtype=float)
    s = np.asarray(log_sd, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        d2 = (np.log(j / np.maximum(k, 0.0)) - 0.5 * s * s) / s
        spread = _normal_cdf(d2)
    spread = np.where(np.isfinite(k), spread, 0.0)
    return np.where((s > 0.0) & (k > 0.0), spread, np.where(k > 0.0, (j > k).astype(float), 1.0))


def penetration_overratio(j_A_m2, ccd_pen_A_m2, log_sd):
    """H = E[x (J x/K_p − 1)⁺] = e^{u + s²} Φ(d₁ + s) − Φ(d₁), u = ln(J/K_p), d₁ = (u + s²/2)/s   [1]: the crack volume
    per plated thickness and cycle, averaged over the interface (module docstring).

    s = 0 gives (J/K_p − 1)⁺ exactly (:func:`anodelab.lifetime.mechanisms.penetration_cycles`); K_p = ∞ gives 0;
    K_p ≤ 0 gives ∞ (any plating current penetrates). H ≥ (J/K_p − 1)⁺ (Jensen: x (x r − 1)⁺ is convex in x).
    Example: J = 0.5, K_p = 1.0 mA cm⁻², s = 0.3 ⇒ H = 1.816e-3.
    """
    j = np.asarray(j_A_m2, dtype=float)
    k = np.asarray(ccd_pen_A_m2, dtype=float)
    s = np.asarray(log_sd, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        ratio = j / k
        sharp = np.maximum(ratio - 1.0, 0.0)
        u = np.log(ratio)
        d1 = (u + 0.5 * s * s) / s
        spread = np.exp(u + s * s) * _normal_cdf(d1 + s) - _normal_cdf(d1)
    spread = np.maximum(spread, sharp)
    spread = np.where(np.isfinite(k), spread, 0.0)
    return np.where((s > 0.0) & (k > 0.0), spread, np.where(k > 0.0, sharp, np.inf))


def penetration_cycles(j_A_m2, ccd_pen_A_m2, sse_thickness_m, plated_m, crack_fill_fraction, *, log_sd):
    """N_pen = φ_c L_SSE / (h H), H from :func:`penetration_overratio`   [cycles]; ∞ where nothing fills (H = 0, or
    L_SSE = ∞: a liquid row), 0 where K_p = 0. With s = 0 this is
    :func:`anodelab.lifetime.mechanisms.penetration_cycles`.
    Example: J = 0.5, K_p = 1.0 mA cm⁻², s = 0.3, L_SSE = 1 mm, φ_c = 0.01, h = 8.861 µm ⇒ N_pen = 622 cycles.
    """
    fill = np.asarray(plated_m, dtype=float) * penetration_overratio(j_A_m2, ccd_pen_A_m2, log_sd)
    with np.errstate(divide="ignore"):
        return np.divide(crack_fill_fraction * np.asarray(sse_thickness_m, dtype=float), fill)


@lru_cache(maxsize=8)
def _overratio_table(log_sd: float):
    """(u₀, u₁, 1/h, (c₀, c₁, c₂, c₃)): cubic Hermite coefficients of L = ln H on a uniform grid of u = ln(J/K_p),
    as :func:`_excess_table` for G, with H(u) = e^{u + s²} Φ(d₁ + s) − Φ(d₁), H'(u) = e^{u + s²} Φ(d₁ + s)
    (the φ terms cancel: e^{u + s²} φ(d₁ + s) = φ(d₁)). The grid spans d₁ + s ∈ [−8.5, …], d₁ ∈ […, 8.5]: below it
    H < 1e-17 (taken as 0), above it H = e^{u + s²} − 1 to 1e-17."""
    s = float(log_sd)
    lo, hi = -_TAIL_SIGMAS * s - 1.5 * s * s, _TAIL_SIGMAS * s - 0.5 * s * s
    u = np.linspace(lo, hi, _TABLE_POINTS)
    h = (hi - lo) / (_TABLE_POINTS - 1)
    g = np.asarray(penetration_overratio(np.exp(u), 1.0, s))  # H with J/K_p = e^u
    slope = h * np.exp(u + s * s) * _normal_cdf((u + 0.5 * s * s) / s + s) / g  # h L'
    L = np.log(g)
    dl = L[1:] - L[:-1]
    coef = (L[:-1], slope[:-1], 3.0 * dl - 2.0 * slope[:-1] - slope[1:], -2.0 * dl + slope[:-1] + slope[1:])
    coef = tuple(np.ascontiguousarray(c) for c in coef)
    for c in coef:
        c.flags.writeable = False
    return lo, hi, 1.0 / h, coef


def overratio(u, log_sd: float):
    """H(u) = E[x (J x/K_p − 1)⁺] at u = ln(J/K_p) for a scalar s > 0, from :func:`_overratio_table` (cubic Hermite
    interpolation of ln H; 0 below the grid, e^{u + s²} − 1 above it)   [1]: the engine's path of
    :func:`penetration_overratio`."""
    lo, hi, inv_h, (c0, c1, c2, c3) = _overratio_table(float(log_sd))
    pos = np.clip(u, lo, hi)  # above the grid: its last point (replaced below), no overflow in exp
    pos -= lo
    pos *= inv_h
    i = np.minimum(pos.astype(np.intp), _TABLE_POINTS - 2)
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
        g[above] = np.expm1(u[above] + float(log_sd) ** 2)
    return g


def penetration_cycles_spread(j_A_m2, ccd_pen_A_m2, sse_thickness_m, plated_m, crack_fill_fraction, *,
                              log_sd: float):
    """:func:`penetration_cycles` for finite K_p > 0 and a scalar s > 0 (the scorer's solid rows): N_pen =
    φ_c L_SSE / (h H(ln(J/K_p))), H from :func:`overratio`."""
    j = np.asarray(j_A_m2, dtype=float)
    rate = overratio(np.log(j / ccd_pen_A_m2), log_sd)
    rate *= plated_m
    with np.errstate(divide="ignore"):
        return np.divide(crack_fill_fraction * np.asarray(sse_thickness_m, dtype=float), rate, out=rate)
