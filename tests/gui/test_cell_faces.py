"""The full cell in the desktop app: stack editor to scale, the score card's Cell section, a Pareto plot
of cell metrics. Screenshots go to test-output/ (cell_stack_editor.png, cell_score_card.png,
cell_pareto.png, cell_stack_anode_only.png)."""

from __future__ import annotations

import pytest

from anodelab.design import load_design
from anodelab.screening import build_plan, loads_screen, run_screen
from anodelab.gui.cell_labels import ended_by_text

EXAMPLE = "resources/examples/anode_free_nvp_pouch.toml"


def test_stack_editor_draws_the_whole_cell_to_scale(make_window, qtbot, output_dir):
    w = make_window(design=load_design(EXAMPLE))
    view = w.editor.view
    w.stack_dock.raise_()
    view.repaint()
    keys = [k for k, *_ in view.layers()]
    assert keys[:1] == ["host"] and {"cathode", "positive_collector", "electrolyte"} <= set(keys)
    # to scale: drawn heights proportional to the engine's thicknesses (linear scale)
    layers = {k: t for k, _l, t, _n in view.layers()}
    rect = {k: r.height() for k, r in view._rects.items()}
    ratio = rect["cathode"] / rect["electrolyte"]
    assert ratio == pytest.approx(layers["cathode"] / layers["electrolyte"], rel=0.02)
    assert layers["cathode"] == pytest.approx(12e-3 / (3.0 * 0.7) * 1e4, rel=1e-9)  # 57.1 µm NVP coating
    # the cathode is a slot (inspectable), the Al collector is not
    assert view.slot_at(view._rects["positive_collector"].center().toPoint()) == "positive_collector"
    # clicking the cathode inspects it (its properties with sources); the Al collector is not a slot
    from PySide6.QtCore import Qt

    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view._rects["cathode"].center().toPoint())
    assert view.selected == "cathode"
    qtbot.mouseClick(view, Qt.MouseButton.LeftButton, pos=view._rects["positive_collector"].center().toPoint())
    assert view.selected == "cathode"
    w.editor.grab().save(str(output_dir / "cell_stack_editor.png"))


def test_score_card_has_a_cell_section(make_window, output_dir):
    w = make_window(design=load_design(EXAMPLE))
    card = w.score_card
    rec = w.doc.record()
    text = card.value_text("cell_specific_energy_Wh_kg")
    assert text == card.specs[[s.key for s in card.specs].index("cell_specific_energy_Wh_kg")].cell(
        rec["cell_specific_energy_Wh_kg"])[0]
    assert 150 < rec["cell_specific_energy_Wh_kg"] < 200
    assert card.rating("cell_cycle_life_cycles") in ("good", "warn", "bad")
    # the cycle life is the lifetime model's: the card shows the three mechanisms and their minimum
    for key in ("cycle_life_na_inventory_cycles", "cycle_life_electrolyte_cycles", "cycle_life_short_cycles",
                "cell_cycle_life_cycles"):
        spec = card.specs[[s.key for s in card.specs].index(key)]
        assert card.value_text(key) == spec.cell(rec[key])[0], key
    assert rec["cell_cycle_life_cycles"] == min(rec[k] for k in (
        "cycle_life_na_inventory_cycles", "cycle_life_electrolyte_cycles", "cycle_life_short_cycles"))
    # scroll the table to the Cell group before the screenshot
    row = card.rows["cathode_capacity_mAh_cm2"]
    from PySide6.QtWidgets import QAbstractItemView

    card.table.scrollToItem(card.table.item(row - 1, 0), QAbstractItemView.ScrollHint.PositionAtTop)
    w.score_dock.raise_()
    card.grab().save(str(output_dir / "cell_score_card.png"))


def test_anode_only_design_shows_an_empty_cathode_slot_and_takes_a_dropped_cathode(make_window, output_dir):
    w = make_window(design=load_design("resources/examples/anode_free_cu_diglyme.toml"))
    view = w.editor.view
    view.repaint()
    assert ("cathode", "Cathode", None, "empty – drop a cathode for a full cell") in view.layers()
    w.editor.grab().save(str(output_dir / "cell_stack_anode_only.png"))
    assert w.score_card.value_text("cell_specific_energy_Wh_kg") == "n/a"
    assert view.drop_material("cathode", "prussian-white")
    assert w.doc.design.cathode.material == "prussian-white"
    assert w.doc.record()["np_ratio"] == 0.0 and w.doc.record()["cell_specific_energy_Wh_kg"] > 0
    w.doc.undo_stack.undo()
    assert w.doc.design.cathode is None


CELL_SCREEN = """
format_version = 1
name = "cell trade-offs"
top_k = 40
[materials]
host = ["cu-foil", "al-foil", "cu-nanowire-cu", "ni-foam"]
coating = ["none", "all coatings"]
electrolyte = ["napf6-diglyme-1m"]
[conditions]
current_density_mA_cm2 = { values = [0.5, 2.0] }
areal_capacity_mAh_cm2 = { values = [1.0, 1.2] }
na_excess_mAh_cm2 = { values = [0.0, 0.6, 1.2, 2.4] }
[cell]
cathode = "nvp-c"
separator_thickness_um = 25.0
[objective]
metric = "cell_specific_energy_Wh_kg"
direction = "max"
[pareto]
objectives = ["cell_specific_energy_Wh_kg max", "dendrite_risk min"]
"""


def test_pareto_plot_of_cell_metrics(qtbot, output_dir):
    from anodelab.gui.screening_tab import ScreeningTab

    res = run_screen(build_plan(loads_screen(CELL_SCREEN)))
    assert res.on_pareto.sum() >= 2
    tab = ScreeningTab()
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    tab.set_result(res)
    qtbot.wait(50)
    # the legend is a label above the plot, outside the view box: no point lies under it
    assert tab.plot.getPlotItem().legend is None
    assert "Pareto front" in tab.pareto_legend.text() and tab.pareto_legend.isVisible()
    legend_bottom = tab.pareto_legend.mapTo(tab, tab.pareto_legend.rect().bottomLeft()).y()
    view = tab.plot.getPlotItem().getViewBox()
    view_top = tab.plot.mapTo(tab, tab.plot.mapFromScene(view.sceneBoundingRect().topLeft().toPoint())).y()
    assert legend_bottom <= view_top
    # every drawn point is inside the view box
    vx, vy = view.viewRange()
    for item in (tab.scatter_all, tab.scatter_front):
        xs, ys = item.getData()
        assert len(xs) == 0 or (vx[0] <= xs.min() and xs.max() <= vx[1] and vy[0] <= ys.min() and ys.max() <= vy[1])
    tab.grab().save(str(output_dir / "cell_pareto.png"))
    tab.plot.grab().save(str(output_dir / "cell_pareto_plot.png"))
    tab.shutdown()


def test_cell_view_shows_the_voltage_at_the_dod_and_the_share_bar(make_window, qtbot, output_dir):
    w = make_window(design=load_design(EXAMPLE))
    view = w.cell_tab
    assert view is not None
    w.show_workspace(view)
    qtbot.waitUntil(lambda: view.profile is not None, timeout=10000)
    rec = w.doc.record()
    # the voltage curve is the full-cell protocol's first cycle: it spans the capacity cycled at the DoD
    items = view.voltage.getPlotItem().listDataItems()
    assert len(items) == 2
    xd, yd = items[0].getData()
    assert xd.max() == pytest.approx(rec["cathode_capacity_mAh_cm2"] * rec["depth_of_discharge"], rel=1e-6)
    assert yd[0] > yd[-1] and 2.5 < yd.min() < yd.max() < 4.5  # discharge: the voltage falls
    # the bars add up to 100 % each and follow the layer table
    assert sum(r["mass_share"] for r in view.rows) == pytest.approx(1.0)
    legend = view.share_legend.text().replace("&nbsp;", " ")
    assert "Cathode coating 52 %" in legend and "Electrolyte" in legend
    assert "ended by" in view.summary.text() and ended_by_text(rec["failure_mechanism"]) in view.summary.text()
    qtbot.wait(50)
    view.grab().save(str(output_dir / "cell_view.png"))
    # an anode-only design: a message, no empty plot
    w.doc.replace(load_design("resources/examples/anode_free_cu_diglyme.toml"), None)
    qtbot.waitUntil(lambda: view.profile is None, timeout=10000)
    assert view.message.isVisible() and "no cathode" in view.message.text() and not view.voltage.isVisible()
    qtbot.wait(50)
    view.grab().save(str(output_dir / "cell_view_anode_only.png"))


def test_pareto_of_a_screen_that_varies_the_cell(qtbot, output_dir):
    from anodelab.gui.screening_tab import ScreeningTab
    from anodelab.screening import load_screen

    res = run_screen(build_plan(load_screen("resources/screens/cell_trade_offs.toml")))
    tab = ScreeningTab()
    qtbot.addWidget(tab)
    tab.resize(1366, 768)
    tab.show()
    tab.set_result(res)
    got = []
    tab.designRequested.connect(got.append)
    front = [i for i in range(len(res)) if res.on_pareto[i]]
    assert len(front) >= 3
    tab.request_design(front[0])  # a point opens its full cell: the row's cathode, loading, E/C, separator
    row, d = res.row(front[0]), got[0]
    assert d.cathode.material == row["cathode"] and d.cell.electrolyte_to_capacity_g_Ah == row["electrolyte_to_capacity_g_Ah"]
    xs, ys = tab.scatter_front.getData()
    order = xs.argsort()
    assert (ys[order][1:] <= ys[order][:-1]).all()  # more Wh/kg costs cycle life along the front
    # the y metric's full name stands above the plot (rotated, it was cut to "Cell cycle life to 8"); the axis keeps the unit
    from anodelab.metrics import METRIC_BY_KEY

    y_metric = METRIC_BY_KEY[res.plan.spec.pareto[1].metric]
    assert y_metric.label in tab.pareto_legend.text()
    assert tab.plot.getAxis("left").labelText == f"[{y_metric.unit}]"
    qtbot.wait(50)
    tab.grab().save(str(output_dir / "cell_axes_pareto.png"))
    tab.shutdown()
