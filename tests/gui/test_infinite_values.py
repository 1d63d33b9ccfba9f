"""The score card and the report agree: ∞ where a value is unbounded, n/a only where it does not apply."""

from __future__ import annotations

import dataclasses

import pytest

from anodelab.metrics import METRICS
from anodelab.report.content import build_content

pytestmark = pytest.mark.gui


def test_score_card_and_report_both_show_infinity(window, output_dir):
    d = window.doc.design
    e = dataclasses.replace(d.electrolyte, overrides={"coulombic_efficiency_on_cu": 1.0})
    window.doc.apply(d.with_layer("electrolyte", e), "CE = 1")
    card = window.score_card
    assert card.value_text("cycles_until_excess_consumed") == "∞"
    assert card.value_text("cycles_to_80pct_anode_free") == "∞"
    report = {m.key: m for m in build_content(window.doc.design, window.doc.result, include_plots=False).metrics}
    for spec in METRICS:
        if spec.key in report:  # every row the report shows reads and rates exactly as in the score card
            assert report[spec.key].text == card.value_text(spec.key), spec.key
            assert report[spec.key].rating == card.rating(spec.key), spec.key
        else:  # omitted by the report: not applicable to a liquid electrolyte (or, cell metrics, without a cathode)
            assert (spec.solid_only or spec.cell_only) and card.value_text(spec.key) == "n/a", spec.key
    row = card.rows["cycles_until_excess_consumed"]
    card.table.scrollToItem(card.table.item(row, 0))
    window.grab().save(str(output_dir / "score_card_infinite_cycles.png"))
