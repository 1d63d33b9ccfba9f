"""Symmetric-cell overpotential (issue 13 item 5): hand calculations and trends for the concentration
overpotential, the linearised charge-transfer resistance and the pores' working area of a 3D host."""

from __future__ import annotations

import math

import numpy as np
import pytest

from anodelab.design import load_design
from anodelab.paths import resources_dir
from anodelab.physics import resistance, transport
from anodelab.scoring import score
from anodelab.batch import batch_from_designs

R, F = 8.314462618, 96485.33212


def test_charge_transfer_resistance_by_hand():
    # RT/(F i0): 8.314462618 · 298.15 / 96485.33212 / 10 = 2.5693e-3 Ω m²
    assert resistance.charge_transfer_resistance_ohm_m2(10.0, 298.15) == pytest.approx(2.569258e-3, rel=1e-6)
    # it is the slope of the Butler–Volmer overpotential at J → 0
    j = 1e-4
    slope = resistance.butler_volmer_overpotential_V(j, 10.0, 298.15) / j
    assert slope == pytest.approx(resistance.charge_transfer_resistance_ohm_m2(10.0, 298.15), rel=1e-8)


def test_porous_electrode_asr_by_hand():
    # A = 50, ε = 0.9, L = 1 mm, σ = 0.6 S/m, R_s = 5.6e-3 Ω m²:
    # ρ_p = 0.9^-1.5 / 0.6 = 1.95202 Ω m, a = 5e4 m⁻¹, λ = √(5.6e-3 / (5e4 · 1.95202)) = 2.39534e-4 m,
    # R_el = √(1.95202 · 5.6e-3 / 5e4) · coth(1e-3 / 2.39534e-4) = 4.67796e-4 Ω m²
    r = resistance.porous_electrode_asr_ohm_m2(50.0, 0.9, 1e-3, 0.6, 5.6e-3)
    assert r == pytest.approx(4.67796e-4, rel=1e-5)
    # limits: pores that conduct well give R_s / A; deep pores give √(ρ_p R_s L / A)
    # (coth x ≈ 1/x + x/3: relative excess (L/λ)²/3 = 3.5e-6 at σ = 1e6 S/m)
    assert resistance.porous_electrode_asr_ohm_m2(50.0, 0.9, 1e-3, 1e6, 5.6e-3) == pytest.approx(5.6e-3 / 50, rel=1e-5)
    deep = resistance.porous_electrode_asr_ohm_m2(50.0, 0.9, 1e-1, 0.6, 5.6e-3)
    assert deep == pytest.approx(math.sqrt(0.9 ** -1.5 / 0.6 * 5.6e-3 * 1e-1 / 50), rel=1e-9)


def test_working_area_ratio_by_hand_and_limits():
    sei = 5.6e-3 - R * 298.15 / F / 10.0  # so that R_s = SEI + RT/(F i0) = 5.6e-3 Ω m²
    aw = resistance.working_area_ratio(50.0, 0.9, 1e-3, 0.6, sei, 10.0, 298.15)
    assert aw == pytest.approx(5.6e-3 / 4.67796e-4, rel=1e-5)  # 11.971
    # a dense electrode (Na foil, ε = 0) keeps its area ratio; a hopeless pore still offers its face (≥ 1)
    assert resistance.working_area_ratio(1.0, 0.0, 5e-4, 0.6, sei, 10.0, 298.15) == 1.0
    assert resistance.working_area_ratio(50.0, 0.9, 1e-3, 1e-9, sei, 10.0, 298.15) == 1.0
    # well-conducting pores reach the whole area
    assert resistance.working_area_ratio(50.0, 0.9, 1e-3, 1e6, sei, 10.0, 298.15) == pytest.approx(50.0, rel=1e-4)


def test_working_area_trends():
    sig = np.array([0.1, 0.3, 0.6, 1.0, 3.0])
    aw = resistance.working_area_ratio(50.0, 0.9, 1e-3, sig, 3e-3, 10.0, 298.15)
    assert np.all(np.diff(aw) > 0)  # better pore conduction reaches more area
    thick = np.array([1e-5, 1e-4, 1e-3, 1e-2])
    aw = resistance.working_area_ratio(50.0, 0.9, thick, 0.6, 3e-3, 10.0, 298.15)
    assert np.all(np.diff(aw) < 0)  # the same area spread deeper is reached less
    r_s = np.array([1e-4, 1e-3, 1e-2, 1e-1])
    aw = resistance.working_area_ratio(50.0, 0.9, 1e-3, 0.6, r_s, 10.0, 298.15)
    assert np.all(np.diff(aw) > 0)  # a more resistive interface spreads the current deeper


def test_separator_limiting_current_by_hand():
    # 2 F D C0 / (t_a L N_M) = 2 · 96485.33212 · 3e-10 · 1000 / (0.55 · 4e-4 · 1.6) = 164.464 A m⁻²
    j = transport.separator_limiting_current_A_m2(3e-10, 1000.0, 0.55, 4e-4, 1.6)
    assert j == pytest.approx(164.4636, rel=1e-6)


def test_concentration_overpotential_by_hand():
    # x = 10 / 164.4636 = 0.0608037; η_c = (2RT/F) t_a ln((1+x)/(1−x)) = 0.0513852 · 0.55 · 0.121757 = 3.4411 mV
    eta = transport.concentration_overpotential_V(10.0, 164.4636342954545, 0.55, 298.15)
    assert eta == pytest.approx(3.44109e-3, rel=1e-5)
    # the symmetric-cell wrapper gives the same number from the electrolyte's properties (t₊ = 0.45)
    assert transport.symmetric_concentration_overpotential_V(10.0, 3e-10, 1000.0, 0.45, 4e-4, 1.6, 298.15) == \
        pytest.approx(3.44109e-3, rel=1e-5)
    # small x: (4RT/F) t_a x
    x = 1e-4
    assert transport.concentration_overpotential_V(x * 100.0, 100.0, 0.6, 298.15) == \
        pytest.approx(4 * R * 298.15 / F * 0.6 * x, rel=1e-6)


def test_concentration_overpotential_trends_and_cap():
    j = np.array([1.0, 10.0, 50.0, 100.0, 150.0])
    eta = transport.concentration_overpotential_V(j, 164.46, 0.55, 298.15)
    assert np.all(np.diff(eta) > 0) and np.all(np.diff(eta / j) > 0)  # rises faster than linearly
    # above the limiting current no steady profile exists: capped at x = 0.99, finite
    cap = 2 * R * 298.15 / F * 0.55 * math.log(1.99 / 0.01)
    assert transport.concentration_overpotential_V(1e4, 164.46, 0.55, 298.15) == pytest.approx(cap, rel=1e-12)
    # a faster-diffusing electrolyte or a thinner gap polarises less
    eta_d = transport.symmetric_concentration_overpotential_V(10.0, np.array([1e-10, 3e-10, 1e-9]), 1000.0, 0.45,
                                                              4e-4, 1.6, 298.15)
    assert np.all(np.diff(eta_d) < 0)


def _example(name):
    return load_design(resources_dir() / "examples" / name)


def test_symmetric_cell_eta_is_the_sum_of_its_parts_by_hand():
    """η_cell = J (L N_M/σ + 2 ASR_SEI/A_w + 2 ASR_coat) + 2 (2RT/F) asinh(J/(2 A_w i0)) + η_c, rebuilt from the
    batch fields with explicit formulas (25 °C, the electrolyte's reference temperature: no Arrhenius factor)."""
    d = _example("na_cunw_diglyme.toml")
    b = batch_from_designs([d])
    si = score(b).si
    J, T = float(b.current_density_A_m2[0]), float(b.temperature_K[0])
    assert T == pytest.approx(b.electrolyte_reference_K[0])
    sigma, gap, nm = b.electrolyte_conductivity_S_m[0], b.electrode_gap_m[0], b.separator_macmullin[0]
    sei, i0, A = b.sei_asr_ohm_m2[0], b.exchange_current_A_m2[0], b.surface_area_ratio[0]
    eps, L = b.host_porosity[0], b.host_thickness_m[0]
    r_s = sei + R * T / (F * i0)
    rho = eps ** -1.5 / sigma
    a_v = A / L
    lam = math.sqrt(r_s / (a_v * rho))
    r_el = math.sqrt(rho * r_s / a_v) / math.tanh(L / lam)
    aw = max(r_s / r_el, 1.0)
    t_a = 1.0 - b.transference_number[0]
    j_lim = 2 * F * b.diffusivity_m2_s[0] * b.concentration_mol_m3[0] / (t_a * gap * nm)
    x = J / j_lim
    eta_c = 2 * R * T / F * t_a * math.log((1 + x) / (1 - x))
    eta_ct = 2 * R * T / F * math.asinh(J / (2 * aw * i0))
    want = J * (gap * nm / sigma + 2 * sei / aw + 2 * si["asr_coating_ohm_m2"][0]) + 2 * eta_ct + eta_c
    assert si["eta_cell_V"][0] == pytest.approx(want, rel=1e-9)
    assert si["asr_interface_ohm_m2"][0] == pytest.approx(sei / aw, rel=1e-12)
    assert 1.0 < aw < A  # this host's pores do not reach all of its area


def test_solid_cells_have_no_concentration_term():
    d = _example("na_nzsp.toml")
    si = score(d).si
    assert np.isfinite(si["eta_cell_V"][0])
    assert si["eta_cell_V"][0] == pytest.approx(
        d.conditions.current_density_mA_cm2 * 10.0 * si["asr_total_ohm_m2"][0], rel=1e-12)


def test_symmetric_cell_eta_rises_with_current_and_falls_with_conductivity():
    d = _example("na_cunw_diglyme.toml")
    etas = [score(d.with_conditions(current_density_mA_cm2=j)).si["eta_cell_V"][0] for j in (0.1, 0.5, 1, 2, 5)]
    assert np.all(np.diff(etas) > 0)
    b = batch_from_designs([d] * 4)
    b = b.replace(electrolyte_conductivity_S_m=np.array([0.2, 0.4, 0.8, 1.6]))
    assert np.all(np.diff(score(b).si["eta_cell_V"]) < 0)


def test_the_card_shows_the_working_area_and_the_concentration_term_it_sums():
    """The score card lists A_w and η_c, and its own rows add up: η_cell = J ASR_total + η_c + 2 η_ct, with
    ASR_interface = ASR_SEI(T) / A_w (CuNW in diglyme: A_w 4.373 of A, η_c 3.44 mV at 1 mA cm⁻²)."""
    d = load_design(resources_dir() / "examples" / "na_cunw_diglyme.toml")
    r = score(d)
    rec = r.record(0)
    j = d.conditions.current_density_mA_cm2 * 10.0  # A m⁻²
    eta = (j * rec["total_asr_ohm_cm2"] * 1e-4 + 1e-3 * rec["concentration_overpotential_mV"]
           + 2e-3 * rec["charge_transfer_overpotential_mV"])
    assert rec["cell_overpotential_mV"] == pytest.approx(1e3 * eta, rel=1e-9)
    a_w = rec["working_area_ratio"]
    assert 1.0 <= a_w <= float(batch_from_designs([d]).surface_area_ratio[0])
    b = batch_from_designs([d])
    assert d.conditions.temperature_C == 25.0  # the SEI's reference temperature: ASR_SEI(T) = ASR_SEI
    assert r.si["asr_interface_ohm_m2"][0] * a_w == pytest.approx(float(b.sei_asr_ohm_m2[0]), rel=1e-12)
    solid = score(load_design(resources_dir() / "examples" / "na_nzsp.toml")).record(0)
    assert solid["working_area_ratio"] is None and solid["concentration_overpotential_mV"] is None  # n/a


def test_working_area_at_an_infinite_surface_resistance_is_the_whole_area():
    """T → 0 K: ASR_SEI and RT/(F i0) diverge, λ → ∞, so A_w → A (not ∞/∞ = NaN)."""
    a_w = resistance.working_area_ratio(np.array([50.0, 50.0]), np.array([0.9, 0.9]), 1e-3, 0.6,
                                        np.array([np.inf, 3.0307e-3]), 10.0, 298.15)
    assert a_w[0] == 50.0 and a_w[1] == pytest.approx(11.97, abs=0.01)
