"""Failure-event lifetimes (resources/literature/lifetime_events.toml, anodelab.validation.events)."""

from __future__ import annotations

import math

import pytest

from anodelab.errors import AnodeLabError
from anodelab.literature import installed_library
from anodelab.validation.events import (
    FAILURE_MODES, event_comparisons, events_section, lifetime_stats, load_event_records,
)

RECORD = """
schema_version = 1
[[record]]
id = "EV-TEST"
table = 1
reference = 0
doi = "10.0000/test.doi"
quote = "{quote}"
failure_mode = "{mode}"
host = "na-foil"
coating = ""
electrolyte = "napf6-ecdec-1m"
interlayer = ""
temperature_C = 25.0
[record.symmetric]
current_density_mA_cm2 = 1.0
areal_capacity_mAh_cm2 = 1.0
lifetime_h = 50.0
lifetime_event = {event}
[record.electrode]
na_inventory = "foil"
"""


def _write(tmp_path, **kw):
    args = dict(quote="the bare Na cell short-circuits after 50 h", mode="short", event="true") | kw
    p = tmp_path / "events.toml"
    p.write_text(RECORD.format(**args), encoding="utf-8")
    return p


def test_shipped_event_records_load_with_doi_and_quote():
    events = load_event_records()
    for e in events:  # the shipped file holds no record yet (see its STATUS header); every record must cite
        assert e.doi.startswith("10.") and len(e.quote) > 20
        assert e.failure_mode in FAILURE_MODES
        assert e.record.data["symmetric"]["lifetime_event"] is True


def test_an_event_record_loads_and_is_not_censored(tmp_path):
    events = load_event_records(_write(tmp_path))
    assert [e.record.id for e in events] == ["EV-TEST"]
    assert events[0].doi == "10.0000/test.doi" and events[0].failure_mode == "short"
    comps = event_comparisons(events, installed_library())
    assert len(comps) == 1 and comps[0].quantity == "lifetime_h"
    assert comps[0].censored is False and comps[0].reported == 50.0
    assert comps[0].independent  # no library property cites the test DOI
    # foil inventory: 500 µm Na = 56.43 mAh cm⁻², minus the 1 mAh cm⁻² cycled
    assert comps[0].design.conditions.na_excess_mAh_cm2 == pytest.approx(55.43, abs=0.01)


@pytest.mark.parametrize("kw", [dict(quote=""), dict(mode="fire"), dict(event="false")])
def test_bad_event_records_are_refused(tmp_path, kw):
    with pytest.raises(AnodeLabError):
        load_event_records(_write(tmp_path, **kw))


def test_c_index_on_a_hand_made_mixed_example():
    # reported 10 h (failure), 20 h (test length), 30 h (failure), 40 h (test length); predicted 15, 5, 35, 50 h.
    # Comparable pairs: the shorter one a failure: (10,20) (10,30) (10,40) (30,40) = 4;
    # concordant: 15<35, 15<50, 35<50; discordant: 15 > 5 ⇒ C = 3/4.
    s = lifetime_stats("hand", [10, 20, 30, 40], [15, 5, 35, 50], [True, False, True, False], [True] * 4)
    assert s.c_index_pairs == 4
    assert s.c_index == pytest.approx(0.75)
    # censored consistency: 5 ≥ 20 no, 50 ≥ 40 yes ⇒ 0.5
    assert s.censored_consistency == pytest.approx(0.5)
    # fold error over the failures only: 15/10 = 1.5, 35/30 = 1.1667 ⇒ median 1.3333
    assert s.fold_error_events == pytest.approx((1.5 + 35 / 30) / 2)
    assert (s.n, s.n_events, s.n_censored) == (4, 2, 2)


def test_c_index_uses_independent_records_only():
    # dropping the discordant record's partner (the 20 h test length) leaves 3 concordant pairs ⇒ C = 1
    s = lifetime_stats("hand", [10, 20, 30, 40], [15, 5, 35, 50], [True, False, True, False], [True, False, True, True])
    assert s.c_index == pytest.approx(1.0) and s.c_index_pairs == 3
    assert s.c_index_all == pytest.approx(0.75)


def test_all_censored_leaves_c_undefined():
    s = lifetime_stats("cens", [10, 20], [1, 2], [False, False], [True, True])
    assert s.c_index is None and s.c_index_pairs == 0 and s.fold_error_events is None


def test_events_section_rows_cover_the_table1_censored_records():
    sec = events_section()
    a, b = sec["rows"]
    assert a["n"] == sec["n_event_records"] == len(load_event_records())
    assert b["n"] == a["n"] + 28 and b["n_censored"] == a["n_censored"] + 28  # Table 1: 28 test lengths
    assert all(math.isfinite(e["reported_h"]) for e in sec["events"])


def test_validate_output_has_the_event_rows(capsys):
    from anodelab.cli import main

    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "Lifetime, failure events [h]" in out
    assert "Lifetime, events + Table 1 censored [h]" in out
