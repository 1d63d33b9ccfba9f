"""Screening summary report: definition, run numbers, top designs, Pareto plot; CSV of every kept row."""

from __future__ import annotations

import csv
import io
import json
import subprocess
from html.parser import HTMLParser

import pytest

from anodelab.errors import AnodeLabError
from anodelab.report.screen import export_screen_summary
from anodelab.screening import loads_screen, run_screen

SCREEN = """
format_version = 1
name = "Small ether screen"
top_k = 5
[materials]
host = ["cu-foil", "cu-nanowire-cu", "na-foil"]
electrolyte = ["napf6-diglyme-1m"]
[conditions]
current_density_mA_cm2 = { values = [0.5, 1.0, 2.0] }
areal_capacity_mAh_cm2 = 1.0
[objective]
metric = "dendrite_risk"
direction = "min"
[pareto]
objectives = ["dendrite_risk min", "cell_overpotential_mV min"]
"""


@pytest.fixture(scope="module")
def screen():
    spec = loads_screen(SCREEN)
    return spec, run_screen(spec, workers=1)


def test_csv_holds_every_kept_row(screen):
    spec, result = screen
    rows = list(csv.DictReader(io.StringIO(export_screen_summary(spec, result, "csv").decode())))
    assert len(rows) == len(result)
    assert rows[0]["rank"] == "1"
    assert float(rows[0]["dendrite_risk"]) == pytest.approx(float(result.values["dendrite_risk"][0]))


def test_json_summary(screen):
    spec, result = screen
    body = json.loads(export_screen_summary(spec, result, "json"))
    assert body["screen"] == "Small ether screen"
    assert body["run"]["designs in the screen"] == "9"  # 3 hosts × 3 currents
    assert [t["rank"] for t in body["top"]] == [1, 2, 3, 4, 5]
    assert len(body["rows"]) == len(result)
    assert body["definition"]["objective"] == "dendrite_risk min"


def test_html_summary_parses_and_embeds_the_pareto_plot(screen, qapp):
    spec, result = screen
    html = export_screen_summary(spec, result, "html").decode()
    HTMLParser().feed(html)
    assert html.count("<svg") == 1 and "Pareto set" in html
    assert "cu-nanowire-cu" in html


def test_pdf_summary(screen, qapp, output_dir, pdf_text):
    spec, result = screen
    path = output_dir / "screen_summary_small.pdf"
    export_screen_summary(spec, result, "pdf", path)
    text = pdf_text(path)
    assert "AnodeLab screening summary: Small ether screen" in text
    assert "Figure 1. Kept designs" in text
    assert "Dendrite risk" in text and "Symmetric-cell overpotential / mV" in text  # vector axis labels
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2  # vector only


def test_bad_inputs(screen):
    spec, result = screen
    with pytest.raises(AnodeLabError, match="format"):
        export_screen_summary(spec, result, "xlsx")
    with pytest.raises(AnodeLabError, match="ScreenResult"):
        export_screen_summary(spec, None, "csv")
