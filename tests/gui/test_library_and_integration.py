"""Library editor, open-recent, report export from the window and loading a screened design."""

from __future__ import annotations

import pytest

from anodelab.design import Design, Layer
from anodelab.errors import AnodeLabError
from anodelab.gui.library_editor import LibraryEditor
from anodelab.materials.library import default_library

pytestmark = pytest.mark.gui


def fill_host(dlg: LibraryEditor, mid: str, porosity: str = "0.6") -> None:
    dlg.id_edit.setText(mid)
    dlg.name_edit.setText("My 3D Cu mesh")
    dlg.class_box.setCurrentIndex(dlg.class_box.findData("host"))
    dlg.template_box.setCurrentIndex(dlg.template_box.findData("cu-foil"))
    dlg._template_chosen(dlg.template_box.currentIndex())
    dlg.set_value("surface_area_ratio", "8", "estimate: mesh of 50 µm wires")
    dlg.set_value("porosity", porosity, "estimate: open mesh")
    dlg.set_value("thickness_um", "120", "estimate: two mesh layers")


def test_library_editor_saves_a_user_material_the_design_can_use(qtbot, window, _isolated_user_dir):
    dlg = LibraryEditor(window)
    qtbot.addWidget(dlg)
    fill_host(dlg, "my-cu-mesh")
    assert dlg.save()
    path = _isolated_user_dir / "materials" / "my-cu-mesh.toml"
    assert path.exists()
    mat = default_library().get("my-cu-mesh")
    assert mat.origin == "user" and mat.value("porosity") == 0.6
    assert mat.properties["porosity"].source == "estimate: open mesh"
    window.library_changed()
    assert window.editor.palette_widget.item_for("my-cu-mesh") is not None
    before = window.score_card.value_text("effective_current_density_mA_cm2")
    window.editor.use_material("my-cu-mesh")
    assert window.doc.design.host.material == "my-cu-mesh"
    # J = 1 mA cm⁻² over an area ratio of 8 → 0.125 mA cm⁻²
    assert window.score_card.value_text("effective_current_density_mA_cm2") == "0.125" != before


def test_library_editor_rejects_bad_values_naming_the_field(qtbot, window, _isolated_user_dir):
    dlg = LibraryEditor(window)
    qtbot.addWidget(dlg)
    fill_host(dlg, "bad-mesh", porosity="1.7")
    with pytest.raises(AnodeLabError, match="porosity.*0.99"):
        dlg.validate()
    dlg.set_value("porosity", "lots", "estimate")
    with pytest.raises(AnodeLabError, match="porosity"):
        dlg.validate()
    fill_host(dlg, "cu-foil")
    with pytest.raises(AnodeLabError, match="installed material"):
        dlg.validate()
    assert not (_isolated_user_dir / "materials" / "bad-mesh.toml").exists()


def test_open_recent_reopens_a_saved_design(qtbot, make_window, tmp_path, save_dialog):
    w = make_window()
    save_dialog["path"] = str(tmp_path / "mine.toml")
    w.doc.apply(w.doc.design.with_conditions(temperature_C=40.0), "warm")
    w.act_save_as.trigger()
    assert (tmp_path / "mine.toml").exists()
    w._fill_recent_menu()
    actions = [a for a in w.recent_menu.actions() if a.text().endswith("mine.toml")]
    assert actions
    w.doc.apply(w.doc.design.with_conditions(temperature_C=10.0), "cold")
    w.doc.undo_stack.setClean()
    actions[0].trigger()
    assert w.doc.design.conditions.temperature_C == 40.0


def test_export_report_from_the_window(qtbot, window, tmp_path, monkeypatch):
    import anodelab.gui.report_dialog as rd

    calls = []

    def fake_export(parent, design, file_path=None, **kw):
        calls.append((design, file_path))
        return tmp_path / "r.pdf"

    monkeypatch.setattr(rd, "export_report_interactive", fake_export)
    window.export_report()
    assert calls and calls[0][0] == window.doc.design


def test_a_screened_design_loads_as_an_undoable_edit(qtbot, window):
    if window.screening_tab is None:
        pytest.skip("screening tab not available")
    screened = window.doc.design.with_layer("host", Layer("porous-al"))
    window.screening_tab.designRequested.emit(screened)
    assert window.doc.design.host.material == "porous-al"
    window.doc.undo_stack.undo()
    assert window.doc.design.host.material == "cu-nanowire-cu"
    assert isinstance(window.doc.design, Design)


def test_preferred_temperature_unit_kelvin(qtbot, make_window, settings):
    w = make_window()
    w.set_temperature_unit("K")
    box = w.editor.conditions.boxes["temperature_C"]
    assert box.suffix() == " K" and box.value() == pytest.approx(298.15)
    box.setValue(333.15)  # the user types 333.15 K …
    assert w.doc.design.conditions.temperature_C == pytest.approx(60.0)  # … the design keeps 60 °C
    assert settings.value("units/temperature") == "K"
    w.doc.undo_stack.undo()
    assert box.value() == pytest.approx(298.15)
    w2 = make_window()  # a new window starts with the remembered unit
    assert w2.editor.conditions.boxes["temperature_C"].suffix() == " K"
    w2.set_temperature_unit("C")
    assert w2.editor.conditions.boxes["temperature_C"].value() == pytest.approx(25.0)


def test_the_app_starts_despite_a_bad_user_library_file(qtbot, settings, dialogs, _isolated_user_dir):
    from anodelab.gui.app import launch

    (_isolated_user_dir / "materials").mkdir()
    (_isolated_user_dir / "materials" / "bad.toml").write_text("[materials.oops\nname=")
    w = launch(None, settings)
    qtbot.addWidget(w)
    with qtbot.waitSignal(w.startupDone, timeout=5000):
        pass
    assert any("bad.toml" in t for t in dialogs.texts("warning"))
    assert w.doc.design.host.material == "cu-nanowire-cu"
    w.doc.undo_stack.setClean()
    w.close()
