"""Full cells in the desktop app, second part (issue 16): the Screening results table shows the cathode and
every [cell] axis of a full-cell screen (and nothing of it for an anode-only screen), and the score card's
Cell section says what ends the cell's cycle life. Screenshots: test-output/cell_screen_table.png,
cell_screen_table_window.png, cell_score_card_ended_by.png."""

from __future__ import annotations

import tomllib

import pytest

from anodelab.design import load_design
from anodelab.formatting import fmt_number
from anodelab.gui.cell_labels import ENDED_BY, cell_column_header, ended_by_text

TRADE_OFFS = "resources/screens/cell_trade_offs.toml"
EXAMPLE = "resources/examples/anode_free_nvp_pouch.toml"


def _small_trade_offs() -> dict:
    """resources/screens/cell_trade_offs.toml with two values per axis (2 × 2⁴ cell variants × 2 hosts × 2 J)."""
    with open(TRADE_OFFS, "rb") as fh:
        data = tomllib.load(fh)
    data["materials"]["host"] = ["cu-foil", "cu-nanowire-cu"]
    cell = data["cell"]
    cell["cathode_overrides"] = {"areal_loading_mg_cm2": {"values": [8.0, 16.0]}}
    cell["np_ratio"] = {"values": [0.0, 1.0]}
    cell["electrolyte_to_capacity_g_Ah"] = {"values": [2.5, 5.0]}
    cell["separator_thickness_um"] = {"values": [12.0, 25.0]}
    data["constraints"] = []
    return data


def _headers(model) -> list[str]:
    from PySide6.QtCore import Qt

    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def test_headers_of_the_cell_columns():
    assert cell_column_header("cathode") == "Cathode"
    assert cell_column_header("np_ratio") == "N/P"
    assert cell_column_header("depth_of_discharge") == "DoD"
    assert cell_column_header("electrolyte_to_capacity_g_Ah") == "E/C [g Ah⁻¹]"
    assert cell_column_header("separator_thickness_um") == "Separator [µm]"
    assert cell_column_header("cathode_areal_loading_mg_cm2") == "Cathode loading [mg cm⁻²]"
    assert cell_column_header("cathode_porosity") == "Cathode porosity"  # a generic cathode property
    assert cell_column_header("positive_collector_thickness_um") == "Positive collector thickness [µm]"


def test_screening_table_shows_the_cathode_and_the_cell_axes(make_window, qtbot, monkeypatch, output_dir):
    from PySide6.QtCore import Qt

    w = make_window()
    tab = w.screening_tab
    w.show_workspace(tab)
    data = _small_trade_offs()
    # the form has no [cell] editor: the window runs the screen file's definition through its own worker
    monkeypatch.setattr(tab, "screen_dict", lambda: data)
    with qtbot.waitSignal(tab.screenFinished, timeout=60000) as blocker:
        assert tab.start()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    res = blocker.args[0]
    assert res.n_evaluated == 2 * 2 ** 4 * 2 * 2 and len(res) >= 20
    model = tab.model
    heads = _headers(model)
    cell_heads = ["Cathode", "Cathode loading [mg cm⁻²]", "N/P", "E/C [g Ah⁻¹]", "Separator [µm]"]
    for h in cell_heads:
        assert heads.count(h) == 1, (h, heads)
    # after the material and condition columns, before the metrics
    assert heads.index("Cathode") == len(model.FIXED)
    assert any(h.endswith("[Wh kg⁻¹]") for h in heads[len(model.FIXED) + len(cell_heads):])  # the objective
    col = {h: heads.index(h) for h in cell_heads}
    keys = {"Cathode loading [mg cm⁻²]": "cathode_areal_loading_mg_cm2", "N/P": "np_ratio",
            "E/C [g Ah⁻¹]": "electrolyte_to_capacity_g_Ah", "Separator [µm]": "separator_thickness_um"}
    seen = {k: set() for k in keys.values()} | {"cathode": set()}
    for vr in range(model.rowCount()):
        row = res.row(model.result_row(vr))  # the engine's row (as in the CSV)
        shown = model.data(model.index(vr, col["Cathode"]))
        assert shown == {"nvp-c": "Na₃V₂(PO₄)₃/C", "nfm111": "O3-NaNi₁/₃Fe₁/₃Mn₁/₃O₂"}[row["cathode"]]
        assert row["cathode"] in model.data(model.index(vr, col["Cathode"]), Qt.ItemDataRole.ToolTipRole)
        seen["cathode"].add(row["cathode"])
        for head, key in keys.items():
            assert model.data(model.index(vr, col[head])) == fmt_number(row[key]), (head, vr)
            seen[key].add(round(row[key], 9))  # row() has the N/P metric, the axis value to rounding
    assert seen["cathode"] <= {"nvp-c", "nfm111"}
    assert seen["np_ratio"] <= {0.0, 1.0} and seen["separator_thickness_um"] <= {12.0, 25.0}
    # sorting by a cell axis sorts its values
    model.sort(col["E/C [g Ah⁻¹]"], Qt.SortOrder.DescendingOrder)
    ec = [float(model.data(model.index(vr, col["E/C [g Ah⁻¹]"]))) for vr in range(model.rowCount())]
    assert ec == sorted(ec, reverse=True)
    # the filter finds the cathode too
    model.set_filter("nfm111")
    n_nfm = sum(1 for i in range(len(res)) if res.row(i)["cathode"] == "nfm111")
    assert model.rowCount() == n_nfm
    model.set_filter("")
    # the header tooltip says what an axis is
    tip = model.headerData(col["E/C [g Ah⁻¹]"], Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert "E/C" in tip and "electrolyte_to_capacity_g_Ah" in tip
    # no clipped header: every section is at least as wide as its text
    tab.table.resizeColumnsToContents()
    hh = tab.table.horizontalHeader()
    fm = hh.fontMetrics()
    for h, c in col.items():
        assert hh.sectionSize(c) >= fm.horizontalAdvance(h), h
    from PySide6.QtWidgets import QAbstractItemView

    # the table scrolled to the cell columns (the host is left of them), in the window and on its own
    tab.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerItem)  # the default: value = column
    tab.table.horizontalScrollBar().setValue(col["Cathode"] - 1)
    qtbot.wait(50)
    w.grab().save(str(output_dir / "cell_screen_table_window.png"))
    tab.table.grab().save(str(output_dir / "cell_screen_table.png"))


def test_an_anode_only_screen_has_no_cell_columns(qtbot):
    from anodelab.gui.screening_model import ResultTableModel
    from anodelab.screening import build_plan, loads_screen, run_screen

    text = (
        'format_version = 1\nname = "anode only"\ntop_k = 5\n'
        '[materials]\nhost = ["cu-foil", "cu-nanowire-cu"]\nelectrolyte = ["napf6-diglyme-1m"]\n'
        '[conditions]\ncurrent_density_mA_cm2 = 1.0\n'
        '[objective]\nmetric = "dendrite_risk"\ndirection = "min"\n'
    )
    res = run_screen(build_plan(loads_screen(text)))
    model = ResultTableModel()
    model.set_result(res, ["dendrite_risk"])
    heads = _headers(model)
    assert model.cell_values == {}
    assert not any(h.startswith(("Cathode", "N/P", "E/C", "Separator")) for h in heads), heads


def test_score_card_says_what_ends_the_cell(make_window, output_dir):
    """The anode-free NVP pouch (E/C 3 g/Ah) runs dry; flooded (E/C 20 g/Ah) it runs out of Na; with a Na
    excess of 5 mAh/cm² at 5 mA/cm² a short ends it first (nucleation). Each time the card says so."""
    from dataclasses import replace

    from PySide6.QtWidgets import QAbstractItemView

    w = make_window(design=load_design(EXAMPLE))
    card = w.score_card
    r = card.rows["failure_mechanism"]
    assert r == card.rows["cell_cycle_life_cycles"] + 1  # in the Cell section, below the cycle life
    assert card.table.item(r, 0).text() == "Ended by"
    base = w.doc.design
    flooded = replace(base, cell=replace(base.cell, electrolyte_to_capacity_g_Ah=20.0))
    shorted = replace(flooded, conditions=replace(base.conditions, current_density_mA_cm2=5.0,
                                                  na_excess_mAh_cm2=5.0))
    # flooded: the anode's lifetime model ends it by the Na inventory, the cell by the inventory and the cathode's
    # own fade together (their retained fractions multiply, anodelab.cell.energy)
    group = {"inventory": "cycle_life_capacity_cycles", "electrolyte": "cycle_life_electrolyte_cycles"}
    for design, want, text in ((base, "electrolyte", "electrolyte dry-out"),
                               (flooded, "inventory", "cathode × Na inventory"),
                               (shorted, "nucleation", "short (nucleation)")):
        w.doc.apply(design, "what ends the cell")
        rec = w.doc.record()
        assert rec["failure_mechanism"] == want
        assert card.ended_by() == text
        # the named mechanism is the one whose cycle life is the cell's (the minimum of the three)
        assert rec[group.get(want, "cycle_life_short_cycles")] == pytest.approx(rec["cell_cycle_life_cycles"], rel=1e-9)
        assert "failure_mechanism" in card.table.item(r, 1).toolTip() and want in card.table.item(r, 1).toolTip()
    w.doc.apply(base, "back to the example")
    assert card.ended_by() == "electrolyte dry-out"
    card.table.scrollToItem(card.table.item(r, 0), QAbstractItemView.ScrollHint.PositionAtBottom)
    w.score_dock.raise_()
    card.grab().save(str(output_dir / "cell_score_card_ended_by.png"))
    # an anode without a cathode has no cell cycle life: n/a
    w.doc.apply(replace(base, cathode=None), "no cathode")
    assert card.ended_by() == "n/a"


def test_score_card_metric_names_stay_distinct_when_elided(make_window):
    """The card's Metric column is narrow at 1366 × 768 (≈ 115 px): names are cut with "…" (the whole name is
    the tooltip), so no two may be cut to the same text. "Cycle life, cathode fade alone" and "Cycle life,
    cathode × Na inventory" both read "Cycle life, cath…", the three "Specific energy, …" one text: now
    "Cathode-fade life", "Capacity life (c…", "Stack specific e…", "Cell specific en…" (anodelab.metrics)."""
    from PySide6.QtCore import Qt

    w = make_window(design=load_design(EXAMPLE))
    card = w.score_card
    table = card.table
    width = table.columnWidth(0)
    assert 90 < width < 200, width  # the narrow card this test is about
    fm = table.fontMetrics()
    # 12 px for the cell's margins (Qt takes a few px per side): a narrower width cuts more, so distinct here
    # is distinct at the real width too
    cut: dict[str, list[str]] = {}
    for key, r in card.rows.items():
        name = table.item(r, 0).text()
        cut.setdefault(fm.elidedText(name, Qt.TextElideMode.ElideRight, width - 12), []).append(name)
    same = {k: v for k, v in cut.items() if len(v) > 1}
    assert not same, same
    assert table.item(card.rows["cycle_life_cathode_cycles"], 0).toolTip().startswith("<b>Cathode-fade life</b>")


def test_ended_by_names():
    assert ended_by_text("inventory") == "Na inventory"
    assert ended_by_text("electrolyte") == "electrolyte dry-out"
    assert ended_by_text("sei_fracture") == "short (SEI fracture)"
    assert ended_by_text(None) == "—"
    from anodelab.lifetime.failure import MECHANISMS

    assert set(ENDED_BY) == set(MECHANISMS)  # every mechanism of the lifetime model has a name
