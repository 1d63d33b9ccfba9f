"""Issue 15, item 2 (editable name and notes; a default name that follows the layers) and the
Help → Getting started page."""

from __future__ import annotations

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
