"""The measurement data model: what a cycler or impedance file holds, in SI with the unit in every name.

A :class:`CyclingMeasurement` is a time series (time, current, voltage, cycle and step numbers, optional
capacity); an :class:`ImpedanceMeasurement` is a spectrum (frequency and complex impedance). Both carry
the electrode area (to give areal quantities: mA cm⁻², Ω cm²), the temperature, the file's own metadata
and a :class:`SourceFile` (path, SHA-256, format) so that every number fitted from them can name its file.

Areal quantities are per geometric electrode area A [cm²]:

    j [mA cm⁻²] = I [A] × 1000 / A,        Z_areal [Ω cm²] = Z [Ω] × A.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from ..errors import AnodeLabError


@dataclass(frozen=True)
class SourceFile:
    """Where a measurement came from: path, SHA-256 of the file's bytes, the format that read it."""

    path: str
    sha256: str
    format: str

    @property
    def name(self) -> str:
        return Path(self.path).name


def _check_area(area_cm2: float | None, where: str) -> float:
    if area_cm2 is None:
        raise AnodeLabError("the electrode area is unknown: give it (e.g. --area-cm2 1.13 for a 12 mm disc)",
                            file=where, field="area_cm2")
    return float(area_cm2)


def check_area_value(area_cm2, where: str = "") -> float | None:
    """None, or a finite area in (0, 1e4] cm²; anything else raises AnodeLabError naming the field."""
    if area_cm2 is None:
        return None
    try:
        a = float(area_cm2)
    except (TypeError, ValueError):
        raise AnodeLabError(f"must be a number in (0, 10000] cm², got {area_cm2!r}", file=where or None,
                            field="area_cm2") from None
    if not (np.isfinite(a) and 0.0 < a <= 1e4):
        raise AnodeLabError(f"must be a number in (0, 10000] cm², got {area_cm2!r}", file=where or None,
                            field="area_cm2")
    return a


@dataclass(frozen=True)
class CyclingMeasurement:
    """A galvanostatic / potentiostatic time series of one cell.

    ``time_s`` from the start of the file [s]; ``current_A`` [A], positive = the cycler's charge direction
    (the file's own sign convention is kept, see ``metadata['current_sign']``); ``voltage_V`` [V] of the
    working electrode against the counter/reference; ``cycle`` and ``step`` as the cycler numbers them
    (integers, from 0 or 1 as in the file); ``capacity_Ah`` the cycler's running capacity of the step if the
    file has one; ``step_label`` per step number (e.g. 'CC_Chg', 'Rest') when the format names steps.
    """

    time_s: np.ndarray
    current_A: np.ndarray
    voltage_V: np.ndarray
    cycle: np.ndarray
    step: np.ndarray
    source: SourceFile
    capacity_Ah: np.ndarray | None = None
    area_cm2: float | None = None
    area_origin: str = "unknown"  # "file", "user" or "unknown"
    temperature_C: float | None = None
    step_label: dict = field(default_factory=dict)
    metadata: dict = field(default_factory=dict)

    kind = "cycling"

    def __len__(self) -> int:
        return int(self.time_s.size)

    @property
    def current_density_mA_cm2(self) -> np.ndarray:
        """j = 1000 I / A   [mA cm⁻²] (needs the electrode area)."""
        return self.current_A * 1e3 / _check_area(self.area_cm2, self.source.path)

    @property
    def voltage_mV(self) -> np.ndarray:
        return self.voltage_V * 1e3

    @property
    def time_h(self) -> np.ndarray:
        return self.time_s / 3600.0

    def with_area(self, area_cm2: float | None) -> "CyclingMeasurement":
        """The same measurement with the electrode area set by the user (None keeps the file's)."""
        a = check_area_value(area_cm2, self.source.path)
        return self if a is None else replace(self, area_cm2=a, area_origin="user")

    def summary(self) -> dict:
        """JSON-ready overview: points, duration, ranges, cycles, steps, area, temperature, file."""
        def rng(a):
            a = a[np.isfinite(a)]
            return [float(a.min()), float(a.max())] if a.size else None

        out = {
            "kind": self.kind, "file": self.source.path, "format": self.source.format, "sha256": self.source.sha256,
            "points": len(self), "duration_s": float(self.time_s[-1] - self.time_s[0]) if len(self) else 0.0,
            "current_range_A": rng(self.current_A), "voltage_range_V": rng(self.voltage_V),
            "cycles": int(np.unique(self.cycle).size), "steps": int(np.unique(self.step).size),
            "area_cm2": self.area_cm2, "area_origin": self.area_origin, "temperature_C": self.temperature_C,
        }
        if self.area_cm2 is not None:
            out["current_density_range_mA_cm2"] = rng(self.current_density_mA_cm2)
        return out


@dataclass(frozen=True)
class ImpedanceMeasurement:
    """One impedance spectrum: ``frequency_Hz`` [Hz] and complex ``impedance_ohm`` Z = Z′ + jZ″ [Ω] (the
    usual sign: Z″ < 0 for a capacitive arc, plotted as −Z″)."""

    frequency_Hz: np.ndarray
    impedance_ohm: np.ndarray
    source: SourceFile
    area_cm2: float | None = None
    area_origin: str = "unknown"
    temperature_C: float | None = None
    metadata: dict = field(default_factory=dict)

    kind = "impedance"

    def __len__(self) -> int:
        return int(self.frequency_Hz.size)

    @property
    def impedance_ohm_cm2(self) -> np.ndarray:
        """Z_areal = Z A   [Ω cm²] (needs the electrode area)."""
        return self.impedance_ohm * _check_area(self.area_cm2, self.source.path)

    def with_area(self, area_cm2: float | None) -> "ImpedanceMeasurement":
        a = check_area_value(area_cm2, self.source.path)
        return self if a is None else replace(self, area_cm2=a, area_origin="user")

    def with_temperature(self, temperature_C: float | None) -> "ImpedanceMeasurement":
        return self if temperature_C is None else replace(self, temperature_C=float(temperature_C))

    def summary(self) -> dict:
        f = self.frequency_Hz
        z = self.impedance_ohm
        return {
            "kind": self.kind, "file": self.source.path, "format": self.source.format, "sha256": self.source.sha256,
            "points": len(self), "frequency_range_Hz": [float(f.min()), float(f.max())],
            "real_range_ohm": [float(z.real.min()), float(z.real.max())],
            "imag_range_ohm": [float(z.imag.min()), float(z.imag.max())],
            "area_cm2": self.area_cm2, "area_origin": self.area_origin, "temperature_C": self.temperature_C,
        }


Measurement = CyclingMeasurement | ImpedanceMeasurement


def checked_cycling(path: str, fmt: str, sha: str, *, time_s, current_A, voltage_V, cycle=None, step=None,
                    capacity_Ah=None, **kw) -> CyclingMeasurement:
    """Build a CyclingMeasurement after checking what every reader must guarantee: at least 2 points,
    equal lengths, finite time/current/voltage, time not decreasing by more than rounding."""
    t = np.asarray(time_s, dtype=float)
    n = t.size
    if n < 2:
        raise AnodeLabError(f"holds {n} data point(s); a measurement needs at least 2", file=path)
    arrays = {"current": np.asarray(current_A, dtype=float), "voltage": np.asarray(voltage_V, dtype=float)}
    for name, a in arrays.items():
        if a.size != n:
            raise AnodeLabError(f"the {name} column has {a.size} values for {n} time points", file=path, field=name)
    for name, a in (("time", t), *arrays.items()):
        bad = ~np.isfinite(a)
        if bad.any():
            raise AnodeLabError(f"{int(bad.sum())} {name} value(s) are missing or not numbers (first at data row "
                                f"{int(np.argmax(bad)) + 1})", file=path, field=name)
    if np.any(np.diff(t) < -1e-6 * max(1.0, float(np.abs(t).max()))):
        i = int(np.argmax(np.diff(t) < 0)) + 1
        raise AnodeLabError(f"time goes backwards at data row {i + 1} (is this several files joined?)",
                            file=path, field="time")
    cyc = np.zeros(n, dtype=np.int64) if cycle is None else np.asarray(cycle).astype(np.int64)
    stp = np.zeros(n, dtype=np.int64) if step is None else np.asarray(step).astype(np.int64)
    cap = None if capacity_Ah is None else np.asarray(capacity_Ah, dtype=float)
    return CyclingMeasurement(time_s=t - t[0], current_A=arrays["current"], voltage_V=arrays["voltage"], cycle=cyc,
                              step=stp, capacity_Ah=cap, source=SourceFile(path, sha, fmt), **kw)


def checked_impedance(path: str, fmt: str, sha: str, frequency_Hz, impedance_ohm, **kw) -> ImpedanceMeasurement:
    """Build an ImpedanceMeasurement after checking: ≥ 3 points, finite, frequencies > 0."""
    f = np.asarray(frequency_Hz, dtype=float)
    z = np.asarray(impedance_ohm, dtype=complex)
    if f.size < 3:
        raise AnodeLabError(f"holds {f.size} impedance point(s); a spectrum needs at least 3", file=path)
    if z.size != f.size:
        raise AnodeLabError(f"{z.size} impedance values for {f.size} frequencies", file=path)
    if not (np.all(np.isfinite(f)) and np.all(np.isfinite(z))):
        raise AnodeLabError("missing or non-numeric frequency/impedance values", file=path)
    if np.any(f <= 0):
        raise AnodeLabError("frequencies must be > 0 Hz", file=path, field="frequency")
    return ImpedanceMeasurement(frequency_Hz=f, impedance_ohm=z, source=SourceFile(path, sha, fmt), **kw)
