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
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=20000)
        QApplication.processEvents()
        name = w.tabs.tabText(i).replace(" ", "_").replace("(", "").replace(")", "")
        w.grab().save(str(OUT / f"{width}x{height}_design_{i}_{name}.png"))
    for i in range(1, w.workspaces.count()):
        w.workspaces.setCurrentIndex(i)
        QApplication.processEvents()
        page = w.workspaces.widget(i)
        # the full-width workspaces get (nearly) the whole window: no design docks beside them
        assert page.width() >= width - 40
        assert not w.stack_dock.isVisible() and not w.score_dock.isVisible()
        w.grab().save(str(OUT / f"{width}x{height}_{w.workspaces.tabText(i)}.png"))
    w.workspaces.setCurrentIndex(0)
    assert w.stack_dock.isVisible() and w.score_dock.isVisible()
