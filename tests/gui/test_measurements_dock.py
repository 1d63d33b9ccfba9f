"""The Measurements dock (issue 14): drop → overlay → fit → save as material → the design uses the fitted source.

The dropped file is a synthetic EC-Lab spectrum of the current design with a known SEI ASR (5 Ω cm² instead
of the library's 3), so the saved material must carry ≈ 5 Ω cm² with a 'fitted: …' source."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QMessageBox


def _drop(window, paths):
    """What Qt delivers when files are dragged onto the window: a drag-enter (which must be accepted), then the drop."""
    md = QMimeData()
    md.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, md, Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    ev = QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, md, Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, ev)
    return ev


@pytest.fixture
def spectrum_file(tmp_path):
    from anodelab.data.synthetic import synthetic_spectrum
    from anodelab.data.writers import write_mpt
    from anodelab.gui.project_files import default_design

    d = default_design()
    truth = d.with_layer("electrolyte", replace(d.electrolyte, overrides={"sei_asr_ohm_cm2": 5.0}))
    m, _ = synthetic_spectrum(truth, area_cm2=1.13, f_max_Hz=1e7, temperature_C=d.conditions.temperature_C)
    path = tmp_path / "na_na_symmetric_25C.mpt"
    write_mpt(m, path)
    return path


def test_drop_overlay_fit_save_material(make_window, qtbot, spectrum_file, output_dir, dialogs):
    w = make_window()
    panel = w.measurements
    w.measurements_dock.raise_()
    electrolyte = w.doc.design.electrolyte.material
    with qtbot.waitSignal(panel.overlayDrawn, timeout=10000):
        ev = _drop(w, [spectrum_file])
    assert ev.isAccepted()
    assert panel.files.count() == 1
    assert "eis" in panel.files.item(0).text()
    assert panel.last_overlay and panel.last_overlay[0].protocol == "eis"
    assert panel.last_overlay[0].x.size == 73  # every measured frequency drawn
    qtbot.wait(50)
    w.grab().save(str(output_dir / "measurements_overlay.png"))

    with qtbot.waitSignal(panel.fitFinished, timeout=30000) as blocker:
        panel.fit_button.click()
    fit = blocker.args[0]
    assert fit.ok, fit.messages
    asr = fit.values["interfacial_asr_per_electrode_ohm_cm2"]
    from anodelab.scoring import score

    truth = w.doc.design.with_layer("electrolyte", replace(w.doc.design.electrolyte, overrides={"sei_asr_ohm_cm2": 5.0}))
    want = score(truth).si["asr_interface_ohm_m2"][0] * 1e4  # the engine's sei_asr / A_w (the area the pores reach)
    assert asr.low < want < asr.high
    assert panel.save_button.isEnabled()
    assert panel.table.rowCount() == len(fit.values)
    qtbot.wait(50)
    w.grab().save(str(output_dir / "measurements_fit.png"))

    before = w.score_card.value_text("interfacial_asr_ohm_cm2") if "interfacial_asr_ohm_cm2" in w.score_card.rows else None
    with qtbot.waitSignal(panel.overlayDrawn, timeout=20000):  # the design changed: the overlay is redrawn
        path = panel.save_as_material("fitted-sei-diglyme")
    assert path is not None and path.endswith("fitted-sei-diglyme.toml")
    assert w.doc.design.electrolyte.material == "fitted-sei-diglyme" != electrolyte
    prop = w.doc.resolved.layers["electrolyte"].properties["sei_asr_ohm_cm2"]
    assert prop.source.startswith("fitted: na_na_symmetric_25C.mpt, sha256 ")
    assert abs(prop.value - 5.0) < 0.1 and prop.range[0] < 5.0 < prop.range[1]
    # the score card names the fitted value (as a person reads it) and its file, read from the design's
    # materials by the card itself; the full provenance, with the engine key, is its tooltip
    assert "fitted: SEI area-specific resistance (na_na_symmetric_25C.mpt)" in w.score_card.summary.text()
    assert "sei_asr_ohm_cm2" not in w.score_card.summary.text()
    assert "sha256" in w.score_card.summary.toolTip() and "sei_asr_ohm_cm2" in w.score_card.summary.toolTip()
    from anodelab.gui.score_card import fitted_line

    # the card reads the line from the design's materials (no Measurements dock involved)
    line, tip = fitted_line(w.doc.resolved)
    assert line in w.score_card.summary.text() and tip == w.score_card.summary.toolTip()
    # the window re-scored with the fitted material; the inspector shows the fitted source
    if before is not None:
        assert w.score_card.value_text("interfacial_asr_ohm_cm2") != before
    w.editor.select_slot("electrolyte")
    insp = w.editor.inspector
    src = insp.table.item(insp.row_of("sei_asr_ohm_cm2"), 3).text()
    assert src.startswith("fitted: na_na_symmetric_25C.mpt")
    assert "sei_asr_ohm_cm2 = 5.0" in panel.status.text() and "fitted: na_na_symmetric_25C.mpt" in panel.status.text()
    w.measurements_dock.raise_()
    qtbot.wait(50)
    w.grab().save(str(output_dir / "measurements_saved.png"))
    # undo restores the library material
    with qtbot.waitSignal(panel.overlayDrawn, timeout=20000):
        w.doc.undo_stack.undo()
    assert w.doc.design.electrolyte.material == electrolyte
    assert "fitted:" not in w.score_card.summary.text()
    with qtbot.waitSignal(panel.overlayDrawn, timeout=20000):
        w.doc.undo_stack.redo()
    w.score_dock.raise_()
    qtbot.wait(50)
    w.grab().save(str(output_dir / "measurements_saved_scorecard.png"))
    assert not dialogs.texts("warning")


def test_bad_file_dropped_is_one_message(make_window, qtbot, tmp_path, dialogs):
    w = make_window()
    bad = tmp_path / "broken.mpt"
    bad.write_bytes(b"EC-Lab ASCII FILE\r\nNb header lines : 40\r\n")
    with qtbot.waitSignal(w.measurements.filesAdded, timeout=10000):
        _drop(w, [bad])
    assert w.measurements.files.count() == 0
    msgs = dialogs.texts("warning")
    assert len(msgs) == 1 and "broken.mpt" in msgs[0] and "truncated" in msgs[0]


def test_csv_columns_confirmed_once(make_window, qtbot, tmp_path, dialogs):
    src = tmp_path / "a.csv"
    src.write_text("f,zr,zi\n" + "".join(f"{10.0 ** (k / 4):g},{10 + k},{-1 - k}\n" for k in range(12)))
    # the layout 'f,zr,zi' cannot be guessed (zr/zi are not known names): no mapping → one warning
    w = make_window()
    panel = w.measurements

    def add(path):
        with qtbot.waitSignal(panel.filesAdded, timeout=10000):
            panel.add_files([path])

    add(src)
    assert w.measurements.files.count() == 0
    good = tmp_path / "b.csv"
    good.write_text("Freq (Hz),Re(Z) (Ohm),Im(Z) (Ohm)\n" + "".join(f"{10.0 ** (k / 4):g},{10 + k},{-1 - k}\n" for k in range(12)))
    dialogs.answer = QMessageBox.StandardButton.Yes
    add(good)
    assert w.measurements.files.count() == 1
    assert len(dialogs.texts("question")) == 1
    add(good)  # remembered: no second question
    assert w.measurements.files.count() == 2 and len(dialogs.texts("question")) == 1


def test_real_neware_file_is_drawn(make_window, qtbot, output_dir, dialogs):
    """A real Li-ion cycling file (not a recognised Na protocol): drawn as measured, the status says to choose."""
    from pathlib import Path

    src = Path(__file__).resolve().parents[1] / "data" / "realdata" / "neware" / "TestFile.nda"
    w = make_window()
    w.measurements_dock.raise_()
    panel = w.measurements
    with qtbot.waitSignal(panel.overlayDrawn, timeout=10000):
        _drop(w, [src])
    assert panel.files.count() == 1 and "6670 points" in panel.files.item(0).text()
    assert "choose the protocol" in panel.status.text()
    items = panel.plot.getPlotItem().listDataItems()
    assert len(items) == 1 and items[0].getData()[0].size == 6670
    qtbot.wait(50)
    w.grab().save(str(output_dir / "measurements_neware.png"))
    assert not dialogs.texts("warning")


def test_temperature_series_overlay_and_fit(make_window, qtbot, tmp_path, output_dir, dialogs):
    """Three spectra at −10/10/25 °C dropped at once, all selected: recognised as a temperature series, drawn as
    ASR against 1000/T next to the engine's Arrhenius line, fitted on the worker (E_a with its interval)."""
    from anodelab.data.synthetic import synthetic_spectrum
    from anodelab.data.writers import write_mpt
    from anodelab.gui.project_files import default_design

    d = default_design()
    paths = []
    for k, t in enumerate([-10.0, 10.0, 25.0]):
        m, _ = synthetic_spectrum(d, area_cm2=1.13, temperature_C=t, seed=k, f_max_Hz=1e7)
        paths.append(tmp_path / f"eis_{int(t)}C.mpt")
        write_mpt(m, paths[-1])
    w = make_window()
    w.measurements_dock.raise_()
    panel = w.measurements
    with qtbot.waitSignal(panel.filesAdded, timeout=20000):
        _drop(w, paths)
    assert panel.files.count() == 3
    with qtbot.waitSignal(panel.overlayDrawn, timeout=20000):
        panel.files.selectAll()
    assert panel.current_protocol() == "arrhenius"
    ov = panel.last_overlay[0]
    assert ov.protocol == "arrhenius" and ov.x.size == 3
    with qtbot.waitSignal(panel.fitFinished, timeout=60000) as blocker:
        panel.fit_button.click()
    r = blocker.args[0]
    ea = r.values["activation_energy_eV"]
    # the engine's apparent E_a of its interfacial ASR over the same temperatures (ASR_SEI / A_w: the pore
    # electrolyte's σ(T) enters A_w, so it lies below the library's SEI activation energy of 0.5 eV)
    from anodelab.scoring import score

    temps = np.array([-10.0, 10.0, 25.0])
    asr = [score(d.with_conditions(temperature_C=t)).si["asr_interface_ohm_m2"][0] for t in temps]
    apparent = np.polyfit(1.0 / (temps + 273.15), np.log(asr), 1)[0] * 8.617333262e-5
    assert apparent < 0.5 and ea.low < apparent < ea.high
    qtbot.wait(50)
    w.grab().save(str(output_dir / "measurements_arrhenius.png"))
