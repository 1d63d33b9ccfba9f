"""Issue 15, item 2 (editable name and notes; a default name that follows the layers) and the
Help → Getting started page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from anodelab.design import load_design


def test_the_example_name_follows_the_layers_until_the_user_names_it(qtbot, window):
    assert window.doc.auto_named
    window.editor.use_material("nzsp")
    assert window.doc.design.name == "Na on CuNW-Cu | NZSP"
    assert "Na on CuNW-Cu | NZSP" in window.windowTitle()
    window.act_pin.trigger()
    window.editor.use_material("cu-foil")
    assert window.doc.design.name == "Na on Cu foil | NZSP"
    assert window.compare.designs[0].name == "Na on CuNW-Cu | NZSP"  # pinned designs stay distinguishable
    window.doc.undo_stack.undo()
    assert window.doc.design.name == "Na on CuNW-Cu | NZSP"


def test_typing_a_name_keeps_it_and_clearing_it_goes_back(qtbot, window):
    edit = window.editor.name_edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "My NZSP cell")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.doc.design.name == "My NZSP cell" and not window.doc.auto_named
    window.editor.use_material("nzsp")
    assert window.doc.design.name == "My NZSP cell"
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert window.doc.auto_named and window.doc.design.name == "Na on CuNW-Cu | NZSP"


def test_notes_are_saved_with_the_design(qtbot, window, save_dialog, tmp_path):
    notes = window.editor.notes_edit
    notes.setFocus()
    notes.setText("Cells of batch 7, 60 µm Na")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    save_dialog["path"] = str(tmp_path / "b7.toml")
    assert window.save()
    assert load_design(tmp_path / "b7.toml").description == "Cells of batch 7, 60 µm Na"


def test_a_user_file_keeps_its_name(qtbot, window, tmp_path):
    from anodelab.design import save_design

    from anodelab.paths import examples_dir

    d = load_design(examples_dir() / "na_nzsp.toml")
    save_design(d, tmp_path / "mine.toml")
    window.open_file(tmp_path / "mine.toml")
    assert not window.doc.auto_named
    window.editor.use_material("cu-foil")
    assert window.doc.design.name == d.name


def test_getting_started_page(qtbot, window):
    window.act_getting_started.trigger()
    dlg = window._getting_started
    qtbot.addWidget(dlg)
    text = dlg.browser.toPlainText()
    for step in ("design", "screen", "report", "Pin", "Save"):
        assert step.lower() in text.lower()


@pytest.mark.parametrize("pins", [1, 4])
def test_compare_headers_are_readable_at_1366(qtbot, make_window, pins):
    """Issue 15, Compare headers clipped at 1366 px: each header is "Current" / "Pin k" and the design
    name wrapped to the column; every line fits its column, the full name is in the tooltip, and the
    value columns never get narrower than a number (the table scrolls sideways with four pins)."""
    from pathlib import Path

    from PySide6.QtGui import QFontMetrics
    from PySide6.QtWidgets import QApplication

    w = make_window()
    w.resize(1366, 768)
    for k in range(pins):
        w.doc.rename(f"Cell {k + 1}: Na on Cu nanowires in 1 M NaPF6 diglyme, 60 °C")
        w.pin_current()
    w.doc.rename("")
    w.editor.use_material("cu-foil")
    w.tabs.setCurrentWidget(w.compare)
    QApplication.processEvents()
    cmp_ = w.compare
    hh = cmp_.table.horizontalHeader()
    fm = QFontMetrics(hh.font())
    names = [w.doc.design.name] + [d.name for d in cmp_.designs]
    for c in range(cmp_.table.columnCount()):
        text = cmp_.header_text(c)
        lines = text.split("\n")
        assert lines[0] == ("Current" if c == 0 else f"Pin {c}")
        assert all(fm.horizontalAdvance(line) <= hh.sectionSize(c) - 8 for line in lines), (text, hh.sectionSize(c))
        shown = " ".join(lines[1:])
        assert shown == names[c] or shown.endswith("…"), (shown, names[c])
        assert names[c] in cmp_.table.horizontalHeaderItem(c).toolTip()
        assert hh.sectionSize(c) >= fm.horizontalAdvance("2.333e-05")
        for r in range(cmp_.table.rowCount()):  # no value is elided
            assert fm.horizontalAdvance(cmp_.table.item(r, c).text()) <= hh.sectionSize(c) - 6
    assert hh.height() >= 3 * fm.lineSpacing()  # the header grew to show the wrapped lines
    out = Path(__file__).resolve().parents[2] / "test-output" / "issue15"
    out.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(out / f"1366x768_compare_{pins}_pins.png"))
