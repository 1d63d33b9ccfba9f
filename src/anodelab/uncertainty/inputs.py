"""Which inputs of a design are uncertain, and over which range.

Two sources, both read from the data files (nothing is hard-coded here, so new ranged properties
and parameters are picked up as they are added):

* **material properties** — every numeric library property with a ``range`` (in
  ``resources/materials/*.toml`` or the user's library) that fills a batch field of the design
  (:data:`anodelab.batch.LAYER_COLUMNS`). A property the design overrides inline is the user's
  value: it has no range and is fixed.
* **model parameters** — every entry of ``resources/model/parameters.toml`` with a
  ``range = [low, high]``. Parameters without one are fixed at their value (listed as such).

Operating conditions (current density, capacity, temperature, pressure, cycles, Na excess) are
the user's choice and are never sampled.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..batch import CATHODE_COLUMNS, LAYER_COLUMNS, Column
from ..design import Design, ResolvedDesign, resolve
from ..errors import AnodeLabError
from ..formatting import label_of, unit_of
from ..materials.schema import PROPERTIES
from ..paths import resources_dir
from ..physics.parameters import ModelParameters
from .sampling import is_log_range

SOURCES = ("materials", "parameters")


@dataclass(frozen=True)
class UncertainInput:
    """One sampled input: a material property of one slot, or a model parameter (user units).

    ``key`` is unique within a design: ``"host.surface_area_ratio"`` or ``"parameter.flaw_size_um"``.
    ``columns`` are the batch fields a material property fills (SI via :meth:`Column.to_si`).
    """

    key: str
    kind: str  # "material" or "parameter"
    name: str  # property or parameter name (unit suffix included)
    label: str  # for people: "host: surface area ratio" (the material's name is in ``material_name``)
    unit: str  # display unit ("1" for a dimensionless number)
    nominal: float
    low: float
    high: float
    log: bool  # sampled log-uniformly (see anodelab.uncertainty.sampling)
    source: str
    slot: str = ""
    material_id: str = ""
    material_name: str = ""
    columns: tuple[Column, ...] = ()

    def range_text(self) -> str:
        """'5 – 60' (and the unit unless dimensionless), for chart and table labels."""
        from ..formatting import fmt_number

        unit = "" if self.unit in ("", "1") else f" {self.unit}"
        return f"{fmt_number(self.low)} – {fmt_number(self.high)}{unit}"

    @property
    def distribution(self) -> str:
        return "log-uniform" if self.log else "uniform"

    def record(self) -> dict:
        return {"key": self.key, "kind": self.kind, "name": self.name, "label": self.label, "unit": self.unit,
                "material": self.material_id or None,
                "value": self.nominal, "low": self.low, "high": self.high, "distribution": self.distribution,
                "source": self.source}


@dataclass(frozen=True)
class FixedInput:
    """An input held at its value, with the reason (no range, an inline override, not sampled)."""

    key: str
    kind: str
    name: str
    value: object
    reason: str

    def record(self) -> dict:
        return {"key": self.key, "kind": self.kind, "name": self.name, "value": self.value, "reason": self.reason}


@dataclass(frozen=True)
class InputSet:
    uncertain: tuple[UncertainInput, ...]
    fixed: tuple[FixedInput, ...]

    @property
    def materials(self) -> tuple[UncertainInput, ...]:
        return tuple(u for u in self.uncertain if u.kind == "material")

    @property
    def parameters(self) -> tuple[UncertainInput, ...]:
        return tuple(u for u in self.uncertain if u.kind == "parameter")


def property_unit(name: str) -> str:
    """Display unit of a property name; "1" for a dimensionless number."""
    unit = unit_of(name)
    if unit:
        return unit
    spec = PROPERTIES.get(name)
    return "1" if spec is None or spec.kind == "number" else ""


def parameter_unit(name: str, file_unit: str) -> str:
    return unit_of(name) or file_unit or "1"


def default_parameters_file() -> Path:
    return resources_dir() / "model" / "parameters.toml"


@lru_cache(maxsize=8)
def _read_parameter_tables(path: str, _mtime_ns: int) -> dict:
    """The ``[parameters.*]`` tables of a parameters file (cached per path and modification time)."""
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh).get("parameters", {})
    except tomllib.TOMLDecodeError as exc:
        raise AnodeLabError(f"not a valid TOML parameters file ({exc})", file=path) from None


def parameter_ranges(params: ModelParameters, path: Path | None = None) -> dict[str, tuple[float, float]]:
    """``{name: (low, high)}`` of the model parameters that have a range.

    A :class:`~anodelab.physics.parameters.Parameter` that carries a ``range`` attribute is used as
    is; otherwise the ``range = [low, high]`` of the entry in ``path`` (default:
    ``resources/model/parameters.toml``) is read. A range must be two finite numbers with
    low ≤ value ≤ high (the rule of the materials library), else :class:`AnodeLabError`.
    """
    raw: dict = {}
    if not all(hasattr(p, "range") for p in params.entries.values()):
        path = Path(path) if path is not None else default_parameters_file()
        try:
            raw = _read_parameter_tables(str(path), path.stat().st_mtime_ns)
        except FileNotFoundError:
            raise AnodeLabError("no such file", file=str(path)) from None
    out = {}
    where = str(path) if path is not None else "model parameters"
    for name, p in params.entries.items():
        rng = getattr(p, "range", None)
        if rng is None and isinstance(raw.get(name), dict):
            rng = raw[name].get("range")
        if rng is None:
            continue
        if (not isinstance(rng, (list, tuple)) or len(rng) != 2
                or not all(isinstance(b, (int, float)) and not isinstance(b, bool) for b in rng)):
            raise AnodeLabError("'range' must be [low, high] (two numbers)", file=where, entry=name, field="range")
        lo, hi = float(rng[0]), float(rng[1])
        if not (math.isfinite(lo) and math.isfinite(hi)) or not lo <= p.value <= hi:
            raise AnodeLabError(f"range [{lo:g}, {hi:g}] must be finite and contain the value {p.value:g}",
                                file=where, entry=name, field="range")
        out[name] = (lo, hi)
    return out


def collect_inputs(design: Design | ResolvedDesign, params: ModelParameters, library=None, *,
                   sources=SOURCES, parameters_file: Path | None = None) -> InputSet:
    """The uncertain and the fixed inputs of one design.

    ``sources``: which of "materials" and "parameters" to sample (the other is held fixed).
    """
    bad = set(sources) - set(SOURCES)
    if bad:
        raise AnodeLabError(f"unknown uncertainty source(s) {sorted(bad)}; allowed: {', '.join(SOURCES)}",
                            field="sources")
    rd = design if isinstance(design, ResolvedDesign) else resolve(design, library)
    uncertain: list[UncertainInput] = []
    fixed: list[FixedInput] = []
    for slot, layer in rd.layers.items():
        cols_by_prop: dict[str, list[Column]] = {}
        for col in (*LAYER_COLUMNS, *CATHODE_COLUMNS):  # the cathode's ranges too (anodelab.cell)
            if col.slot == slot and not (col.only_for and layer.cls not in col.only_for):
                cols_by_prop.setdefault(col.prop, []).append(col)
        for prop, cols in cols_by_prop.items():
            p = layer.properties.get(prop)
            if p is None or not isinstance(p.value, float):
                continue
            key = f"{slot}.{prop}"
            if prop in layer.overridden:
                reason = "overridden in the design (the user's value, no range)"
            elif p.range is None or p.range[0] == p.range[1]:
                reason = "no range in the library"
            elif "materials" not in sources:
                reason = "material ranges not sampled (sources)"
            else:
                lo, hi = p.range
                uncertain.append(UncertainInput(
                    key=key, kind="material", name=prop, label=f"{slot}: {label_of(prop)}",
                    unit=property_unit(prop), nominal=float(p.value), low=lo, high=hi, log=is_log_range(lo, hi),
                    source=p.source, slot=slot, material_id=layer.material_id, material_name=layer.name,
                    columns=tuple(cols)))
                continue
            fixed.append(FixedInput(key, "material", prop, p.value, reason))
    ranges = parameter_ranges(params, parameters_file)
    for name, p in params.entries.items():
        key = f"parameter.{name}"
        if name in ranges and ranges[name][0] < ranges[name][1] and "parameters" in sources:
            lo, hi = ranges[name]
            uncertain.append(UncertainInput(
                key=key, kind="parameter", name=name, label=f"model parameter: {label_of(name)}",
                unit=parameter_unit(name, p.unit), nominal=float(p.value), low=lo, high=hi,
                log=is_log_range(lo, hi), source=f"{p.kind}: {p.source}"))
        else:
            if name not in ranges:
                reason = f"no range in parameters.toml ({p.kind})"
            elif ranges[name][0] == ranges[name][1]:
                reason = "zero-width range"
            else:
                reason = "parameter ranges not sampled (sources)"
            fixed.append(FixedInput(key, "parameter", name, p.value, reason))
    return InputSet(tuple(uncertain), tuple(fixed))
