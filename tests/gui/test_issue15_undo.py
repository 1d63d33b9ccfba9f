"""Issue 15, defect 9: undo steps per field and per edit burst, not across tab switches."""

from __future__ import annotations

import pytest

from anodelab.gui import document


def set_j(window, value):
    window.editor.conditions.boxes["current_density_mA_cm2"].setValue(value)


def test_one_burst_on_one_field_is_one_step(qtbot, window):
    for v in (1.1, 1.2, 1.3):
        set_j(window, v)
    assert window.doc.undo_stack.count() == 1


def test_a_tab_switch_ends_the_step(qtbot, window):
    set_j(window, 2.0)
    window.tabs.setCurrentWidget(window.panels["nucleation"])
    set_j(window, 3.0)
    assert window.doc.undo_stack.count() == 2
    window.doc.undo_stack.undo()
    assert window.doc.design.conditions.current_density_mA_cm2 == 2.0


def test_a_pause_ends_the_step(qtbot, window, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(document.time, "monotonic", lambda: clock[0])
    set_j(window, 2.0)
    clock[0] += 0.5
    set_j(window, 2.5)
    clock[0] += document.BURST_S + 0.1
    set_j(window, 3.0)
    assert window.doc.undo_stack.count() == 2


def test_different_fields_are_different_steps(qtbot, window):
    set_j(window, 2.0)
    window.editor.conditions.boxes["areal_capacity_mAh_cm2"].setValue(2.0)
    set_j(window, 3.0)
    assert window.doc.undo_stack.count() == 3
    window.doc.undo_stack.undo()
    assert window.doc.design.conditions.current_density_mA_cm2 == pytest.approx(2.0)
