"""Tornado chart (Sensitivity tab): tick labels of a log axis over many decades never overlap, and the chart fits a
narrow tab (a title with the metric's name used to set the plot's minimum width and clip its right side)."""

from __future__ import annotations

from PySide6.QtGui import QFontMetrics

from anodelab.design import Layer, load_design
from anodelab.gui.sensitivity_view import log_tick_text, log_ticks, thin_ticks
from tests.conftest import EXAMPLES


def _no_overlap(level, width, axis_px, lo, hi):
    px = [(v - lo) / (hi - lo) * axis_px for v, _ in level]
    ws = [width(t) for _, t in level]
    return all(px[i + 1] - px[i] >= (ws[i] + ws[i + 1]) / 2 for i in range(len(level) - 1))


def test_log_tick_texts_are_short():
    assert log_tick_text(1.0, -7) == "1e-7" and log_tick_text(5.0, -5) == "5e-5" and log_tick_text(1.0, 5) == "1e5"
    assert log_tick_text(2.0, -2) == "0.02" and log_tick_text(1.0, 0) == "1"


def test_thinned_labels_never_overlap():
    width = lambda t: 7.0 * len(t)  # noqa: E731  (7 px a character)
    ticks = log_ticks(-7.0, 0.0)  # eight decades
    for axis_px in (600.0, 300.0, 150.0, 60.0):
        labelled, unlabelled = thin_ticks(ticks, width, axis_px)
        assert labelled and _no_overlap(labelled, width, axis_px, ticks[0][0], ticks[-1][0]), axis_px
        assert {v for v, _ in labelled} | {v for v, _ in unlabelled} == {v for v, _ in ticks}  # every tick drawn
        assert all(t == "" for _, t in unlabelled)
    assert len(thin_ticks(ticks, width, 600.0)[0]) == 8  # wide enough: every decade labelled


def _chart_fits(chart) -> bool:
    return chart.getPlotItem().minimumWidth() <= chart.viewport().width() + 1


def test_tornado_fits_the_tab_and_its_labels_do_not_overlap(window, qtbot, output_dir):
    w = window
    view = w.sensitivity_tab
    with qtbot.waitSignal(view.updated, timeout=20_000):
        w.tabs.setCurrentWidget(view)
    chart = view.chart
    qtbot.wait(50)
    assert chart.log_x and _chart_fits(chart)
    bottom = chart.getAxis("bottom")
    fm = QFontMetrics(bottom.style.get("tickFont") or chart.font())
    labelled = [t for t in bottom._tickLevels[0] if t[1]]
    vb = chart.getPlotItem().getViewBox()
    x0, x1 = vb.viewRange()[0]
    assert len(labelled) >= 3
    assert _no_overlap(labelled, fm.horizontalAdvance, vb.width(), x0, x1)
    # a solid design (CCD on a log axis, narrow tab): the chart still fits
    d = load_design(EXAMPLES / "na_nzsp.toml").with_layer("electrolyte", Layer("na3ps4"))
    w.doc.apply(d, "solid")
    view.set_metric("ccd_mA_cm2")
    qtbot.waitUntil(lambda: view.result is not None and view.result.metric == "ccd_mA_cm2", timeout=20_000)
    qtbot.wait(50)
    assert _chart_fits(chart)
    assert chart.grab().save(str(output_dir / "tornado_chart_solid_fits.png"))
