"""Plot tabs with the real simulator, long work on the worker thread, cancel, screenshots."""

from __future__ import annotations

import time

import pytest
from PySide6.QtCore import Qt

from anodelab.gui.tasks import Cancelled, TaskRunner

pytestmark = pytest.mark.gui


def show_tab(qtbot, window, key):
    panel = window.panels[key]
    if key == "symmetric":
        with qtbot.waitSignal(window.plotsUpdated, timeout=10000, check_params_cb=lambda k: k == key):
            window.tabs.setCurrentWidget(panel)
    else:
        window.tabs.setCurrentWidget(panel)
    return panel


def test_smoke_screenshots_every_tab(qtbot, window, output_dir):
    """Main window at 1366×768 and every plot tab, saved for a person to look at."""
    pytest.importorskip("anodelab.simulate")
    assert window.size().width() == 1366 and window.size().height() == 768
    window.grab().save(str(output_dir / "main_window.png"))
    for key in window.panels:
        panel = show_tab(qtbot, window, key)
        if key == "ccd":
            assert "needs a solid electrolyte" in panel.message
            assert panel.pages.currentIndex() == 1
        else:
            assert panel.curve_count() == 1, (key, panel.message)
            assert len(panel.data.curves[0].x) > 5
        window.grab().save(str(output_dir / f"main_window_{key}.png"))


def test_solid_design_tabs_and_ccd(qtbot, window, examples_dir, output_dir):
    pytest.importorskip("anodelab.simulate")
    assert window.open_file(examples_dir / "na_nzsp.toml")
    panel = show_tab(qtbot, window, "ccd")
    assert panel.curve_count() == 1
    assert panel.data.x_unit == "s" and panel.data.y_unit == "mV"
    assert "CCD" in panel.notes.text()
    window.grab().save(str(output_dir / "main_window_ccd_solid.png"))
    panel = show_tab(qtbot, window, "arrhenius")
    assert panel.data.log_y
    window.grab().save(str(output_dir / "main_window_arrhenius_solid.png"))


def test_pinned_designs_overlay_in_simulated_plots(qtbot, window, examples_dir):
    pytest.importorskip("anodelab.simulate")
    window.act_pin.trigger()
    window.editor.use_material("cu-foil")
    panel = show_tab(qtbot, window, "deposition")
    assert panel.curve_count() == 2
    panel = show_tab(qtbot, window, "symmetric")
    assert panel.curve_count() == 2
    assert [c.name for c in panel.data.curves][1].startswith("pin 1")


def test_cancel_long_symmetric_simulation(qtbot, window):
    """100 000 cycles for five designs (~1 s each): cancel after the first progress report."""
    pytest.importorskip("anodelab.simulate")
    window.editor.conditions.boxes["cycles"].setValue(100_000)
    for _ in range(4):
        window.act_pin.trigger()
    with qtbot.waitSignal(window.runner.progress, timeout=5000):
        window.tabs.setCurrentWidget(window.panels["symmetric"])
    assert window.runner.is_running()
    assert window.cancel_button.isVisible() and window.progress.isVisible()
    t0 = time.monotonic()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.runner.threads_alive() == 0, timeout=5000)
    assert time.monotonic() - t0 < 3.0
    assert not window.runner.is_running()
    assert not window.cancel_button.isVisible()
    panel = window.panels["symmetric"]
    assert "cancelled" in panel.message and panel.data is None


def test_task_runner_reports_progress_result_and_errors(qtbot):
    runner = TaskRunner()

    def work(n, state):
        total = 0
        for i in range(n):
            state.progress(i / n, f"step {i}")
            total += i
        return total

    with qtbot.waitSignal(runner.finished, timeout=5000) as blocker:
        runner.start(work, 1000)
    assert blocker.args == [sum(range(1000))]
    qtbot.waitUntil(lambda: runner.threads_alive() == 0)

    def bad(_inputs, _state):
        from anodelab.errors import AnodeLabError

        raise AnodeLabError("must be > 0", field="cycles")

    with qtbot.waitSignal(runner.failed, timeout=5000) as blocker:
        runner.start(bad, None)
    assert blocker.args == ["cycles: must be > 0"]
    runner.wait()


def test_task_runner_cancel_stops_the_thread(qtbot):
    runner = TaskRunner()
    started = []

    def forever(_inputs, state):
        while True:
            started.append(1)
            state.check()
            time.sleep(0.005)

    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        runner.start(forever, None)
        qtbot.waitUntil(lambda: bool(started))
        runner.cancel()
    qtbot.waitUntil(lambda: runner.threads_alive() == 0, timeout=5000)
    with pytest.raises(Cancelled):
        from anodelab.gui.tasks import TaskState

        s = TaskState()
        s.cancel()
        s.check()
