"""Issue 15, defect 8: human labels where a person reads; a short error for a bad screening constraint."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

RAW_KEY = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")  # e.g. current_density_mA_cm2 (lower-case with underscores)


def test_inspector_shows_property_names_not_keys(qtbot, window):
    window.editor.select_slot("electrolyte")
    window.editor.use_material("nzsp")
    insp = window.editor.inspector
    names = [insp.table.item(r, 0).text() for r in range(insp.table.rowCount())]
    assert "Young's modulus E" in names and not any("youngs" in n for n in names)
    assert not any(RAW_KEY.search(n) for n in names)


def test_wrong_slot_message_uses_the_right_article(qtbot, window, dialogs):
    from anodelab.gui.editing import apply_material

    assert not apply_material(window.doc, "host", "na15sn4-alloy", window)
    msg = dialogs.texts("warning")[-1]
    assert "is an interlayer" in msg and "is a interlayer" not in msg


def test_screening_tab_speaks_names(qtbot, window):
    tab = window.screening_tab
    if tab is None:
        pytest.skip("no screening tab in this build")
    labels = [tab.findChildren(type(tab.status))]
    texts = [w.text() for w in labels[0]]
    assert "Current density J" in texts and "current_density_mA_cm2" not in texts
    host = tab.lists["host"]
    shown = [host.item(i).text() for i in range(host.count())]
    assert "cu-foil" not in shown and any("Cu foil" in t for t in shown)
    assert not RAW_KEY.search(tab.objective_combo.currentText())


def test_a_bad_constraint_gives_one_short_line_with_a_suggestion(qtbot, window):
    tab = window.screening_tab
    if tab is None:
        pytest.skip("no screening tab in this build")
    tab.constraints_edit.setText("total_asr_ohm_cm <= 40")
    h0 = tab.status.maximumHeight()
    assert not tab.start()
    text = tab.status.text()
    assert "unknown metric 'total_asr_ohm_cm'" in text and "total_asr_ohm_cm2" in text
    assert len(text) < 250 and "allowed:" not in text  # not the whole metric list
    assert tab.status.maximumHeight() == h0


def test_constraint_builder_appends_a_valid_constraint(qtbot, window):
    tab = window.screening_tab
    if tab is None:
        pytest.skip("no screening tab in this build")
    tab.constraints_edit.setText("")
    tab.set_metric(tab.builder_metric, "ccd_mA_cm2")
    tab.builder_op.setCurrentText(">=")
    tab.builder_value.setText("abc")
    assert not tab.add_constraint() and "not a number" in tab.status.text()
    tab.builder_value.setText("1.5")
    assert tab.add_constraint()
    assert tab.constraints_edit.text() == "ccd_mA_cm2 >= 1.5"
    from anodelab.screening import parse_screen

    parse_screen(tab.screen_dict(), file="screen", library=tab.library)  # valid as built


def test_screening_condition_fields_refuse_instead_of_clamping(qtbot, window):
    tab = window.screening_tab
    if tab is None:
        pytest.skip("no screening tab in this build")
    lo_w = tab.ranges["current_density_mA_cm2"][0]
    before = lo_w.value()
    lo_w.setFocus()
    lo_w.lineEdit().setText("-5")
    qtbot.keyClick(lo_w.lineEdit(), Qt.Key.Key_Return)
    assert lo_w.value() == before and lo_w.error and "⚠" in tab.status.text()


def test_lengths_read_as_numbers_not_exponents():
    from anodelab.gui.formatting import fmt

    assert fmt(1000.0, 3) == "1000" and fmt(800.0, 3) == "800" and fmt(12.345, 3) == "12.3"
    assert fmt(2.5e6, 3) == "2.50e+06" and fmt(None) == "—"


def test_screen_results_show_material_names(qtbot, window):
    tab = window.screening_tab
    if tab is None:
        pytest.skip("no screening tab in this build")
    tab.set_checked("host", ["cu-foil", "cu-nanowire-cu"])
    tab.set_checked("coating", [None])
    tab.set_checked("electrolyte", ["napf6-diglyme-1m"])
    tab.set_checked("interlayer", [None])
    with qtbot.waitSignal(tab.screenFinished, timeout=30000):
        assert tab.start()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=30000)
    model = tab.model
    col = model.columns.index("host")
    shown = {model.data(model.index(r, col)) for r in range(model.rowCount())}
    assert shown <= {"Cu foil", "CuNW-Cu"} and shown
    assert model.headerData(col, Qt.Orientation.Horizontal) == "Host"
    tip = model.data(model.index(0, col), Qt.ItemDataRole.ToolTipRole)
    assert "library id:" in tip
