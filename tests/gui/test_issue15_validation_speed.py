"""Issue 15, defect 11: the first Validation run in the GUI took 39–72 s (1.1 s from the CLI).

Cause: it ran beside the runaway symmetric-cycling threads of earlier edits (one per edit, each with GBs
of arrays, all competing for the two cores). With one simulation in flight per view and the points ×
designs budget (gui/sim_budget.py) the validation gets the machine; this test starts it right after a
burst of cycling edits with pinned designs, the situation of the report.
"""

from __future__ import annotations

import time

import pytest
from PySide6.QtWidgets import QApplication


def test_first_validation_after_a_burst_of_cycling_edits_is_quick(qtbot, window):
    pytest.importorskip("anodelab.simulate")
    tab = window.validation_tab
    if tab is None:
        pytest.skip("no validation tab in this build")
    for _ in range(3):
        window.act_pin.trigger()
    window.tabs.setCurrentWidget(window.panels["symmetric"])
    for c in (20_000, 30_000, 40_000, 50_000, 60_000):
        window.editor.conditions.boxes["cycles"].setValue(c)
        QApplication.processEvents()
    t0 = time.monotonic()
    with qtbot.waitSignal(tab.validationFinished, timeout=30000):
        window.show_workspace(tab)  # the first visit runs the validation
        assert tab.is_running()
    elapsed = time.monotonic() - t0
    qtbot.waitUntil(lambda: not tab.is_running() and not window.runner.is_running(), timeout=30000)
    print(f"\nfirst validation after 5 cycling edits: {elapsed:.1f} s")
    assert elapsed < 10.0  # was 39–72 s; ≈ 1–3 s on the shared 2-core machine
    assert tab.table.rowCount() > 0
    window.show_workspace(window.tabs)  # back in Design, the cancelled cycling plot runs again
    qtbot.waitUntil(lambda: window.panels["symmetric"].data is not None, timeout=30000)
