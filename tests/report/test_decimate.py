"""Long profiles are decimated to a min/max envelope in reports (peaks and the short kept, size bounded)."""

from __future__ import annotations

import json

import numpy as np
import pytest

from anodelab.report import export
from anodelab.report.content import build_content
from anodelab.report.decimate import MAX_POINTS, decimate, decimate_indices
from anodelab.simulate import simulate


def test_short_curves_are_unchanged():
    x = np.arange(50.0)
    y = np.sin(x)
    xd, yd, sd = decimate(x, y, 2 * y)
    assert np.array_equal(xd, x) and np.array_equal(yd, y) and np.array_equal(sd, 2 * y)


def test_envelope_bounds_and_keeps_extremes_ends_and_gaps():
    n = 1_000_003
    x = np.arange(n, dtype=float)
    y = np.where((np.arange(n) // 40) % 2 == 0, 1.0, -1.0) * (1.0 + x / n)  # growing square wave
    y[123_457] = 7.5  # a single spike
    y[400_000:400_010] = np.nan  # a gap (cycler stopped) …
    y[-5_000:] = np.nan  # … and NaN padding past the end
    xd, yd, cd = decimate(x, y, -y, max_points=1000)
    assert len(xd) <= 1000
    assert np.all(np.diff(xd) > 0)  # original order
    assert np.nanmax(yd) == 7.5 and np.nanmin(yd) == np.nanmin(y)
    assert np.array_equal(cd, -yd, equal_nan=True)  # series taken at the same points
    assert xd[0] == 0.0
    gap = np.flatnonzero(np.isnan(yd))
    assert 400_000 in xd[gap]  # the gap stays a gap …
    assert np.count_nonzero(np.isnan(yd)) == 2  # … and each NaN run costs one point


def test_indices_of_an_all_finite_curve():
    idx = decimate_indices(np.arange(100_000.0), max_points=100)
    assert len(idx) <= 100 and idx[0] == 0 and idx[-1] == 99_999


@pytest.fixture
def long_solid(solid_design):
    # 20 000 cycles × 40 points = 800 000 points; at 3.5 mA cm⁻², just above its stripping CCD (3.496 mA cm⁻²),
    # the solid design shorts by voids after ~1 000 cycles (model v2, anodelab.lifetime; below the CCD it does not
    # short at all)
    return solid_design.with_conditions(cycles=20_000, current_density_mA_cm2=3.5)


def test_long_design_report_json_is_bounded_and_keeps_peaks(long_solid):
    full = simulate(long_solid, "symmetric")
    fy = full.y[0]
    n_full = int(np.count_nonzero(np.isfinite(full.x[0]) & np.isfinite(fy)))
    assert n_full > 50 * MAX_POINTS

    data = export(long_solid, "json")
    assert len(data) < 3_000_000  # every point would be ~40 MB
    prof = json.loads(data)["profiles"]["symmetric"]
    y = np.array([np.nan if v is None else v for v in prof["y"]])
    assert len(prof["x"]) <= MAX_POINTS
    assert all(len(v) == len(prof["x"]) for v in prof["series"].values())
    assert prof["decimated"] is True and prof["points"] == n_full
    assert "envelope" in prof["decimation"] and "--out" in prof["decimation"]
    # peak-preserving: the largest |V| (and both signs of the square wave) survive exactly
    assert np.nanmax(np.abs(y)) == np.nanmax(np.abs(fy))
    assert np.nanmax(y) == np.nanmax(fy) and np.nanmin(y) == np.nanmin(fy)
    # the short-circuit collapse is still drawn: after the hard short |V| = J R_short, far below the peak
    t = np.array([np.nan if v is None else v for v in prof["x"]])
    t_short = full.event_record(0)["hard_short_h"]
    after = np.abs(y[t > t_short + 1.0])
    assert after.size > 100 and np.nanmax(after) < 0.5 * np.nanmax(np.abs(y))


def test_decimation_is_stated_in_the_report_content(long_solid):
    c = build_content(long_solid)
    sym = next(p for p in c.plots if p.protocol == "symmetric")
    assert sym.decimated and sym.points_total > len(sym.x)
    assert "800,000 points" in c.plots_note and "min/max envelope" in c.plots_note
    dep = next(p for p in c.plots if p.protocol == "deposition")
    assert not dep.decimated and dep.decimation_text() == ""
