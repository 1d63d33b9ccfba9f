"""Validated protocol settings: one frozen dataclass per protocol, user units in every name.

:func:`parse_settings` accepts numbers or strings (from ``--set key=value``), checks names and ranges
and raises :class:`~anodelab.errors.AnodeLabError` naming the setting and the allowed range.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

from ..errors import AnodeLabError

PROTOCOLS = ("deposition", "symmetric", "ccd", "ce", "eis", "arrhenius")
#: Protocols of a full cell (anodelab.simulate.full_cell): only for designs with a [cathode].
CELL_PROTOCOLS = ("full_cell",)
ALL_PROTOCOLS = PROTOCOLS + CELL_PROTOCOLS

#: Upper bound of designs × points of one simulation (memory guard, ~0.8 GB per float64 array).
MAX_TOTAL_POINTS = 100_000_000


@dataclass(frozen=True)
class Spec:
    """Allowed values of one setting: low < / ≤ value ≤ high; ``integer`` for counts; None default = derived."""

    low: float
    high: float
    low_inclusive: bool = False
    integer: bool = False
    meaning: str = ""

    def describe(self) -> str:
        op = "≥" if self.low_inclusive else ">"
        kind = "a whole number" if self.integer else "a number"
        return f"{kind} {op} {self.low:g} and ≤ {self.high:g}"


@dataclass(frozen=True)
class DepositionSettings:
    duration_s: float | None = None  # None: one plating half cycle, Q / J
    points: int = 400


@dataclass(frozen=True)
class SymmetricSettings:
    cycles: int | None = None  # None: the design's cycles (unless duration_h is given)
    duration_h: float | None = None
    points_per_half_cycle: int = 20
    voltage_limit_mV: float = 1000.0
    seed: int = 0


@dataclass(frozen=True)
class CCDSettings:
    start_mA_cm2: float = 0.1
    step_mA_cm2: float = 0.1
    dwell_s: float = 600.0
    max_mA_cm2: float = 10.0
    points_per_step: int = 40
    seed: int = 0


@dataclass(frozen=True)
class CESettings:
    cycles: int = 10
    reservoir_mAh_cm2: float = 5.0
    cycle_capacity_mAh_cm2: float | None = None  # None: the design's areal capacity


@dataclass(frozen=True)
class EISSettings:
    f_min_Hz: float = 0.01
    f_max_Hz: float = 1e7
    points_per_decade: int = 10


@dataclass(frozen=True)
class ArrheniusSettings:
    t_min_C: float = -20.0
    t_max_C: float = 80.0
    points: int = 21


@dataclass(frozen=True)
class FullCellSettings:
    cycles: int | None = None  # None: the design's cycles
    depth_of_discharge: float | None = None  # None: the design's, areal capacity / cathode capacity
    points_per_half_cycle: int = 40


SETTINGS_CLASSES = {
    "deposition": DepositionSettings,
    "symmetric": SymmetricSettings,
    "ccd": CCDSettings,
    "ce": CESettings,
    "eis": EISSettings,
    "arrhenius": ArrheniusSettings,
    "full_cell": FullCellSettings,
}

SPECS: dict[str, dict[str, Spec]] = {
    "deposition": {
        "duration_s": Spec(0.0, 1e7, meaning="length of the galvanostatic plating step"),
        "points": Spec(20, 1e6, True, True, "number of time points"),
    },
    "symmetric": {
        "cycles": Spec(1, 1e6, True, True, "number of plating/stripping cycles"),
        "duration_h": Spec(0.0, 1e6, meaning="test duration"),
        "points_per_half_cycle": Spec(2, 1e4, True, True, "time points in each half cycle"),
        "voltage_limit_mV": Spec(0.0, 1e5, meaning="cycler voltage limit; the test stops when |V| reaches it"),
        "seed": Spec(0, 2**32 - 1, True, True, "seed of the soft-short noise"),
    },
    "ccd": {
        "start_mA_cm2": Spec(0.0, 1000.0, meaning="first current density"),
        "step_mA_cm2": Spec(0.0, 1000.0, meaning="current-density increment"),
        "dwell_s": Spec(0.0, 1e6, meaning="time of each plating and each stripping step"),
        "max_mA_cm2": Spec(0.0, 1000.0, meaning="highest current density of the ramp"),
        "points_per_step": Spec(4, 1e4, True, True, "time points per current step"),
        "seed": Spec(0, 2**32 - 1, True, True, "seed of the pre-short voltage noise"),
    },
    "ce": {
        "cycles": Spec(1, 1e5, True, True, "number of reservoir cycles n"),
        "reservoir_mAh_cm2": Spec(0.0, 1000.0, meaning="Na reservoir Q_T plated first"),
        "cycle_capacity_mAh_cm2": Spec(0.0, 1000.0, meaning="capacity Q_C of each cycle"),
    },
    "eis": {
        "f_min_Hz": Spec(0.0, 1e15, meaning="lowest frequency"),
        "f_max_Hz": Spec(0.0, 1e15, meaning="highest frequency"),
        "points_per_decade": Spec(1, 1000, True, True, "frequencies per decade"),
    },
    "arrhenius": {
        "t_min_C": Spec(-100.0, 97.0, True, meaning="lowest temperature (below the melting point of Na, 97.8 °C)"),
        "t_max_C": Spec(-100.0, 97.0, True, meaning="highest temperature (below the melting point of Na, 97.8 °C)"),
        "points": Spec(3, 1000, True, True, "number of temperatures"),
    },
    "full_cell": {
        "cycles": Spec(1, 1e5, True, True, "number of charge/discharge cycles"),
        "depth_of_discharge": Spec(0.0, 1.0, meaning="cycled share of the cathode capacity"),
        "points_per_half_cycle": Spec(2, 1e4, True, True, "voltage points in each charge and discharge"),
    },
}


def check_protocol(protocol) -> str:
    if not isinstance(protocol, str) or protocol not in ALL_PROTOCOLS:
        raise AnodeLabError(f"unknown protocol {protocol!r}; choose one of {', '.join(ALL_PROTOCOLS)}", field="protocol")
    return protocol


def _number(protocol: str, name: str, raw: Any, spec: Spec):
    where = f"setting '{name}' of protocol '{protocol}'" + (f" ({spec.meaning})" if spec.meaning else "")
    if isinstance(raw, bool):
        raise AnodeLabError(f"{where} must be {spec.describe()}, got {raw!r}", field=name)
    value = raw
    if isinstance(raw, str):
        text = raw.strip()
        try:
            value = float(text)
        except ValueError:
            raise AnodeLabError(f"{where} must be {spec.describe()}, got {raw!r}", field=name) from None
    if not isinstance(value, (int, float)):
        raise AnodeLabError(f"{where} must be {spec.describe()}, got {raw!r}", field=name)
    value = float(value)
    if not math.isfinite(value):
        raise AnodeLabError(f"{where} must be {spec.describe()}, got {raw!r}", field=name)
    ok_low = value >= spec.low if spec.low_inclusive else value > spec.low
    if not (ok_low and value <= spec.high):
        raise AnodeLabError(f"{where} must be {spec.describe()}, got {raw!r}", field=name)
    if spec.integer:
        if value != int(value):
            raise AnodeLabError(f"{where} must be {spec.describe()}, got {raw!r}", field=name)
        return int(value)
    return value


def parse_settings(protocol: str, raw: dict | None = None):
    """Validate ``raw`` (name → number or string) into the protocol's settings dataclass.

    Unknown names, non-numbers, out-of-range values and inconsistent pairs raise
    :class:`AnodeLabError` naming the setting and what is allowed.
    """
    protocol = check_protocol(protocol)
    raw = dict(raw or {})
    specs = SPECS[protocol]
    unknown = [k for k in raw if k not in specs]
    if unknown:
        raise AnodeLabError(
            f"unknown setting {unknown[0]!r} for protocol '{protocol}'; allowed: {', '.join(specs)}", field=str(unknown[0])
        )
    values = {}
    for name, value in raw.items():
        if value is None and SETTINGS_CLASSES[protocol].__dataclass_fields__[name].default is None:
            continue  # "derived" default requested explicitly
        values[name] = _number(protocol, name, value, specs[name])
    settings = SETTINGS_CLASSES[protocol](**values)
    _check_consistency(protocol, settings)
    return settings


def _check_consistency(protocol: str, s) -> None:
    if protocol == "symmetric" and s.cycles is not None and s.duration_h is not None:
        raise AnodeLabError("give either 'cycles' or 'duration_h' for protocol 'symmetric', not both", field="duration_h")
    if protocol == "ccd":
        if s.max_mA_cm2 < s.start_mA_cm2:
            raise AnodeLabError(
                f"setting 'max_mA_cm2' ({s.max_mA_cm2:g}) must be ≥ 'start_mA_cm2' ({s.start_mA_cm2:g})", field="max_mA_cm2"
            )
        steps = (s.max_mA_cm2 - s.start_mA_cm2) / s.step_mA_cm2 + 1.0  # float: a tiny step gives inf
        if not steps <= 10_000:
            raise AnodeLabError(
                f"setting 'step_mA_cm2' gives {steps:.3g} current steps from {s.start_mA_cm2:g} to {s.max_mA_cm2:g} mA cm⁻²; "
                "at most 10000 are allowed", field="step_mA_cm2")
    if protocol == "eis" and not s.f_min_Hz < s.f_max_Hz:
        raise AnodeLabError(f"setting 'f_min_Hz' ({s.f_min_Hz:g}) must be below 'f_max_Hz' ({s.f_max_Hz:g})", field="f_min_Hz")
    if protocol == "arrhenius" and not s.t_min_C < s.t_max_C:
        raise AnodeLabError(f"setting 't_min_C' ({s.t_min_C:g}) must be below 't_max_C' ({s.t_max_C:g})", field="t_min_C")


def settings_dict(settings) -> dict:
    """The settings as a plain dict (for reports and CSV provenance)."""
    return {f.name: getattr(settings, f.name) for f in fields(settings)}


def check_size(n_designs: int, n_points: int, setting: str) -> None:
    """Refuse simulations whose arrays would not fit in memory, naming the setting that drives the size."""
    total = n_designs * n_points
    if total > MAX_TOTAL_POINTS:
        raise AnodeLabError(
            f"{n_designs} designs × {n_points} points = {total:.3g} points exceeds the limit of {MAX_TOTAL_POINTS:.0e}; "
            f"reduce '{setting}' or the number of designs", field=setting)
