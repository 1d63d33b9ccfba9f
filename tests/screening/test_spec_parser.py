"""The screen-file parser: every bad value gives an AnodeLabError naming the field (hypothesis)."""

from __future__ import annotations

import tomllib

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anodelab.errors import AnodeLabError
from anodelab.screening import loads_screen, parse_screen

BASE = {
    "format_version": 1,
    "name": "t",
    "top_k": 5,
    "constraints": ["ccd_mA_cm2 >= 1"],
    "materials": {"host": ["cu-foil"], "electrolyte": ["all ether electrolytes"], "coating": ["none"]},
    "conditions": {"current_density_mA_cm2": {"low": 0.5, "high": 2.0, "n": 3}},
    "objective": {"metric": "dendrite_risk", "direction": "min"},
    "pareto": {"objectives": ["dendrite_risk min", "cell_overpotential_mV min"]},
}


def test_base_parses_and_selectors_expand():
    spec = parse_screen(BASE)
    assert spec.materials["electrolyte"] and all(e for e in spec.materials["electrolyte"])
    assert "napf6-diglyme-1m" in spec.materials["electrolyte"]
    assert "naclo4-ecpc-1m" not in spec.materials["electrolyte"]


#: (path to a value, bad value, field the message must name)
BAD = [
    (("format_version",), 2, "format_version"),
    (("top_k",), 0, "top_k"),
    (("top_k",), "ten", "top_k"),
    (("constraints",), ["ccd >= 1"], "constraints[0]"),
    (("constraints",), ["ccd_mA_cm2 => 1"], "constraints[0]"),
    (("constraints",), ["ccd_mA_cm2 >= x"], "constraints[0]"),
    (("materials", "host"), ["no-such"], "materials.host"),
    (("materials", "host"), ["none"], "materials.host"),
    (("materials", "host"), ["all coatings"], "materials.host"),
    (("materials", "electrolyte"), ["cu-foil"], "materials.electrolyte"),
    (("materials", "electrolyte"), [], "materials.electrolyte"),
    (("conditions", "current_density_mA_cm2"), {"low": -1, "high": 2}, "conditions.current_density_mA_cm2.low"),
    (("conditions", "current_density_mA_cm2"), {"low": 3, "high": 2}, "conditions.current_density_mA_cm2.high"),
    (("conditions", "current_density_mA_cm2"), {"low": 1, "high": 2, "scale": "cubic"}, "conditions.current_density_mA_cm2.scale"),
    (("conditions", "temperature_kelvin"), 300, "conditions.temperature_kelvin"),
    (("conditions", "cycles"), {"low": 1, "high": 2, "n": 3}, "conditions.cycles"),
    (("objective",), {"metric": "risk"}, "objective"),
    (("objective",), {"metric": "dendrite_risk", "direction": "down"}, "objective"),
    (("pareto", "objectives"), ["dendrite_risk min"], "pareto.objectives"),
    (("pareto", "objectives"), ["dendrite_risk min", "foo max"], "pareto.objectives[1]"),
    (("uncertainty",), {"method": "sobol"}, "uncertainty.method"),
    (("uncertainty",), {"samples": 1}, "uncertainty.samples"),
    (("sampling",), {"method": "random"}, "sampling.n"),
]


def _with(path, value):
    import copy

    d = copy.deepcopy(BASE)
    cur = d
    for k in path[:-1]:
        cur = cur.setdefault(k, {})
    cur[path[-1]] = value
    return d


@pytest.mark.parametrize("path,value,fld", BAD)
def test_bad_values_name_the_field(path, value, fld):
    with pytest.raises(AnodeLabError) as exc:
        parse_screen(_with(path, value), file="s.toml")
    assert exc.value.field == fld
    assert str(exc.value).startswith("s.toml: ")


json_scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                         st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12))
json_values = st.recursive(json_scalars, lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=8), c, max_size=3), max_leaves=8)
FIELDS = [(p, f) for p, _v, f in BAD] + [(("materials", "coating"), "materials.coating"),
                                          (("conditions", "areal_capacity_mAh_cm2"), "conditions.areal_capacity_mAh_cm2"),
                                          (("uncertainty", "rank_by"), "uncertainty.rank_by")]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELDS), json_values)
def test_random_values_give_named_error_or_valid_spec(target, value):
    (path, fld) = target
    try:
        spec = parse_screen(_with(path, value), file="s.toml")
    except AnodeLabError as exc:
        # the message names the field that was changed (or a sub-field of it)
        top = fld.split("[")[0]
        assert exc.field is not None and exc.field.startswith(top.split(".")[0]), (exc.field, fld)
        assert "s.toml" in str(exc)
    else:
        assert spec.top_k >= 1


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_text_never_crashes(text):
    try:
        loads_screen(text, file="x.toml")
    except AnodeLabError as exc:
        assert str(exc).startswith("x.toml")


def test_file_round_trip(tmp_path):
    from anodelab.screening import load_screen

    p = tmp_path / "s.toml"
    p.write_text(tomli_w.dumps(BASE))
    assert load_screen(p).name == "t"
    with pytest.raises(AnodeLabError, match="no such file"):
        load_screen(tmp_path / "missing.toml")
    assert tomllib.loads(p.read_text())["top_k"] == 5
