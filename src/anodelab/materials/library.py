"""Loading and validating the materials library.

The library is TOML data, one file per class, in ``resources/materials/`` plus the user's
folder (:func:`anodelab.paths.user_library_dir`). Every property carries ``value`` and
``source``; optional ``range`` (for uncertainty screening) and ``conditions``. A bad file
raises :class:`~anodelab.errors.AnodeLabError` naming file, entry and field.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from ..errors import AnodeLabError
from ..paths import resources_dir, user_library_dir
from .schema import CLASSES, PROPERTIES, allowed, missing_requirements

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Property:
    """A property value with its provenance (user units: the unit is in the property name)."""

    value: float | bool | str
    source: str
    range: tuple[float, float] | None = None
    conditions: str = ""


@dataclass(frozen=True)
class VoltageCurve:
    """A cathode's open-circuit-like discharge curve V(SOC) vs Na/Na⁺ (volts), with its source.

    ``state_of_charge`` rises strictly from 0 (discharged) to 1 (charged); the curve is read by
    linear interpolation (:func:`anodelab.cell.voltage.cathode_voltage_V`).
    """

    state_of_charge: tuple[float, ...]
    voltage_V: tuple[float, ...]
    source: str


@dataclass(frozen=True)
class Material:
    id: str
    name: str
    cls: str
    properties: dict[str, Property]
    description: str = ""
    references: tuple[int, ...] = ()
    origin: str = "installed"  # "installed" or "user"
    file: str = ""
    voltage_curve: VoltageCurve | None = None  # cathodes only

    def value(self, name: str):
        return self.properties[name].value

    def values(self) -> dict:
        return {k: p.value for k, p in self.properties.items()}


@dataclass
class Library:
    materials: dict[str, Material] = field(default_factory=dict)
    #: Problems with the user's own files: each bad file is skipped with a message (the installed
    #: library must still load so that one bad file never locks a user out of the app).
    problems: list[str] = field(default_factory=list)
    #: Installed materials that a user file replaces (id → user file), reported to the user.
    overrides: dict[str, str] = field(default_factory=dict)

    def get(self, material_id: str, *, where: str = "") -> Material:
        try:
            return self.materials[material_id]
        except KeyError:
            close = [m for m in self.materials if material_id.split("-")[0] in m][:5]
            hint = f" (did you mean: {', '.join(close)}?)" if close else ""
            raise AnodeLabError(
                f"unknown material '{material_id}'{hint}; run 'anodelab materials list' to see the library",
                entry=where or None,
            ) from None

    def of_class(self, *classes: str) -> list[Material]:
        return [m for m in self.materials.values() if m.cls in classes]

    def __contains__(self, material_id: str) -> bool:
        return material_id in self.materials

    def __len__(self) -> int:
        return len(self.materials)


def parse_property(name: str, raw, *, file: str, entry: str) -> Property:
    """Validate one ``name = { value = …, source = … }`` entry."""
    where = dict(file=file, entry=entry, field=name)
    if name not in PROPERTIES:
        raise AnodeLabError("unknown property (check the spelling and the unit suffix)", **where)
    if not isinstance(raw, dict):
        raise AnodeLabError("must be a table { value = …, source = \"…\" }", **where)
    unknown = set(raw) - {"value", "source", "range", "conditions"}
    if unknown:
        raise AnodeLabError(f"unknown key(s) {sorted(unknown)}; allowed: value, source, range, conditions", **where)
    if "value" not in raw:
        raise AnodeLabError("missing 'value'", **where)
    source = raw.get("source")
    if not isinstance(source, str) or not source.strip():
        raise AnodeLabError("missing 'source' (a DOI, a reference, or 'estimate: why')", **where)
    spec = PROPERTIES[name]
    problem = spec.check(raw["value"])
    if problem:
        raise AnodeLabError(problem, **where)
    rng = raw.get("range")
    if rng is not None:
        if spec.kind != "number" or not isinstance(rng, list) or len(rng) != 2:
            raise AnodeLabError("'range' must be [low, high] of a numeric property", **where)
        lo, hi = rng
        for bound in (lo, hi):
            problem = spec.check(bound)
            if problem:
                raise AnodeLabError("range bound " + problem, **where)
        if not lo <= raw["value"] <= hi:
            raise AnodeLabError(f"range [{lo}, {hi}] does not contain the value {raw['value']}", **where)
        rng = (float(lo), float(hi))
    value = raw["value"]
    if spec.kind == "number":
        value = float(value)
    return Property(value=value, source=source.strip(), range=rng, conditions=str(raw.get("conditions", "")))


def parse_material(material_id: str, raw, *, file: str, origin: str = "installed") -> Material:
    entry = f"material '{material_id}'"
    if not ID_PATTERN.match(material_id):
        raise AnodeLabError("id must be lowercase letters, digits and hyphens", file=file, entry=entry)
    if not isinstance(raw, dict):
        raise AnodeLabError("must be a table", file=file, entry=entry)
    cls = raw.get("class")
    if cls not in CLASSES:
        raise AnodeLabError(f"must be one of {', '.join(CLASSES)}, got {cls!r}", file=file, entry=entry, field="class")
    name = raw.get("name")
    if not isinstance(name, str) or not name:
        raise AnodeLabError("missing 'name'", file=file, entry=entry, field="name")
    raw_props = raw.get("properties")
    if not isinstance(raw_props, dict):
        raise AnodeLabError("missing [properties] table", file=file, entry=entry, field="properties")
    props = {}
    permitted = allowed(cls)
    for pname, praw in raw_props.items():
        prop = parse_property(pname, praw, file=file, entry=entry)
        if pname not in permitted:
            raise AnodeLabError(f"not a property of a {cls}", file=file, entry=entry, field=pname)
        props[pname] = prop
    problems = missing_requirements(cls, props)
    if problems:
        raise AnodeLabError("; ".join(problems), file=file, entry=entry)
    refs = raw.get("references", [])
    if not isinstance(refs, list) or not all(isinstance(r, int) for r in refs):
        raise AnodeLabError("must be a list of reference numbers", file=file, entry=entry, field="references")
    curve = None
    if "voltage_curve" in raw:
        if cls != "cathode":
            raise AnodeLabError("only a cathode has a voltage_curve", file=file, entry=entry, field="voltage_curve")
        curve = parse_voltage_curve(raw["voltage_curve"], file=file, entry=entry)
    return Material(
        id=material_id,
        name=name,
        cls=cls,
        properties=props,
        description=str(raw.get("description", "")),
        references=tuple(refs),
        origin=origin,
        file=file,
        voltage_curve=curve,
    )


def parse_voltage_curve(raw, *, file: str, entry: str) -> VoltageCurve:
    """Validate ``voltage_curve = { state_of_charge = [...], voltage_V = [...], source = "..." }``."""
    where = dict(file=file, entry=entry, field="voltage_curve")
    if not isinstance(raw, dict) or set(raw) != {"state_of_charge", "voltage_V", "source"}:
        raise AnodeLabError("must be a table with exactly state_of_charge, voltage_V and source", **where)
    soc, volt, source = raw["state_of_charge"], raw["voltage_V"], raw["source"]
    if not isinstance(source, str) or not source.strip():
        raise AnodeLabError("missing 'source' (a DOI, a reference, or 'estimate: why')", **where)
    ok = isinstance(soc, list) and isinstance(volt, list) and len(soc) == len(volt) >= 2
    ok = ok and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in soc + volt)
    if not ok:
        raise AnodeLabError("state_of_charge and voltage_V must be number lists of the same length (≥ 2)", **where)
    if soc[0] != 0 or soc[-1] != 1 or any(b <= a for a, b in zip(soc, soc[1:])):
        raise AnodeLabError("state_of_charge must rise strictly from 0 to 1", **where)
    if any(not 0.0 < v <= 6.0 for v in volt):
        raise AnodeLabError("voltage_V values must be in (0, 6] V", **where)
    return VoltageCurve(tuple(float(x) for x in soc), tuple(float(v) for v in volt), source.strip())


def load_file(path: Path, *, origin: str = "installed") -> list[Material]:
    """Parse and validate one library file."""
    file = str(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except tomllib.TOMLDecodeError as exc:
        raise AnodeLabError(f"not valid TOML ({exc})", file=file) from None
    except UnicodeDecodeError:
        raise AnodeLabError("not UTF-8 text (save the file as UTF-8)", file=file) from None
    except OSError as exc:
        raise AnodeLabError(f"cannot read ({exc.strerror})", file=file) from None
    if data.get("schema_version", 1) != 1:
        raise AnodeLabError("unsupported schema_version (this AnodeLab reads 1)", file=file, field="schema_version")
    mats = data.get("materials")
    if not isinstance(mats, dict):
        raise AnodeLabError("missing [materials.<id>] tables", file=file)
    return [parse_material(mid, raw, file=file, origin=origin) for mid, raw in mats.items()]


def load_library(folders: list[Path] | None = None, *, include_user: bool = True) -> Library:
    """Load the installed library, then the user's folder (user entries override installed ones)."""
    if folders is None:
        folders = [resources_dir() / "materials"]
    lib = Library()
    sources = [(f, "installed") for f in folders]
    if include_user:
        sources.append((user_library_dir(), "user"))
    for folder, origin in sources:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            if origin == "installed":  # the shipped library must be right: fail loudly
                materials = load_file(path, origin=origin)
            else:
                try:
                    materials = load_file(path, origin=origin)
                except AnodeLabError as exc:
                    lib.problems.append(f"skipped your library file: {exc}")
                    continue
            for mat in materials:
                previous = lib.materials.get(mat.id)
                if previous is not None and previous.origin == origin:
                    problem = AnodeLabError(f"duplicate id (also in {previous.file})", file=str(path), entry=mat.id)
                    if origin == "installed":
                        raise problem
                    lib.problems.append(f"skipped: {problem}")
                    continue
                if previous is not None:
                    lib.overrides[mat.id] = str(path)
                lib.materials[mat.id] = mat
    return lib


@lru_cache(maxsize=1)
def _cached_default() -> Library:
    return load_library()


def reset_default_library() -> None:
    """Forget the cached library; the next :func:`default_library` call reads the files again."""
    _cached_default.cache_clear()


def default_library(*, reload: bool = False) -> Library:
    """The installed + user library, loaded once per process (``reload=True`` re-reads it)."""
    if reload:
        _cached_default.cache_clear()
    return _cached_default()
