"""ScreeningTab standalone: run in the background, cancel, sort/filter, pick a design, export, screenshot."""

from __future__ import annotations

import threading

import numpy as np
import pytest
from PySide6.QtCore import Qt

from anodelab.design import Design
from anodelab.errors import AnodeLabError
from anodelab.gui.screening_tab import ScreeningTab


@pytest.fixture
def tab(qtbot):
    w = ScreeningTab()
    qtbot.addWidget(w)
    w.resize(1366, 768)
    w.show()
    yield w
    w.shutdown()


def _run(qtbot, tab, timeout=20000):
    with qtbot.waitSignal(tab.screenFinished, timeout=timeout) as blocker:
        assert tab.start()
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=5000)
    return blocker.args[0]


def test_run_sort_filter_pick_export(qtbot, tab, tmp_path, output_dir):
    result = _run(qtbot, tab)
    assert not result.cancelled and result.n_evaluated == result.n_total > 0
    m = tab.model
    assert m.rowCount() == len(result)
    # default order: by rank
    first = m.result_row(0)
    assert result.rank[first] == 0
    # sort by the dendrite-risk column descending: argsort of the array
    col = m.columns.index("dendrite_risk")
    m.sort(col, Qt.SortOrder.DescendingOrder)
    shown = result.values["dendrite_risk"][m.view]
    assert np.all(np.diff(shown[np.isfinite(shown)]) <= 0)
    # filter by material id
    tab.filter_edit.setText("nzsp")
    assert 0 < m.rowCount() < len(result) or all("nzsp" in e for e in result.materials["electrolyte"])
    assert all("nzsp" in " ".join(result.materials[s][i] for s in result.materials) for i in m.view)
    tab.filter_edit.setText("")
    # clicking a row emits the design
    with qtbot.waitSignal(tab.designRequested, timeout=2000) as blk:
        tab.table.clicked.emit(m.index(0, 0))
    d = blk.args[0]
    assert isinstance(d, Design) and d.host.material == result.materials["host"][m.result_row(0)]
    # clicking a Pareto point emits the design too
    pts = tab.scatter_front.points()
    assert len(pts) == int(result.on_pareto.sum()) - int((~np.isfinite(result.values["cell_overpotential_mV"][result.on_pareto])).sum())
    with qtbot.waitSignal(tab.designRequested, timeout=2000):
        tab._point_clicked(tab.scatter_front, [pts[0]])
    out = tmp_path / "r.csv"
    tab.export_csv(out)
    lines = out.read_text().splitlines()
    assert len(lines) == m.rowCount() + 1 and lines[0].startswith("rank,pareto,design_index")
    tab.grab().save(str(output_dir / "screening_tab.png"))
    # the summary report: format from the suffix, the Pareto designs listed
    assert tab.summary_button.isEnabled()
    html = tab.export_summary(tmp_path / "summary.html").read_text()
    assert "Pareto" in html and "<svg" in html
    with pytest.raises(AnodeLabError, match="unknown report format"):
        tab.export_summary(tmp_path / "summary.docx")


def test_invalid_definition_is_reported_not_raised(qtbot, tab):
    tab.set_checked("host", [])
    assert not tab.start()
    assert "materials.host" in tab.status.text()


def test_cancel_stops_quickly_leaves_partial_results_and_no_thread(qtbot, tab, output_dir):
    tab.set_checked("host", [m.id for m in tab.library.of_class("host")])
    tab.set_range("current_density_mA_cm2", 0.1, 10.0, 1000, True)
    tab.set_range("areal_capacity_mAh_cm2", 0.5, 5.0, 40, False)
    with qtbot.waitSignal(tab.screenFinished, timeout=30000) as blocker:
        assert tab.start()
        qtbot.waitUntil(lambda: tab.progress.value() > 0, timeout=10000)
        assert tab.is_running()
        tab.cancel()
    result = blocker.args[0]
    assert result.cancelled and 0 < result.n_evaluated < result.n_total
    assert len(result) > 0 and tab.model.rowCount() == len(result)
    qtbot.waitUntil(lambda: not tab.is_running(), timeout=2000)
    assert "cancelled" in tab.status.text()
    assert not [t for t in threading.enumerate() if t.name.startswith("anodelab-screen")]
    tab.grab().save(str(output_dir / "screening_tab_cancelled.png"))



def test_a_ccd_objective_on_liquid_electrolytes_is_explained(qtbot, tab):
    """Only liquid electrolytes checked and the CCD as objective: the status says why nothing is ranked."""
    lw = tab.lists["electrolyte"]
    for i in range(lw.count()):
        it = lw.item(i)
        it.setCheckState(Qt.CheckState.Checked if it.data(Qt.ItemDataRole.UserRole) == "napf6-diglyme-1m"
                         else Qt.CheckState.Unchecked)
    tab.set_metric(tab.objective_combo, "ccd_mA_cm2")
    result = _run(qtbot, tab)
    assert result.notes and any("ccd_mA_cm2" in n for n in result.notes)
    assert "ⓘ" in tab.status.text() and "ccd_mA_cm2" in tab.status.text()
    assert int((result.rank >= 0).sum()) == 0
