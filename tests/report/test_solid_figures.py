"""Report figures of the solid-state model v2 (issue 12, item 5): CCD(T) and CCD(P) drawn with both limits, the
operating point and the measured points; interface ASR(T) and ASR(P) drawn beside them."""

from __future__ import annotations

import numpy as np
import pytest

from anodelab.design import load_design
from anodelab.report.content import build_content
from anodelab.report.point_labels import LINE_PX, label_groups, place_labels


def test_label_groups_by_hand():
    """Two points 1 % of the x span apart and 0.01 decades apart share one label; a point in the right half points
    left (its label's right edge at the point, anchor x = 1); a point below the curve hangs its label below, one above
    stands on it."""
    curve = (np.array([0.0, 100.0]), np.array([1.0, 1.0]))  # log10 y = 0 everywhere
    out = place_labels([(25.0, 2.5, "T2-92"), (26.0, 2.45, "Liu24-bare"), (90.0, 0.5, "low")], [0.0, 100.0], curve,
                       y_log_range=(-1.0, 1.0), frame_px=(500.0, 300.0))
    assert [lab.text for lab in out] == ["low", "T2-92, Liu24-bare"]  # placed in order of height
    low, t2 = out
    assert (t2.x, round(t2.log_y, 6)) == (25.0, round(np.log10(2.5), 6)) and t2.above and t2.anchor == (0.0, 0.5)
    assert low.anchor == (1.0, 0.5) and not low.above and low.log_y == pytest.approx(np.log10(0.5))
    # the text's middle: half a line (17 px of 300 px over 2 decades = 0.0567 decade each half) above/below the point
    half = 0.5 * LINE_PX / 300.0 * 2.0
    assert t2.text_log_y == pytest.approx(np.log10(2.5) + half) and low.text_log_y == pytest.approx(np.log10(0.5) - half)
    # 6 px gap of a 500 px frame whose x spans 100 × 1.08 (4 % padding each side): 1.296 data units
    assert t2.text_x == pytest.approx(25.0 + 6.0 / 500.0 * 108.0) and low.text_x == pytest.approx(90.0 - 1.296)
    assert not (t2.moved or low.moved)


def test_labels_of_a_stack_of_points_at_one_x_do_not_overprint():
    """Four records at 25 °C within 0.3 decades (the CCD(T) plot of Na | NCBB: Deysher 1.2, Brighi s1 1.0, Asakura 5C
    0.8, Brighi CCD 0.6 mA cm⁻²) on a 300 px frame spanning 3 decades: 0.3 decades is 30 px, four 17 px labels need
    68 px, so labels move off their points, each by the least that frees it, and no two boxes overlap."""
    pts = [(25.0, 1.2, "Deysher23-Alfoil (10 MPa)"), (25.0, 1.0, "Brighi22-s1MPa ≥"), (25.0, 0.8, "Asakura20-5C ≥"),
           (25.0, 0.6, "Brighi22-CCD")]
    curve = (np.array([0.0, 95.0]), np.array([0.2, 1.0]))  # every point above the curve: labels stand on them
    out = place_labels(pts, [0.0, 95.0], curve, y_log_range=(-1.5, 1.5), frame_px=(560.0, 300.0))
    line = LINE_PX / 300.0 * 3.0  # a label's height in decades: 0.17
    mids = sorted(lab.text_log_y for lab in out)
    assert len(out) == 4 and all(b - a >= line - 1e-9 for a, b in zip(mids, mids[1:]))
    assert any(lab.moved for lab in out)
    lowest = min(out, key=lambda lab: lab.log_y)  # the first placed keeps its place: on its point
    assert not lowest.moved and lowest.text_log_y == pytest.approx(np.log10(0.6) + 0.5 * line)
    # every label stays inside the frame
    assert all(-1.5 <= lab.text_log_y - 0.5 * line and lab.text_log_y + 0.5 * line <= 1.5 for lab in out)


@pytest.mark.parametrize("example", ["na_nzsp", "na_base_80C"])
def test_solid_report_figures_carry_limits_operating_point_and_measurements(example, examples_dir, qapp, output_dir):
    import pyqtgraph as pg

    from anodelab.report import plots as plotting
    from anodelab.scoring import score

    design = load_design(examples_dir / f"{example}.toml")
    c = build_content(design, intervals=False)
    plots = {p.protocol: p for p in c.plots}
    ccd0 = float(score(design).value("ccd_mA_cm2")[0])
    for key in ("ccd_vs_temperature_C", "ccd_vs_stack_pressure_MPa"):
        p = plots[key]
        assert p.marks["operating"][1] == pytest.approx(ccd0, rel=1e-12)
        assert p.marks["measured"] and "legend" in p.events
        w = plotting.make_plot_widget(p)
        items = w.getPlotItem().listDataItems()
        # main line, its thick copy, stripping, plating, the star and ≥ 1 group of measured points
        assert len(items) >= 6
        texts = [it for it in w.getPlotItem().items if isinstance(it, pg.TextItem)]
        assert texts and all(t.toPlainText() for t in texts)
        w.deleteLater()
        (output_dir / f"report_fig_{example}_{key}.png").write_bytes(plotting.plot_png(p))
    for key in ("asr_vs_temperature_C", "asr_vs_stack_pressure_MPa"):
        p = plots[key]
        assert p.y_label.startswith("Interface ASR") and p.marks["operating"][1] == pytest.approx(
            float(score(design).value("interfacial_asr_ohm_cm2")[0]), rel=1e-12)
    # ASR(P) falls to the full-contact floor R_int = ASR(0 MPa) × f_c(0 MPa)
    a = np.array(plots["asr_vs_stack_pressure_MPa"].y, float)
    f0 = float(score(design).value("contact_fraction")[0])
    assert a[-1] == pytest.approx(a[0] * f0, rel=1e-6) and np.all(np.diff(a) <= 1e-9)


def test_html_report_embeds_the_solid_figures(examples_dir, qapp, tmp_path):
    from anodelab.report.html import export

    html = export(build_content(load_design(examples_dir / "na_nzsp.toml"), intervals=False)).decode("utf-8")
    for key in ("ccd_vs_temperature_C", "ccd_vs_stack_pressure_MPa", "asr_vs_temperature_C", "asr_vs_stack_pressure_MPa"):
        assert f'id="plot-{key}"' in html
    assert "Liu24-bare" in html and "★ this design" in html


def test_label_near_the_bottom_edge_goes_above():
    """A point under the curve but within 12 % of the plot's height of its bottom gets its label above (a label hung
    below it would be cut at the edge)."""
    curve = (np.array([0.0, 10.0]), np.array([100.0, 100.0]))
    lab, = place_labels([(0.0, 14.0, "T2-100")], [0.0, 10.0], curve, y_log_range=(1.0, 3.5))
    assert lab.above
    lab, = place_labels([(0.0, 14.0, "T2-100")], [0.0, 10.0], curve, y_log_range=(0.0, 3.5))
    assert not lab.above


def test_points_at_one_height_close_in_x_share_a_label():
    # Brighi 2022's sweep: 1 mA cm⁻² at 0.3 and 1 MPa on a 0–10 MPa axis (7 % of the span apart): one label; a point at
    # the same height 5 MPa away (50 %) keeps its own
    out = label_groups([(0.3, 1.0, "s0.3"), (1.0, 1.0, "s1"), (6.0, 1.0, "far")], [0.0, 10.0])
    assert [(texts, members) for _x, _y, texts, members in out] == [(["s0.3", "s1"], [0, 1]), (["far"], [2])]


def test_log_tick_labels_are_plain_numbers_that_do_not_collide():
    """ASR(P) of Na | NZSP spans 7-40 Ω cm² (0.76 decades) on a 180 px axis: 237 px a decade; 8 and 9 are 14 and 12 px
    from their neighbours (< 16 px) and lose their labels; 7, 10, 20, 30, 40 keep theirs as plain numbers (before:
    "10¹ 9 8 7" overprinted and 20 read "2·10¹"). Over 3.6 decades on 300 px (83 px a decade) 1, 2, 5 of each decade
    are labelled, 3 (15 px from 2) is not."""
    from anodelab.report.plots import log_tick_texts

    v = np.log10([7.0, 8.0, 9.0, 10.0, 20.0, 30.0, 40.0])
    assert log_tick_texts(v, 180.0 / 0.76) == ["7", "", "", "10", "20", "30", "40"]
    v = np.log10([0.05, 0.1, 0.2, 0.3, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0, 20.0, 50.0])
    assert log_tick_texts(v, 300.0 / 3.6) == ["0.05", "0.1", "0.2", "", "0.5", "1", "2", "", "5", "10", "20", "50"]
    assert log_tick_texts(np.log10([1e-4, 1e5]), 100.0) == ["1e-04", "1e+05"]
