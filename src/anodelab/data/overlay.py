"""A measurement next to the matching simulation of a design, with residuals (numpy only, no Qt).

The design is simulated at the measurement's conditions where the file tells them (current density from
the current and the area, temperature), so the curves are comparable:

* deposition: V [mV] against t [s] of the first current segment; simulated at the measured |J|;
* symmetric: V [mV] against t [h]; simulated at the measured |J| for the measured number of cycles;
* ccd: V [mV] against t [s]; simulated with the measured step (start, step, dwell);
* ce: CE [%] per cycle; simulated per-cycle CE of the simple protocol (the score card's CE);
* eis: Nyquist, Z′ against −Z″ [Ω cm²]; the simulated Z is evaluated at the measured frequencies;
* arrhenius (several spectra): interfacial ASR [Ω cm²] against 1000/T.

Residual = measured − simulated at the measured x (linear interpolation of the simulation in x, in
log f for spectra). Several files: :func:`overlay_many`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import AnodeLabError
from .model import CyclingMeasurement, ImpedanceMeasurement
from .recognise import segments


@dataclass(frozen=True)
class Overlay:
    protocol: str
    label: str
    x: np.ndarray
    y: np.ndarray
    x_sim: np.ndarray
    y_sim: np.ndarray
    residual: np.ndarray
    x_label: str
    y_label: str

    @property
    def rms_residual(self) -> float:
        r = self.residual[np.isfinite(self.residual)]
        return float(np.sqrt(np.mean(r**2))) if r.size else float("nan")


def _j_mA_cm2(m: CyclingMeasurement, seg) -> float:
    if m.area_cm2 is None:
        raise AnodeLabError("the electrode area is unknown: give it to compare with the simulation", file=m.source.path,
                            field="area_cm2")
    act = seg.active()
    return float(np.median(seg.current_A[act])) * 1e3 / m.area_cm2


def _interp(x, xs, ys):
    ok = np.isfinite(xs) & np.isfinite(ys)
    xs, ys = xs[ok], ys[ok]
    order = np.argsort(xs, kind="stable")
    xs, ys = xs[order], ys[order]
    out = np.interp(x, xs, ys)
    tol = 1e-9 * max(float(xs[-1] - xs[0]), 1e-300)
    return np.where((x < xs[0] - tol) | (x > xs[-1] + tol), np.nan, out)  # no extrapolation


def overlay(m, design, protocol: str) -> Overlay:
    """The overlay of one measurement on ``design``'s simulation of ``protocol``."""
    from ..simulate import simulate

    label = getattr(getattr(m, "source", None), "name", "measurement")
    if protocol == "eis":
        if not isinstance(m, ImpedanceMeasurement):
            raise AnodeLabError("protocol 'eis' needs an impedance spectrum", file=m.source.path, field="protocol")
        if m.area_cm2 is None:
            raise AnodeLabError("the electrode area is unknown: give it to compare in Ω cm²", file=m.source.path,
                                field="area_cm2")
        d = design if m.temperature_C is None else design.with_conditions(temperature_C=m.temperature_C)
        f = m.frequency_Hz
        prof = simulate(d, "eis", f_min_Hz=float(f.min()), f_max_Hz=float(f.max()), points_per_decade=20)
        fs = prof.series["frequency_Hz"][0]
        lf = np.log10(f)
        re = _interp(lf, np.log10(fs), prof.x[0])
        im = _interp(lf, np.log10(fs), prof.y[0])
        z = m.impedance_ohm_cm2
        res = np.abs((z.real - re) + 1j * (-z.imag - im))
        return Overlay("eis", label, z.real, -z.imag, re, im, res, "Z′ (Ω cm²)", "−Z″ (Ω cm²)")
    if not isinstance(m, CyclingMeasurement):
        raise AnodeLabError(f"protocol '{protocol}' needs a cycling time series", file=m.source.path, field="protocol")
    seg = segments(m)
    act = seg.active()
    if act.size == 0:
        raise AnodeLabError("no current flows in this file", file=m.source.path)
    j = abs(_j_mA_cm2(m, seg))
    d = design.with_conditions(current_density_mA_cm2=j)
    if m.temperature_C is not None:
        d = d.with_conditions(temperature_C=float(m.temperature_C))
    if protocol == "deposition":
        k = act[0]
        sl = slice(int(seg.start[k]), int(seg.stop[k]))
        t = m.time_s[sl] - m.time_s[sl][0]
        y = m.voltage_mV[sl]
        prof = simulate(d, "deposition", duration_s=float(max(t[-1], 1e-6)))
        ys = prof.y[0] if np.median(y) < 0 else -prof.y[0]
        return Overlay("deposition", label, t, y, prof.x[0], ys, y - _interp(t, prof.x[0], ys), "Time (s)", "Voltage (mV)")
    if protocol == "symmetric":
        cycles = max(int(round(act.size / 2)), 1)
        prof = simulate(d, "symmetric", cycles=cycles)
        t = m.time_h - m.time_h[seg.start[act[0]]]
        y = m.voltage_mV
        k0 = act[0]
        first = 1.0 if np.median(y[seg.start[k0]:seg.stop[k0]]) >= 0 else -1.0  # the simulation starts with +|V|
        ys = first * prof.y[0]
        return Overlay("symmetric", label, t, y, prof.x[0], ys, y - _interp(t, prof.x[0], ys), "Time (h)", "Voltage (mV)")
    if protocol == "ccd":
        cur = seg.current_A[act]
        levels = cur[: cur.size // 2 * 2].reshape(-1, 2).mean(axis=1) * 1e3 / m.area_cm2
        if levels.size < 2:
            raise AnodeLabError("a CCD ramp needs ≥ 2 steps", file=m.source.path)
        step = float(np.median(np.diff(levels)))
        dwell = float(np.median(seg.duration_s[act]))
        prof = simulate(design, "ccd", start_mA_cm2=float(levels[0]), step_mA_cm2=max(step, 1e-3), dwell_s=max(dwell, 1e-3),
                        max_mA_cm2=float(levels[-1]) + 1e-9)
        t = m.time_s - m.time_s[seg.start[act[0]]]
        y = m.voltage_mV
        return Overlay("ccd", label, t, y, prof.x[0], prof.y[0], y - _interp(t, prof.x[0], prof.y[0]), "Time (s)", "Voltage (mV)")
    if protocol == "ce":
        from ..fitting.cycling import ce_cycles
        from ..scoring import score

        q_p, q_s = ce_cycles(m)
        k = np.arange(1, q_p.size + 1, dtype=float)
        y = 100.0 * q_s / q_p
        ce = float(score(d).si["ce"][0])
        ys = np.full(k.size, 100.0 * ce)
        return Overlay("ce", label, k, y, k, ys, y - ys, "Cycle", "Coulombic efficiency (%)")
    raise AnodeLabError(f"no overlay for protocol {protocol!r}", field="protocol")


def overlay_many(measurements, design, protocol: str) -> list[Overlay]:
    """One overlay per measurement (e.g. spectra of a temperature series, each at its temperature)."""
    return [overlay(m, design, protocol) for m in measurements]


def overlay_arrhenius(spectra, design, fit_result=None) -> Overlay:
    """Fitted interfacial ASR of each spectrum against 1000/T, next to the engine's Arrhenius line."""
    from ..constants import ZERO_CELSIUS_K
    from ..fitting import fit
    from ..simulate import simulate

    r = fit_result or fit(list(spectra), "arrhenius")
    t_c = np.array(r.extra["temperatures_C"])
    asr = np.array(r.extra["asr_ohm_cm2"])
    prof = simulate(design, "arrhenius", t_min_C=float(t_c.min()), t_max_C=float(t_c.max()) + 1e-6, points=21)
    x = 1000.0 / (t_c + ZERO_CELSIUS_K)
    ys = _interp(x, prof.x[0], prof.y[0])
    return Overlay("arrhenius", f"{len(t_c)} spectra", x, asr, prof.x[0], prof.y[0], asr - ys, "1000/T (K⁻¹)",
                   "Interfacial ASR (Ω cm²)")
