"""Hypothesis strategies over AnodeLab's input files (design, user library, screen, simulation settings).

Each strategy draws a file as a dict plus the set of names it touched, so that a test can check that an
error message names one of them.
"""

from __future__ import annotations

import copy
import math
import tomllib
from pathlib import Path

from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "resources" / "examples").glob("*.toml"))
BASE_DESIGNS = [tomllib.loads(p.read_text(encoding="utf-8")) for p in EXAMPLES]
SCREEN = tomllib.loads((REPO / "resources" / "screens" / "ether_hosts.toml").read_text(encoding="utf-8"))
SCREEN["materials"] = {"host": ["cu-foil", "cu-nanowire-cu"], "coating": ["none"],
                       "electrolyte": ["napf6-diglyme-1m"]}  # a few designs: the fuzz runs many
USER_MATERIAL = tomllib.loads((REPO / "tests" / "data" / "repro" / "d_xss_user_material.toml").read_text())

KEY = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=12)
TEXT = st.text(max_size=40)  # any unicode, control characters included

FLOATS = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([0.0, -0.0, 5e-324, 1e-305, 1e-30, 1e-6, 1.0, 1e6, 1e308, -1.0, -273.15, -265.0]),
)
SCALARS = st.one_of(FLOATS, st.integers(-10**20, 10**20), st.booleans(), TEXT)
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                      st.dictionaries(KEY, inner, max_size=3)), max_leaves=6)


def _props():
    from anodelab.materials.schema import PROPERTIES

    return sorted(PROPERTIES)


def _conditions():
    from anodelab.design import CONDITION_SPECS

    return CONDITION_SPECS


def _in_range(spec_low, spec_high, integer=False):
    """Values inside a documented range, boundaries and log-spread included."""
    lo, hi = float(spec_low), float(spec_high)
    choices = [st.floats(min_value=lo, max_value=hi, allow_nan=False, allow_infinity=False)]
    if lo > 0 and math.isfinite(hi):
        choices.append(st.floats(min_value=math.log10(lo), max_value=math.log10(hi)).map(lambda e: 10.0 ** e))
    elif lo == 0 and math.isfinite(hi) and hi > 1e-30:
        choices.append(st.floats(min_value=-30, max_value=math.log10(hi)).map(lambda e: 10.0 ** e))
    choices.append(st.sampled_from([lo, hi]))
    s = st.one_of(*choices).filter(lambda v: lo <= v <= hi)
    return s.map(lambda v: int(round(v))).filter(lambda v: lo <= v <= hi) if integer else s


@st.composite
def design_files(draw, in_range: bool = False):
    """(dict, touched names). ``in_range``: only values inside the documented ranges (expect exit 0)."""
    data = copy.deepcopy(draw(st.sampled_from(BASE_DESIGNS)))
    touched: set[str] = set()
    conds = _conditions()
    if in_range:
        keys = sorted(conds)
        if "cell" in data:  # a [cell] table may fix the cycled capacity and the Na excess itself
            keys = [k for k in keys if k not in ("areal_capacity_mAh_cm2", "na_excess_mAh_cm2")]
        for key in draw(st.lists(st.sampled_from(keys), max_size=6, unique=True)):
            spec = conds[key]
            hi = min(spec.high, 1e6)
            lo = spec.low if spec.low_inclusive else (spec.low + max(1e-9, abs(spec.low) * 1e-9))
            data["conditions"][key] = draw(_in_range(lo, hi, spec.integer))
            touched.add(key)
        from anodelab.design import resolve, design_from_dict
        from anodelab.materials.schema import PROPERTIES

        rd = resolve(design_from_dict(data))
        for slot in draw(st.lists(st.sampled_from(sorted(rd.layers)), max_size=3, unique=True)):
            layer = rd.layers[slot]
            numeric = [n for n, p in layer.properties.items() if PROPERTIES[n].kind == "number"]
            for name in draw(st.lists(st.sampled_from(numeric), max_size=4, unique=True)):
                spec = PROPERTIES[name]
                lo = spec.low if spec.low_inclusive else spec.low + max(1e-30, abs(spec.low) * 1e-9)
                hi = spec.high if spec.high_inclusive else spec.high - max(1e-12, abs(spec.high) * 1e-9)
                hi = min(hi, 1e300)
                lo = max(lo, -1e300)
                v = draw(_in_range(lo, hi))
                if spec.low == 0.0 and 0 < v < 1e-30:
                    v = 0.0 if spec.low_inclusive else 1e-30
                if isinstance(data[slot], str):
                    data[slot] = {"material": data[slot]}
                data[slot][name] = v
                touched.add(name)
        return data, touched
    n = draw(st.integers(1, 4))
    for _ in range(n):
        kind = draw(st.sampled_from(["condition", "override", "source", "unknown", "material", "name",
                                     "description", "drop", "table", "custom"]))
        if kind == "condition":
            key = draw(st.one_of(st.sampled_from(sorted(conds)), KEY))
            data.setdefault("conditions", {})[key] = draw(VALUES)
            touched.add(key)
        elif kind in ("override", "source", "material", "table", "custom"):
            slot = draw(st.sampled_from(["host", "coating", "electrolyte", "interlayer"]))
            touched.add(slot)
            layer = data.get(slot)
            if not isinstance(layer, dict):
                layer = {"material": layer} if isinstance(layer, str) else {"material": "cu-foil"}
                data[slot] = layer
            if kind == "override":
                key = draw(st.one_of(st.sampled_from(_props()), KEY))
                layer[key] = draw(VALUES)
                touched.add(key)
            elif kind == "source":
                key = draw(st.sampled_from(_props()))
                layer.setdefault("sources", {}) if isinstance(layer.get("sources"), dict) else layer.update(sources={})
                layer["sources"][key] = draw(VALUES)
                touched.update({"sources", key})
            elif kind == "material":
                layer["material"] = draw(st.one_of(TEXT, st.sampled_from(["custom", "nzsp", "cu-foil", "bi-coating"]),
                                                   VALUES))
                touched.add("material")
            elif kind == "custom":
                layer.update({"material": "custom", "class": draw(st.one_of(TEXT, st.sampled_from(
                    ["host", "coating", "liquid_electrolyte", "solid_electrolyte", "interlayer"]))),
                    "name": draw(st.one_of(TEXT, VALUES))})
                touched.update({"class", "name", "material"})
            else:
                data[slot] = draw(VALUES)
        elif kind == "unknown":
            key = draw(KEY)
            data[key] = draw(VALUES)
            touched.add(key)
        elif kind in ("name", "description"):
            data[kind] = draw(st.one_of(TEXT, VALUES, st.text(min_size=200, max_size=400)))
            touched.add(kind)
        elif kind == "drop":
            slot = draw(st.sampled_from(["host", "electrolyte", "conditions", "format_version"]))
            data.pop(slot, None)
            touched.add(slot)
    return data, touched


@st.composite
def library_files(draw):
    """A user library file: the probe's evil-host material with mutations."""
    data = copy.deepcopy(USER_MATERIAL)
    mat = data["materials"]["evil-host"]
    touched: set[str] = set()
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["value", "range", "source", "unknown_prop", "field", "id", "schema"]))
        if kind in ("value", "range", "source", "unknown_prop") and not (
                isinstance(mat.get("properties"), dict) and mat["properties"]):
            continue
        if kind in ("value", "range", "source"):
            name = draw(st.sampled_from(sorted(mat["properties"])))
            prop = mat["properties"][name]
            touched.add(name)
            if not isinstance(prop, dict):
                continue
            if kind == "value":
                prop["value"] = draw(VALUES)
            elif kind == "range":
                prop["range"] = draw(st.one_of(st.lists(FLOATS, min_size=2, max_size=2), VALUES))
            else:
                prop["source"] = draw(st.one_of(TEXT, VALUES))
        elif kind == "unknown_prop":
            key = draw(st.one_of(st.sampled_from(_props()), KEY))
            mat["properties"][key] = draw(st.one_of(VALUES, st.fixed_dictionaries(
                {"value": FLOATS, "source": st.just("x")})))
            touched.add(key)
        elif kind == "field":
            key = draw(st.sampled_from(["name", "class", "description", "references", "properties"]))
            mat[key] = draw(VALUES)
            touched.add(key)
        elif kind == "id":
            new = draw(st.one_of(KEY, TEXT))
            data["materials"] = {new: mat}
            touched.add("material")
        else:
            data["schema_version"] = draw(VALUES)
            touched.add("schema_version")
    return data, touched


@st.composite
def screen_files(draw):
    data = copy.deepcopy(SCREEN)
    touched: set[str] = set()
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["axis", "top_k", "chunk_size", "objective", "constraint", "sampling",
                                     "materials", "unknown"]))
        if kind == "axis":
            key = draw(st.sampled_from(["current_density_mA_cm2", "areal_capacity_mAh_cm2", "temperature_C",
                                        "stack_pressure_MPa", "cycles", "na_excess_mAh_cm2"]))
            axis = draw(st.one_of(
                FLOATS, VALUES,
                st.fixed_dictionaries({"low": FLOATS, "high": FLOATS, "n": st.integers(-2, 12)},
                                      optional={"scale": st.sampled_from(["log", "linear", "x"])}),
                st.fixed_dictionaries({"values": st.lists(FLOATS, max_size=5)}),
                st.fixed_dictionaries({"low": st.just(0.1), "high": st.just(10.0),
                                       "n": st.sampled_from([100_000, 100_001, 10**9])}),
            ))
            data["conditions"][key] = axis
            touched.add(key)
        elif kind in ("top_k", "chunk_size"):
            data[kind] = draw(st.one_of(st.integers(-5, 2_000_000), VALUES))
            touched.add(kind)
        elif kind == "objective":
            data["objective"] = draw(st.one_of(TEXT, VALUES, st.sampled_from(["dendrite_risk min", "ccd_mA_cm2 max"])))
            touched.add("objective")
        elif kind == "constraint":
            data["constraints"] = draw(st.one_of(st.lists(TEXT, max_size=3), VALUES))
            touched.add("constraints")
        elif kind == "sampling":
            data["sampling"] = draw(st.one_of(VALUES, st.fixed_dictionaries(
                {"method": st.sampled_from(["random", "lhs", "grid", "x"]), "n": st.integers(-1, 50)})))
            touched.add("sampling")
        elif kind == "materials":
            slot = draw(st.sampled_from(["host", "coating", "electrolyte", "interlayer"]))
            data["materials"][slot] = draw(st.one_of(st.lists(TEXT, max_size=3), VALUES))
            touched.add(slot)
        else:
            key = draw(KEY)
            data[key] = draw(VALUES)
            touched.add(key)
    return data, touched


@st.composite
def settings_sets(draw):
    """(protocol, ["key=value", ...], touched names) for `anodelab simulate --set`."""
    from anodelab.simulate.settings import PROTOCOLS, SPECS

    protocol = draw(st.sampled_from(PROTOCOLS))
    out, touched = [], set()
    for key in draw(st.lists(st.one_of(st.sampled_from(sorted(SPECS[protocol])), KEY), max_size=3, unique=True)):
        spec = SPECS[protocol].get(key)
        if spec is not None and draw(st.booleans()):
            hi = min(spec.high, 60.0)  # in range but small: the fuzz must stay fast
            lo = spec.low
            v = draw(st.floats(min_value=lo, max_value=max(lo, hi)))
            text = str(int(v)) if spec.integer else repr(v)
        else:
            text = draw(st.one_of(st.text(alphabet="0123456789.-+eE naifx", min_size=1, max_size=8),
                                  FLOATS.map(repr)))
        if not text.strip():
            text = "x"
        out.append(f"{key}={text}")
        touched.add(key)
    return protocol, out, touched
