"""Drive the real main window: palette, inspector, conditions, undo, files, errors, plots."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDropEvent, QDragEnterEvent
from PySide6.QtWidgets import QApplication

from anodelab.design import load_design

pytestmark = pytest.mark.gui


def metric(window, key):
    return window.score_card.value_text(key)


def double_click_material(qtbot, window, material_id):
    pal = window.editor.palette_widget
    item = pal.item_for(material_id)
    assert item is not None and not item.isHidden()
    pal.tree.scrollToItem(item)
    rect = pal.tree.visualItemRect(item)
    qtbot.mouseClick(pal.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(pal.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def edit_cell(qtbot, table, row, col, text, done=lambda: True):
    """Type into a table cell the way a user does: select it, type, press Enter."""
    table.setFocus()
    table.setCurrentCell(row, col)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert editor is not table, "no cell editor opened"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the view commits the editor queued, then we apply
    qtbot.waitUntil(lambda: table.state() != table.State.EditingState and bool(done()), timeout=3000)


def test_example_opens_and_title(window):
    assert window.doc.design.host.material == "cu-nanowire-cu"
    assert "na_cunw_diglyme.toml" in window.windowTitle()
    assert not window.isWindowModified()
    assert metric(window, "effective_current_density_mA_cm2") == "0.05"


def test_choose_host_from_palette_changes_score_and_undo(qtbot, window):
    before = metric(window, "nucleation_overpotential_mV")
    window.editor.palette_widget.search.setText("cu foil")
    assert "cu-foil" in window.editor.palette_widget.visible_ids()
    double_click_material(qtbot, window, "cu-foil")
    assert window.doc.design.host.material == "cu-foil"
    assert window.editor.inspector.slot == "host"
    assert metric(window, "nucleation_overpotential_mV") != before
    # J_eff = J / area ratio = 1.0 / 1.1
    assert metric(window, "effective_current_density_mA_cm2") == "0.9091"
    assert window.isWindowModified()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.design.host.material == "cu-nanowire-cu"
    assert metric(window, "nucleation_overpotential_mV") == before
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert window.doc.design.host.material == "cu-foil"


def test_class_filter_and_drop_on_coating_slot(qtbot, window):
    pal = window.editor.palette_widget
    pal.class_filter.setCurrentIndex(pal.class_filter.findData("coating"))
    ids = pal.visible_ids()
    assert ids and all(window.doc.resolved.layers["host"].material_id != i for i in ids)
    view = window.editor.view
    pos = QPointF(view.slot_center("coating"))
    md = QMimeData()
    md.setData("application/x-anodelab-material", ids[0].encode())
    enter = QDragEnterEvent(pos.toPoint(), Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, enter)
    assert enter.isAccepted()
    drop = QDropEvent(pos, Qt.DropAction.CopyAction, md, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(view, drop)
    assert window.doc.design.coating is not None and window.doc.design.coating.material == ids[0]
    assert window.editor.inspector.slot == "coating"


def test_interlayer_with_liquid_electrolyte_is_refused(qtbot, window, dialogs):
    interlayers = [m.id for m in __import__("anodelab").materials.library.default_library().of_class("interlayer")]
    design = window.doc.design
    window.editor.use_material(interlayers[0])
    assert window.doc.design == design
    assert any("solid electrolyte" in t for t in dialogs.texts("warning"))


def test_edit_property_overrides_and_reset(qtbot, window, dialogs):
    insp = window.editor.inspector
    view = window.editor.view
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view.slot_center("host"))
    assert insp.slot == "host"
    row = insp.row_of("surface_area_ratio")
    edit_cell(qtbot, insp.table, row, 1, "5", done=lambda: window.doc.design.host.overrides)
    assert window.doc.design.host.overrides == {"surface_area_ratio": 5.0}
    assert metric(window, "effective_current_density_mA_cm2") == "0.2"
    row = insp.row_of("surface_area_ratio")
    assert insp.table.item(row, 0).text().startswith("●")
    assert insp.table.item(row, 3).text() == "user override in the design file"
    # a bad value: message naming the field, previous state kept
    edit_cell(qtbot, insp.table, row, 1, "0.5", done=lambda: len(dialogs.calls) == 1)
    assert any("surface_area_ratio" in t for t in dialogs.texts("warning"))
    assert window.doc.design.host.overrides == {"surface_area_ratio": 5.0}
    edit_cell(qtbot, insp.table, insp.row_of("surface_area_ratio"), 1, "abc", done=lambda: len(dialogs.calls) == 2)
    assert "not a number" in dialogs.texts("warning")[-1]
    # reset to the library value
    insp.table.selectRow(insp.row_of("surface_area_ratio"))
    assert insp.reset_button.isEnabled()
    qtbot.mouseClick(insp.reset_button, Qt.MouseButton.LeftButton)
    assert window.doc.design.host.overrides == {}
    assert metric(window, "effective_current_density_mA_cm2") == "0.05"
    window.doc.undo_stack.undo()
    assert window.doc.design.host.overrides == {"surface_area_ratio": 5.0}


def test_condition_spinbox_edit_is_one_undo_step(qtbot, window):
    box = window.editor.conditions.boxes["current_density_mA_cm2"]
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box.lineEdit(), "4")
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)
    assert window.doc.design.conditions.current_density_mA_cm2 == 4.0
    assert metric(window, "effective_current_density_mA_cm2") == "0.2"
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Up)
    qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Up)
    assert window.doc.design.conditions.current_density_mA_cm2 == pytest.approx(4.2)
    assert window.doc.undo_stack.count() == 1  # merged
    window.doc.undo_stack.undo()
    assert window.doc.design.conditions.current_density_mA_cm2 == 1.0
    assert box.value() == 1.0


def test_save_reopen_same_design(qtbot, make_window, save_dialog, tmp_path):
    w = make_window()
    w.editor.conditions.boxes["temperature_C"].setValue(60.0)
    w.editor.use_material("cu-foil")
    w.editor.inspector.set_override("porosity", 0.0)
    target = tmp_path / "my design.toml"
    save_dialog["path"] = str(target)
    w.activateWindow()
    qtbot.keyClick(w, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert target.exists()
    assert not w.isWindowModified()
    assert "my design.toml" in w.windowTitle() and "*" not in w.windowTitle().replace("[*]", "")
    assert load_design(target) == w.doc.design
    w2 = make_window()
    save_dialog["path"] = str(target)
    w2.activateWindow()
    qtbot.keyClick(w2, Qt.Key.Key_O, Qt.KeyboardModifier.ControlModifier)
    assert w2.doc.design == w.doc.design
    assert w2.score_card.value_text("sand_time_s") == w.score_card.value_text("sand_time_s")
    assert w2.recent_files()[0] == str(target.resolve())


def test_corrupt_file_keeps_design(qtbot, window, dialogs, save_dialog, tmp_path):
    window.editor.conditions.boxes["cycles"].setValue(42)
    before = window.doc.design
    bad = tmp_path / "corrupt.toml"
    bad.write_text("format_version = 1\n[host\nmaterial = ")
    save_dialog["path"] = str(bad)
    dialogs.answer = __import__("PySide6.QtWidgets", fromlist=["QMessageBox"]).QMessageBox.StandardButton.Discard
    window.act_open.trigger()
    assert any("corrupt.toml" in t and "TOML" in t for t in dialogs.texts("warning"))
    assert window.doc.design == before
    # a well-formed file with a bad value names the field
    bad.write_text(load_design.__module__ and
                   "format_version = 1\n[conditions]\ntemperature_C = -500\n[host]\nmaterial='cu-foil'\n"
                   "[electrolyte]\nmaterial='napf6-diglyme-1m'\n")
    assert not window.open_file(bad)
    assert "temperature_C" in dialogs.texts("warning")[-1]
    assert window.doc.design == before


def test_close_prompts_on_unsaved_changes(qtbot, make_window, dialogs):
    from PySide6.QtWidgets import QMessageBox

    w = make_window()
    w.editor.conditions.boxes["cycles"].setValue(7)
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not w.close()
    assert w.isVisible()
    assert dialogs.texts("question")
    dialogs.answer = QMessageBox.StandardButton.Discard
    assert w.close()


def _dead_pid() -> int:
    """The pid of a process that has exited (so ``os.kill(pid, 0)`` fails)."""
    import subprocess
    import sys

    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _meta_owned_by_dead_process(meta_path) -> None:
    import json

    meta = json.loads(meta_path.read_text())
    meta["pid"] = _dead_pid()
    meta_path.write_text(json.dumps(meta))


def test_autosave_and_recovery(qtbot, make_window, dialogs, settings):
    from PySide6.QtWidgets import QMessageBox

    w = make_window(autosave_interval_ms=50)
    toml_path, _meta = w.autosave_paths()
    assert not w.autosave()  # nothing to save while clean
    w.editor.conditions.boxes["na_excess_mAh_cm2"].setValue(12.5)
    qtbot.waitUntil(toml_path.exists, timeout=3000)  # the timer fired
    assert load_design(toml_path) == w.doc.design
    crashed = w.doc.design
    w.autosave_timer.stop()  # simulate a crash: the window vanishes without cleaning up …
    _meta_owned_by_dead_process(_meta)  # … and so does its process (autosaves are per instance)
    w._autosave_lock.release()  # a dead process's lock is gone too (the kernel drops it)
    w2 = make_window()
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w2.offer_recovery()
    assert w2.doc.design == crashed
    assert w2.isWindowModified()
    w2.doc.undo_stack.setClean()
    w2.close()
    assert not toml_path.exists()  # a clean exit removes the autosave


def test_settings_restore_geometry_and_docks(qtbot, make_window, settings):
    w = make_window()
    w.score_dock.hide()
    w.save_settings()
    w2 = make_window()
    assert w2.score_dock.isHidden()


def test_help_f1(qtbot, window):
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_F1)
    qtbot.waitUntil(lambda: getattr(window, "_help", None) is not None and window._help.isVisible())
    text = window._help.browser.toPlainText()
    assert "Sand" in text and "Lu et al." in text and "estimate" in text
    window._help.close()


def test_compare_pins_overlay_and_table(qtbot, window):
    window.tabs.setCurrentWidget(window.panels["nucleation"])
    assert window.panels["nucleation"].curve_count() == 1
    window.act_pin.trigger()
    window.editor.use_material("cu-foil")
    window.act_pin.trigger()
    window.editor.conditions.boxes["current_density_mA_cm2"].setValue(3.0)
    assert window.panels["nucleation"].curve_count() == 3
    window.tabs.setCurrentWidget(window.compare)  # the table refreshes when shown
    assert window.compare.table.columnCount() == 3
    row = window.compare.specs.index(next(s for s in window.compare.specs if s.key == "effective_current_density_mA_cm2"))
    assert [window.compare.table.item(row, c).text() for c in range(3)] == ["2.727", "0.05", "0.9091"]
    for _ in range(2):
        window.act_pin.trigger()
    assert not window.compare.pin_button.isEnabled()
    window.act_clear_pins.trigger()
    assert window.compare.table.columnCount() == 1


def test_nucleation_curve_marks_r_crit(window):
    window.tabs.setCurrentWidget(window.panels["nucleation"])
    panel = window.panels["nucleation"]
    d = panel.data
    rc_nm = window.doc.record()["critical_nucleus_radius_nm"]
    assert d.vlines[0][0] == pytest.approx(rc_nm, rel=1e-9)
    assert d.x_unit == "nm" and d.y_unit == "eV"
    x, y = d.curves[0].x, d.curves[0].y
    assert x[y.argmax()] == pytest.approx(rc_nm, rel=0.01)  # the maximum of ΔG(r) sits at r_crit


def test_plot_export_png_svg_csv(window, tmp_path, output_dir):
    window.tabs.setCurrentWidget(window.panels["nucleation"])
    panel = window.panels["nucleation"]
    for ext in ("png", "svg", "csv"):
        p = panel.export(tmp_path / f"plot.{ext}")
        assert p.stat().st_size > 200
    lines = (tmp_path / "plot.csv").read_text().splitlines()
    assert lines[0] == "design,nucleus radius r [nm],ΔG(r) [eV]"
    assert len(lines) == 401
    svg = (tmp_path / "plot.svg").read_text()
    assert "<svg" in svg[:500]
    # axes are cached as pixmaps on screen; the SVG must still carry them as vector text, not images
    assert "nucleus radius r" in svg and "<image" not in svg
    assert set(panel.export_actions) == {"png", "svg", "csv"}
    import shutil

    shutil.copy(tmp_path / "plot.png", output_dir / "exported_nucleation_plot.png")


def test_crosshair_readout(window):
    window.tabs.setCurrentWidget(window.panels["nucleation"])
    panel = window.panels["nucleation"]
    panel.show_readout(50.0, 1000.0)
    assert panel.readout.text().startswith("nucleus radius r = 50 nm")
    assert "ΔG(r) = 1000 eV" in panel.readout.text()


def test_gui_version_does_not_import_qt():
    code = (
        "import sys; from anodelab.gui.app import main; rc = main(['--version']); "
        "assert rc == 0; assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("AnodeLab ")


def test_launch_with_bad_design_file_shows_error(qtbot, settings, dialogs, tmp_path):
    from anodelab.gui.app import launch

    bad = tmp_path / "bad.toml"
    bad.write_text("this is not toml [")
    w = launch(str(bad), settings)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.startupDone, timeout=5000):
        pass
    assert any("bad.toml" in t for t in dialogs.texts("warning"))
    assert w.doc.design.host.material == "cu-nanowire-cu"
    w.close()
