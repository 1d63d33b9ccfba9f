"""The materials library: every shipped file validates; bad files get errors naming file, entry and field."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anodelab.errors import AnodeLabError
from anodelab.materials.library import default_library, load_file, load_library
from anodelab.materials.schema import CLASSES, PROPERTIES, REQUIRED
from anodelab.paths import resources_dir

REVIEW_TABLE1_HOSTS = {
    "cu-nanowire-cu", "porous-al", "ni-foam", "carbon-felt", "carbonized-wood", "o-doped-carbon-coconut", "rgo",
    "n-doped-mesoporous-carbon", "no-doped-graphitized-carbon-fiber", "fe2o3-carbon-textile", "sno2-carbon-textile",
    "carbon-paper-interlayer", "ns-doped-cnt-interlayer", "ag-gradient-cnt-film", "c-sb-nucleation-layer-cu",
}


def test_every_library_file_loads_and_every_value_has_a_source():
    lib = default_library()
    assert len(lib) >= 60
    for m in lib.materials.values():
        assert m.cls in CLASSES
        for name in REQUIRED[m.cls]:
            assert name in m.properties, (m.id, name)
        for name, prop in m.properties.items():
            assert prop.source.strip(), (m.id, name)
            if prop.range:
                assert prop.range[0] <= prop.value <= prop.range[1]


def test_library_covers_the_reviews_tables_and_planar_foils():
    lib = default_library()
    for mid in REVIEW_TABLE1_HOSTS | {"na-foil", "cu-foil", "al-foil"}:
        assert lib.get(mid).cls == "host"
    assert {m.id for m in lib.of_class("solid_electrolyte")} >= {"nzsp", "base", "ysz-base", "na3ps4"}
    assert len(lib.of_class("coating")) >= 10
    assert len(lib.of_class("interlayer")) >= 8


def test_literature_records_map_to_library_materials():
    lib = default_library()
    for name in ("table1_liquid.toml", "table2_solid.toml"):
        data = tomllib.loads((resources_dir() / "literature" / name).read_text())
        assert data["record"], name
        for rec in data["record"]:
            for slot in ("host", "coating", "electrolyte", "interlayer"):
                mid = rec.get(slot, "")
                if mid:
                    assert mid in lib, (rec["id"], slot, mid)


def _write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "bad.toml"
    p.write_text(text)
    return p


GOOD_HOST = """
[materials.my-host]
name = "My host"
class = "host"
[materials.my-host.properties]
surface_area_ratio = { value = 2.0, source = "estimate: test" }
porosity = { value = 0.5, source = "estimate: test" }
thickness_um = { value = 100.0, source = "estimate: test" }
areal_mass_mg_cm2 = { value = 5.0, source = "estimate: test" }
nucleation_overpotential_mV = { value = 10.0, source = "estimate: test" }
nucleation_reference_current_mA_cm2 = { value = 1.0, source = "estimate: test" }
reaction_free_energy_J_m2 = { value = 0.0, source = "estimate: test" }
na_contact_angle_deg = { value = 90.0, source = "estimate: test" }
"""


def test_a_good_user_file_loads(tmp_path):
    (mat,) = load_file(_write(tmp_path, GOOD_HOST))
    assert mat.id == "my-host" and mat.value("porosity") == 0.5


@pytest.mark.parametrize(
    "change, field, words",
    [
        ('porosity = { value = 0.5, source = "estimate: test" }', "porosity", None),
        ('porosity = { value = 1.5, source = "estimate: test" }', "porosity", "[0, 0.99]"),
        ('porosity = { value = 0.5 }', "porosity", "source"),
        ('porosity = { value = 0.5, source = "x", range = [0.6, 0.9] }', "porosity", "does not contain"),
        ('porosity_pct = { value = 0.5, source = "x" }', "porosity_pct", "unknown property"),
        ('porosity = { value = "high", source = "x" }', "porosity", "must be"),
    ],
)
def test_bad_property_names_file_entry_and_field(tmp_path, change, field, words):
    text = GOOD_HOST.replace('porosity = { value = 0.5, source = "estimate: test" }', change)
    path = _write(tmp_path, text)
    if words is None:
        load_file(path)
        return
    with pytest.raises(AnodeLabError) as err:
        load_file(path)
    msg = str(err.value)
    assert str(path) in msg and "my-host" in msg and field in msg and words in msg


def test_missing_required_property_is_named(tmp_path):
    text = GOOD_HOST.replace('thickness_um = { value = 100.0, source = "estimate: test" }\n', "")
    with pytest.raises(AnodeLabError, match="missing required property 'thickness_um'"):
        load_file(_write(tmp_path, text))


def test_wetting_needs_angle_or_both_energies(tmp_path):
    text = GOOD_HOST.replace('na_contact_angle_deg = { value = 90.0, source = "estimate: test" }\n', "")
    with pytest.raises(AnodeLabError, match="na_contact_angle_deg"):
        load_file(_write(tmp_path, text))


def test_malformed_toml_is_one_clear_error(tmp_path):
    with pytest.raises(AnodeLabError, match="not valid TOML"):
        load_file(_write(tmp_path, "[materials.x\nname="))


def test_user_library_folder_adds_materials(_isolated_user_dir):
    folder = _isolated_user_dir / "materials"
    folder.mkdir()
    (folder / "mine.toml").write_text(GOOD_HOST)
    lib = load_library()
    assert lib.get("my-host").origin == "user"
    assert "cu-foil" in lib


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(PROPERTIES)), value=st.one_of(st.floats(allow_nan=True), st.booleans(), st.text(max_size=5)))
def test_property_check_never_crashes_and_explains(name, value):
    problem = PROPERTIES[name].check(value)
    assert problem is None or ("must be" in problem)


def test_a_bad_user_file_is_skipped_with_a_message_not_fatal(_isolated_user_dir):
    folder = _isolated_user_dir / "materials"
    folder.mkdir()
    (folder / "broken.toml").write_text("[materials.x\nname=")
    (folder / "latin1.toml").write_bytes("name = 'Kupferschaum für Na'".encode("latin-1"))
    (folder / "good.toml").write_text(GOOD_HOST)
    lib = load_library()
    assert "my-host" in lib and "cu-foil" in lib
    assert len(lib.problems) == 2
    assert any("broken.toml" in p and "not valid TOML" in p for p in lib.problems)
    assert any("latin1.toml" in p and "UTF-8" in p for p in lib.problems)


def test_a_user_file_replacing_an_installed_material_is_reported(_isolated_user_dir):
    folder = _isolated_user_dir / "materials"
    folder.mkdir()
    (folder / "mine.toml").write_text(GOOD_HOST.replace("my-host", "cu-foil"))
    lib = load_library()
    assert lib.get("cu-foil").origin == "user"
    assert "cu-foil" in lib.overrides
    assert "cu-foil" not in load_library(include_user=False).overrides
