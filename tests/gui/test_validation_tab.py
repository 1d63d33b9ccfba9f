"""ValidationTab standalone: runs validation on a worker, fills the table and the log-log scatter."""

from __future__ import annotations

from PySide6.QtGui import QTextCursor

from anodelab.gui.validation_tab import ValidationTab


def _n(item):
    x, _y = item.getOriginalDataset()
    return 0 if x is None else len(x)


def test_validation_tab(qtbot, output_dir):
    w = ValidationTab()
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    with qtbot.waitSignal(w.validationFinished, timeout=30000) as blk:
        assert w.run()
    report = blk.args[0]
    qtbot.waitUntil(lambda: not w.is_running(), timeout=5000)
    assert w.table.rowCount() == len(report.stats) >= 4
    assert w.table.item(0, 1).text() == str(report.stats[0].n)
    assert "leave-one-out" in w.calibration_label.text()
    # the whole calibration paragraph fits its label at 1366 × 768 (the lifetime model's long rule cut it: a tooltip)
    qtbot.wait(50)
    lab = w.calibration_label
    assert lab.height() >= lab.heightForWidth(lab.width()), (lab.height(), lab.heightForWidth(lab.width()))
    assert "Lifetimes:" in lab.toolTip() and "Lifetimes:" not in lab.text()
    # the notes wrap in their column: no sideways scroll, every row as tall as its wrapped note
    assert not w.table.horizontalScrollBar().isVisible()
    for r in range(w.table.rowCount()):
        assert w.table.rowHeight(r) >= w.table.sizeHintForRow(r) - 1
    n_pts = _n(w.scatter_ind) + _n(w.scatter_dep)
    assert n_pts == sum(p.quantity == "cell_overpotential_mV" for p in report.points)
    w.grab().save(str(output_dir / "validation_tab.png"))
    w.quantity_combo.setCurrentIndex(3)  # CCD
    assert _n(w.scatter_ind) + _n(w.scatter_dep) == 8
    w.grab().save(str(output_dir / "validation_tab_ccd.png"))
    # the within-paper CE comparisons: measured vs predicted loss ratio, host pairs and current pairs apart
    from anodelab.gui.validation_tab import CE_PAIRS_SCATTER

    w.quantity_combo.setCurrentIndex(w.quantity_combo.findData(CE_PAIRS_SCATTER))
    rows = w.ce_pairs["rows"]
    n_host = sum(r["kind"] == "host_vs_planar" and not r["ordinal"] for r in rows)
    n_series = sum(r["kind"] == "current_series" and not r["ordinal"] for r in rows)
    assert (_n(w.scatter_ind), _n(w.scatter_dep)) == (n_host, n_series) and n_host >= 6
    x, y = w.scatter_ind.getOriginalDataset()
    assert (y > x).all()  # every host pair: the engine's host loses more than measured (the open sign error)
    assert "host vs planar" in w.legend_label.text() and "sign right" in w.scatter_title.text()
    w.grab().save(str(output_dir / "validation_tab_ce_pairs.png"))
    w.quantity_combo.setCurrentIndex(0)
    assert "inputs from other papers" in w.legend_label.text()
    # the second view holds the text of `anodelab validate`: the held-out headline rows, the failure events (liquid
    # and solid), the within-paper CE comparisons, the solid-state records and the full cells, line for line what the
    # command prints
    from anodelab.validation.ce_pairs import ce_pairs_section
    from anodelab.validation.cells import cell_section
    from anodelab.validation.events import events_section
    from anodelab.validation.text_report import validation_lines

    text = w.report_text.toPlainText()
    assert text.splitlines() == validation_lines(report, cell_section(), events_section(), ce_pairs=ce_pairs_section())
    for head in ("Held out, per quantity", "Lifetime, failure events", "Within-paper CE comparisons",
                 "Solid-state model v2", "Full cells"):
        assert head in text
    w.views.setCurrentIndex(1)
    w.report_text.verticalScrollBar().setValue(0)
    w.grab().save(str(output_dir / "validation_tab_text.png"))
    # the within-paper CE comparisons, scrolled into view (they sit below the lifetime rows)
    cur = w.report_text.document().find("Within-paper CE comparisons")
    assert not cur.isNull()
    w.report_text.moveCursor(QTextCursor.MoveOperation.End)  # from the end, setting the cursor scrolls up just
    w.report_text.setTextCursor(cur)  # far enough: the block's first line lands at the top of the view
    qtbot.wait(20)
    w.grab().save(str(output_dir / "validation_tab_text_ce_pairs.png"))
