"""Model v2, liquid cells: CE and gas with temperature and current; consistency of the nucleation numbers;
override precedence of inline surface energies over a library contact angle."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest

from anodelab.design import load_design
from anodelab.physics.parameters import default_parameters
from anodelab.scoring import score

F = 96485.33212
VM = 22.98976928e-3 / 968.0
KB = 8.617333262e-5


@pytest.fixture
def cunw():
    return load_design("resources/examples/na_cunw_diglyme.toml")


def test_ce_current_and_temperature_dependence_by_hand(cunw):
    # CuNW (area ratio 20) in NaPF6/diglyme (CE_Cu 0.999 at J_ref 0.5 mA cm⁻², 25 °C), 1 mA cm⁻²:
    # J_eff = 0.05 mA cm⁻², g = (0.05 / 0.5)^0.25 = 0.56234; ln CE = √20 · g · ln 0.999 ⇒ 1 − CE = 2.5130e-3
    p = default_parameters()
    assert p.ce_current_exponent == 0.25 and p.ce_reference_current_mA_cm2 == 0.5
    g = (0.05 / 0.5) ** 0.25
    ineff = -math.expm1(math.sqrt(20.0) * g * math.log(0.999))
    assert ineff == pytest.approx(2.5130e-3, rel=1e-4)
    assert score(cunw).si["ce"][0] == pytest.approx(1 - ineff, rel=1e-12)
    # at 60 °C the SEI grows faster: g × exp(−0.5 eV / k_B (1/333.15 − 1/298.15)) = g × 7.725
    f_t = math.exp(-0.5 / KB * (1 / 333.15 - 1 / 298.15))
    assert f_t == pytest.approx(7.725, rel=1e-3)
    hot = score(cunw.with_conditions(temperature_C=60.0)).si["ce"][0]
    assert 1 - hot == pytest.approx(-math.expm1(math.sqrt(20.0) * g * f_t * math.log(0.999)), rel=1e-12)
    # trends: 1 − CE rises with current density and with temperature
    ce = [score(cunw.with_conditions(current_density_mA_cm2=j)).si["ce"][0] for j in (0.5, 1, 2, 5)]
    assert np.all(np.diff(ce) < 0)


def test_gas_depends_on_temperature(cunw):
    base = score(cunw).si["gas_mol_m2"][0]
    hot = score(cunw.with_conditions(temperature_C=45.0)).si["gas_mol_m2"][0]
    assert hot / base == pytest.approx(math.exp(-0.5 / KB * (1 / 318.15 - 1 / 298.15)), rel=1e-12)


def test_critical_radius_uses_the_driving_overpotential_the_card_shows(cunw):
    for d in (cunw, load_design("resources/examples/anode_free_cu_diglyme.toml"),
              load_design("resources/examples/na_nzsp.toml")):
        r = score(d)
        rec = r.record(0)
        eta = rec["nucleation_driving_overpotential_mV"] * 1e-3
        gamma = r.si["gamma_J_m2"][0]
        assert rec["critical_nucleus_radius_nm"] == pytest.approx(2 * gamma * VM / (F * eta) * 1e9, rel=1e-12)
        # ΔG*_hom = 16 π γ³ V_m² / (3 (F η)²) times the shape factor ≤ 1: from the same η
        hom = 16 * math.pi * gamma**3 * VM**2 / (3 * (F * eta) ** 2) / 1.602176634e-19
        assert rec["nucleation_barrier_eV"] <= hom * (1 + 1e-12)
        # the displayed η_n contains the ohmic drops: it is the larger number, and labelled differently
        assert rec["nucleation_overpotential_mV"] >= rec["nucleation_driving_overpotential_mV"]


def test_inline_surface_energies_win_over_the_library_contact_angle():
    d = load_design("resources/examples/anode_free_cu_diglyme.toml")
    assert score(d).record(0)["contact_angle_deg"] == pytest.approx(115.0)  # the library's measured angle
    host = dataclasses.replace(d.host, overrides={"surface_energy_substrate_J_m2": 1.5,
                                                   "interface_energy_na_substrate_J_m2": 1.4})
    r = score(d.with_layer("host", host))
    gamma = r.si["gamma_J_m2"][0]  # γ_NE of the electrolyte (0.15 J m⁻²)
    # Eq. 4: cos θ = (γ_SE − γ_NS) / γ_NE = 0.1 / 0.15 ⇒ θ = 48.19°
    assert r.record(0)["contact_angle_deg"] == pytest.approx(math.degrees(math.acos(0.1 / gamma)), rel=1e-12)
    assert r.record(0)["contact_angle_deg"] == pytest.approx(48.19, abs=0.01)
    # an inline angle as well: the angle wins (the user said so)
    both = dataclasses.replace(host, overrides={**host.overrides, "na_contact_angle_deg": 100.0})
    assert score(d.with_layer("host", both)).record(0)["contact_angle_deg"] == pytest.approx(100.0)


def test_one_physical_cell_one_answer_whichever_way_its_wetting_is_entered():
    """Cu foil entered by its library contact angle (115°) and by surface energies that give the same Young angle
    (Eq. 4 with the electrolyte's γ_NE) is the same cell: every metric, hazard and contribution agrees — except the
    molten-infusion angle, which the energies give with the surface tension of liquid Na (a different liquid) while a
    measured angle is used as it is."""
    d = load_design("resources/examples/anode_free_cu_diglyme.toml")
    r0 = score(d)
    gamma = r0.si["gamma_J_m2"][0]
    g_ns = 0.5
    g_se = g_ns + gamma * math.cos(math.radians(115.0))
    host = dataclasses.replace(d.host, overrides={"surface_energy_substrate_J_m2": g_se,
                                                   "interface_energy_na_substrate_J_m2": g_ns})
    r1 = score(d.with_layer("host", host))
    for k, v in r0.si.items():
        if k in ("theta_infusion_deg", "infusion_feasible"):
            continue
        np.testing.assert_allclose(r1.si[k], v, rtol=1e-9, atol=1e-15, err_msg=k)
    for k in r0.hazards:
        np.testing.assert_allclose(r1.hazards[k], r0.hazards[k], rtol=1e-9, atol=1e-15, err_msg=k)
