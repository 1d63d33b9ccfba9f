"""The design model: layers + operating conditions, its TOML file format and its validation.

A design file (``format_version = 1``)::

    name = "Na on Cu nanowires in diglyme"
    [conditions]
    current_density_mA_cm2 = 1.0
    areal_capacity_mAh_cm2 = 1.0
    temperature_C = 25.0
    stack_pressure_MPa = 0.0
    cycles = 200
    na_excess_mAh_cm2 = 5.0
    [host]
    material = "cu-nanowire-cu"
    porosity = 0.85            # an override of the library value, in the property's unit
    [electrolyte]
    material = "napf6-diglyme-1m"
    [coating]                  # optional
    material = "custom"        # a fully inline layer: class + name + every required property
    class = "coating"
    ...

Slots: ``host``, ``coating`` (optional), ``electrolyte`` (liquid or solid), ``interlayer``
(optional, only with a solid electrolyte), ``cathode`` (optional: makes the design a full cell,
with the ``[cell]`` section of :mod:`anodelab.cell.spec`; a design without it scores as an anode). Every value is checked against
:mod:`anodelab.materials.schema`; errors name the file, the layer and the field.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from .electrolyte.resolve import apply_transport_model
from .errors import AnodeLabError
from .fileio import atomic_write_text
from .materials.library import Library, Material, Property, default_library
from .errors import shown, summarise_names
from .materials.schema import (
    MAX_DESCRIPTION_CHARS,
    MAX_NAME_CHARS,
    MAX_SOURCE_CHARS,
    PROPERTIES,
    SLOT_CLASSES,
    allowed,
    check_text,
    missing_requirements,
)

FORMAT_VERSION = 1
SLOTS = ("host", "coating", "electrolyte", "interlayer", "cathode")
OPTIONAL_SLOTS = ("coating", "interlayer", "cathode")


@dataclass(frozen=True)
class ConditionSpec:
    name: str
    low: float
    high: float
    low_inclusive: bool
    default: float
    meaning: str
    integer: bool = False

    def check(self, value) -> str | None:
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"must be a number {self.describe()}, got {shown(value)}"
        if self.integer and float(value) != int(value):
            return f"must be a whole number {self.describe()}, got {shown(value)}"
        ok_lo = value >= self.low if self.low_inclusive else value > self.low
        if ok_lo and value <= self.high:
            return None
        return f"must be {self.describe()}, got {shown(value)}"

    def describe(self) -> str:
        op = "≥" if self.low_inclusive else ">"
        return f"{op} {self.low:g} and ≤ {self.high:g}"


CONDITION_SPECS: dict[str, ConditionSpec] = {
    s.name: s
    for s in (
        # the lower bounds are where the model's numbers stay finite: 1 nA cm⁻² / 1 nAh cm⁻² (below, the
        # half-cycle time and Sand's time overflow) and -200 °C (below, the Arrhenius factors overflow)
        ConditionSpec("current_density_mA_cm2", 1e-6, 1000.0, True, 1.0, "geometric current density J"),
        ConditionSpec("areal_capacity_mAh_cm2", 1e-6, 1000.0, True, 1.0, "capacity per half cycle"),
        ConditionSpec("temperature_C", -200.0, 1000.0, True, 25.0, "cell temperature"),
        ConditionSpec("stack_pressure_MPa", 0.0, 1000.0, True, 0.0, "stack pressure"),
        ConditionSpec("cycles", 1.0, 1e6, True, 100.0, "number of plating/stripping cycles", integer=True),
        ConditionSpec("na_excess_mAh_cm2", 0.0, 1e4, True, 0.0, "Na inventory beyond the cycled capacity (0 = anode-free)"),
    )
}


@dataclass(frozen=True)
class Conditions:
    """Operating conditions, in user units (the unit is in each name)."""

    current_density_mA_cm2: float = 1.0
    areal_capacity_mAh_cm2: float = 1.0
    temperature_C: float = 25.0
    stack_pressure_MPa: float = 0.0
    cycles: int = 100
    na_excess_mAh_cm2: float = 0.0


@dataclass(frozen=True)
class Layer:
    """A slot's content: a library material with optional overrides, or a fully inline ``custom`` one."""

    material: str
    overrides: dict = field(default_factory=dict)
    cls: str = ""  # only for material == "custom"
    name: str = ""  # only for material == "custom"
    sources: dict = field(default_factory=dict)  # optional source notes for overrides / custom values


@dataclass(frozen=True)
class Design:
    name: str
    host: Layer
    electrolyte: Layer
    conditions: Conditions = field(default_factory=Conditions)
    coating: Layer | None = None
    interlayer: Layer | None = None
    description: str = ""
    cathode: Layer | None = None
    cell: "CellSpec | None" = None  # the cell around the anode; only with a cathode

    def layer(self, slot: str) -> Layer | None:
        return getattr(self, slot)

    def with_layer(self, slot: str, layer: Layer | None) -> "Design":
        return replace(self, **{slot: layer})

    def with_conditions(self, **changes) -> "Design":
        return replace(self, conditions=replace(self.conditions, **changes))

    def to_dict(self) -> dict:
        """The design as the plain dict written to TOML (and embedded in JSON reports)."""
        out: dict = {"format_version": FORMAT_VERSION, "name": self.name}
        if self.description:
            out["description"] = self.description
        out["conditions"] = asdict(self.conditions)
        for slot in SLOTS:
            layer = self.layer(slot)
            if layer is None:
                continue
            d: dict = {"material": layer.material}
            if layer.material == "custom":
                d["class"] = layer.cls
                d["name"] = layer.name
            d.update(layer.overrides)
            if layer.sources:
                d["sources"] = dict(layer.sources)
            out[slot] = d
        if self.cell is not None:
            out["cell"] = self.cell.to_dict()
        return out

    def content_hash(self) -> str:
        """SHA-256 of the canonical JSON of the design (first 16 hex digits)."""
        blob = json.dumps(self.to_dict(), sort_keys=True, separators=(",", ":")).encode()
        return hashlib.sha256(blob).hexdigest()[:16]


# --------------------------------------------------------------------------- parsing


def design_from_dict(data: dict, *, file: str = "<design>", library: Library | None = None) -> Design:
    """Build and validate a design from its dict form. Raises AnodeLabError naming the field."""
    if not isinstance(data, dict):
        raise AnodeLabError("a design must be a table", file=file)
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise AnodeLabError(
            f"unsupported format_version {version!r} (this AnodeLab reads {FORMAT_VERSION})",
            file=file,
            field="format_version",
        )
    known = {"format_version", "name", "description", "conditions", "cell", *SLOTS}
    unknown = [k for k in data if k not in known]
    if unknown:
        raise AnodeLabError(f"{len(unknown):,} unknown top-level key(s) {summarise_names(unknown)}; "
                            f"allowed: {sorted(known)}", file=file)
    name = data.get("name", Path(file).stem)
    problem = check_text(name, MAX_NAME_CHARS)
    if problem:
        raise AnodeLabError(problem, file=file, field="name")
    problem = check_text(data.get("description", ""), MAX_DESCRIPTION_CHARS)
    if problem:
        raise AnodeLabError(problem, file=file, field="description")
    cond = _parse_conditions(data.get("conditions", {}), file)
    layers = {}
    for slot in SLOTS:
        raw = data.get(slot)
        if raw is None:
            if slot not in OPTIONAL_SLOTS:
                raise AnodeLabError(f"missing [{slot}] table with a 'material'", file=file, entry=f"layer '{slot}'")
            layers[slot] = None
            continue
        layers[slot] = _parse_layer(slot, raw, file)
    cell = None
    if layers["cathode"] is not None or "cell" in data:
        from .cell.spec import parse_cell_section

        library = library or default_library()
        cell, cond = parse_cell_section(data, layers["cathode"], cond, library=library, file=file)
    design = Design(
        name=name,
        description=str(data.get("description", "")),
        conditions=cond,
        cell=cell,
        **layers,
    )
    resolve(design, library or default_library(), file=file)  # full validation against the library
    return design


def _parse_conditions(raw, file: str) -> Conditions:
    if not isinstance(raw, dict):
        raise AnodeLabError("must be a table", file=file, entry="conditions")
    values = {}
    for key, value in raw.items():
        spec = CONDITION_SPECS.get(key)
        if spec is None:
            extra = [k for k in raw if k not in CONDITION_SPECS]
            more = f" ({len(extra):,} unknown keys: {summarise_names(extra)})" if len(extra) > 1 else ""
            raise AnodeLabError(
                f"unknown condition{more} (allowed: {', '.join(CONDITION_SPECS)})", file=file, entry="conditions",
                field=key
            )
        problem = spec.check(value)
        if problem:
            raise AnodeLabError(problem, file=file, entry="conditions", field=key)
        values[key] = int(value) if spec.integer else float(value)
    return Conditions(**values)


def _parse_layer(slot: str, raw, file: str) -> Layer:
    entry = f"layer '{slot}'"
    if isinstance(raw, str):
        raw = {"material": raw}
    if not isinstance(raw, dict):
        raise AnodeLabError("must be a table with a 'material' key", file=file, entry=entry)
    material = raw.get("material")
    if not isinstance(material, str) or not material:
        raise AnodeLabError("missing 'material' (a library id or \"custom\")", file=file, entry=entry, field="material")
    overrides = {k: v for k, v in raw.items() if k not in ("material", "class", "name", "sources")}
    sources = raw.get("sources", {})
    if not isinstance(sources, dict):
        raise AnodeLabError("must be a table of property = \"source\"", file=file, entry=entry, field="sources")
    for key, note in sources.items():
        problem = check_text(note, MAX_SOURCE_CHARS)
        if problem:
            raise AnodeLabError(f"a source note {problem}", file=file, entry=entry, field=f"sources.{key}")
    cls = raw.get("class", "")
    if material == "custom" or "name" in raw:
        problem = check_text(raw.get("name", ""), MAX_NAME_CHARS)
        if problem:
            raise AnodeLabError(problem, file=file, entry=entry, field="name")
    if material == "custom":
        if not isinstance(cls, str) or cls not in SLOT_CLASSES[slot]:
            raise AnodeLabError(
                f"a custom layer needs class = one of {', '.join(SLOT_CLASSES[slot])}", file=file, entry=entry, field="class"
            )
    elif "class" in raw:
        raise AnodeLabError("'class' is only for material = \"custom\"", file=file, entry=entry, field="class")
    return Layer(material=material, overrides=overrides, cls=cls, name=str(raw.get("name", "")), sources=dict(sources))


# --------------------------------------------------------------------------- resolution


@dataclass(frozen=True)
class ResolvedLayer:
    """A slot after merging library values with overrides (user units) and their provenance."""

    slot: str
    material_id: str
    cls: str
    name: str
    properties: dict[str, Property]
    overridden: frozenset[str]

    def value(self, name: str, default=None):
        p = self.properties.get(name)
        return default if p is None else p.value

    def values_dict(self) -> dict:
        return {k: p.value for k, p in self.properties.items()}


@dataclass(frozen=True)
class ResolvedDesign:
    design: Design
    layers: dict[str, ResolvedLayer]

    @property
    def is_solid(self) -> bool:
        return self.layers["electrolyte"].cls == "solid_electrolyte"


def resolve(design: Design, library: Library | None = None, *, file: str = "<design>") -> ResolvedDesign:
    """Merge each layer's library material with its overrides and validate the result."""
    library = library or default_library()
    layers: dict[str, ResolvedLayer] = {}
    for slot in SLOTS:
        layer = design.layer(slot)
        if layer is None:
            continue
        layers[slot] = _resolve_layer(slot, layer, library, file)
    if "interlayer" in layers and layers["electrolyte"].cls != "solid_electrolyte":
        raise AnodeLabError(
            "an interlayer sits between Na and a solid electrolyte; this design's electrolyte is liquid "
            "(remove the interlayer, or model a 3D interlayer as the host)",
            file=file,
            entry="layer 'interlayer'",
        )
    if "cathode" in layers:
        from .cell.spec import check_cell

        check_cell(design, layers["cathode"], file=file)
    return ResolvedDesign(design=design, layers=layers)


def _resolve_layer(slot: str, layer: Layer, library: Library, file: str) -> ResolvedLayer:
    entry = f"layer '{slot}'"
    if layer.material == "custom":
        cls = layer.cls
        name = layer.name or f"custom {cls}"
        base: dict[str, Property] = {}
    else:
        try:
            mat: Material = library.get(layer.material)
        except AnodeLabError as exc:
            raise AnodeLabError(exc.detail, file=file, entry=entry, field="material") from None
        if mat.cls not in SLOT_CLASSES[slot]:
            raise AnodeLabError(
                f"'{mat.id}' is a {mat.cls}, not allowed in the {slot} slot (allowed: {', '.join(SLOT_CLASSES[slot])})",
                file=file,
                entry=entry,
                field="material",
            )
        cls, name, base = mat.cls, mat.name, dict(mat.properties)
    props = dict(base)
    permitted = allowed(cls)
    for key, value in layer.overrides.items():
        spec = PROPERTIES.get(key)
        if spec is None or key not in permitted:
            hint = " (check the unit suffix)" if spec is None else f" (not a property of a {cls})"
            extra = [k for k in layer.overrides if k not in PROPERTIES or k not in permitted]
            if len(extra) > 1:
                hint += f" ({len(extra):,} unknown keys: {summarise_names(extra)})"
            raise AnodeLabError(f"unknown property{hint}; allowed: {', '.join(permitted)}", file=file, entry=entry, field=key)
        problem = spec.check(value)
        if problem:
            raise AnodeLabError(problem, file=file, entry=entry, field=key)
        source = layer.sources.get(key) or "user override in the design file"
        props[key] = Property(value=float(value) if spec.kind == "number" else value, source=source)
    problems = missing_requirements(cls, props)
    if problems:
        raise AnodeLabError("; ".join(problems), file=file, entry=entry)
    props = apply_transport_model(cls, props, layer.overrides)  # σ(c), D(c), t₊(c) (anodelab.electrolyte)
    return ResolvedLayer(
        slot=slot,
        material_id=layer.material,
        cls=cls,
        name=name,
        properties=props,
        overridden=frozenset(layer.overrides),
    )


# --------------------------------------------------------------------------- files


def load_design(path: str | Path, library: Library | None = None) -> Design:
    """Read and validate a design file (TOML). Raises AnodeLabError with file/layer/field."""
    from .fileio import read_toml

    path = Path(path)
    data = read_toml(path, what="not a valid TOML design file")
    return design_from_dict(data, file=str(path), library=library)


def dumps_design(design: Design) -> str:
    import tomli_w

    return tomli_w.dumps(design.to_dict())


def save_design(design: Design, path: str | Path) -> None:
    """Write the design atomically (temporary file + rename)."""
    atomic_write_text(path, dumps_design(design))


def condition_names() -> list[str]:
    return [f.name for f in fields(Conditions)]
