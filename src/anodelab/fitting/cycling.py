"""Fits of cycling tests: symmetric-cell overpotential/ASR, Coulombic efficiency, critical current density.

All three start from the constant-sign segments of :func:`anodelab.data.recognise.segments`.

* **symmetric**: per half cycle k the mean |V|_k [mV]; lmfit fits |V|_k = η_0 + g k. Reported: η_0
  (initial overpotential, = the simulator's ``initial_overpotential_mV``), growth per cycle 2g, and with
  the area the effective ASR η_0 / J [Ω cm²] (all of the cell: electrolyte, both interfaces, charge
  transfer) and its growth 2g / J.
* **ce**: the first current-carrying segment is plating; each plating k and the stripping after it give
  CE_k = Q_strip,k / Q_plate,k and the Na loss Q_plate,k − Q_strip,k [mAh cm⁻²].
  *Simple* cycling: lmfit fits CE_k = CE + d (k − k̄) (mean CE and drift per cycle, 95 % intervals).
  *Aurbach* (first plating > 2× a cycle's): CE_avg = (Σ s_k + Q_S)/(n Q_C + Q_T) (Adams et al., Adv.
  Energy Mater. 2018, 8, 1702097): one number per test, so no interval (repeat cells for a spread).
* **ccd**: steps of rising |J| (one +J and one −J segment each). Onset rule: the CCD is the current
  density of the first step whose median |V| falls below half of the previous step's median |V| scaled
  by J_k / J_{k−1} (ohmic scaling): the voltage collapse of a short. The 95 % interval is the step
  bracket [J_{k−1}, J_k] (the true onset lies between the last step that held and the first that failed;
  the same rule as :func:`anodelab.simulate.ccd.read_ccd_from_curve`). The steps that held give the
  total ASR by lmfit: median |V|_k = η_0 + ASR J_k.
"""

from __future__ import annotations

import numpy as np

from ..data.model import CyclingMeasurement
from ..data.recognise import segments
from ..errors import AnodeLabError
from .result import FitCurve, FitResult, FittedValue, lmfit_summary

_MAH = 3.6  # C per mAh


def _line_fit(x, y, names, weights=None):
    import lmfit

    mod = lmfit.models.LinearModel()
    params = mod.make_params(slope=0.0, intercept=float(np.mean(y)))
    res = mod.fit(y, params, x=x, weights=weights)
    return res, lmfit_summary(res, names)


def _area(m: CyclingMeasurement) -> float | None:
    return m.area_cm2


def fit_symmetric(m: CyclingMeasurement, skip_first: int = 0) -> FitResult:
    """Overpotential, its growth and the effective ASR of a symmetric-cell test (module docstring)."""
    seg = segments(m)
    act = seg.active()[skip_first:]
    if act.size < 3:
        raise AnodeLabError(f"{act.size} half cycles; the symmetric fit needs ≥ 3", file=m.source.path)
    v_abs = np.abs(m.voltage_V) * 1e3
    csum = np.concatenate(([0.0], np.cumsum(v_abs)))
    mean_abs = (csum[seg.stop[act]] - csum[seg.start[act]]) / (seg.stop[act] - seg.start[act])
    k = np.arange(act.size, dtype=float)
    res, (vals, corr, ident, msgs) = _line_fit(k, mean_abs, {"intercept": ("initial_overpotential_mV", "η_0: mean |V| of the first half cycle (line)"),
                                                             "slope": ("growth_mV_per_half_cycle", "g")})
    g = vals["growth_mV_per_half_cycle"]
    values = {"initial_overpotential_mV": vals["initial_overpotential_mV"],
              "overpotential_growth_mV_per_cycle": _scale(g, "overpotential_growth_mV_per_cycle", 2.0, "2 g")}
    j = float(np.median(seg.current_A[act]))
    extra = {"current_A": j, "half_cycles": int(act.size)}
    a = _area(m)
    if a is not None:
        j_ma_cm2 = j * 1e3 / a
        extra["current_density_mA_cm2"] = j_ma_cm2
        values["effective_asr_ohm_cm2"] = _scale(values["initial_overpotential_mV"], "effective_asr_ohm_cm2", 1.0 / j_ma_cm2,
                                                 "η_0 / J: whole-cell ASR (electrolyte + 2 interfaces + charge transfer)")
        values["asr_growth_ohm_cm2_per_cycle"] = _scale(values["overpotential_growth_mV_per_cycle"], "asr_growth_ohm_cm2_per_cycle",
                                                        1.0 / j_ma_cm2, "2 g / J")
    return FitResult(protocol="symmetric", method="lmfit line through the mean |V| of each half cycle", values=values,
                     sources=(m.source,), correlations=corr, converged=bool(res.success), identifiable=ident,
                     messages=tuple(msgs), rms_residual=float(np.sqrt(np.mean(res.residual**2))), residual_unit="mV",
                     curve=FitCurve(x=k, y=mean_abs, y_fit=res.best_fit, x_label="Half cycle", y_label="Mean |V| (mV)"),
                     extra=extra)


def _scale(v: FittedValue, name: str, k: float, meaning: str) -> FittedValue:
    def s(x):
        return None if x is None else x * k

    lo, hi = s(v.low), s(v.high)
    if lo is not None and hi is not None and lo > hi:
        lo, hi = hi, lo
    return FittedValue(name, v.value * k, None if v.stderr is None else abs(v.stderr * k), lo, hi, meaning)


def ce_cycles(m: CyclingMeasurement):
    """(plated [C], stripped [C]) per cycle: the first active segment's sign is plating."""
    seg = segments(m)
    act = seg.active()
    if act.size < 2:
        raise AnodeLabError("a CE test needs at least one plating and one stripping segment", file=m.source.path)
    plate_sign = seg.sign[act[0]]
    plated, stripped = [], []
    i = 0
    while i < act.size - 1:
        a, b = act[i], act[i + 1]
        if seg.sign[a] == plate_sign and seg.sign[b] == -plate_sign:
            plated.append(seg.charge_C[a])
            stripped.append(seg.charge_C[b])
            i += 2
        else:
            i += 1
    return np.array(plated), np.array(stripped)


def fit_ce(m: CyclingMeasurement, variant: str | None = None, skip_first: int = 0) -> FitResult:
    """Coulombic efficiency and Na loss per cycle of a Na | Cu (or host) test (module docstring)."""
    q_p, q_s = ce_cycles(m)
    if q_p.size < 2:
        raise AnodeLabError(f"{q_p.size} plating/stripping cycle(s); the CE fit needs ≥ 2", file=m.source.path)
    a = _area(m)
    to_areal = (1.0 / _MAH / a) if a is not None else None
    if variant is None:
        variant = "aurbach" if q_p.size >= 3 and q_p[0] > 2.0 * np.median(q_p[1:]) else "simple"
    ce_k = q_s / q_p
    extra = {"variant": variant, "ce_per_cycle": ce_k.tolist(), "plated_C": q_p.tolist(), "stripped_C": q_s.tolist()}
    if variant == "aurbach":
        q_t, q_c = q_p[0], q_p[1:]
        s_k, q_final = q_s[:-1], q_s[-1]
        n = q_c.size
        ce_avg = float((s_k.sum() + q_final) / (q_c.sum() + q_t))  # Σ stripped (cycles + final) / Σ plated
        values = {"average_ce": FittedValue("average_ce", ce_avg, None, None, None,
                                            "Adams/Aurbach CE_avg = (Σ s_k + Q_S)/(n Q_C + Q_T)")}
        if to_areal:
            loss = (q_p.sum() - q_s.sum()) / max(n, 1) * to_areal
            values["na_loss_mAh_cm2_per_cycle"] = FittedValue("na_loss_mAh_cm2_per_cycle", loss, None, None, None,
                                                              "(Σ plated − Σ stripped) / n cycles")
        return FitResult(protocol="ce", method="Aurbach reservoir protocol (Adams et al. 2018): charge balance",
                         values=values, sources=(m.source,), messages=(
                             "an Aurbach test gives one CE per cell: no interval from one file (repeat cells for a spread)",),
                         extra=extra)
    k = np.arange(q_p.size, dtype=float)[skip_first:]
    y = ce_k[skip_first:]
    if y.size < 3:
        raise AnodeLabError(f"{y.size} cycles after skipping {skip_first}; the CE fit needs ≥ 3", file=m.source.path)
    res, (vals, corr, ident, msgs) = _line_fit(k - k.mean(), y, {"intercept": ("ce", "mean Coulombic efficiency (fraction)"),
                                                                  "slope": ("ce_drift_per_cycle", "d")})
    values = {"ce": vals["ce"], "ce_drift_per_cycle": vals["ce_drift_per_cycle"]}
    if to_areal:
        q_mean = float(np.mean(q_p[skip_first:])) * to_areal
        values["na_loss_mAh_cm2_per_cycle"] = _scale(vals["ce"], "na_loss_mAh_cm2_per_cycle", -q_mean, "(1 − CE) Q_plated")
        v = values["na_loss_mAh_cm2_per_cycle"]
        values["na_loss_mAh_cm2_per_cycle"] = FittedValue(v.name, q_mean + v.value, v.stderr,
                                                          None if v.low is None else q_mean + v.low,
                                                          None if v.high is None else q_mean + v.high, v.meaning)
    return FitResult(protocol="ce", method="lmfit line CE_k = CE + d (k − k̄) over the cycles", values=values,
                     sources=(m.source,), correlations=corr, converged=bool(res.success), identifiable=ident,
                     messages=tuple(msgs), rms_residual=float(np.sqrt(np.mean(res.residual**2))), residual_unit="",
                     curve=FitCurve(x=k + 1, y=100 * y, y_fit=100 * res.best_fit, x_label="Cycle", y_label="CE (%)"),
                     extra=extra)


def fit_ccd(m: CyclingMeasurement) -> FitResult:
    """Critical current density of a stepped ramp (onset rule in the module docstring)."""
    seg = segments(m)
    act = seg.active()
    if act.size < 4:
        raise AnodeLabError(f"{act.size} current segments; a CCD ramp needs ≥ 2 steps of ±J", file=m.source.path)
    n_steps = act.size // 2
    v_abs = np.abs(m.voltage_V) * 1e3
    levels, medians = [], []
    for s in range(n_steps):
        a, b = act[2 * s], act[2 * s + 1]
        idx = np.r_[seg.start[a]:seg.stop[a], seg.start[b]:seg.stop[b]]
        levels.append(0.5 * (seg.current_A[a] + seg.current_A[b]))
        medians.append(float(np.median(v_abs[idx])))
    j = np.array(levels)
    med = np.array(medians)
    a = _area(m)
    scale = 1e3 / a if a is not None else 1e3
    unit = "mA_cm2" if a is not None else "mA"
    shown_unit = "mA cm⁻²" if a is not None else "mA"  # as a person reads it (axis label, messages)
    jj = j * scale
    expected = med[:-1] * j[1:] / j[:-1]
    failed = np.flatnonzero(med[1:] < 0.5 * expected) + 1
    messages = []
    values = {}
    held = n_steps
    if failed.size:
        kf = int(failed[0])
        held = kf
        values[f"ccd_{unit}"] = FittedValue(f"ccd_{unit}", float(jj[kf]), None, float(jj[kf - 1]), float(jj[kf]),
                                            "current of the first step whose |V| collapsed (bracket [J_(k−1), J_k])")
    else:
        messages.append(f"no short within the ramp: CCD > {jj[-1]:.4g} {shown_unit}")
        values[f"ccd_{unit}"] = FittedValue(f"ccd_{unit}", float("inf"), None, float(jj[-1]), None, "lower bound only")
    corr, ident, converged, rms, curve = {}, True, True, None, None
    if held >= 3:
        res, (vals, corr, ident, msgs) = _line_fit(jj[:held], med[:held], {"slope": (f"asr_total_ohm_cm2" if a else "resistance_ohm", "slope of median |V| vs J (whole cell)"),
                                                                          "intercept": ("overpotential_offset_mV", "η_0")})
        messages += msgs
        values.update(vals)
        converged = bool(res.success)
        rms = float(np.sqrt(np.mean(res.residual**2)))
        fit_all = res.eval(x=jj)
        curve = FitCurve(x=jj, y=med, y_fit=fit_all, x_label=f"Current ({shown_unit})", y_label="Median |V| (mV)")
    else:
        messages.append(f"{held} step(s) before the short: too few for the ASR line (needs ≥ 3)")
    return FitResult(protocol="ccd", method="onset rule: first step with median |V| < ½ × ohmic scaling of the previous step",
                     values=values, sources=(m.source,), correlations=corr, converged=converged, identifiable=ident,
                     messages=tuple(messages), rms_residual=rms, residual_unit="mV", curve=curve,
                     extra={"step_current_" + unit: jj.tolist(), "step_median_abs_voltage_mV": med.tolist()})
