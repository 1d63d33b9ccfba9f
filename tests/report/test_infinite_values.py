"""∞ (unbounded) and n/a (not applicable) are different things in every report format."""

from __future__ import annotations

import csv
import dataclasses
import io
import json

import pytest

from anodelab.metrics import METRIC_BY_KEY
from anodelab.report import export
from anodelab.report.content import build_content

INFINITE = ("cycles_until_excess_consumed", "cycles_to_80pct_anode_free")


@pytest.fixture
def lossless(liquid_design):
    """A custom liquid electrolyte with a Coulombic efficiency of exactly 1: no Na is ever lost."""
    e = dataclasses.replace(liquid_design.electrolyte, overrides={"coulombic_efficiency_on_cu": 1.0})
    return liquid_design.with_layer("electrolyte", e)


def test_content_writes_infinity_and_rates_it(lossless):
    c = build_content(lossless, include_plots=False)
    rows = {m.key: m for m in c.metrics}
    for key in INFINITE:
        assert rows[key].text == "∞" and rows[key].raw == float("inf")
        assert rows[key].value is None  # JSON cannot hold ∞
        assert c.record[key] is None
        assert rows[key].rating == str(METRIC_BY_KEY[key].rate(float("inf"))[()])  # rated like the GUI


def test_not_applicable_is_still_na(solid_design):
    c = build_content(solid_design, include_plots=False)
    texts = {m.key: m.text for m in c.metrics}
    assert "∞" not in texts.values()
    assert "sand_time_s" not in texts  # liquid only: omitted for a solid electrolyte, as before


def test_json_csv_html_say_infinity(lossless):
    data = json.loads(export(lossless, "json"))
    card = {m["key"]: m for m in data["score_card"]}
    assert card["cycles_until_excess_consumed"]["text"] == "∞"
    assert card["cycles_until_excess_consumed"]["value"] is None
    rows = {r["key"]: r for r in csv.DictReader(io.StringIO(export(lossless, "csv").decode()))}
    assert float(rows["cycles_until_excess_consumed"]["value"]) == float("inf")
    html = export(lossless, "html").decode()
    cell = html.split("Cycles until Na excess is consumed", 1)[1][:200]
    assert "∞" in cell and "n/a" not in cell
