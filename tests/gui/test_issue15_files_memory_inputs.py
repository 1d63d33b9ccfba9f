"""Issue 15, defects 1, 3, 4 and 5: shipped examples, runaway memory, T = −273 °C, fields that say no."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest
from PySide6.QtCore import Qt

from anodelab.design import load_design, save_design
from anodelab.gui.quantity_box import Limits, parse_quantity
from anodelab.gui.sim_budget import EDIT_BUDGET_POINTS, MAX_RUN_POINTS, plan_symmetric
from anodelab.paths import examples_dir


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- 1: examples are never overwritten
def test_opening_an_example_gives_an_untitled_copy_and_save_asks_where(qtbot, window, save_dialog, tmp_path, monkeypatch):
    example = examples_dir() / "na_cunw_diglyme.toml"
    before = _digest(example)
    asked = []
    from PySide6.QtWidgets import QFileDialog

    def fake_save(parent, title, start, filt):
        asked.append(start)
        return str(tmp_path / "mine.toml"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    assert window.open_file(example)
    assert window.doc.path is None  # an untitled copy …
    assert "untitled copy of na_cunw_diglyme.toml" in window.windowTitle()
    window.editor.conditions.boxes["temperature_C"].setValue(40.0)
    assert window.save()  # … so Ctrl+S asks where
    assert len(asked) == 1 and not asked[0].startswith(str(examples_dir()))
    assert window.doc.path == tmp_path / "mine.toml"
    assert _digest(example) == before
    assert load_design(tmp_path / "mine.toml").conditions.temperature_C == 40.0
    # File → New starts from the untouched example
    window.new_design()
    assert window.doc.design.conditions.temperature_C == 25.0


def test_a_shipped_file_is_never_written_even_when_asked_for(qtbot, window, dialogs, save_dialog):
    example = examples_dir() / "na_nzsp.toml"
    before = _digest(example)
    save_dialog["path"] = str(example)  # the user picks the example itself in Save As
    window.editor.conditions.boxes["cycles"].setValue(7)
    assert not window.save_as()
    assert _digest(example) == before
    assert any("never overwritten" in t for t in dialogs.texts("warning"))
    with pytest.raises(Exception, match="never overwritten"):
        window.doc.save(example)


# ---------------------------------------------------------------- 3: bounded memory, one run in flight
def test_run_plan_caps_what_an_edit_starts():
    small = plan_symmetric([100])
    assert (small.points_per_half_cycle, small.points, small.needs_confirmation) == (20, 4000, False)
    thinned = plan_symmetric([100_000])  # 2e5 half cycles: 10 points each fit the 2 M budget
    assert thinned.points_per_half_cycle == 10 and thinned.points == EDIT_BUDGET_POINTS and not thinned.needs_confirmation
    big = plan_symmetric([1_000_000])  # 2e6 half cycles × 2 points = 4 M > budget: ask
    assert big.needs_confirmation and not big.refused and big.points == 4_000_000
    huge = plan_symmetric([1_000_000] * 3)  # 12 M > 10 M: refused with the reason
    assert huge.points > MAX_RUN_POINTS and "at most" in huge.refused


def test_cycles_box_refuses_what_memory_cannot_hold(qtbot, window):
    box = window.editor.conditions.boxes["cycles"]
    before = window.doc.design.conditions.cycles
    assert box.limits().high * 2 * 2 <= MAX_RUN_POINTS
    box.setFocus()
    box.lineEdit().setText("99999999")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.doc.design.conditions.cycles == before
    assert box.error and "cycles" in window.status_label.text().lower()


def test_edit_bursts_on_the_symmetric_tab_keep_one_worker_and_bounded_work(qtbot, window):
    pytest.importorskip("anodelab.simulate")
    for _ in range(3):
        window.act_pin.trigger()
    window.tabs.setCurrentWidget(window.panels["symmetric"])
    box = window.editor.conditions.boxes["cycles"]
    alive = []
    for c in (20_000, 30_000, 40_000, 50_000, 60_000):  # each edit replaces the previous run
        box.setValue(c)
        alive.append(window.runner.threads_alive())
    assert max(alive) <= 1  # never a thread per edit (the issue saw 6 threads and 11 GB)
    qtbot.waitUntil(lambda: not window.runner.is_running(), timeout=20000)
    panel = window.panels["symmetric"]
    # the finished run's result reaches the panel through a queued signal: wait for it, not a fixed moment
    qtbot.waitUntil(lambda: panel.data is not None, timeout=20000)
    assert panel.curve_count() == 4
    assert window.last_plan.points <= EDIT_BUDGET_POINTS
    assert any("points per half cycle" in n for n in panel.data.notes)


def test_a_large_run_asks_first_and_a_too_large_one_is_refused(qtbot, window):
    pytest.importorskip("anodelab.simulate")
    window.tabs.setCurrentWidget(window.panels["symmetric"])
    window.editor.conditions.boxes["cycles"].setValue(1_000_000)
    panel = window.panels["symmetric"]
    assert not window.runner.is_running()
    assert "large" in panel.message and panel.msg_button.isVisible()
    window.act_pin.trigger()
    window.act_pin.trigger()
    window.editor.conditions.boxes["cycles"].setValue(999_999)  # three designs × 10⁶ cycles
    assert "not simulated" in panel.message and not panel.msg_button.isVisible()
    assert not window.runner.is_running()


# ---------------------------------------------------------------- 4: T = −273 °C
def test_minus_273_C_is_refused_at_the_input_with_a_reason(qtbot, window):
    box = window.editor.conditions.boxes["temperature_C"]
    box.setFocus()
    box.lineEdit().setText("-273")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.doc.design.conditions.temperature_C == 25.0
    assert "melts at 97.8 °C" in box.error and "⚠" in window.status_label.text()
    assert "border" in box.styleSheet()


def test_a_file_at_minus_273_C_is_refused_naming_the_field(qtbot, window, tmp_path, monkeypatch):
    """Design files below −200 °C are refused at load (issue 11's bound): the window keeps its design."""
    path = tmp_path / "cold.toml"
    text = (examples_dir() / "na_cunw_diglyme.toml").read_text()
    path.write_text(text.replace("temperature_C = 25.0", "temperature_C = -273.0"))
    assert "temperature_C = -273.0" in path.read_text()
    shown = []
    monkeypatch.setattr("anodelab.gui.project_files.show_error", lambda parent, title, exc: shown.append(str(exc)))
    before = window.doc.design
    assert not window.open_file(path)
    assert window.doc.design == before
    assert len(shown) == 1 and "cold.toml" in shown[0] and "temperature_C" in shown[0], shown


def test_a_design_at_minus_273_C_shows_explained_plots_and_an_unrated_card(qtbot, window):
    """A design set in code below the file bound (−273 °C) still draws or explains every plot."""
    pytest.importorskip("anodelab.simulate")
    d = load_design(examples_dir() / "na_cunw_diglyme.toml").with_conditions(temperature_C=-273.0)
    window.doc.replace(d, None)
    for key in window.panels:  # every tab draws or explains; none raises (OverflowError in _set_decade_ticks)
        window.tabs.setCurrentWidget(window.panels[key])
        qtbot.waitUntil(lambda: not window.runner.is_running(), timeout=10000)
        panel = window.panels[key]
        assert panel.data is not None or panel.message
    dep = window.panels["deposition"]
    assert dep.data is None and "nothing to draw" in dep.message and "∞" in dep.message
    card = window.score_card
    assert card.rating("nucleation_excess_mV") == ""
    assert "not rated" in card.summary.text()


# ---------------------------------------------------------------- 5: fields never store something else
@pytest.mark.parametrize("typed, stored_mA_cm2, why", [
    ("-5", None, "must be a number ≥"),
    ("1e308", None, "≤ 1000"),
    ("99999", None, "≤ 1000"),
    ("2.5", 2.5, ""),
    ("20 A m-2", 2.0, ""),
    ("3 mA/cm2", 3.0, ""),
    ("abc", None, "not a number"),
    ("5 furlongs", None, "unknown unit"),
])
def test_current_density_field_stores_exactly_or_refuses(qtbot, window, typed, stored_mA_cm2, why):
    box = window.editor.conditions.boxes["current_density_mA_cm2"]
    box.setFocus()
    box.lineEdit().setText(typed)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    got = window.doc.design.conditions.current_density_mA_cm2
    if stored_mA_cm2 is None:
        assert got == 1.0 and why in box.error
        assert why in window.status_label.text()
        assert why in box.toolTip()
    else:
        assert got == pytest.approx(stored_mA_cm2) and box.error == ""


def test_temperature_accepts_units_in_either_display_unit(qtbot, window):
    box = window.editor.conditions.boxes["temperature_C"]
    for typed, want in (("60 °C", 60.0), ("333.15 K", 60.0), ("40 C", 40.0)):
        box.setFocus()
        box.lineEdit().setText(typed)
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
        assert window.doc.design.conditions.temperature_C == pytest.approx(want)
    window.set_temperature_unit("K")
    box.lineEdit().setText("50 °C")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.doc.design.conditions.temperature_C == pytest.approx(50.0)
    assert box.value() == pytest.approx(323.15)


def test_parse_quantity_never_clamps():
    lim = Limits(0.0, 1000.0, low_inclusive=False)
    assert parse_quantity("1000", "mA cm⁻²", lim) == (1000.0, "")
    assert parse_quantity("1000.001", "mA cm⁻²", lim)[0] is None
    assert parse_quantity("0", "mA cm⁻²", lim)[0] is None
    assert parse_quantity("−2", "mA cm⁻²", lim)[0] is None  # a typographic minus is a minus
    assert parse_quantity("nan", "mA cm⁻²", lim)[0] is None
    ints = Limits(1, 100, integer=True)
    assert parse_quantity("2.5", "", ints)[0] is None and parse_quantity("7", "", ints) == (7.0, "")
