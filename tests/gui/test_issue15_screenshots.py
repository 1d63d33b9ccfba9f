"""Issue 15, defect 7: every tab reachable at 1366 and 1600 px; screenshots of every tab at
1366×768 and 1920×1080 under test-output/issue15/ (looked at by the developer)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QTabWidget

OUT = Path(__file__).resolve().parents[2] / "test-output" / "issue15"


def _all_tabs_fit(tabs: QTabWidget) -> bool:
    bar = tabs.tabBar()
    right = max(bar.tabRect(i).right() for i in range(bar.count()))
    return right <= bar.width() + 1


@pytest.mark.parametrize("width, height", [(1366, 768), (1600, 1000), (1920, 1080)])
def test_every_tab_reachable_and_screenshots(qtbot, make_window, width, height):
    pytest.importorskip("anodelab.simulate")
    w = make_window()
    w.resize(width, height)
    w.act_pin.trigger()
    w.editor.use_material("cu-foil")
    QApplication.processEvents()
    OUT.mkdir(parents=True, exist_ok=True)
    assert _all_tabs_fit(w.workspaces), "a workspace tab hides behind scroll arrows"
    assert _all_tabs_fit(w.tabs), "a plot tab hides behind scroll arrows"
    bar = w.tabs.tabBar()
    if width >= 1366:  # every label unshortened (no "Depositi…")
        assert sum(bar.tabSizeHint(i).width() for i in range(bar.count())) <= bar.width()
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=20000)
        qtbot.wait(80)  # queued layout and shows (zoom buttons) before the grab
        name = w.tabs.tabText(i).replace(" ", "_").replace("(", "").replace(")", "")
        if w.tabs.widget(i) is w.sensitivity_tab:  # first the waiting state, then the tornado
            w.grab().save(str(OUT / f"{width}x{height}_design_{i}_{name}_computing.png"))
            qtbot.waitUntil(lambda: w.sensitivity_tab.result is not None, timeout=60000)
            QApplication.processEvents()
        w.grab().save(str(OUT / f"{width}x{height}_design_{i}_{name}.png"))
    for i in range(1, w.workspaces.count()):
        w.workspaces.setCurrentIndex(i)
        QApplication.processEvents()
        page = w.workspaces.widget(i)
        if page is w.validation_tab:  # opening the workspace runs the validation: results, not an empty plot
            qtbot.waitUntil(lambda: page.report is not None and not page.is_running(), timeout=30000)
            QApplication.processEvents()
        # the full-width workspaces get (nearly) the whole window: no design docks beside them
        assert page.width() >= width - 40
        assert not w.stack_dock.isVisible() and not w.score_dock.isVisible()
        assert w.width() == width, f"the {w.workspaces.tabText(i)} workspace widened the window"
        w.grab().save(str(OUT / f"{width}x{height}_{w.workspaces.tabText(i)}.png"))
    w.workspaces.setCurrentIndex(0)
    assert w.stack_dock.isVisible() and w.score_dock.isVisible()


@pytest.mark.parametrize("width, height", [(1366, 768), (1920, 1080)])
def test_screenshots_of_a_solid_state_design_and_special_views(qtbot, make_window, width, height):
    pytest.importorskip("anodelab.simulate")
    from anodelab.paths import examples_dir

    w = make_window()
    w.resize(width, height)
    OUT.mkdir(parents=True, exist_ok=True)
    assert w.open_file(examples_dir() / "na_nzsp.toml")
    for key in ("eis", "ccd", "symmetric", "deposition"):
        w.tabs.setCurrentWidget(w.panels[key])
        qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=20000)
        qtbot.wait(80)
        w.grab().save(str(OUT / f"{width}x{height}_nzsp_{key}.png"))
    w.panels["symmetric"].zoom("First 3 cycles")
    w.tabs.setCurrentWidget(w.panels["symmetric"])
    QApplication.processEvents()
    w.grab().save(str(OUT / f"{width}x{height}_nzsp_symmetric_zoom.png"))
    w.doc.apply(w.doc.design.with_conditions(current_density_mA_cm2=50.0), "J = 50")
    qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=20000)
    QApplication.processEvents()
    assert "fails at t = 0" in w.panels["symmetric"].message
    w.grab().save(str(OUT / f"{width}x{height}_nzsp_symmetric_fails_at_t0.png"))
    box = w.editor.conditions.boxes["temperature_C"]
    box.setFocus()
    box.lineEdit().setText("-273")
    from PySide6.QtCore import Qt

    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    QApplication.processEvents()
    w.grab().save(str(OUT / f"{width}x{height}_refused_temperature.png"))
    w.act_getting_started.trigger()
    dlg = w._getting_started
    qtbot.addWidget(dlg)
    QApplication.processEvents()
    dlg.grab().save(str(OUT / f"{width}x{height}_getting_started.png"))
    dlg.close()
