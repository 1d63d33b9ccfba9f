"""The cathode's library ranges (specific capacity, voltage, loading …) propagate into the cell metrics'
intervals and sensitivities (anodelab.uncertainty with anodelab.cell.energy.scale_cycled_capacity)."""

import numpy as np
import pytest

from anodelab.batch import as_batch
from anodelab.cell import layer_shares
from anodelab.design import load_design
from anodelab.physics.parameters import default_parameters
from anodelab.scoring import score
from anodelab.uncertainty.inputs import collect_inputs
from anodelab.uncertainty.tornado import one_at_a_time

EXAMPLE = "resources/examples/anode_free_nvp_pouch.toml"  # library nvp-c, DoD 1, E/C 3 g Ah⁻¹


def test_cathode_ranges_are_uncertain_inputs():
    inputs = collect_inputs(load_design(EXAMPLE), default_parameters())
    keys = {u.key: u for u in inputs.uncertain}
    for prop, bounds in (("specific_capacity_mAh_g", (100.0, 117.6)), ("average_voltage_V", None),
                         ("areal_loading_mg_cm2", (5.0, 25.0))):
        u = keys[f"cathode.{prop}"]
        assert u.slot == "cathode" and u.low < u.nominal < u.high
        if bounds is not None:
            assert (u.low, u.high) == bounds


def test_specific_capacity_range_enters_wh_per_kg_by_hand():
    d = load_design(EXAMPLE)
    p = default_parameters()
    base = as_batch(d)
    r0 = score(base, p)
    inputs = [u for u in collect_inputs(d, p).uncertain if u.key == "cathode.specific_capacity_mAh_g"]
    lo_hi = one_at_a_time(base, p, inputs, "cell_specific_energy_Wh_kg")[0]
    # by hand: at the cathode's specific capacity s' the cell cycles Q' = Q s'/s (DoD 1 kept), the energy is
    # Q' V (same J, same anode overpotential), the electrolyte (E/C × Q_cath) grows by 3 g Ah⁻¹ × (Q' − Q)
    rec = r0.record(0)
    q = rec["cathode_capacity_mAh_cm2"]  # 12 mg cm⁻² × 0.92 × 110 mAh g⁻¹ = 1.2144 mAh cm⁻²
    assert q == pytest.approx(12.0 * 0.92 * 110.0 / 1000.0, rel=1e-12)
    m_stack = sum(m for k, _l, m, _t, _fm, _fv in layer_shares(base, r0.si) if k != "packaging") * 1e2  # mg cm⁻²
    v = rec["cell_voltage_V"]
    for s_new, got in zip((100.0, 117.6), lo_hi):
        q_new = q * s_new / 110.0
        m_new = m_stack + 3.0 * (q_new - q)
        assert got == pytest.approx(q_new * v * 0.9 / m_new * 1e3, rel=1e-9)
    assert lo_hi[0] < rec["cell_specific_energy_Wh_kg"] < lo_hi[1]


def test_cell_energy_interval_brackets_the_nominal_and_widens_with_the_cathode_ranges():
    from anodelab.uncertainty import score_intervals

    d = load_design(EXAMPLE)
    rec = score(d).record(0)
    full = score_intervals(d, samples=64, keep_samples=True)
    lo, _mid, hi = full.interval("cell_specific_energy_Wh_kg")
    assert lo < rec["cell_specific_energy_Wh_kg"] < hi
    # the cathode's inputs are among the sampled ones, and with them fixed at their values the interval narrows
    assert any(u.key.startswith("cathode.") for u in full.inputs.uncertain)
    fixed = {u.name: u.nominal for u in full.inputs.uncertain if u.slot == "cathode"}
    from dataclasses import replace

    pinned = replace(d, cathode=replace(d.cathode, overrides={**d.cathode.overrides, **fixed}))
    narrow = score_intervals(pinned, samples=64)
    assert not any(u.slot == "cathode" for u in narrow.inputs.uncertain)
    assert narrow.width("cell_specific_energy_Wh_kg") < 0.5 * full.width("cell_specific_energy_Wh_kg")
