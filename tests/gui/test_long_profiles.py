"""A 20 000-cycle symmetric profile is drawn as its min/max envelope (≤ 10⁴ points), peaks kept."""

from __future__ import annotations

import numpy as np
import pytest

pytestmark = pytest.mark.gui


def test_long_symmetric_profile_is_decimated_in_the_plot(qtbot, window, examples_dir, output_dir):
    pytest.importorskip("anodelab.simulate")
    from anodelab.design import load_design
    from anodelab.report.decimate import MAX_POINTS

    long = load_design(examples_dir / "nasn_nzsp.toml").with_conditions(cycles=20_000)
    window.doc.replace(long, None)
    panel = window.panels["symmetric"]
    with qtbot.waitSignal(window.plotsUpdated, timeout=30000, check_params_cb=lambda k: k == "symmetric"):
        window.tabs.setCurrentWidget(panel)
    assert panel.curve_count() == 1, panel.message
    full = panel.data.curves[0]
    item = panel._curve_items[0]
    assert len(full.y) == 800_000  # the panel's data keeps every point (crosshair, CSV export)
    assert len(item.yData) <= MAX_POINTS  # what pyqtgraph gets
    assert np.nanmax(np.abs(item.yData)) == np.nanmax(np.abs(full.y))
    assert np.nanmin(item.yData) == np.nanmin(full.y)
    assert "min/max envelope" in panel.notes.text() and "800,000" in panel.notes.text()
    window.grab().save(str(output_dir / "main_window_symmetric_20000_cycles.png"))
