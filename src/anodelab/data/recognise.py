"""Recognise what was measured from the current steps (the user can override the answer).

The time series is cut into *segments*: runs of points with the same current sign (|I| above 1 % of the
largest |I|; rests are their own segments). From the segments:

* **eis** — an impedance spectrum; several spectra at different temperatures → **arrhenius**;
* **deposition** — one current-carrying segment (possibly after a rest), of one sign;
* **ccd** — alternating signs with ≥ 3 distinct current levels, never falling, the last > 1.5× the first;
* **symmetric** — alternating signs at one |I| level with equal durations (±10 %): a capacity-limited
  square wave on a symmetric cell, voltage roughly symmetric about 0 V;
* **ce** — alternating signs where the stripping segments (sign opposite to the first segment) end at a
  voltage cut-off: |V_end| > 0.1 V and > 3× the plating |V|: a Na | Cu (or host) CE test; **Aurbach** style
  when the first plating holds > 2× the median cycle's charge (the reservoir Q_T), else simple cycling.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .model import CyclingMeasurement, ImpedanceMeasurement

PROTOCOLS = ("deposition", "symmetric", "ccd", "ce", "eis", "arrhenius")


@dataclass(frozen=True)
class Segments:
    """Runs of constant current sign: start/stop index (stop exclusive), sign, mean |I| [A], duration [s],
    charge [C] (trapezoid ∫|I| dt from the segment's first to its last point), voltage at the end [V] and mean
    voltage [V]."""

    start: np.ndarray
    stop: np.ndarray
    sign: np.ndarray
    current_A: np.ndarray
    duration_s: np.ndarray
    charge_C: np.ndarray
    v_end_V: np.ndarray
    v_mean_V: np.ndarray

    def __len__(self) -> int:
        return int(self.start.size)

    def active(self) -> np.ndarray:
        return np.flatnonzero(self.sign != 0)


def segments(m: CyclingMeasurement, threshold: float = 0.01) -> Segments:
    """Cut ``m`` into constant-sign segments (vectorised; the charge is the trapezoid ∫|I| dt)."""
    i = m.current_A
    t = m.time_s
    big = float(np.max(np.abs(i))) if i.size else 0.0
    sgn = np.where(np.abs(i) > threshold * big, np.sign(i), 0.0) if big > 0 else np.zeros(i.size)
    change = np.flatnonzero(np.diff(sgn) != 0) + 1
    start = np.concatenate(([0], change))
    stop = np.concatenate((change, [i.size]))
    # trapezoid charge of each point interval, attributed to the segment of its left point
    dq = 0.5 * (np.abs(i[1:]) + np.abs(i[:-1])) * np.diff(t)
    cq = np.concatenate(([0.0], np.cumsum(dq)))
    last = stop - 1
    charge = cq[last] - cq[start]  # over the segment's own points: the step between two segments belongs to neither
    csum_i = np.concatenate(([0.0], np.cumsum(np.abs(i))))
    csum_v = np.concatenate(([0.0], np.cumsum(m.voltage_V)))
    n = stop - start
    return Segments(
        start=start, stop=stop, sign=sgn[start].astype(int), current_A=(csum_i[stop] - csum_i[start]) / n,
        duration_s=t[last] - t[start], charge_C=charge, v_end_V=m.voltage_V[last],
        v_mean_V=(csum_v[stop] - csum_v[start]) / n,
    )


@dataclass(frozen=True)
class Recognition:
    protocol: str | None
    reason: str
    variant: str = ""
    details: dict = field(default_factory=dict)


def recognise(m) -> Recognition:
    """What ``m`` (a measurement, or a list of impedance measurements) most likely is, and why."""
    if isinstance(m, (list, tuple)):
        if m and all(isinstance(x, ImpedanceMeasurement) for x in m):
            temps = {x.temperature_C for x in m}
            if len(m) >= 2 and None not in temps and len(temps) >= 2:
                return Recognition("arrhenius", f"{len(m)} spectra at {len(temps)} temperatures")
            return Recognition("eis", f"{len(m)} spectra" + ("" if None not in temps else " (temperatures unknown)"))
        return Recognition(None, "a mix of files: recognise them one by one")
    if isinstance(m, ImpedanceMeasurement):
        return Recognition("eis", f"an impedance spectrum, {len(m)} frequencies")
    seg = segments(m)
    act = seg.active()
    if act.size == 0:
        return Recognition(None, "no current flows (open-circuit / rest only)")
    if act.size == 1:
        return Recognition("deposition", "one constant-current segment: a galvanostatic deposition transient")
    signs = seg.sign[act]
    alternating = np.all(signs[1:] != signs[:-1])
    if not alternating:
        return Recognition(None, "several current segments of the same sign: not a protocol AnodeLab recognises")
    cur = seg.current_A[act]
    pairs = cur[: cur.size // 2 * 2].reshape(-1, 2).mean(axis=1)
    distinct = np.unique(np.round(pairs / pairs.max(), 2)).size if pairs.size else 0
    rising = pairs.size >= 3 and distinct >= 3 and np.all(pairs[1:] >= pairs[:-1] * 0.99) and pairs[-1] > 1.5 * pairs[0]
    if rising:
        return Recognition("ccd", f"{pairs.size} steps, current rising from {pairs[0] * 1e3:.3g} to {pairs[-1] * 1e3:.3g} mA",
                           details={"levels": int(distinct)})
    dur = seg.duration_s[act]
    vmean = seg.v_mean_V[act]
    v_end_strip = np.median(seg.v_end_V[act][signs == signs[0] * -1])
    plating_level = np.median(np.abs(vmean[signs == signs[0]]))
    if v_end_strip * -signs[0] > 0 and abs(v_end_strip) > 0.1 and abs(v_end_strip) > 3.0 * plating_level:
        q = seg.charge_C[act]
        q_plate = q[signs == signs[0]]
        variant = "aurbach" if q_plate.size >= 3 and q_plate[0] > 2.0 * np.median(q_plate[1:]) else "simple"
        return Recognition("ce", "plating segments, then stripping segments that end at a voltage cut-off "
                           f"({abs(v_end_strip) * 1e3:.0f} mV): a Coulombic-efficiency test ({variant})", variant=variant)
    equal = np.allclose(dur[1:-1], np.median(dur[1:-1]), rtol=0.1) if dur.size > 2 else True
    symmetric_v = np.median(vmean[signs > 0]) * np.median(vmean[signs < 0]) < 0
    if equal and symmetric_v:
        return Recognition("symmetric", f"{act.size} half cycles of equal length at one current: a symmetric cell",
                           details={"half_cycles": int(act.size)})
    return Recognition(None, "alternating current at one level, but neither equal half cycles with a voltage "
                       "symmetric about 0 V nor stripping to a cut-off: choose the protocol")
