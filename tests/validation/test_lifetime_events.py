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
    for e in events:  # every shipped record (see the STATUS header of the file) must cite
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


def test_events_section_rows_cover_the_censored_records_of_each_table():
    sec = events_section()
    a, b, c = sec["rows"]
    events = load_event_records()
    n1 = sum(e.record.table == 1 for e in events)
    n2 = sum(e.record.table == 2 for e in events)
    assert a["n"] == sec["n_event_records"] == len(events) == n1 + n2
    assert b["n"] == n1 + 28 and b["n_censored"] == 28  # Table 1: 28 test lengths
    assert c["n"] == n2 + 4 and c["n_censored"] == 4  # Table 2: 4 test lengths
    assert all(math.isfinite(e["reported_h"]) for e in sec["events"])


def test_brighi_ncbb_event_time_and_independence():
    """Brighi et al. 2022 (doi:10.1002/admi.202101254): 'failed after 140 cycles' at 1.4 mA cm⁻², 0.5 C per half
    cycle on 8 mm disks (0.503 cm²): Q = 0.5 C / 0.503 cm² / 3.6 C mAh⁻¹ = 0.276 mAh cm⁻² and
    t = 140 × 2 × 0.276 / 1.4 = 55.2 h. The library's NCBB moduli are quoted from the same paper, so the record is
    not independent, and the solid lifetime's dependency list must catch that."""
    ev = {e.record.id: e for e in load_event_records()}["EV-Brighi22-NCBB"]
    sym = ev.record.data["symmetric"]
    q = 0.5 / (math.pi * 0.4 ** 2) / 3.6
    assert q == pytest.approx(sym["areal_capacity_mAh_cm2"], rel=2e-3)
    assert sym["lifetime_h"] == pytest.approx(140 * 2 * q / sym["current_density_mA_cm2"], rel=2e-3)
    assert ev.record.table == 2 and ev.record.stack_pressure_MPa == 1.5 and ev.failure_mode == "short"
    comp = {c.record_id: c for c in event_comparisons()}["EV-Brighi22-NCBB"]
    assert not comp.censored and not comp.independent
    assert "ncbb.shear_modulus_GPa" in comp.input_note


def test_solid_event_against_table2_test_lengths_defines_c_on_all_records():
    """The solid event (55.2 h) is shorter than every Table 2 test length (475-2500 h): 4 comparable pairs, so C on
    all records is defined (it is a count of concordant pairs over 4, i.e. one of 0, 0.25, …, 1)."""
    c = events_section()["rows"][2]
    assert c["n_events"] >= 1 and c["c_index_all"] is not None
    assert (4 * c["c_index_all"]) == pytest.approx(round(4 * c["c_index_all"]))


def test_validate_output_has_the_event_rows(capsys):
    from anodelab.cli import main

    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "Lifetime, failure events [h]" in out
    assert "Lifetime, events + Table 1 censored [h]" in out
    assert "Lifetime, events + Table 2 censored [h]" in out


def test_liquid_events_are_independent_table1_records_and_define_c():
    """The liquid (table 1) events of 2026-12-07 take no library value from their own papers, and with them the
    events + Table 1 row has comparable pairs (C defined). Kondou 2023 states 0.2 mA cm⁻² and 2 h per cycle:
    Q = 0.2 × 1 h = 0.2 mAh cm⁻² per half cycle (derived)."""
    ev = {e.record.id: e for e in load_event_records()}
    liquid = [i for i, e in ev.items() if e.record.table == 1]
    assert len(liquid) >= 5
    comps = {c.record_id: c for c in event_comparisons()}
    assert all(comps[i].independent and not comps[i].censored for i in liquid)
    sym = ev["EV-Kondou23-NaTFSI-PC"].record.data["symmetric"]
    assert sym["areal_capacity_mAh_cm2"] == pytest.approx(sym["current_density_mA_cm2"] * 2 / 2)
    assert ev["EV-Kondou23-NaTFSI-PC"].record.temperature_C == 60.0
    b = events_section()["rows"][1]
    assert b["n_events"] == len(liquid) and b["c_index_pairs"] > 0 and b["c_index"] is not None


def test_a_record_with_its_own_separator_is_predicted_with_it():
    """Zhao 2017 cycled its bare Na in CR2032 cells with Celgard 3501 (25 µm): the record's [record.separator] sets the
    electrolyte's electrode gap, a build input (independence unchanged). The SEI-fracture short then crosses 25 µm
    instead of the library's glass-fibre 400 µm: its time scales with the gap, so it is 25/400 of the glass-fibre
    cell's, and it ends the cell before the electrolyte does."""
    from dataclasses import replace

    from anodelab.literature import record_design, symmetric_conditions
    from anodelab.scoring import score

    ev = {e.record.id: e for e in load_event_records()}
    rec = ev["EV-Zhao17-bareNa"].record
    d = record_design(rec, **symmetric_conditions(rec))
    assert d.electrolyte.overrides == {"electrode_gap_um": 25.0} and "Celgard 3501" in d.electrolyte.sources["electrode_gap_um"]
    glass = replace(d, electrolyte=replace(d.electrolyte, overrides={}, sources={}))
    r = score([d, glass])
    t_sei = r.si["t_fail_sei_fracture_s"]
    assert t_sei[0] == pytest.approx(t_sei[1] * 25.0 / 400.0, rel=1e-9)
    assert r.record(0)["failure_mechanism"] == "sei_fracture"
    comps = {c.record_id: c for c in event_comparisons()}
    assert comps["EV-Zhao17-bareNa"].independent
