"""CCD(T) beside ASR(T) on the Arrhenius tab and CCD(P) beside the CCD ramp (issue 12, item 5), in the real window."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from anodelab.design import load_design

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output"
EXAMPLES = ROOT / "resources" / "examples"


def _show(w, qtbot, key):
    w.tabs.setCurrentWidget(w.panels[key])
    qtbot.waitUntil(lambda: w.panels[key].data is not None or w.panels[key].message, timeout=10_000)


@pytest.mark.parametrize("example", ["na_nzsp", "na_base_80C"])
def test_arrhenius_and_ccd_tabs_carry_the_solid_curves(make_window, qtbot, example):
    from anodelab.scoring import score

    design = load_design(EXAMPLES / f"{example}.toml")
    w = make_window(design=design)
    side = w.solid_sides["arrhenius"]
    _show(w, qtbot, "arrhenius")
    qtbot.waitUntil(side.isVisible, timeout=10_000)
    c = side.curve
    assert c.variable == "temperature_C" and c.operating_x == design.conditions.temperature_C
    # the operating point is the score card's CCD
    assert c.operating_ccd_mA_cm2 == pytest.approx(float(score(design).value("ccd_mA_cm2")[0]), rel=1e-12)
    # same temperature range as the ASR(T) beside it (its x axis is 1000/T): the panel's curve and the side's
    asr_x = np.asarray(w.panels["arrhenius"].data.curves[0].x, float)
    side_x = np.asarray(side.plot.plotItem.listDataItems()[0].xData, float)
    assert side_x.min() == pytest.approx(asr_x.min(), rel=1e-9) and side_x.max() == pytest.approx(asr_x.max(), rel=1e-9)
    assert side.plot.curve_count == 4 and side.plot.literature_count >= 1
    assert "apparent activation" in side.note.text() and "eV" in side.note.text()
    top = side.plot.plotItem.getAxis("top")
    assert top.isVisible() and top.labelText == "T [°C]"
    qtbot.waitUntil(lambda: side.plot.width() > 200 and side.plot.height() > 150, timeout=5_000)
    qtbot.wait(100)
    OUT.mkdir(exist_ok=True)
    w.panels["arrhenius"].grab().save(str(OUT / f"arrhenius_ccd_T_{example}.png"))

    sp = w.solid_sides["ccd"]
    _show(w, qtbot, "ccd")
    qtbot.waitUntil(sp.isVisible, timeout=10_000)
    cp = sp.curve
    assert cp.variable == "stack_pressure_MPa" and cp.operating_x == design.conditions.stack_pressure_MPa
    assert cp.x[0] == 0.0 and cp.x[-1] == 10.0
    assert np.all(np.diff(cp.stripping_mA_cm2) >= -1e-12)  # the stripping limit does not fall with pressure
    assert "MPa" in sp.note.text()
    qtbot.waitUntil(lambda: sp.plot.width() > 200 and sp.plot.height() > 150, timeout=5_000)
    qtbot.wait(100)
    w.panels["ccd"].grab().save(str(OUT / f"ccd_tab_ccd_P_{example}.png"))


def test_liquid_design_keeps_its_views_and_edits_redraw(make_window, qtbot):
    """A liquid design hides the side plots; switching to a solid one while the tab is hidden draws it on show."""
    w = make_window(design=load_design(EXAMPLES / "na_cunw_diglyme.toml"))
    _show(w, qtbot, "arrhenius")
    assert not w.solid_sides["arrhenius"].isVisible() and w.panels["arrhenius"].data is not None
    panel = w.panels["arrhenius"]
    qtbot.waitUntil(lambda: panel.pages.width() >= panel.body.width() - 2, timeout=5_000)  # the plot takes the width
    OUT.mkdir(exist_ok=True)
    qtbot.wait(100)
    panel.grab().save(str(OUT / "arrhenius_liquid_cunw.png"))
    w.tabs.setCurrentWidget(w.panels["deposition"])
    w.doc.replace(load_design(EXAMPLES / "na_nzsp.toml"), None)
    assert not w.solid_sides["arrhenius"].isVisible()  # hidden tab: nothing computed yet
    _show(w, qtbot, "arrhenius")
    qtbot.waitUntil(w.solid_sides["arrhenius"].isVisible, timeout=10_000)
    t25 = w.solid_sides["arrhenius"].curve.operating_ccd_mA_cm2
    w.doc.replace(load_design(EXAMPLES / "na_nzsp.toml").with_conditions(temperature_C=60.0), None)
    qtbot.waitUntil(lambda: w.solid_sides["arrhenius"].curve.operating_x == 60.0, timeout=10_000)
    assert w.solid_sides["arrhenius"].curve.operating_ccd_mA_cm2 != t25


def test_side_activation_matches_the_arrhenius_note(make_window, qtbot):
    """The side plot's apparent activation (solid_curves, least squares of ln CCD on 1/T) is the Arrhenius profile's
    ccd_activation_energy_eV on the same temperatures: one number for one quantity on one tab."""
    from anodelab.simulate import simulate
    from anodelab.gui.plot_data import view_settings

    design = load_design(EXAMPLES / "na_nzsp.toml")
    w = make_window(design=design)
    _show(w, qtbot, "arrhenius")
    side = w.solid_sides["arrhenius"]
    qtbot.waitUntil(side.isVisible, timeout=10_000)
    prof = simulate(design, "arrhenius", **view_settings("arrhenius", [design], []))
    ea = float(np.asarray(prof.events["ccd_activation_energy_eV"])[0])
    assert side.curve.apparent_activation_eV == pytest.approx(ea, rel=1e-9)
    assert f"{ea:.3g} eV" in side.note.text()


def test_wide_panel_puts_ccd_t_beside_asr_t(make_window, qtbot):
    """With the docks closed the plot tab is wide: CCD(T) sits beside ASR(T) (in the docked window, under it)."""
    from PySide6.QtCore import Qt

    w = make_window(design=load_design(EXAMPLES / "na_nzsp.toml"))
    _show(w, qtbot, "arrhenius")
    panel, side = w.panels["arrhenius"], w.solid_sides["arrhenius"]
    qtbot.waitUntil(side.isVisible, timeout=10_000)
    assert panel.body.orientation() == Qt.Orientation.Vertical  # 1366 px window with both docks: ≈ 550 px
    for dock in (w.stack_dock, w.score_dock, w.history_dock, w.measurements_dock):
        if dock is not None:
            dock.hide()
    w.resize(1600, 800)
    qtbot.waitUntil(lambda: panel.width() >= 900, timeout=5_000)
    qtbot.waitUntil(lambda: panel.body.orientation() == Qt.Orientation.Horizontal, timeout=5_000)
    qtbot.waitUntil(lambda: side.plot.width() > 300, timeout=5_000)
    qtbot.wait(100)
    panel.grab().save(str(OUT / "arrhenius_ccd_T_na_nzsp_wide.png"))


def test_measured_asrs_on_the_arrhenius_plot(make_window, qtbot):
    """Bare Na | Na3Zr2Si2PO12: the measured interface ASRs on that electrolyte (Table 2 and solid_state.toml, e.g.
    T2-100 and Uchida19-compressed) are drawn on the ASR(T) plot at 1000/T of their temperature; a liquid design
    removes them."""
    from anodelab.design import Layer
    from anodelab.gui.solid_overlays import inverse_kK

    d = load_design(EXAMPLES / "na_nzsp.toml").with_layer("electrolyte", Layer("na3zr2si2po12"))
    w = make_window(design=d)
    _show(w, qtbot, "arrhenius")
    side = w.solid_sides["arrhenius"]
    qtbot.waitUntil(side.isVisible, timeout=10_000)
    ids = {p.record_id for p in side.asr_points}
    assert {"T2-100", "Uchida19-compressed", "Wang22-bare"} <= ids
    pi = w.panels["arrhenius"].plot.getPlotItem()
    xs = np.concatenate([np.asarray(it.xData, float) for it in side._host_items if hasattr(it, "xData")])
    assert np.allclose(xs, float(inverse_kK(25.0)))  # every one of them measured at 25 °C
    assert all(it in pi.items for it in side._host_items)
    assert "measured interface ASRs" in side.note.text() and "Uchida19-compressed 14" in side.note.text()
    qtbot.waitUntil(lambda: side.plot.width() > 200, timeout=5_000)
    qtbot.wait(100)
    w.panels["arrhenius"].grab().save(str(OUT / "arrhenius_asr_points_na3zr2si2po12.png"))
    w.doc.replace(load_design(EXAMPLES / "na_cunw_diglyme.toml"), None)
    qtbot.waitUntil(lambda: not side.isVisible(), timeout=10_000)
    assert not side._host_items and not any(it in pi.items for it in side._host_items)
