"""Score card with its 5–95 % column and the Sensitivity (tornado) tab, driven in the real window."""

from __future__ import annotations

from anodelab.design import Layer, load_design
from anodelab.uncertainty import interval_text, score_intervals
from tests.conftest import EXAMPLES


def _wait_intervals(qtbot, w):
    qtbot.waitUntil(lambda: w.score_card.intervals_current(), timeout=10_000)


def test_score_card_intervals_off_thread_and_replaced_by_a_new_edit(window, qtbot, output_dir):
    w = window
    card = w.score_card
    _wait_intervals(qtbot, w)
    expected = score_intervals(w.doc.design)  # same default samples and seed as the card
    for key in ("dendrite_risk", "sand_time_s", "cell_overpotential_mV"):
        assert card.interval_text(key) == interval_text(expected, key, 3) != ""
    assert card.interval_text("ccd_mA_cm2") == "n/a"  # a liquid design
    w.score_dock.raise_()
    qtbot.wait(50)
    assert w.score_dock.grab().save(str(output_dir / "score_card_intervals.png"))

    # two quick edits: the intervals that arrive belong to the last one only
    d = w.doc.design
    w.doc.apply(d.with_conditions(current_density_mA_cm2=2.0), "J = 2")
    assert not card.intervals_current()  # stale values are shown in grey until the job is done
    w.doc.apply(d.with_conditions(current_density_mA_cm2=4.0), "J = 4")
    _wait_intervals(qtbot, w)
    new = score_intervals(w.doc.design)
    assert card.interval_text("dendrite_risk") == interval_text(new, "dendrite_risk", 3)
    assert card.intervals.design_name == w.doc.design.name


def test_sensitivity_tab_tornado(window, qtbot, output_dir):
    w = window
    view = w.sensitivity_tab
    assert view is not None
    with qtbot.waitSignal(view.updated, timeout=20_000):
        w.tabs.setCurrentWidget(view)
    res = view.result
    assert res is not None and res.metric == "dendrite_risk" and res.rows
    assert w.width() == 1366  # neither the tab nor the wider score card pushes the window past 1366 px
    # the drawn bars are the inputs with the largest swing, labelled with their range and unit
    labels = view.chart.labels
    from anodelab.gui.sensitivity_view import input_name

    assert labels and labels[0].split("\n")[0] == input_name(res.rows[0].input)
    assert all(t.split("\n")[0][:1].isupper() for t in labels)  # names as the inspector gives them
    # model v2: the dendrite risk's largest swings come from the failure model's parameters (dimensionless) and
    # the CE; the labels still carry the input's range
    assert all("\n" in t for t in labels)
    assert view.table.rowCount() == len(res.rows)
    qtbot.wait(50)
    # every column is inside the table's viewport (no column behind a horizontal scroll): the long input names are
    # elided in the middle and shown whole in their tooltips
    hh = view.table.horizontalHeader()

    def right_edge():
        return max(hh.sectionViewportPosition(c) + hh.sectionSize(c) for c in range(view.table.columnCount()))

    qtbot.waitUntil(lambda: right_edge() <= view.table.viewport().width() + 1, timeout=2_000)  # once laid out
    assert not view.table.horizontalScrollBar().isVisible()
    item = view.table.item(0, 0)
    assert item.text() in item.toolTip()
    assert w.grab().save(str(output_dir / "sensitivity_tab.png"))
    assert view.chart.grab().save(str(output_dir / "tornado_chart.png"))

    # another metric replaces the job; a metric that does not apply says so
    with qtbot.waitSignal(view.updated, timeout=20_000):
        view.set_metric("cell_overpotential_mV")
    assert view.result.metric == "cell_overpotential_mV"
    with qtbot.waitSignal(view.updated, timeout=5_000):
        view.set_metric("ccd_mA_cm2")
    assert view.result is None and "does not apply" in view.status.text()


def test_sensitivity_of_a_solid_design_on_a_log_axis(make_window, qtbot, output_dir):
    # solid model v2: Na | NZSP is stripping-limited, its CCD moves ×5 at most over the library ranges; a sulfide
    # cell is plating-limited, so its interfacial ASR (30–1000 Ω cm²) and K_IC move the CCD by more than ×20
    d = load_design(EXAMPLES / "na_nzsp.toml").with_layer("electrolyte", Layer("na3ps4"))
    w = make_window(design=d)
    view = w.sensitivity_tab
    view.set_metric("ccd_mA_cm2")
    with qtbot.waitSignal(view.updated, timeout=20_000):
        w.tabs.setCurrentWidget(view)
    assert view.result.metric == "ccd_mA_cm2"
    assert view.chart.log_x
    # the status names the metric as it is written, not lower-cased ("critical current density" in a sentence)
    assert "move critical current density" in view.status.text()
    with qtbot.waitSignal(view.updated, timeout=20_000):
        view.set_metric("contact_fraction")
    assert "move Na | SSE contact fraction" in view.status.text(), view.status.text()
    with qtbot.waitSignal(view.updated, timeout=20_000):
        view.set_metric("ccd_mA_cm2")
    qtbot.wait(50)
    assert view.grab().save(str(output_dir / "tornado_chart_solid.png"))


def test_closing_the_window_stops_both_workers(make_window, qtbot):
    w = make_window()
    view = w.sensitivity_tab
    w.tabs.setCurrentWidget(view)  # starts the tornado job
    w.doc.apply(w.doc.design.with_conditions(current_density_mA_cm2=3.0), "J = 3")
    w.score_card._start_intervals()  # and an interval job, without waiting for the debounce
    assert view.runner.is_running() or view.result is not None
    w.doc.undo_stack.setClean()
    w.close()
    assert w.score_card.interval_runner.threads_alive() == 0
    assert view.runner.threads_alive() == 0
