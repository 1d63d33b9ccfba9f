"""The cathode's library ranges (specific capacity, voltage, loading …) propagate into the cell metrics'
intervals and sensitivities (anodelab.uncertainty with anodelab.cell.energy.scale_cycled_capacity)."""

import math

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


# --- the cathode's own capacity fade (issue 16) as an uncertain input --------------------------------------------

FADE = "cathode.capacity_fade_per_cycle"


def _with_cathode(design, material, **overrides):
    from dataclasses import replace

    return replace(design, cathode=replace(design.cathode, material=material, overrides=overrides))


def test_every_library_cathodes_fade_is_sampled_over_its_library_range():
    from anodelab.materials.library import load_library
    from anodelab.uncertainty.sampling import is_log_range

    from dataclasses import replace

    d = load_design(EXAMPLE)
    small = replace(d.conditions, areal_capacity_mAh_cm2=0.1)
    p = default_parameters()
    cathodes = load_library(include_user=False).of_class("cathode")
    assert len(cathodes) >= 7
    for m in cathodes:
        prop = m.properties["capacity_fade_per_cycle"]
        # 0.1 mAh cm⁻² cycled: within every library cathode's capacity (nacro2 holds 0.136, the example cycles 1.21)
        inputs = collect_inputs(replace(_with_cathode(d, m.id), conditions=small), p)
        u = {x.key: x for x in inputs.uncertain}[FADE]
        assert (u.low, u.high, u.nominal) == (prop.range[0], prop.range[1], prop.value), m.id
        assert u.source == prop.source and u.material_id == m.id
        assert [c.field for c in u.columns] == ["cathode_capacity_fade_per_cycle"]
        assert u.log == is_log_range(*prop.range)  # nvp-c 5e-5–5e-4: log-uniform; nacro2 1e-4–5e-4: uniform
    # the user's own value (an inline override) is fixed, with the reason
    inputs = collect_inputs(_with_cathode(d, "nvp-c", capacity_fade_per_cycle=2e-4), p)
    assert FADE not in {x.key for x in inputs.uncertain}
    assert {f.key: f.reason for f in inputs.fixed}[FADE].startswith("overridden")


def test_cathode_fade_life_interval_is_the_sampled_fades_by_hand():
    """Materials only (r = 0.8 fixed): N_cath = ln 0.8 / ln(1 − f) of every sampled f, and its 5–95 % are the
    percentiles of those numbers; the fade is the only input that moves it."""
    from anodelab.uncertainty import score_intervals

    d = load_design(EXAMPLE)
    iv = score_intervals(d, samples=128, seed=3, sources=("materials",), keep_samples=True)
    k = [u.key for u in iv.inputs.uncertain].index(FADE)
    f = iv.sample_set.values[:, k]
    lo, hi = iv.inputs.uncertain[k].low, iv.inputs.uncertain[k].high
    assert lo <= f.min() < 1.2 * lo and 0.9 * hi < f.max() <= hi  # the Latin hypercube spans the range
    by_hand = np.log(0.8) / np.log1p(-f)
    j = iv.keys.index("cycle_life_cathode_cycles")
    np.testing.assert_allclose(iv.metric_samples[:, j], by_hand, rtol=1e-12)
    p05, p50, p95 = iv.interval("cycle_life_cathode_cycles")
    np.testing.assert_allclose((p05, p50, p95), np.percentile(by_hand, [5, 50, 95]), rtol=1e-12)
    # nvp-c: 5e-5–5e-4 per cycle → 446–4463 cycles at the bounds, the nominal 1e-4 gives 2231
    assert 446.0 < p05 < iv.nominal[j] < p95 < 4463.0 and iv.nominal[j] == pytest.approx(2231.3, abs=0.1)


def test_every_samples_capacity_life_uses_its_sampled_fade():
    """Flooded (E/C 20 g/Ah), so that the capacity fade (cathode × Na inventory) ends the cell. Anode-free
    (n_ex = 0): N_cap = ln r / (ln(1 − f) + ln CE) per sample, with that sample's f, CE and r (all sampled).
    Pinned at its value (an inline override), the fade leaves the cathode-only life a point."""
    from dataclasses import replace

    from anodelab.uncertainty import score_intervals

    d = load_design(EXAMPLE)
    flooded = replace(d, cell=replace(d.cell, electrolyte_to_capacity_g_Ah=20.0))
    iv = score_intervals(flooded, samples=128, keep_samples=True)
    names = [u.key for u in iv.inputs.uncertain]
    f = iv.sample_set.values[:, names.index(FADE)]
    r = iv.sample_set.values[:, names.index("parameter.end_of_life_retention")]
    y = {k: iv.metric_samples[:, iv.keys.index(k)] for k in
         ("coulombic_efficiency", "cycle_life_capacity_cycles", "cell_cycle_life_cycles", "cycle_life_cathode_cycles")}
    np.testing.assert_allclose(y["cycle_life_cathode_cycles"], np.log(r) / np.log1p(-f), rtol=1e-12)
    np.testing.assert_allclose(y["cycle_life_capacity_cycles"],
                               np.log(r) / (np.log1p(-f) + np.log(y["coulombic_efficiency"])), rtol=1e-9)
    ends = y["cell_cycle_life_cycles"] == y["cycle_life_capacity_cycles"]
    assert ends.mean() > 0.9  # flooded: the capacity fade ends (nearly) every sample
    lo, _mid, hi = iv.interval("cell_cycle_life_cycles")
    assert lo < iv.nominal[iv.keys.index("cell_cycle_life_cycles")] < hi
    pinned = score_intervals(_with_cathode(flooded, "nvp-c", capacity_fade_per_cycle=2e-4), samples=64,
                             sources=("materials",))
    assert pinned.width("cycle_life_cathode_cycles") == 0.0


def test_tornado_shows_the_cathode_fade():
    """One at a time: the fade at its bounds gives ln 0.8 / ln(1 − f) (the first bar of the cathode-only life);
    on the flooded cell, ended by cathode × Na inventory, it is a bar of the cell's cycle life too."""
    from dataclasses import replace

    from anodelab.uncertainty.tornado import sensitivity

    d = load_design(EXAMPLE)
    t = sensitivity(d, "cycle_life_cathode_cycles", samples=128, sources=("materials",))
    top = t.rows[0]
    assert top.input.key == FADE
    assert top.metric_low == pytest.approx(math.log(0.8) / math.log1p(-5e-5), rel=1e-12)  # 4463
    assert top.metric_high == pytest.approx(math.log(0.8) / math.log1p(-5e-4), rel=1e-12)  # 446
    assert all(r.swing == 0.0 for r in t.rows[1:])
    flooded = replace(d, cell=replace(d.cell, electrolyte_to_capacity_g_Ah=20.0))
    t = sensitivity(flooded, "cell_cycle_life_cycles", samples=128, sources=("materials",))
    row = next(r for r in t.rows if r.input.key == FADE)
    assert row.metric_low > t.nominal > row.metric_high and row.swing > 0.1 * t.nominal
    assert t.rows.index(row) < 5
