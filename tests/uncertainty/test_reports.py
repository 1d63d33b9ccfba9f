"""The interval column of the design reports (JSON shape; HTML column and note)."""

from __future__ import annotations

import json

from anodelab.design import load_design
from anodelab.report import export
from anodelab.uncertainty import score_intervals
from tests.conftest import EXAMPLES


def test_json_report_has_an_interval_per_score_card_metric():
    d = load_design(EXAMPLES / "na_nzsp.toml")
    data = json.loads(export(d, "json"))
    iv = score_intervals(d)  # the report uses the default samples and seed
    for row in data["score_card"]:
        assert set(row["interval"]) == {"p05", "p50", "p95"}
        assert row["interval"] == iv.metrics_record()[row["key"]]
    assert data["intervals"]["samples"] == 256 and data["intervals"]["seed"] == 1
    assert "fixed" in data["intervals"]["note"]


def test_html_report_shows_the_interval_column():
    """Rendered without the simulated plots (those need Qt; tests/report covers them)."""
    from anodelab.report.content import build_content
    from anodelab.report.html import export as html_export
    from anodelab.uncertainty import interval_text

    d = load_design(EXAMPLES / "na_cunw_diglyme.toml")
    html = html_export(build_content(d, include_plots=False)).decode("utf-8")
    assert "<th width=\"15%\">5–95 %</th>" in html
    assert "Latin-hypercube samples" in html
    iv = score_intervals(d)
    assert f'<td class="num">{interval_text(iv, "sand_time_s")}</td>' in html
    plain = html_export(build_content(d, include_plots=False, intervals=False)).decode("utf-8")
    assert "5–95 %" not in plain
