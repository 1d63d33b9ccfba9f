"""Design files: parsing, validation errors naming file/layer/field, atomic save and round trip."""

from __future__ import annotations

import copy
import math
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anodelab.design import CONDITION_SPECS, Layer, design_from_dict, dumps_design, load_design, resolve, save_design
from anodelab.errors import AnodeLabError

BASE = {
    "format_version": 1,
    "name": "t",
    "conditions": {"current_density_mA_cm2": 1.0, "areal_capacity_mAh_cm2": 1.0, "temperature_C": 25.0},
    "host": {"material": "cu-foil"},
    "electrolyte": {"material": "napf6-diglyme-1m"},
}


def with_(path, value):
    d = copy.deepcopy(BASE)
    target = d
    for key in path[:-1]:
        target = target.setdefault(key, {})
    target[path[-1]] = value
    return d


def test_examples_load(examples_dir):
    files = sorted(examples_dir.glob("*.toml"))
    assert len(files) >= 5
    for f in files:
        d = load_design(f)
        assert d.name


@pytest.mark.parametrize(
    "path, value, words",
    [
        (("conditions", "current_density_mA_cm2"), -1.0, "current_density_mA_cm2: must be ≥ 1e-06"),
        (("conditions", "temperature_C"), -300.0, "temperature_C: must be ≥ -200"),
        (("conditions", "cycles"), 2.5, "whole number"),
        (("conditions", "current_density_A_cm2"), 1.0, "unknown condition"),
        (("host", "material"), "unobtainium", "unknown material 'unobtainium'"),
        (("host", "porosity"), 1.2, "layer 'host': porosity: must be a number in [0, 0.99]"),
        (("host", "porosity_percent"), 50, "porosity_percent: unknown property"),
        (("electrolyte", "material"), "cu-foil", "is a host, not allowed in the electrolyte slot"),
        (("interlayer",), {"material": "na15sn4-alloy"}, "interlayer sits between Na and a solid electrolyte"),
        (("format_version",), 2, "unsupported format_version"),
    ],
)
def test_invalid_designs_name_layer_and_field(path, value, words):
    with pytest.raises(AnodeLabError) as err:
        design_from_dict(with_(path, value), file="my.toml")
    assert words in str(err.value)
    assert "my.toml" in str(err.value)


def test_override_and_provenance():
    d = design_from_dict(with_(("host", "porosity"), 0.3))
    layer = resolve(d).layers["host"]
    assert layer.value("porosity") == 0.3
    assert "porosity" in layer.overridden
    assert "override" in layer.properties["porosity"].source
    assert layer.properties["thickness_um"].source  # library value keeps its source


def test_custom_layer_requires_everything():
    d = with_(("coating",), {"material": "custom", "class": "coating", "thickness_nm": 10.0})
    with pytest.raises(AnodeLabError, match="layer 'coating'.*missing required property"):
        design_from_dict(d)


def test_save_is_atomic_and_round_trips(tmp_path):
    d = design_from_dict(with_(("host", "porosity"), 0.3))
    d = d.with_layer("coating", Layer("bi-layer"))
    path = tmp_path / "x.toml"
    save_design(d, path)
    assert load_design(path) == d
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    # saving again over the file keeps it readable at every moment (rename, not rewrite in place)
    save_design(d.with_conditions(temperature_C=40.0), path)
    assert load_design(path).conditions.temperature_C == 40.0
    assert tomllib.loads(dumps_design(d))["host"]["porosity"] == 0.3


def test_corrupt_files_give_one_line_errors(tmp_path):
    p = tmp_path / "bad.toml"
    p.write_bytes(b"\x00\xff not toml [[[")
    with pytest.raises(AnodeLabError, match="bad.toml"):
        load_design(p)
    with pytest.raises(AnodeLabError, match="no such file"):
        load_design(tmp_path / "missing.toml")


def test_content_hash_changes_with_content():
    a = design_from_dict(BASE)
    b = a.with_conditions(temperature_C=30.0)
    assert a.content_hash() != b.content_hash()
    assert a.content_hash() == design_from_dict(copy.deepcopy(BASE)).content_hash()


@settings(max_examples=80, deadline=None)
@given(
    key=st.sampled_from(sorted(CONDITION_SPECS)),
    value=st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6), st.text(max_size=4), st.none()),
)
def test_condition_parser_accepts_or_names_the_field(key, value):
    d = with_(("conditions", key), value)
    try:
        design = design_from_dict(d)
    except AnodeLabError as exc:
        assert key in str(exc)
        return
    v = getattr(design.conditions, key)
    assert math.isfinite(v)
    assert CONDITION_SPECS[key].check(v) is None


def test_atomic_save_keeps_file_mode_and_never_creates_folders(tmp_path):
    import os
    import stat

    from anodelab.fileio import NEW_FILE_MODE, atomic_write_text

    d = design_from_dict(BASE)
    path = tmp_path / "shared.toml"
    save_design(d, path)
    assert stat.S_IMODE(path.stat().st_mode) == NEW_FILE_MODE  # like open(): 0o666 less the umask
    os.chmod(path, 0o640)
    save_design(d.with_conditions(temperature_C=30.0), path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640  # replacing a file keeps its mode
    with pytest.raises(AnodeLabError, match="does not exist"):
        atomic_write_text(tmp_path / "no" / "such" / "folder" / "x.csv", "a")
    assert not (tmp_path / "no").exists()


def test_atomic_write_creates_anodelab_own_user_folders(_isolated_user_dir):
    from anodelab.fileio import atomic_write_text

    target = _isolated_user_dir / "autosave" / "a.toml"
    atomic_write_text(target, "x = 1\n")
    assert target.read_text() == "x = 1\n"
