"""Nucleation overpotential and plateau from a galvanostatic deposition transient (lmfit).

The model is the simulator's transient (:func:`anodelab.simulate.deposition.simulate_deposition`),
voltage V(t) of the host during plating at constant current, in mV:

    t ≤ t_n:  V = −(η_0 + (η_p + η_nuc − η_0) t / t_n)          (double-layer charging to the dip)
    t > t_n:  V = −(η_p + η_nuc exp(−(t − t_n)/τ))               (nuclei grow, the excess relaxes)

Fitted: η_0 (ohmic jump), η_p (plateau), η_nuc (nucleation excess = dip − plateau, the library's
``nucleation_overpotential_mV``), t_n (time of the dip), τ (growth time). The dip itself η_n = η_p + η_nuc
is derived, σ from the covariance (σ² = σ_p² + σ_nuc² + 2 cov). When fewer than 3 points lie on the ramp before the dip
(a cycler logging every second cannot see a millisecond ramp) t_n is held at the time of the measured
minimum and η_0 at the first point, and the fit says so.
"""

from __future__ import annotations

import math

import numpy as np

from ..data.model import CyclingMeasurement
from ..data.recognise import segments
from ..errors import AnodeLabError
from .result import FitCurve, FitResult, lmfit_summary, value_from


def transient_mV(t, eta0, eta_p, eta_nuc, t_n, tau):
    """V(t) [mV] of the module docstring (vectorised over t)."""
    t = np.asarray(t, dtype=float)
    ramp = -(eta0 + (eta_p + eta_nuc - eta0) * t / t_n)
    relax = -(eta_p + eta_nuc * np.exp(-(t - t_n) / tau))
    return np.where(t <= t_n, ramp, relax)


def fit_deposition(m: CyclingMeasurement, segment: int | None = None) -> FitResult:
    """Fit the transient of the (first, or ``segment``-th) plating segment of ``m``."""
    import lmfit

    seg = segments(m)
    act = seg.active()
    if act.size == 0:
        raise AnodeLabError("no current flows: not a deposition transient", file=m.source.path)
    k = act[0] if segment is None else act[segment]
    sl = slice(int(seg.start[k]), int(seg.stop[k]))
    t = m.time_s[sl] - m.time_s[sl][0]
    v = m.voltage_V[sl] * 1e3
    if t.size < 8:
        raise AnodeLabError(f"the plating segment has {t.size} points; the transient needs ≥ 8", file=m.source.path)
    sign = 1.0 if np.median(v) < 0 else -1.0  # plating drives the host below 0 V vs Na; flip a mirrored file
    y = sign * v
    i_min = int(np.argmin(y))
    dip, plateau = -float(y[i_min]), -float(np.median(y[-max(3, t.size // 20):]))
    params = lmfit.Parameters()
    params.add("eta0", value=max(-float(y[0]), 0.0))
    params.add("eta_p", value=max(plateau, 1e-3))
    params.add("eta_nuc", value=max(dip - plateau, 1e-3), min=0.0)
    t_dip = float(t[i_min]) if t[i_min] > 0 else float(t[1])
    params.add("t_n", value=t_dip, min=float(t[1]) * 1e-3, max=float(t[-1]))
    later = t[i_min:]
    excess = -y[i_min:] - plateau
    half = later[np.argmax(excess < 0.37 * max(dip - plateau, 1e-9))] - t_dip if np.any(excess < 0.37 * (dip - plateau)) else 0.1 * t[-1]
    params.add("tau", value=max(float(half), 1e-6 * t[-1]), min=1e-9 * t[-1], max=10.0 * t[-1])
    messages = []
    eta0_guess = max(-float(y[0]), 0.0)
    on_ramp = int(np.count_nonzero(-y[1:i_min] < dip - 0.2 * (dip - eta0_guess))) if i_min > 1 else 0
    if on_ramp < 3:
        params["t_n"].set(value=max(t_dip, float(t[1]) * 1e-3), vary=False)
        params["eta0"].set(value=max(-float(y[0]), 0.0), vary=False)
        messages.append(f"only {on_ramp} point(s) on the charging ramp before the dip: t_n held at the measured minimum ({t_dip:.4g} s) and "
                        "η_0 at the first point (log faster to resolve the charging ramp)")
    mini = lmfit.Minimizer(lambda p: transient_mV(t, *(p[n].value for n in ("eta0", "eta_p", "eta_nuc", "t_n", "tau"))) - y,
                           params)
    res = mini.minimize(method="leastsq", max_nfev=20000)
    names = {"eta_nuc": ("nucleation_overpotential_mV", "nucleation excess: dip − plateau (library property)"),
             "eta_p": ("plateau_overpotential_mV", "plateau overpotential η_p"),
             "eta0": ("ohmic_overpotential_mV", "ohmic jump at t = 0"), "t_n": ("nucleation_time_s", "time of the dip"),
             "tau": ("growth_time_s", "relaxation time of the excess")}
    vals, corr, ident, msgs = lmfit_summary(res, names)
    dof = res.nfree
    p = res.params
    cov_pn = None
    if res.covar is not None and res.errorbars:
        var_names = res.var_names
        if "eta_p" in var_names and "eta_nuc" in var_names:
            i, j = var_names.index("eta_p"), var_names.index("eta_nuc")
            cov_pn = res.covar[i, i] + res.covar[j, j] + 2 * res.covar[i, j]
    dip_v = value_from("dip_overpotential_mV", p["eta_p"].value + p["eta_nuc"].value,
                       math.sqrt(cov_pn) if cov_pn is not None and cov_pn >= 0 else None, dof, "η_n = η_p + η_nuc (the dip)")
    j_mA_cm2 = float(seg.current_A[k]) * 1e3 / m.area_cm2 if m.area_cm2 else None
    y_fit = sign * transient_mV(t, *(p[n].value for n in ("eta0", "eta_p", "eta_nuc", "t_n", "tau")))
    values = {"nucleation_overpotential_mV": vals.pop("nucleation_overpotential_mV"),
              "plateau_overpotential_mV": vals.pop("plateau_overpotential_mV"), "dip_overpotential_mV": dip_v}
    return FitResult(
        protocol="deposition", method="lmfit least squares of the simulator's deposition transient (5 parameters)",
        values=values, nuisance=vals, sources=(m.source,), correlations=corr, converged=bool(res.success),
        identifiable=ident, messages=tuple(messages + msgs), rms_residual=float(np.sqrt(np.mean(res.residual**2))),
        residual_unit="mV", curve=FitCurve(x=t, y=v, y_fit=y_fit, x_label="Time (s)", y_label="Voltage (mV)"),
        extra={"current_density_mA_cm2": j_mA_cm2, "current_A": float(seg.current_A[k])})
