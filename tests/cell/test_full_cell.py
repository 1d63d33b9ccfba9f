"""Full-cell cycling protocol (anodelab.simulate.full_cell) against hand calculations."""

import math

import numpy as np
import pytest

from anodelab.errors import AnodeLabError
from anodelab.design import load_design
from anodelab.scoring import score
from anodelab.simulate import simulate

from .test_energy import P0, stated_cell


def test_capacity_fade_from_a_stated_ce_cycle_by_cycle():
    # CE 0.99, N/P 0.5, DoD 1, flooded (E/C 100 g Ah⁻¹: ~1100 cycles of electrolyte): Q = 1.08 mAh cm⁻², excess 0.54
    d = stated_cell(np_ratio=0.5, electrolyte_to_capacity_g_Ah=100.0)
    prof = simulate(d, "full_cell", cycles=120, points_per_half_cycle=5, params=P0)
    q, inv, caps = 1.08, 1.08 + 0.54, []
    for _k in range(120):  # the recursion written out: Q_k = min(Q, I_k), I_{k+1} = I_k − 0.01 Q_k
        qk = min(q, inv)
        caps.append(qk)
        inv -= 0.01 * qk
    caps = np.array(caps)
    sim = prof.series["discharge_capacity_mAh_cm2"][0].reshape(120, 10)[:, 0]
    np.testing.assert_allclose(sim, caps, rtol=1e-9)
    # 51 cycles at full capacity (the excess pays 0.0108 per cycle), then Q_k = Q 0.99^(k−51):
    # 0.99^22 = 0.8016, 0.99^23 = 0.7936 → cycle 51 + 23 = 74 is the first below 80 %
    assert np.all(sim[:51] == pytest.approx(q)) and sim[51] == pytest.approx(0.99 * q)
    assert sim[73] == pytest.approx(q * 0.99 ** 23, rel=1e-9) and sim[72] > 0.8 * q > sim[73]
    assert prof.event_record(0)["cycles_to_80pct"] == 74.0
    # the engine's continuous estimate agrees within a cycle: 50 + ln 0.8 / ln 0.99 = 72.2
    assert abs(score(d, P0).record(0)["cycle_life_na_inventory_cycles"] - prof.event_record(0)["cycles_to_80pct"]) < 2.0
    assert prof.event_record(0)["end_cause"] == "Na inventory"


def test_voltage_profile_is_the_cathode_curve_shifted_by_the_anode_and_cathode_overpotentials():
    d = stated_cell(np_ratio=1.0).with_conditions(current_density_mA_cm2=1.0)
    prof = simulate(d, "full_cell", cycles=2, points_per_half_cycle=11)
    si = score(d).si
    # η_cath of the stated cathode at 1 mA cm⁻²: (2RT/F) asinh(10 / (2 × 180 × 2e-3)) = 0.17088 V (test_energy)
    eta_cath = 2 * 8.314462618 * 298.15 / 96485.33212 * math.asinh(10.0 / (2 * 180.0 * 2e-3))
    eta = float((10.0 * (si["asr_interface_ohm_m2"] + si["asr_coating_ohm_m2"] + si["asr_electrolyte_ohm_m2"])
                 + si["eta_ct_V"])[0]) + eta_cath
    soc, volt = prof.series["state_of_charge"][0], prof.y[0]
    # the library NVP curve at SOC 1 is 3.8 V and at 0.5 is 3.37 V (a linear read-out between its points)
    assert soc[0] == 1.0 and volt[0] == pytest.approx(3.8 - eta, rel=1e-12)
    assert soc[5] == pytest.approx(0.5) and volt[5] == pytest.approx(3.37 - eta, rel=1e-12)
    assert volt[11 + 5] == pytest.approx(3.37 + eta, rel=1e-12)  # charge: + η
    # time: each half cycle lasts Q / J = 1.08 mAh cm⁻² / 1 mA cm⁻² = 1.08 h
    assert prof.x[0][10] == pytest.approx(1.08) and prof.x[0][21] == pytest.approx(2.16)
    e = prof.event_record(0)
    assert e["first_cycle_mean_voltage_V"] < 3.4 and e["first_discharge_capacity_mAh_cm2"] == pytest.approx(1.08)


def test_depth_of_discharge_setting_and_lean_electrolyte_end():
    d = stated_cell(np_ratio=0.0, electrolyte_to_capacity_g_Ah=4.5)
    prof = simulate(d, "full_cell", cycles=400, depth_of_discharge=0.5, points_per_half_cycle=4)
    e = prof.event_record(0)
    assert e["first_discharge_capacity_mAh_cm2"] == pytest.approx(0.54)
    assert np.nanmin(prof.series["state_of_charge"][0]) == pytest.approx(0.5)
    assert e["end_cause"] in ("electrolyte", "Na inventory")
    lean = simulate(stated_cell(np_ratio=5.0, electrolyte_to_capacity_g_Ah=4.2), "full_cell", cycles=2000,
                    points_per_half_cycle=2).event_record(0)
    assert lean["end_cause"] == "electrolyte" and lean["electrolyte_dry_cycle"] is not None


def test_full_cell_protocol_refuses_a_design_without_cathode():
    with pytest.raises(AnodeLabError, match="no \\[cathode\\]"):
        simulate(load_design("resources/examples/na_nzsp.toml"), "full_cell")
    with pytest.raises(AnodeLabError, match="depth_of_discharge"):
        simulate(stated_cell(), "full_cell", depth_of_discharge=1.5)


def test_a_short_ends_the_full_cell_at_the_lifetime_models_short_cycle():
    # N/P 5 (522 cycles of Na) and E/C 30 g Ah⁻¹ (335 cycles of electrolyte) at 2 mA cm⁻²: the lifetime model's
    # earliest mechanism is a short (nucleation, 112.2 cycles); the protocol runs 112 cycles, then stops
    d = stated_cell(np_ratio=5.0, electrolyte_to_capacity_g_Ah=30.0).with_conditions(current_density_mA_cm2=2.0)
    rec = score(d, P0).record(0)
    assert rec["failure_mechanism"] == "nucleation"
    assert rec["cell_cycle_life_cycles"] == rec["cycle_life_short_cycles"] < rec["cycle_life_electrolyte_cycles"]
    prof = simulate(d, "full_cell", cycles=300, points_per_half_cycle=2, params=P0)
    e = prof.event_record(0)
    assert e["end_cause"] == "short (nucleation)"
    assert e["short_cycle"] == float(int(rec["cycle_life_short_cycles"]))
    caps = prof.series["discharge_capacity_mAh_cm2"][0].reshape(300, 4)[:, 0]
    assert np.all(caps[: int(e["short_cycle"])] == pytest.approx(1.08)) and np.isnan(caps[int(e["short_cycle"])])
