"""The tornado's first-order index S1 (RBD-FAST via SALib) against an analytical variance decomposition.

Pore volume = φ t of the CuNW host (nothing overridden): t ~ U(200, 1500) µm and φ ~ U(0.75, 0.95) are its only
inputs (both ranges spanning less than ×10, so sampled uniformly and analysed on the linear scale). For independent
X, Y: Var(XY) = E[X²] E[Y²] − (E[X] E[Y])², and the first-order index of X is Var(E[XY | X]) / Var(XY)
= E[Y]² Var(X) / Var(XY).
"""

from __future__ import annotations

import pytest

from anodelab.design import load_design
from anodelab.uncertainty import sensitivity

CUNW = "resources/examples/na_cunw_diglyme.toml"


def _uniform(lo, hi):
    mean = (lo + hi) / 2
    var = (hi - lo) ** 2 / 12
    return mean, var


def test_s1_of_a_product_of_two_uniform_inputs_by_hand():
    mt, vt = _uniform(200.0, 1500.0)  # 850 µm, 140 833 µm²
    mp, vp = _uniform(0.75, 0.95)  # 0.85, 3.333e-3
    var = (mt**2 + vt) * (mp**2 + vp) - (mt * mp) ** 2  # 1.0463e5 µm²
    s1_t = mp**2 * vt / var
    s1_p = mt**2 * vp / var
    assert s1_t == pytest.approx(0.9725, abs=1e-4) and s1_p == pytest.approx(0.0230, abs=1e-4)

    res = sensitivity(load_design(CUNW), "pore_volume_um", samples=512, seed=1)
    rows = {r.input.key: r for r in res.rows}
    t, p = rows["host.thickness_um"], rows["host.porosity"]
    assert (t.input.low, t.input.high, t.input.log) == (200.0, 1500.0, False)
    assert (p.input.low, p.input.high, p.input.log) == (0.75, 0.95, False)
    assert res.rows[0].input.key == "host.thickness_um"  # the larger swing: 170 → 1275 µm against 375 → 475
    assert (t.metric_low, t.metric_high) == (pytest.approx(170.0), pytest.approx(1275.0))
    # RBD-FAST with 512 samples: the estimate within its own bootstrap half-width (+ 0.03 for the estimator's bias)
    assert t.s1 == pytest.approx(s1_t, abs=t.s1_conf + 0.03)
    assert p.s1 == pytest.approx(s1_p, abs=p.s1_conf + 0.03)
    # inputs that do not enter pore volume have no swing (their S1 is estimator noise around 0)
    for key, r in rows.items():
        if key not in ("host.thickness_um", "host.porosity"):
            assert r.swing == 0.0, key
            assert r.s1 < r.s1_conf + 0.03, key
