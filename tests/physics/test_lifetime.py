"""Model v2 failure times (anodelab.lifetime): hand calculations, the competing-risks sum, trends."""

from __future__ import annotations

import math

import numpy as np
import pytest

from anodelab.batch import batch_from_designs
from anodelab.design import load_design
from anodelab.lifetime import MECHANISMS
from anodelab.lifetime import mechanisms as m
from anodelab.lifetime.probability import combine, failure_probability, log_sd_of_shape
from anodelab.literature import installed_library, load_records, record_design
from anodelab.scoring import score

F = 96485.33212
VM = 22.98976928e-3 / 968.0


# --- hand calculations (the docstring examples) ------------------------------------------------------------


def test_inventory_cycles_by_hand():
    # Q_excess = 5 mAh cm⁻² = 1.8e5 C m⁻², Q = 1 mAh cm⁻² = 3.6e4 C m⁻², CE 0.99: 500 + ln 0.8 / ln 0.99 = 522.20
    assert m.inventory_cycles(1.8e5, 3.6e4, 0.01) == pytest.approx(500.0 + math.log(0.8) / math.log(0.99), rel=1e-12)
    assert m.inventory_cycles(1.8e5, 3.6e4, 0.01) == pytest.approx(522.20, rel=1e-5)
    assert m.inventory_cycles(1.8e5, 3.6e4, 0.0) == math.inf
    # anode-free: ln 0.8 / ln 0.99 = 22.20 cycles
    assert m.inventory_cycles(0.0, 3.6e4, 0.01) == pytest.approx(22.203, rel=1e-4)
    # the engine's inventory time is the score card's two counts
    r = score(load_design("resources/examples/na_cunw_diglyme.toml"))
    n = r.si["cycles_excess"] + r.si["cycles_80"]
    np.testing.assert_allclose(r.si["t_fail_inventory_s"], n * 2 * r.si["half_cycle_s"], rtol=1e-12)


def test_inventory_cycles_is_the_score_cards_two_counts_by_one_implementation():
    """inventory_cycles = cycles_until_excess_consumed + cycles_to_retention_from_log (one implementation, also
    at the edges: no loss, anode-free without loss, no CE data)."""
    from anodelab.physics import interphase

    excess = np.array([1.8e5, 1.8e5, 0.0, 0.0, 1.8e5])
    ineff = np.array([0.01, 0.0, 0.01, 0.0, np.nan])
    q = 3.6e4
    both = interphase.cycles_until_excess_consumed(excess, q * ineff) + interphase.cycles_to_retention_from_log(
        np.log1p(-ineff), 0.8)
    got = m.inventory_cycles(excess, q, ineff)
    np.testing.assert_array_equal(got, both)
    assert got[1] == math.inf and got[3] == math.inf  # no loss: the excess lasts for ever, CE = 1 never fades
    assert got[2] == pytest.approx(math.log(0.8) / math.log(0.99), rel=1e-12)
    assert np.isnan(got[4])  # no CE data: n/a, as the score card's "anode-free cycles to 80 %"


def test_electrolyte_cycles_by_hand():
    # 0.5 × 400e-6 m × 0.73 × 1e4 mol m⁻³ = 1.46 mol m⁻² of solvent to lose; Na lost 3.6e4 × 0.01 / F = 3.7311e-3
    # mol m⁻² per cycle, of which the SEI share 0.3 (1.1193e-3 mol m⁻²) reduced solvent (ν = 1): 1304.4 cycles
    n = m.electrolyte_cycles(400e-6, 0.73, 1e4, 3.6e4, 0.01, 1.0, 0.5, 0.3)
    assert n == pytest.approx(1.46 / (0.3 * 360.0 / F), rel=1e-12)
    assert n == pytest.approx(1304.4, rel=1e-3)
    # all lost Na in the SEI (s = 1) is the old count, 391.3 cycles; dead metallic Na alone (s = 0) uses no solvent
    assert m.electrolyte_cycles(400e-6, 0.73, 1e4, 3.6e4, 0.01, 1.0, 0.5, 1.0) == pytest.approx(391.3, rel=1e-3)
    assert m.electrolyte_cycles(400e-6, 0.73, 1e4, 3.6e4, 0.01, 1.0, 0.5, 0.0) == math.inf
    # two Na electrodes plating from the one electrolyte (a symmetric cell) use it twice as fast: 652.2 cycles
    n2 = m.electrolyte_cycles(400e-6, 0.73, 1e4, 3.6e4, 0.01, 1.0, 0.5, 0.3, electrodes=2.0)
    assert n2 == pytest.approx(1.46 / (2.0 * 0.3 * 360.0 / F), rel=1e-12)
    assert n2 == pytest.approx(652.2, rel=1e-3)
    # Bruggeman porosity: N_M = 1.6 ⇒ ε = 1.6^(−2/3) = 0.7310
    assert m.separator_porosity(1.6) == pytest.approx(0.73100, rel=1e-4)


def test_front_velocity_and_transport_cycles_by_hand():
    v = m.front_velocity_m_s(10.0, 1000.0, 0.55)
    assert v == pytest.approx(0.55 * 10.0 / (F * 1000.0), rel=1e-12)
    assert v == pytest.approx(5.700e-8, rel=1e-3)
    # L = 400 µm, t_half = 3600 s, τ = 600 s: grows 3000 s per cycle at v ⇒ 4e-4 / (5.7e-8 · 3000) = 2.339 cycles
    assert m.transport_cycles(400e-6, 3600.0, 600.0, v) == pytest.approx(4e-4 / (v * 3000.0), rel=1e-12)
    # no growth when the half cycle ends before depletion
    assert m.transport_cycles(400e-6, 500.0, 600.0, v) == math.inf


def test_sand_time_counts_only_above_the_limiting_current():
    tau = np.array([600.0, 600.0])
    j = np.array([10.0, 30.0])
    eff = m.sand_time_above_limit_s(tau, j, 20.0)
    assert eff[0] == math.inf and eff[1] == 600.0
    # through the engine: a design below its limiting current has no transport failure even when t_half > τ
    d = load_design("resources/examples/na_cunw_diglyme.toml")
    low = d.with_conditions(current_density_mA_cm2=5.0, areal_capacity_mAh_cm2=50.0)  # t_half 10 h
    si = score(low).si
    assert si["half_cycle_s"][0] > si["sand_time_s"][0]  # Eq. 7's τ is shorter than the half cycle ...
    assert 50.0 < si["j_lim_A_m2"][0]  # ... but J = 50 A m⁻² is below J*
    assert si["t_fail_transport_s"][0] == math.inf
    assert not score(low).warning_codes(0).count("sand_time_exceeded")
    # above the limiting current the transport failure is finite and matches the hand formula
    j_hi = 1.2 * si["j_lim_A_m2"][0]
    hi = d.with_conditions(current_density_mA_cm2=j_hi / 10.0, areal_capacity_mAh_cm2=j_hi / 10.0 * 2.0)  # 2 h
    s2 = score(hi).si
    assert s2["half_cycle_s"][0] > s2["sand_time_s"][0]
    t_plus = installed_library().get("napf6-diglyme-1m").value("transference_number")  # the library's t₊
    v = (1.0 - t_plus) * j_hi / (F * 1000.0)
    n_hand = 400e-6 / (v * (s2["half_cycle_s"][0] - s2["sand_time_s"][0]))
    assert s2["t_fail_transport_s"][0] == pytest.approx(n_hand * 2 * s2["half_cycle_s"][0], rel=1e-9)


def test_nucleation_and_sei_fracture_cycles_by_hand():
    # L = 400 µm, h = 8.86 µm, f = 0.5, x = 1, a = 3, 1 − CE = 0.01: 4e-4 / (3 · 0.5 · 0.5 · 0.01 · 8.86e-6) = 6019
    assert m.nucleation_cycles(400e-6, 8.86e-6, 0.5, 0.02, 0.02, 3.0, 0.01) == pytest.approx(6019.6, rel=1e-4)
    assert m.nucleation_cycles(400e-6, 8.86e-6, 0.0, 0.02, 0.02, 3.0, 0.01) == math.inf  # complete wetting
    assert m.nucleation_cycles(400e-6, 8.86e-6, 0.5, 0.02, 0.02, 3.0, 0.0) == math.inf  # CE = 1: nothing piles up
    # Δh = 8.86 µm, h_mech 0.9, a 3, 1 − CE 0.18: 4e-4 / (3 · 0.9 · 0.18 · 8.86e-6) = 92.89 cycles; absorbed: ∞
    assert m.sei_fracture_cycles(400e-6, 8.86e-6, 0.9, 3.0, 0.18) == pytest.approx(92.89, rel=1e-4)
    assert m.sei_fracture_cycles(400e-6, 0.0, 0.9, 3.0, 0.18) == math.inf


def test_solid_void_and_penetration_cycles_by_hand():
    # J = 10 A m⁻² = 2 CCD_strip, t_half 3600 s: void 5 · 3600 · V_m / F = 4.431e-6 m per cycle; δ_c 5 µm ⇒ 1.128
    assert m.void_cycles(10.0, 5.0, 3600.0, 5e-6) == pytest.approx(5e-6 / (5.0 * 3600.0 * VM / F), rel=1e-12)
    assert m.void_cycles(10.0, 5.0, 3600.0, 5e-6) == pytest.approx(1.128, rel=1e-3)
    assert m.void_cycles(4.0, 5.0, 3600.0, 5e-6) == math.inf
    assert m.void_cycles(4.0, np.nan, 3600.0, 5e-6) == math.inf  # liquid: no CCD
    # J = 2 CCD_pen, L = 1 mm, φ = 0.01, h = 8.86 µm: 1e-5 / 8.86e-6 = 1.1287
    assert m.penetration_cycles(20.0, 10.0, 1e-3, 8.86e-6, 0.01) == pytest.approx(1.1287, rel=1e-4)
    assert m.penetration_cycles(9.0, 10.0, 1e-3, 8.86e-6, 0.01) == math.inf


def test_failure_probability_and_combination_by_hand():
    # log-logistic: P = 1 / (1 + (N_i / N)^β)
    assert failure_probability(100.0, 100.0, 3.0) == pytest.approx(0.5)
    assert failure_probability(100.0, 200.0, 3.0) == pytest.approx(1 / 9, rel=1e-12)
    assert failure_probability(100.0, 50.0, 6.0) == pytest.approx(1 / (1 + 0.5**6), rel=1e-12)
    assert failure_probability(100.0, math.inf, 3.0) == 0.0
    # shape ⇔ log-sd: π / (β √3); β = 3 ⇒ 0.6046
    assert log_sd_of_shape(3.0) == pytest.approx(0.60460, rel=1e-4)
    p = {"a": np.array([0.5]), "b": np.array([0.2])}
    risk, contrib = combine(p)
    assert risk[0] == pytest.approx(1 - 0.5 * 0.8, rel=1e-12)  # 0.6
    assert sum(v[0] for v in contrib.values()) == pytest.approx(risk[0], rel=1e-12)
    assert contrib["a"][0] / contrib["b"][0] == pytest.approx(math.log(0.5) / math.log(0.8), rel=1e-12)


# --- through the engine -------------------------------------------------------------------------------------------


def _designs():
    ex = [load_design(p) for p in sorted(__import__("pathlib").Path("resources/examples").glob("*.toml"))]
    lib = installed_library()
    recs = [record_design(r, lib) for r in load_records()]
    return ex + recs


def test_engine_exposes_failure_times_and_the_risk_is_their_probability():
    designs = _designs()
    r = score(batch_from_designs(designs, installed_library()))
    si = r.si
    stack = np.stack([si[f"t_fail_{k}_s"] for k in MECHANISMS])
    np.testing.assert_array_equal(si["lifetime_s"], stack.min(axis=0))
    code = si["failure_mechanism"]
    assert code.dtype == np.int8 and np.all(code >= 0)
    for k in MECHANISMS:  # never NaN: ∞ where a mechanism does not act, a probability in [0, 1]
        assert not np.isnan(si[f"t_fail_{k}_s"]).any() and np.all((r.hazards[k] >= 0) & (r.hazards[k] <= 1))
    np.testing.assert_array_equal(stack[code, np.arange(len(designs))], si["lifetime_s"])
    np.testing.assert_allclose(si["lifetime_s"], si["lifetime_cycles"] * 2 * si["half_cycle_s"], rtol=1e-12)
    total = sum(r.contributions.values())
    np.testing.assert_allclose(total, si["risk"], rtol=1e-12, atol=1e-15)
    assert set(r.hazards) == set(MECHANISMS)
    # the record names the earliest mechanism
    assert score(designs[0]).record(0)["failure_mechanism"] in MECHANISMS


def test_every_mechanism_dominates_somewhere():
    """Each mechanism is the earliest for some design/condition where its physics says it should be."""
    lib = installed_library()
    ex = {p.stem: load_design(p) for p in __import__("pathlib").Path("resources/examples").glob("*.toml")}
    import dataclasses

    def thin(d, gap_um=25.0):  # a 25 µm polymer separator instead of the glass fibre (400 µm)
        return d.with_layer("electrolyte", dataclasses.replace(d.electrolyte, overrides={"electrode_gap_um": gap_um}))

    cu_with_excess = ex["anode_free_cu_diglyme"].with_conditions(na_excess_mAh_cm2=50.0)
    cases = {
        "inventory": ex["anode_free_cu_diglyme"].with_conditions(current_density_mA_cm2=5.0),  # no Na excess
        # 50 mAh cm⁻² of Na in a Cu-nanowire host: the SEI share of the loss uses up the solvent before the Na
        "electrolyte": ex["na_cunw_diglyme"].with_conditions(na_excess_mAh_cm2=50.0),
        "transport": ex["na_cunw_diglyme"].with_conditions(current_density_mA_cm2=40.0, areal_capacity_mAh_cm2=40.0),
        "nucleation": thin(cu_with_excess).with_conditions(current_density_mA_cm2=5.0),  # non-wetting Cu, high J
        "sei_fracture": thin(ex["na_foil_carbonate"]),  # hostless Na, thin separator
        "voids": ex["na_nzsp"].with_conditions(current_density_mA_cm2=2.0),
        "penetration": ex["na_nzsp"].with_conditions(current_density_mA_cm2=10.0),
    }
    r = score(batch_from_designs(list(cases.values()), lib))
    got = [MECHANISMS[c] for c in r.si["failure_mechanism"]]
    assert got == list(cases)


@pytest.mark.parametrize("field", ["current_density_mA_cm2", "areal_capacity_mAh_cm2"])
def test_risk_rises_with_current_density_and_capacity_for_every_design(field):
    designs = _designs()
    if field == "areal_capacity_mAh_cm2":  # a full cell's Q is bounded by its cathode (anodelab.cell): anode designs
        designs = [d for d in designs if getattr(d, "cathode", None) is None]
    lib = installed_library()
    factors = (0.5, 1.0, 2.0, 4.0)
    risks = []
    for f in factors:
        ds = [d.with_conditions(**{field: getattr(d.conditions, field) * f}) for d in designs]
        risks.append(score(batch_from_designs(ds, lib)).si["risk"])
    risks = np.array(risks)
    assert np.all(np.diff(risks, axis=0) >= -1e-12), "risk must not fall as J or Q grows"
    # and it really rises (not flat at 0 or 1) for most designs over the 8× span
    rising = (risks[-1] - risks[0]) > 1e-6
    assert rising.mean() > 0.5


def test_one_pass_competing_risks_equals_the_two_step_form():
    from anodelab.lifetime.probability import competing_risks

    n = np.array([100.0, 100.0, 100.0, 500.0])
    med = {"a": np.array([100.0, 200.0, np.inf, 1.0]), "b": np.array([50.0, np.inf, np.inf, 1e-300])}
    shapes = {"a": 3.0, "b": 6.0}
    probs, contrib, risk = competing_risks(n, med, shapes)
    two = {k: failure_probability(n, v, shapes[k]) for k, v in med.items()}
    r2, c2 = combine(two)
    np.testing.assert_allclose(probs["a"], two["a"], rtol=1e-12)
    np.testing.assert_allclose(risk, r2, rtol=1e-12)
    for k in med:  # design 3 fails at once by both: the two forms cap P just below 1 slightly differently
        np.testing.assert_allclose(contrib[k][:3], c2[k][:3], rtol=1e-9, atol=1e-15)
        np.testing.assert_allclose(contrib[k][3], c2[k][3], rtol=1e-5)
    # by hand, design 0: P_a = 0.5, P_b = 1/(1 + 0.5⁶) = 0.98462; risk = 1 − 0.5 × 0.015385 = 0.99231
    assert probs["b"][0] == pytest.approx(1 / (1 + 0.5**6), rel=1e-12)
    assert risk[0] == pytest.approx(1 - 0.5 * (1 - 1 / (1 + 0.5**6)), rel=1e-12)
    assert risk[2] == 0.0 and contrib["a"][2] == 0.0
    assert np.all(np.isfinite(risk)) and risk[3] == pytest.approx(1.0)  # an immediate failure stays finite


def test_a_lossless_cell_never_fails_by_its_losses():
    import dataclasses

    d = load_design("resources/examples/na_cunw_diglyme.toml")
    e = dataclasses.replace(d.electrolyte, overrides={"coulombic_efficiency_on_cu": 1.0})
    si = score(d.with_layer("electrolyte", e)).si
    for k in ("inventory", "electrolyte", "nucleation", "sei_fracture"):
        assert si[f"t_fail_{k}_s"][0] == math.inf, k
    assert si["lifetime_s"][0] == math.inf and si["failure_mechanism"][0] == -1 and si["risk"][0] == 0.0


def test_electrolyte_life_scales_inversely_with_the_sei_share_and_leaves_the_rest_alone():
    """Through the engine: t_electrolyte ∝ 1 / s_SEI (only the SEI's Na reduces solvent); the other mechanisms and the
    CE do not see s_SEI."""
    from anodelab.physics.parameters import default_parameters

    d = load_design("resources/examples/na_foil_carbonate.toml")
    p = default_parameters()
    shares = (0.1, 0.3, 0.6, 1.0)
    rs = [score(d, p.with_values(sei_share_of_na_loss=s)) for s in shares]
    t_el = np.array([r.si["t_fail_electrolyte_s"][0] for r in rs])
    np.testing.assert_allclose(t_el * np.array(shares), t_el[0] * 0.1, rtol=1e-12)
    assert np.all(np.diff(t_el) < 0)
    for k in MECHANISMS:
        if k != "electrolyte":
            assert len({r.si[f"t_fail_{k}_s"][0] for r in rs}) == 1
    assert len({r.si["ce"][0] for r in rs}) == 1


def _stated_anode(conditions=None, **extra):
    """Planar Cu (area ratio 1) in diglyme with a stated CE on Cu of 0.99, 20 µm gap, 1 mAh cm⁻² at 1 mA cm⁻²."""
    from anodelab.design import design_from_dict

    return design_from_dict({
        "format_version": 1, "name": "stated anode",
        "conditions": conditions or {"current_density_mA_cm2": 1.0, "areal_capacity_mAh_cm2": 1.0,
                                     "temperature_C": 25.0, "cycles": 10, "na_excess_mAh_cm2": 5.0},
        "host": {"material": "cu-foil", "surface_area_ratio": 1.0},
        "electrolyte": {"material": "napf6-diglyme-1m", "electrode_gap_um": 20.0, "coulombic_efficiency_on_cu": 0.99},
        **extra})


def test_plating_electrodes_count():
    assert m.plating_electrodes(0.0) == 2.0 and m.plating_electrodes(1.0) == 1.0
    np.testing.assert_array_equal(m.plating_electrodes(np.array([0.0, 1.0, 0.0])), [2.0, 1.0, 2.0])


def test_symmetric_cell_electrolyte_is_used_by_both_electrodes_by_hand():
    """A design without a cathode is a symmetric Na|Na cell: each electrode plates Q per cycle and grows SEI from
    the same electrolyte, so the solvent is used twice per cycle."""
    from anodelab.physics.parameters import default_parameters

    p = default_parameters().with_values(ce_current_exponent=0.0, ce_capacity_exponent=0.0)  # at J_ref and T_ref CE = CE_Cu = 0.99
    r = score(_stated_anode(), p)
    assert r.si["ce"][0] == pytest.approx(0.99, rel=1e-12)
    # budget: max(L ε, V_lab) = max(20 µm × ε, 40 µL cm⁻² = 400 µm) = 400 µm of electrolyte, f_dry 0.5, c_solv
    # 10 mol L⁻¹ ⇒ B = 0.5 × 4e-4 m × 1e4 mol m⁻³ = 2.0 mol m⁻². Per cycle each electrode loses Q (1 − CE) =
    # 3.6e4 × 0.01 = 360 C m⁻², of which the SEI share 0.3 reduced solvent (ν = 1): 1.1193e-3 mol m⁻² per
    # electrode, 2.2387e-3 mol m⁻² for the two ⇒ N_el = 2.0 / 2.2387e-3 = 893.4 cycles (1786.8 with one electrode)
    budget = 0.5 * 400e-6 * 1e4
    per_cycle = 2.0 * 1.0 * 0.3 * 3.6e4 * 0.01 / F
    assert budget / per_cycle == pytest.approx(893.4, abs=0.1)
    t_cycle = 2.0 * r.si["half_cycle_s"][0]
    assert t_cycle == pytest.approx(7200.0, rel=1e-12)
    assert r.si["t_fail_electrolyte_s"][0] / t_cycle == pytest.approx(budget / per_cycle, rel=1e-9)


def test_full_cell_electrolyte_counts_one_electrode_also_in_a_batch_with_half_cells():
    """With a cathode only the anode plates Na metal (n_e = 1); in a batch that mixes full and half cells each row
    keeps its own count (the same numbers as scored alone)."""
    from anodelab.physics.parameters import default_parameters

    p = default_parameters().with_values(ce_current_exponent=0.0, ce_capacity_exponent=0.0)
    half = _stated_anode()
    full = _stated_anode(
        {"current_density_mA_cm2": 1.0, "temperature_C": 25.0, "cycles": 10},  # Q and the excess from the cathode
        cathode={"material": "nvp-c", "areal_loading_mg_cm2": 10.0, "active_fraction": 0.9,
                 "specific_capacity_mAh_g": 120.0, "density_g_cm3": 3.0, "porosity": 0.4, "average_voltage_V": 3.4},
        cell={"positive_collector_thickness_um": 10.0, "positive_collector_density_g_cm3": 2.70,
              "separator_porosity": 0.5, "separator_density_g_cm3": 1.0, "electrolyte_to_capacity_g_Ah": 8.0,
              "electrolyte_density_g_cm3": 1.2, "packaging_mass_fraction": 0.1, "packaging_volume_fraction": 0.1,
              "double_sided": True, "np_ratio": 2.0, "depth_of_discharge": 1.0})
    rf = score(full, p)
    # the cell's budget (tests/cell/test_energy.py): f_dry V_el = 36 µm × 1e4 mol m⁻³ = 0.36 mol m⁻²; one electrode:
    # 0.3 × (Q = 1.08 mAh cm⁻² = 3.888e4 C m⁻²) × 0.01 / F = 1.2089e-3 mol m⁻² per cycle ⇒ 297.8 cycles
    q_c = 1.08 * 3.6e4
    n_full = 0.36 / (0.3 * q_c * 0.01 / F)
    assert n_full == pytest.approx(297.8, abs=0.1)
    assert rf.si["t_fail_electrolyte_s"][0] / (2.0 * rf.si["half_cycle_s"][0]) == pytest.approx(n_full, rel=1e-9)
    mixed = score([full, half], p)
    alone_half = score(half, p)
    assert mixed.si["t_fail_electrolyte_s"][0] == rf.si["t_fail_electrolyte_s"][0]
    assert mixed.si["t_fail_electrolyte_s"][1] == alone_half.si["t_fail_electrolyte_s"][0]


def test_symmetric_cell_dead_na_layers_of_both_electrodes_fill_one_gap():
    """Nucleation and SEI fracture pile the unstripped (1 − CE) h of every plating electrode up as dead Na; in the
    symmetric cell (no cathode) both layers grow into the same gap L, so the gap closes in half the cycles one
    electrode would need: N = L / (n_e a f (1 − CE) h) with n_e = 2 (the factor the electrolyte count uses)."""
    from anodelab.lifetime.failure import failure_terms
    from anodelab.physics.parameters import default_parameters

    p = default_parameters()
    # L = 400 µm, h = 8.86 µm, a_nuc f = 1.5, x = η_excess / η_ref = 1, 1 − CE = 0.01 ⇒ one electrode
    # N = 4e-4 / (1.5 · 0.5 · 0.01 · 8.86e-6) = 6019.6 cycles; two electrodes 3009.8
    eta_ref = p.nucleation_reference_overpotential_mV * 1e-3
    a = lambda x: np.array([x], dtype=float)  # noqa: E731 — one design as arrays of one row
    layer = {"gap_or_inf_m": a(4e-4), "nucleation_length_m": a(4e-4), "k_nuc_f": a(1.5), "k_sei_mech": a(0.9),
             "solvent_budget_mol_m2": a(2.0), "sse_or_inf_m": a(np.inf)}
    common = dict(p=p, J=a(10.0), Q=a(3.6e4), cycles=a(100.0), inventory=a(np.inf), ineff=a(0.01),
                  sand_effective=a(np.inf), c0=a(1000.0), t_anion=a(0.6), half=a(3600.0), plated=a(8.86e-6),
                  eta_excess=a(eta_ref), thickness_change=a(8.86e-6), ccd_strip=a(np.nan), ccd_pen=a(np.nan),
                  layer=layer)
    one, _, _ = failure_terms(electrodes=1.0, **common)
    two, _, _ = failure_terms(electrodes=2.0, **common)
    t_cycle = 7200.0
    assert one["t_fail_nucleation_s"][0] / t_cycle == pytest.approx(4e-4 / (1.5 * 0.5 * 0.01 * 8.86e-6), rel=1e-12)
    assert one["t_fail_nucleation_s"][0] / t_cycle == pytest.approx(6019.6, abs=0.1)
    assert two["t_fail_nucleation_s"][0] / t_cycle == pytest.approx(3009.8, abs=0.1)
    # SEI fracture: 4e-4 / (n_e · 0.9 · 0.01 · 8.86e-6) = 5016.3 (one) and 2508.2 (two) cycles
    assert one["t_fail_sei_fracture_s"][0] / t_cycle == pytest.approx(5016.3, abs=0.1)
    assert two["t_fail_sei_fracture_s"][0] / t_cycle == pytest.approx(2508.2, abs=0.1)
