"""Screen definitions: which materials per slot, which conditions, what to keep and rank by.

A screen file (TOML, ``format_version = 1``)::

    format_version = 1
    name = "Ether hosts vs NZSP"
    top_k = 50
    constraints = ["ccd_mA_cm2 >= 1", "total_asr_ohm_cm2 <= 20"]

    [materials]
    host = ["all hosts"]                       # ids or selectors (see SELECTORS)
    coating = ["none", "naf-fec-pretreatment"] # "none" = the slot stays empty
    electrolyte = ["all ether electrolytes", "nzsp"]
    interlayer = ["none", "all interlayers"]   # combined with solid electrolytes only
    coating_with_solid = false                 # coatings combine with liquid electrolytes only (default)

    [conditions]                               # every condition of a design (user units)
    current_density_mA_cm2 = { scale = "log", low = 0.1, high = 10, n = 5 }
    areal_capacity_mAh_cm2 = { values = [1, 2] }
    temperature_C = 25                         # fixed; omitted conditions take the design defaults

    [sampling]                                 # optional; default: full grid of the condition axes
    method = "grid"                            # grid | random | lhs
    n = 1000                                   # random/lhs: condition samples per material combination
    seed = 0

    [uncertainty]                              # optional
    method = "lhs"                             # montecarlo | lhs
    samples = 100
    seed = 1
    rank_by = "nominal"                        # nominal | mean | pessimistic (p95 of a min, p05 of a max)

    [objective]
    metric = "dendrite_risk"                   # a METRICS key
    direction = "min"                          # min | max (default: the metric's rating direction)

    [pareto]
    objectives = ["dendrite_risk min", "cell_overpotential_mV min", "anode_specific_capacity_mAh_g max"]

A constraint on a metric that does not apply to a design (the CCD of a liquid-electrolyte cell,
Sand's time of a solid one) is *passed*: the constraint speaks only about designs it can judge.
Every error names the file and the field and says what is allowed.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path

from ..design import CONDITION_SPECS, Conditions
from ..errors import AnodeLabError, shown
from ..materials.library import Library, default_library
from ..metrics import METRIC_BY_KEY

FORMAT_VERSION = 1
SCREEN_SLOTS = ("host", "coating", "electrolyte", "interlayer")
SAMPLING_METHODS = ("grid", "random", "lhs")
UNCERTAINTY_METHODS = ("montecarlo", "lhs")
RANK_BY = ("nominal", "mean", "pessimistic")
OPS = (">=", "<=", ">", "<")
MAX_TOP_K = 100_000
MAX_UNCERTAINTY_SAMPLES = 10_000
MAX_AXIS_POINTS = 100_000
#: Most random/lhs condition samples per material combination (the table holds 6 × n floats).
MAX_CONDITION_SAMPLES = 2_000_000

#: Selector text → (slot it may appear in, material classes, extra property filter or None).
SELECTORS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, str] | None]] = {
    "all hosts": (("host",), ("host",), None),
    "all coatings": (("coating",), ("coating",), None),
    "all interlayers": (("interlayer",), ("interlayer",), None),
    "all electrolytes": (("electrolyte",), ("liquid_electrolyte", "solid_electrolyte"), None),
    "all liquid electrolytes": (("electrolyte",), ("liquid_electrolyte",), None),
    "all solid electrolytes": (("electrolyte",), ("solid_electrolyte",), None),
    "all ether electrolytes": (("electrolyte",), ("liquid_electrolyte",), ("solvent_family", "ether")),
    "all carbonate electrolytes": (("electrolyte",), ("liquid_electrolyte",), ("solvent_family", "carbonate")),
}
SLOT_CLASSES = {
    "host": ("host",),
    "coating": ("coating",),
    "electrolyte": ("liquid_electrolyte", "solid_electrolyte"),
    "interlayer": ("interlayer",),
}
OPTIONAL = ("coating", "interlayer")


@dataclass(frozen=True)
class ConditionAxis:
    """One condition of the screen, in user units (the unit is in ``name``).

    Exactly one form: ``values`` (explicit list; a fixed value is a list of one), or
    ``low``/``high``/``n`` with ``scale`` linear or log (a grid; for random/LHS sampling, the range).
    """

    name: str
    values: tuple[float, ...] | None = None
    low: float = math.nan
    high: float = math.nan
    n: int = 1
    scale: str = "linear"

    def grid(self) -> tuple[float, ...]:
        """The grid points (user units)."""
        if self.values is not None:
            return self.values
        if self.n == 1:
            return (self.low,)
        if self.scale == "log":
            return tuple(float(x) for x in 10 ** _linspace(math.log10(self.low), math.log10(self.high), self.n))
        return tuple(float(x) for x in _linspace(self.low, self.high, self.n))


def _linspace(a, b, n):
    import numpy as np

    return np.linspace(a, b, n)


@dataclass(frozen=True)
class Constraint:
    metric: str
    op: str
    value: float

    @property
    def text(self) -> str:
        return f"{self.metric} {self.op} {self.value:g}"


@dataclass(frozen=True)
class Objective:
    metric: str
    direction: str  # "min" or "max"

    @property
    def text(self) -> str:
        return f"{self.metric} {self.direction}"


@dataclass(frozen=True)
class Uncertainty:
    method: str = "lhs"
    samples: int = 100
    seed: int = 1
    rank_by: str = "nominal"


@dataclass(frozen=True)
class ScreenSpec:
    """A validated screen. Material lists hold library ids (``None`` = empty optional slot)."""

    name: str
    materials: dict[str, tuple[str | None, ...]]
    conditions: dict[str, ConditionAxis]
    objective: Objective
    pareto: tuple[Objective, ...] = ()
    constraints: tuple[Constraint, ...] = ()
    sampling: str = "grid"
    n_samples: int = 0
    seed: int = 0
    uncertainty: Uncertainty | None = None
    top_k: int = 100
    coating_with_solid: bool = False
    chunk_size: int = 32768
    file: str = "<screen>"
    cell: object | None = None  # anodelab.cell.screen.ScreenCell: a cathode + cell around every design


# --------------------------------------------------------------------------- helpers


def _err(msg, file, fld, entry=None):
    return AnodeLabError(msg, file=file, entry=entry, field=fld)


def _is_number(v) -> bool:
    return not isinstance(v, bool) and isinstance(v, (int, float)) and math.isfinite(v)


def _int(raw, file, fld, low, high) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int) or not low <= raw <= high:
        raise _err(f"must be a whole number from {low} to {high}, got {shown(raw)}", file, fld)
    return int(raw)


def _choice(raw, choices, file, fld) -> str:
    if raw not in choices:
        raise _err(f"must be one of {', '.join(repr(c) for c in choices)}, got {shown(raw)}", file, fld)
    return raw


def _check_keys(raw: dict, allowed, file, where):
    unknown = sorted(set(raw) - set(allowed))
    if unknown:
        raise _err(f"unknown key(s) {unknown}; allowed: {', '.join(sorted(allowed))}", file, where)


def parse_objective(text, file, fld) -> Objective:
    """``"dendrite_risk min"`` (or a table ``{metric, direction}``) → :class:`Objective`."""
    if isinstance(text, dict):
        _check_keys(text, ("metric", "direction"), file, fld)
        metric, direction = text.get("metric"), text.get("direction")
    elif isinstance(text, str):
        parts = text.split()
        metric = parts[0] if parts else ""
        direction = parts[1] if len(parts) > 1 else None
        if len(parts) > 2:
            raise _err(f"write '<metric> min' or '<metric> max', got {shown(text)}", file, fld)
    else:
        raise _err(f"must be '<metric> min|max' or a table {{metric, direction}}, got {shown(text)}", file, fld)
    spec = METRIC_BY_KEY.get(metric) if isinstance(metric, str) else None
    if spec is None:
        raise _err(f"unknown metric {shown(metric)}; allowed: {', '.join(METRIC_BY_KEY)}", file, fld)
    if direction is None:
        if not spec.better:
            raise _err(f"metric {shown(metric)} has no natural direction: say 'min' or 'max'", file, fld)
        direction = "min" if spec.better == "low" else "max"
    _choice(direction, ("min", "max"), file, fld)
    return Objective(metric, direction)


_CONSTRAINT_RE = re.compile(r"^\s*([A-Za-z0-9_]+)\s*(>=|<=|>|<)\s*(\S+)\s*$")


def parse_constraint(text, file, fld) -> Constraint:
    """``"ccd_mA_cm2 >= 1"`` → :class:`Constraint` (metric in user units)."""
    if not isinstance(text, str):
        raise _err(f"must be text like 'ccd_mA_cm2 >= 1', got {shown(text)}", file, fld)
    m = _CONSTRAINT_RE.match(text)
    if not m:
        raise _err(f"must be '<metric> <op> <number>' with op one of {', '.join(OPS)}, got {shown(text)}", file, fld)
    metric, op, num = m.groups()
    if metric not in METRIC_BY_KEY:
        raise _err(f"unknown metric {shown(metric)}; allowed: {', '.join(METRIC_BY_KEY)}", file, fld)
    try:
        value = float(num)
    except ValueError:
        raise _err(f"the bound must be a number, got {shown(num)}", file, fld) from None
    if not math.isfinite(value):
        raise _err(f"the bound must be a finite number, got {shown(num)}", file, fld)
    return Constraint(metric, op, value)


def expand_materials(slot: str, items, library: Library, file: str) -> tuple[str | None, ...]:
    """Material ids and selectors of one slot → ordered, de-duplicated ids (``None`` for "none")."""
    fld = f"materials.{slot}"
    if isinstance(items, str):
        items = [items]
    if not isinstance(items, list) or not items:
        raise _err("must be a non-empty list of material ids or selectors like 'all hosts'", file, fld)
    out: list[str | None] = []
    for item in items:
        if not isinstance(item, str):
            raise _err(f"each entry must be text, got {shown(item)}", file, fld)
        key = item.strip().lower()
        if key == "none":
            if slot not in OPTIONAL:
                raise _err(f"'none' is only allowed in optional slots ({', '.join(OPTIONAL)})", file, fld)
            ids: list[str | None] = [None]
        elif key in SELECTORS:
            slots, classes, prop = SELECTORS[key]
            if slot not in slots:
                ok = [s for s, (sl, _c, _p) in SELECTORS.items() if slot in sl]
                raise _err(f"selector {shown(item)} does not fit this slot; allowed here: {', '.join(ok)}", file, fld)
            mats = sorted(library.of_class(*classes), key=lambda m: m.id)
            if prop:
                mats = [m for m in mats if prop[0] in m.properties and m.properties[prop[0]].value == prop[1]]
            ids = [m.id for m in mats]
        else:
            if item not in library:
                raise _err(f"unknown material {shown(item)}; use a library id or one of: "
                           f"{', '.join(s for s, (sl, _c, _p) in SELECTORS.items() if slot in sl)}, none", file, fld)
            mat = library.get(item)
            if mat.cls not in SLOT_CLASSES[slot]:
                raise _err(f"{shown(item)} is a {mat.cls}; this slot takes {', '.join(SLOT_CLASSES[slot])}", file, fld)
            ids = [item]
        for i in ids:
            if i not in out:
                out.append(i)
    if not out:
        raise _err(f"the selection {shown(items)} matches no material in the library", file, fld)
    return tuple(out)


def parse_axis(name: str, raw, file: str) -> ConditionAxis:
    fld = f"conditions.{name}"
    spec = CONDITION_SPECS.get(name)
    if spec is None:
        raise _err(f"unknown condition; allowed: {', '.join(CONDITION_SPECS)}", file, fld)

    def check(v, sub):
        problem = spec.check(v)
        if problem:
            raise _err(problem, file, f"{fld}{sub}")
        return float(v)

    if _is_number(raw) or isinstance(raw, bool):
        return ConditionAxis(name, values=(check(raw, ""),))
    if not isinstance(raw, dict):
        raise _err("must be a number, {values = [...]} or {low = …, high = …, n = …, scale = 'linear'|'log'}", file, fld)
    if "values" in raw:
        _check_keys(raw, ("values",), file, fld)
        vals = raw["values"]
        if not isinstance(vals, list) or not vals or len(vals) > MAX_AXIS_POINTS:
            raise _err(f"'values' must be a list of 1 to {MAX_AXIS_POINTS} numbers", file, f"{fld}.values")
        return ConditionAxis(name, values=tuple(dict.fromkeys(check(v, ".values") for v in vals)))
    _check_keys(raw, ("low", "high", "n", "scale"), file, fld)
    for k in ("low", "high"):
        if k not in raw:
            raise _err(f"missing '{k}' (or give 'values')", file, f"{fld}.{k}")
    low, high = check(raw["low"], ".low"), check(raw["high"], ".high")
    if high < low:
        raise _err(f"'high' ({high:g}) must be ≥ 'low' ({low:g})", file, f"{fld}.high")
    n = _int(raw.get("n", 1 if low == high else 5), file, f"{fld}.n", 1, MAX_AXIS_POINTS)
    scale = _choice(raw.get("scale", "linear"), ("linear", "log"), file, f"{fld}.scale")
    if scale == "log" and low <= 0:
        raise _err(f"a log scale needs 'low' > 0, got {low:g}", file, f"{fld}.low")
    if spec.integer and (n > 1 or scale == "log"):
        if scale == "log" or any(float(v) != int(v) for v in ConditionAxis(name, None, low, high, n, scale).grid()):
            raise _err("is a whole number: give integer 'values' or a linear grid hitting integers", file, fld)
    return ConditionAxis(name, None, low, high, n, scale)


def parse_screen(data, *, file: str = "<screen>", library: Library | None = None) -> ScreenSpec:
    """Validate the dict form of a screen. Raises :class:`AnodeLabError` naming the field."""
    library = library or default_library()
    if not isinstance(data, dict):
        raise AnodeLabError("a screen must be a table", file=file)
    top = ("format_version", "name", "top_k", "constraints", "materials", "conditions", "sampling",
           "uncertainty", "objective", "pareto", "chunk_size", "description", "cell")
    _check_keys(data, top, file, None)
    if data.get("format_version") != FORMAT_VERSION:
        raise _err(f"must be {FORMAT_VERSION}, got {shown(data.get('format_version'))}", file, "format_version")
    name = data.get("name", Path(file).stem)
    from ..materials.schema import MAX_DESCRIPTION_CHARS, MAX_NAME_CHARS, check_text

    problem = check_text(name, MAX_NAME_CHARS)
    if problem:
        raise _err(problem, file, "name")
    problem = check_text(data.get("description", ""), MAX_DESCRIPTION_CHARS)
    if problem:
        raise _err(problem, file, "description")

    mats_raw = data.get("materials")
    if not isinstance(mats_raw, dict):
        raise _err("missing [materials] table with host and electrolyte lists", file, "materials")
    _check_keys(mats_raw, (*SCREEN_SLOTS, "coating_with_solid"), file, "materials")
    materials: dict[str, tuple[str | None, ...]] = {}
    for slot in SCREEN_SLOTS:
        if slot not in mats_raw:
            if slot in OPTIONAL:
                materials[slot] = (None,)
                continue
            raise _err("missing: list the materials (ids or a selector like 'all hosts')", file, f"materials.{slot}")
        materials[slot] = expand_materials(slot, mats_raw[slot], library, file)
    cws = mats_raw.get("coating_with_solid", False)
    if not isinstance(cws, bool):
        raise _err(f"must be true or false, got {shown(cws)}", file, "materials.coating_with_solid")

    cond_raw = data.get("conditions", {})
    if not isinstance(cond_raw, dict):
        raise _err("must be a table of condition = value / range", file, "conditions")
    defaults = Conditions()
    conditions = {}
    for cname in CONDITION_SPECS:
        if cname in cond_raw:
            conditions[cname] = parse_axis(cname, cond_raw[cname], file)
        else:
            conditions[cname] = ConditionAxis(cname, values=(float(getattr(defaults, cname)),))
    for cname in cond_raw:
        if cname not in CONDITION_SPECS:
            parse_axis(cname, cond_raw[cname], file)  # raises naming the field

    samp = data.get("sampling", {})
    if not isinstance(samp, dict):
        raise _err("must be a table {method, n, seed}", file, "sampling")
    _check_keys(samp, ("method", "n", "seed"), file, "sampling")
    method = _choice(samp.get("method", "grid"), SAMPLING_METHODS, file, "sampling.method")
    n_samples = 0
    if method != "grid":
        if "n" not in samp:
            raise _err("random/lhs sampling needs 'n' (condition samples per material combination)", file, "sampling.n")
        n_samples = _int(samp["n"], file, "sampling.n", 1, MAX_CONDITION_SAMPLES)
        for cname, axis in conditions.items():
            if CONDITION_SPECS[cname].integer and axis.values is None:
                raise _err("is a whole number: random/lhs sampling needs explicit 'values'", file, f"conditions.{cname}")
    seed = _int(samp.get("seed", 0), file, "sampling.seed", 0, 2**63 - 1)

    unc = None
    if "uncertainty" in data:
        u = data["uncertainty"]
        if not isinstance(u, dict):
            raise _err("must be a table {method, samples, seed, rank_by}", file, "uncertainty")
        _check_keys(u, ("method", "samples", "seed", "rank_by"), file, "uncertainty")
        unc = Uncertainty(
            method=_choice(u.get("method", "lhs"), UNCERTAINTY_METHODS, file, "uncertainty.method"),
            samples=_int(u.get("samples", 100), file, "uncertainty.samples", 2, MAX_UNCERTAINTY_SAMPLES),
            seed=_int(u.get("seed", 1), file, "uncertainty.seed", 0, 2**63 - 1),
            rank_by=_choice(u.get("rank_by", "nominal"), RANK_BY, file, "uncertainty.rank_by"),
        )

    cons_raw = data.get("constraints", [])
    if not isinstance(cons_raw, list):
        raise _err("must be a list like [\"ccd_mA_cm2 >= 1\"]", file, "constraints")
    constraints = tuple(parse_constraint(c, file, f"constraints[{i}]") for i, c in enumerate(cons_raw))

    obj_raw = data.get("objective", {"metric": "dendrite_risk"})
    objective = parse_objective(obj_raw, file, "objective")

    pareto: tuple[Objective, ...] = ()
    if "pareto" in data:
        p = data["pareto"]
        if not isinstance(p, dict):
            raise _err("must be a table with 'objectives'", file, "pareto")
        _check_keys(p, ("objectives",), file, "pareto")
        objs = p.get("objectives")
        if not isinstance(objs, list) or not 2 <= len(objs) <= 3:
            raise _err("'objectives' must list 2 or 3 entries like 'dendrite_risk min'", file, "pareto.objectives")
        pareto = tuple(parse_objective(o, file, f"pareto.objectives[{i}]") for i, o in enumerate(objs))
        if len({o.metric for o in pareto}) != len(pareto):
            raise _err("each metric may appear once", file, "pareto.objectives")

    top_k = _int(data.get("top_k", 100), file, "top_k", 1, MAX_TOP_K)
    chunk = _int(data.get("chunk_size", 32768), file, "chunk_size", 64, 1_048_576)
    cell = None
    if "cell" in data:  # full-cell screens (anodelab.cell.screen)
        from ..cell.screen import parse_screen_cell

        cell = parse_screen_cell(data["cell"], file=file, library=library or default_library(),
                                 conditions_raw=cond_raw)
    return ScreenSpec(
        name=name, materials=materials, conditions=conditions, objective=objective, pareto=pareto,
        constraints=constraints, sampling=method, n_samples=n_samples, seed=seed, uncertainty=unc,
        top_k=top_k, coating_with_solid=cws, chunk_size=chunk, file=file, cell=cell,
    )


def loads_screen(text: str, *, file: str = "<screen>", library: Library | None = None) -> ScreenSpec:
    from ..fileio import MAX_INPUT_FILE_BYTES, parse_toml_text

    if len(text) > MAX_INPUT_FILE_BYTES:
        raise AnodeLabError(f"the screen text has {len(text):,} characters; the limit is {MAX_INPUT_FILE_BYTES:,}",
                            file=file)
    data = parse_toml_text(text, file=file, what="not a valid TOML screen file")
    return parse_screen(data, file=file, library=library)


def load_screen(path, *, library: Library | None = None) -> ScreenSpec:
    """Read and validate a screen file. Raises :class:`AnodeLabError` naming file and field."""
    from ..fileio import read_text_bounded

    path = Path(path)
    text = read_text_bounded(path)
    return loads_screen(text, file=str(path), library=library)
