"""Solid-state views (issue 12): CCD(T) and CCD(P) with both limits, the operating point and literature points."""

from __future__ import annotations

from pathlib import Path

from anodelab.design import Layer, load_design

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "test-output"


def test_solid_state_tab_in_the_main_window(make_window, qtbot):
    w = make_window()
    design = load_design(ROOT / "resources" / "examples" / "na_nzsp.toml").with_layer("electrolyte", Layer("base"))
    tab = w.solid_tab
    assert tab is not None
    w.tabs.setCurrentWidget(tab)
    tab.set_design(design.with_conditions(stack_pressure_MPa=2.0))
    qtbot.waitUntil(lambda: tab.t_plot.isVisible())
    assert tab.t_plot.curve_count == 4 and tab.p_plot.curve_count == 4
    assert tab.p_plot.literature_count >= 2  # T2-96-base (0 MPa) and Spencer Jolly 2020 (9 MPa) on BASE
    assert "limited by" in tab.reason.text() and "mA cm⁻²" in tab.reason.text()
    OUT.mkdir(exist_ok=True)
    tab.grab().save(str(OUT / "solid_views_base_2MPa.png"))


def test_standalone_views_and_liquid_message(qtbot):
    from anodelab.gui.solid_views import build_solid_views

    nzsp = load_design(ROOT / "resources" / "examples" / "na_nzsp.toml")
    v = _shown_views(qtbot, build_solid_views, nzsp, (1200, 560))
    assert v.t_plot.isVisible() and "stripping voids" in v.reason.text() and "eV" in v.reason.text()
    OUT.mkdir(exist_ok=True)
    v.grab().save(str(OUT / "solid_views_nzsp.png"))
    v.set_design(load_design(ROOT / "resources" / "examples" / "na_cunw_diglyme.toml"))
    assert v.message.isVisible() and not v.t_plot.isVisible() and v.reason.text() == ""


def test_score_card_names_the_limit_and_says_why(make_window, qtbot):
    """The score card shows which CCD limit applies, by name, and both limits with the reason, from the engine's
    numbers (anodelab.simulate.solid_curves.ccd_explanation); liquid designs hide the line."""
    from anodelab.scoring import score
    from anodelab.simulate.solid_curves import ccd_explanation

    nzsp = load_design(ROOT / "resources" / "examples" / "na_nzsp.toml").with_conditions(stack_pressure_MPa=0.5)
    w = make_window(design=nzsp)
    card = w.score_card
    qtbot.waitUntil(lambda: card.ccd_reason.isVisible())
    assert card.value_text("ccd_limiting_mechanism") == "stripping"
    text = card.ccd_reason.text()
    assert "stripping voids: replenishment" in text and "at 0.5 MPa" in text and "plating penetration limit" in text
    assert ccd_explanation(score(nzsp), 0, 0.5) in text
    OUT.mkdir(exist_ok=True)
    card.table.scrollToItem(card.table.item(card.rows["ccd_limiting_mechanism"], 0))
    w.score_dock.grab().save(str(OUT / "score_card_solid_nzsp_0.5MPa.png"))
    w.doc.replace(load_design(ROOT / "resources" / "examples" / "na_cunw_diglyme.toml"), None)
    qtbot.waitUntil(lambda: not card.ccd_reason.isVisible())
    assert card.value_text("ccd_limiting_mechanism") == "n/a"


def _shown_views(qtbot, build, design, size=(1300, 760)):
    """The standalone solid-state views of ``design``, shown at ``size`` px and drawn."""
    v = build(design)
    qtbot.addWidget(v)
    v.resize(*size)
    v.show()
    qtbot.waitExposed(v)
    v.set_design(design)
    return v


def test_asr_views_show_the_compressed_nasicon_point(qtbot):
    """ASR(P) of bare Na | Na3Zr2Si2PO12 flattens at the full-contact floor R_int = 524 × 0.410 = 214.8 Ω cm² (hand
    calculation in tests/validation/test_solid_records.py); Uchida 2019's compressed 14 Ω cm² (pressure not stated,
    a triangle) and the Table 2 ASRs on the same electrolyte are drawn beside it."""
    from anodelab.gui.solid_views import build_solid_views

    d = load_design(ROOT / "resources" / "examples" / "na_nzsp.toml").with_layer("electrolyte", Layer("na3zr2si2po12"))
    v = _shown_views(qtbot, build_solid_views, d)
    assert v.pa_plot.isVisible() and v.ta_plot.isVisible()
    ids = {p.record_id: p for p in v.pa_plot_curve.asr_literature}
    assert "Uchida19-compressed" in ids and not ids["Uchida19-compressed"].pressure_stated
    assert {"T2-100", "T2-102"} <= set(ids)
    asr = v.pa_plot_curve.asr_ohm_cm2
    assert asr[0] > asr[-1] and abs(asr[-1] - 214.8) < 0.5  # falls with pressure to the full-contact floor
    OUT.mkdir(exist_ok=True)
    v.grab().save(str(OUT / "solid_views_na3zr2si2po12_asr.png"))


def test_bounds_are_arrows_pointing_where_the_ccd_lies(qtbot):
    """Na | NCBB: Brighi 2022 held 1 mA cm⁻² at 1 MPa (CCD ≥ 1: an arrow up) and had failed at it by 0.3 MPa (CCD ≤ 1:
    an arrow down); the measured 0.6 mA cm⁻² at 1.5 MPa is a circle. The labels carry the sign."""
    from anodelab.gui.solid_views import _BOUND_SYMBOL, _point_label, build_solid_views

    d = load_design(ROOT / "resources" / "examples" / "na_nzsp.toml").with_layer("electrolyte", Layer("ncbb"))
    v = _shown_views(qtbot, build_solid_views, d)
    pts = {p.record_id: p for p in v.pa_plot_curve.literature}
    assert pts["Brighi22-s1MPa"].comparison == "at_least" and pts["Brighi22-s0.3MPa"].comparison == "at_most"
    assert pts["Brighi22-CCD"].comparison == "equal" and pts["Brighi22-CCD"].bound_sign == ""
    assert _point_label(pts["Brighi22-s1MPa"], v.pa_plot_curve).startswith("Brighi22-s1MPa ≥")
    drawn = {}
    for item in v.p_plot.plotItem.listDataItems():
        sym = item.opts.get("symbol")
        if sym is None:  # a curve, or a label's leader line (it starts at its point)
            continue
        xs, ys = item.getOriginalDataset()  # getData() is log10 on the log axis
        for x, y in zip(xs, ys):
            drawn[(round(float(x), 3), round(float(y), 4))] = sym
    assert drawn[(1.0, 1.0)] == _BOUND_SYMBOL["at_least"] == "arrow_up"
    assert drawn[(0.3, 1.0)] == _BOUND_SYMBOL["at_most"] == "arrow_down"
    assert drawn[(1.5, 0.6)] == "o"
    OUT.mkdir(exist_ok=True)
    v.grab().save(str(OUT / "solid_views_ncbb_bounds.png"))
