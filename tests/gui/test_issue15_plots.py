"""Issue 15, defect 6: plots that show the physics (and say why when there is nothing to draw)."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from anodelab.design import load_design
from anodelab.paths import examples_dir

pytest.importorskip("anodelab.simulate")


def show(qtbot, w, key):
    w.tabs.setCurrentWidget(w.panels[key])
    qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=20000)
    QApplication.processEvents()
    return w.panels[key]


def test_ce_plot_has_a_scale_where_the_ce_is_visible(qtbot, window):
    panel = show(qtbot, window, "ce")
    d = panel.data
    ce = float(window.doc.result.si["ce"][0]) * 100.0
    y = np.asarray(d.curves[0].y, float)
    assert y.min() == pytest.approx(ce, rel=1e-9)  # the reservoir runs out inside the plotted cycles …
    assert y.max() == pytest.approx(100.0)
    lo, hi = d.y_range  # … and the y scale spans 99.x … 100, not 0 … 100
    assert lo < ce < 100.0 < hi and hi - lo < 2.0
    assert any(abs(h[0] - ce) < 1e-9 for h in d.hlines)
    assert "mean CE = 99" in panel.notes.text()  # in %, not 0.99…


def test_symmetric_profile_has_an_envelope_zoom_and_an_outside_legend(qtbot, window):
    panel = show(qtbot, window, "symmetric")
    env = [c for c in panel.data.curves if not c.legend]
    cycles = window.doc.design.conditions.cycles
    assert len(env) == 2 and np.isfinite(env[0].y).sum() == cycles  # one point per cycle
    assert np.all(np.diff(env[0].x[np.isfinite(env[0].x)]) > 0)  # increasing time (clipping needs it)
    trace = panel.data.curves[0]
    assert trace.detail and np.nanmax(env[0].y) == np.nanmax(trace.y) and np.nanmin(env[1].y) == np.nanmin(trace.y)
    assert np.nanmax(env[1].y) < 0 < np.nanmin(env[0].y)
    assert [b.text() for b in panel.zoom_buttons] == ["Whole test", "First 3 cycles", "Last 3 cycles"]
    panel.zoom("First 3 cycles")
    x0, x1 = panel.plot.getPlotItem().getViewBox().viewRange()[0]
    assert x1 < 10.0  # three 2 h cycles, not the 1000 h test
    assert window.doc.design.name in panel.legend_label.text()  # the legend is a label above the plot
    assert "no failure within the" in panel.notes.text() and "failure cause" not in panel.notes.text()


@pytest.mark.parametrize("cycles", [500, 1000])
def test_long_cycling_reads_as_an_envelope_and_the_trace_appears_when_zoomed(qtbot, make_window, cycles):
    """Issue 15 item 6: 500+ cycles drawn whole were two filled bands. The whole test shows each cycle's
    highest / lowest voltage (a line per design and sign); the square wave is drawn, with every point of
    the view, once the view holds a few dozen cycles."""
    from pathlib import Path

    w = make_window()
    w.resize(1366, 768)
    w.doc.apply(w.doc.design.with_conditions(cycles=cycles), f"cycles = {cycles}")
    w.pin_current()
    w.editor.use_material("cu-foil")
    panel = show(qtbot, w, "symmetric")
    assert panel.curve_count() == 2, panel.message
    traces = [item for item, *_rest in panel._detail]
    assert len(traces) == 2
    # the whole test: traces hidden (a band), the envelopes drawn, the title says what is shown
    x0, x1 = panel.plot.getPlotItem().getViewBox().viewRange()[0]
    assert (x1 - x0) / panel.data.detail_period > panel.detail_limit()
    assert not any(t.isVisible() for t in traces) and not panel.detail_shown
    env_items = [it for it, c in zip(panel._curve_items, panel.data.curves) if not c.legend]
    assert len(env_items) == 4 and all(it.isVisible() for it in env_items)
    assert all(len(it.xData) == cycles for it in env_items)  # one point per cycle, nothing decimated away
    assert "per cycle" in panel.plot.getPlotItem().titleLabel.text
    out = Path(__file__).resolve().parents[2] / "test-output" / "issue15"
    out.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(out / f"1366x768_symmetric_{cycles}_cycles_whole.png"))
    # zoomed in: the trace with every point of the view (the first 3 cycles: 3 × 2 × P points, + a cycle each side)
    panel.zoom("Last 3 cycles")
    assert all(t.isVisible() for t in traces) and panel.detail_shown
    p = int(panel.data.detail_period > 0) and w.last_plan.points_per_half_cycle
    vis = traces[0]
    assert 6 * p <= len(vis.xData) <= 10 * p
    x0, x1 = panel.plot.getPlotItem().getViewBox().viewRange()[0]
    assert vis.xData.min() <= x0 and vis.xData.max() >= min(x1, np.nanmax(panel.data.curves[0].x)) - 1e-9
    assert panel.plot.getPlotItem().titleLabel.text.endswith("cycling")
    w.grab().save(str(out / f"1366x768_symmetric_{cycles}_cycles_last3.png"))
    # a wheel-sized zoom out to 30 cycles keeps the trace; back to the whole test hides it
    vb = panel.plot.getPlotItem().getViewBox()
    vb.setXRange(0.0, 30 * panel.data.detail_period, padding=0)
    qtbot.waitUntil(lambda: len(vis.xData) >= 60 * p, timeout=2000)
    w.grab().save(str(out / f"1366x768_symmetric_{cycles}_cycles_first30.png"))
    panel.zoom("Whole test")
    assert not any(t.isVisible() for t in traces)


def test_a_cell_failing_at_t0_is_explained_in_the_plot(qtbot, window):
    window.doc.apply(window.doc.design.with_conditions(current_density_mA_cm2=500.0), "J = 500")
    panel = show(qtbot, window, "symmetric")
    assert panel.data is None
    assert "fails at t = 0" in panel.message and "voltage limit" in panel.message


def test_nyquist_of_nzsp_shows_every_arc_with_frequency_marks(qtbot, window):
    window.open_file(examples_dir() / "na_nzsp.toml")
    panel = show(qtbot, window, "eis")
    x = np.asarray(panel.data.curves[0].x, float)
    prof_dc = float(window.doc.result.si["asr_total_ohm_m2"][0]) * 1e4 if "asr_total_ohm_m2" in window.doc.result.si else None
    assert x.min() < 0.05 * x.max()  # the bulk arc starts near the origin (the issue saw 5.2–5.6 Ω cm² only)
    if prof_dc is not None:
        assert x.max() == pytest.approx(prof_dc, rel=0.02)
    assert len(panel.data.labels) >= 4 and all(t.endswith("Hz") for *_xy, t, _c in panel.data.labels)
    assert "bulk" in panel.notes.text() and "grain boundary" in panel.notes.text()


def test_arrhenius_marks_the_operating_point_and_has_a_celsius_axis(qtbot, window):
    panel = show(qtbot, window, "arrhenius")
    assert panel.data.top_label == "T [°C]" and panel.data.top_ticks
    xv = 1000.0 / (25.0 + 273.15)
    assert any(abs(p[0] - xv) < 1e-9 for p in panel.data.points)


def test_ccd_ramp_that_ends_below_the_ccd_says_so(qtbot, window):
    d = load_design(examples_dir() / "na_nzsp.toml")
    window.doc.apply(d, "nzsp")
    panel = show(qtbot, window, "ccd")
    engine = float(window.doc.result.value("ccd_mA_cm2")[0])
    if engine > 10.0:
        assert "below the score card's CCD" in panel.notes.text()
    else:
        assert "CCD" in panel.notes.text()


def test_nucleation_barriers_are_visible_and_tick_labels_clear_the_axis_title(qtbot, window):
    """ΔG(r) of a pinned Cu-nanowire design (ΔG* ≈ 10⁴ eV) beside Cu foil (r_crit 2 nm): on the common r axis
    the foil's curve fell to −3 × 10⁶ eV and every barrier was a flat line at 0, with tick labels
    ("-2.5e+06") running into the axis title. The y scale is now the largest barrier's."""
    from PySide6.QtGui import QFontMetrics

    window.pin_current()
    window.editor.use_material("cu-foil")
    panel = show(qtbot, window, "nucleation")
    barriers = [g for _x, g, _c in panel.data.points]
    lo, hi = panel.plot.getPlotItem().getViewBox().viewRange()[1]
    assert lo < 0 < max(barriers) < hi and max(barriers) > 0.5 * hi  # the largest barrier fills the scale
    axis = panel.plot.getPlotItem().getAxis("left")
    fm = QFontMetrics(axis.style.get("tickFont") or panel.plot.font())
    texts = [t for spacing, v in axis.tickValues(lo, hi, axis.size().height()) for t in axis.tickStrings(v, axis.scale, spacing)]
    assert axis.width() >= max(fm.horizontalAdvance(t) for t in texts) + fm.height()
