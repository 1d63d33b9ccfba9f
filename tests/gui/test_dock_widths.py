"""Default dock widths follow the screen: on a 1920-px lab workstation the score card shows its metric names whole."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from anodelab.gui.main_window import MainWindow, default_dock_widths


def test_default_dock_widths_by_hand():
    assert default_dock_widths(1366) == (380, 420)  # 0.22 × 1366 = 301 → 380; 0.29 × 1366 = 396 → 420
    assert default_dock_widths(1920) == (422, 557)  # 0.22 × 1920 = 422.4; 0.29 × 1920 = 556.8
    assert default_dock_widths(2560) == (440, 560)


def test_score_card_names_fit_at_1920(qtbot, settings, dialogs, output_dir):
    w = MainWindow(settings=settings, autosave_interval_ms=3_600_000)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    qtbot.waitExposed(w)
    QApplication.processEvents()
    card = w.score_card
    t = card.table
    fm = t.fontMetrics()
    width = t.horizontalHeader().sectionSize(0)
    clipped = [t.item(r, 0).text() for r in range(t.rowCount())
               if t.item(r, 0) is not None and t.columnSpan(r, 0) == 1
               and fm.horizontalAdvance(t.item(r, 0).text()) > width - 8]
    w.grab().save(str(output_dir / "main_window_1920.png"))
    assert abs(w.score_dock.width() - 557) <= 40, w.score_dock.width()
    assert not clipped, (width, clipped)
    w.runner.shutdown()
    w.doc.undo_stack.setClean()
    w.close()
