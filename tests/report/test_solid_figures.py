"""Report figures of the solid-state model v2 (issue 12, item 5): CCD(T) and CCD(P) drawn with both limits, the
operating point and the measured points; interface ASR(T) and ASR(P) drawn beside them."""

from __future__ import annotations

import numpy as np
import pytest

from anodelab.design import load_design
from anodelab.report.content import build_content
from anodelab.report.plots import label_groups


def test_label_groups_by_hand():
    """Two points 1 % of the x span apart and 0.01 decades apart share one label; a point in the right half points
    left; a point below the curve hangs its label below (anchor y = 0), one above stands on it (anchor y = 1)."""
    curve = (np.array([0.0, 100.0]), np.array([1.0, 1.0]))  # log10 y = 0 everywhere
    out = label_groups([(25.0, 2.5, "T2-92"), (26.0, 2.45, "Liu24-bare"), (90.0, 0.5, "low")], [0.0, 100.0], curve)
    assert [t for _x, _y, t, _a in out] == ["T2-92, Liu24-bare", "low"]
    (x0, y0, _t0, a0), (x1, y1, _t1, a1) = out
    assert (x0, round(y0, 6)) == (25.0, round(np.log10(2.5), 6)) and a0 == (-0.08, 1.0)
    assert a1 == (1.08, 0.0) and y1 == pytest.approx(np.log10(0.5))


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
    (_x, _y, _t, anchor), = label_groups([(0.0, 14.0, "T2-100")], [0.0, 10.0], curve, y_log_range=(1.0, 3.5))
    assert anchor[1] == 1.0
    (_x, _y, _t, anchor), = label_groups([(0.0, 14.0, "T2-100")], [0.0, 10.0], curve, y_log_range=(0.0, 3.5))
    assert anchor[1] == 0.0


def test_points_at_one_height_close_in_x_share_a_label():
    # Brighi 2022's sweep: 1 mA cm⁻² at 0.3 and 1 MPa on a 0–10 MPa axis (7 % of the span apart): one label; a point at
    # the same height 5 MPa away (50 %) keeps its own
    out = label_groups([(0.3, 1.0, "s0.3"), (1.0, 1.0, "s1"), (6.0, 1.0, "far")], [0.0, 10.0])
    assert [t for _x, _y, t, _a in out] == ["s0.3, s1", "far"]
