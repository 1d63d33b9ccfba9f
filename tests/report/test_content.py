"""Report content: gathered from the engine, formatted once; literature matching by hand cases."""

from __future__ import annotations

import dataclasses
import math

import pytest

from anodelab.design import Layer
from anodelab.errors import AnodeLabError
from anodelab.metrics import METRICS
from anodelab.report.content import build_content, fmt_number, property_unit
from anodelab.report.literature import closest_records, literature_matches
from anodelab.scoring import score


@pytest.mark.parametrize(
    "value, text",
    [(None, "n/a"), (0.0, "0"), (1.0, "1"), (18.0702, "18.07"), (0.004472, "0.004472"), (2.9e7, "2.900e+07"),
     (1.0e-4, "1.000e-04"), (10802.96, "1.080e+04"), (math.inf, "∞"), (math.nan, "n/a"), (True, "yes")],
)
def test_fmt_number(value, text):
    assert fmt_number(value) == text


def test_property_units_from_the_name_suffix():
    assert property_unit("conductivity_mS_cm") == "mS cm⁻¹"
    assert property_unit("sei_asr_ohm_cm2") == "Ω cm²"
    assert property_unit("reference_temperature_C") == "°C"
    assert property_unit("porosity") == "1"
    assert property_unit("solvent_family") == ""


def test_metrics_match_the_engine_record(liquid_design):
    c = build_content(liquid_design, include_plots=False)
    record = score(liquid_design).record(0)
    keys = [m.key for m in c.metrics]
    # liquid design: the solid-only (and, without a cathode, the cell) metrics are omitted, every other
    # metric is shown in registry order
    expected = [m.key for m in METRICS if not m.solid_only and not m.cell_only]
    assert keys == expected
    for row in c.metrics:
        assert row.value == record[row.key]
        # an unbounded metric (JSON null, named in unbounded_metrics) is written ∞ (model v2: the Sand ratio below
        # the limiting current)
        unbounded = row.key in record["unbounded_metrics"]
        assert row.text == ("∞" if unbounded else fmt_number(record[row.key]))
    assert "sand_ratio" in record["unbounded_metrics"]
    sand = next(m for m in c.metrics if m.key == "sand_time_s")
    assert sand.rating == "good"  # 2.9e7 s ≥ 3.6e4 s
    assert sand.equation.startswith("Eq. 7")
    assert c.design_hash == liquid_design.content_hash()
    # largest contribution first: the Na inventory (model v2 failure mechanisms, anodelab.lifetime)
    assert [f for f, _c, _h in c.risk_factors][0] == "inventory"


def test_every_input_property_has_unit_source_and_override_mark(liquid_design):
    host = dataclasses.replace(liquid_design.host, overrides={"porosity": 0.5}, sources={"porosity": "my BET, 2024"})
    d = liquid_design.with_layer("host", host)
    c = build_content(d, include_plots=False)
    rows = {(p.slot, p.name): p for p in c.properties}
    assert rows[("host", "porosity")].overridden
    assert rows[("host", "porosity")].value == 0.5
    assert rows[("host", "porosity")].source == "my BET, 2024"
    assert not rows[("host", "thickness_um")].overridden
    assert rows[("host", "thickness_um")].unit == "µm"
    assert all(p.source for p in c.properties)
    layer_names = {l.slot: l.thickness_text for l in c.layers}
    assert layer_names == {"host": "500 µm", "electrolyte": "400 µm"}


def test_references_resolve_every_cited_number(liquid_design):
    c = build_content(liquid_design, include_plots=False)
    labels = [label for label, _cit, _doi in c.references]
    assert labels[0] == "Review" and "10.1002/ente.202200149" == c.references[0][2]
    # [53] is the matched Table-1 record and the CuNW host's reference; [67] is cited in a property source
    assert "[53]" in labels and "[67]" in labels


def test_solid_literature_match_is_the_same_materials_record(solid_design):
    recs = closest_records(solid_design)
    assert recs[0]["id"] == "T2-92"  # same host, electrolyte and interlayer: 3 + 4 + 2 + 1 (no coating)
    assert recs[0]["_score"] == 10.0
    m = literature_matches(solid_design)[0]
    ccd = next(k for k in m.comparisons if k.quantity == "Critical current density")
    assert ccd.reported == 2.5
    # our prediction = this design at the record's conditions (25 °C, 0 MPa, 0.5 mA cm⁻²)
    at_record = solid_design.with_conditions(temperature_C=25.0, stack_pressure_MPa=0.0, current_density_mA_cm2=0.5)
    assert ccd.predicted == pytest.approx(float(score(at_record).value("ccd_mA_cm2")[0]), rel=1e-12)
    cycles = next(k for k in m.comparisons if k.quantity == "Cycles")
    assert cycles.reported == 500 and cycles.predicted is None  # not modelled


def test_liquid_literature_prediction_at_record_conditions(liquid_design):
    matches = literature_matches(liquid_design)
    t153 = next(m for m in matches if m.record_id == "T1-53")
    ce = next(k for k in t153.comparisons if k.quantity == "Coulombic efficiency")
    assert ce.reported == 0.997
    at = liquid_design.with_conditions(current_density_mA_cm2=1.0, areal_capacity_mAh_cm2=2.0, temperature_C=25.0)
    assert ce.predicted == pytest.approx(float(score(at).value("coulombic_efficiency")[0]))


def test_bad_design_argument_is_a_user_error():
    with pytest.raises(AnodeLabError, match="design"):
        build_content({"name": "x"}, include_plots=False)


def test_coating_layer_shown_with_nm_thickness(liquid_design):
    from anodelab.materials.library import default_library

    coating = sorted(m.id for m in default_library().of_class("coating"))[0]
    d = liquid_design.with_layer("coating", Layer(coating))
    c = build_content(d, include_plots=False)
    assert [l.slot for l in c.layers] == ["host", "coating", "electrolyte"]
    assert c.layers[1].thickness_m is not None
