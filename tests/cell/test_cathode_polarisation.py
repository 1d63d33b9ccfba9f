"""Cathode charge-transfer polarisation (anodelab.cell.voltage) and its place in the full-cell profile."""

import math

import numpy as np
import pytest

from anodelab.cell.voltage import (CATHODE_KINETICS, CHAYAMBUKA_2022_NVPF, cathode_overpotential_V,
                                   exchange_current_A_m2)
from anodelab.design import design_from_dict
from anodelab.materials.library import default_library
from anodelab.simulate.full_cell import simulate_full_cell
from anodelab.simulate.settings import FullCellSettings

F = 96485.33212
R = 8.314462618


def test_nvpf_set_derived_numbers():
    k = CHAYAMBUKA_2022_NVPF
    assert k.surface_ref_m2_m2 == pytest.approx(3 * 0.55 * 68e-6 / 0.59e-6)  # 190.17 m² per m² of electrode
    assert k.capacity_ref_C_m2 == pytest.approx(42519.685, rel=1e-6)  # 3 mAh on 2.54 cm²
    # the charged cell's 3320 mol m⁻³ plus the capacity over F ε_s L
    assert k.discharged_concentration_mol_m3 == pytest.approx(3320 + 42519.685 / (F * 0.55 * 68e-6), rel=1e-9)
    assert CATHODE_KINETICS["nvpf-c"] is k and "doi:10.1016/j.electacta.2021.139764" in k.source


def test_overpotential_by_hand_at_half_charge():
    k = CHAYAMBUKA_2022_NVPF
    c = 15103.034 - 0.5 * (15103.034 - 3320.0)  # 9211.5 mol m⁻³
    # k(c) between the table's 8969.30 (6.65e-12) and 9649.12 (5.03e-12) m s⁻¹
    kc = 6.65e-12 + (c - 8969.298246) / (9649.122807 - 8969.298246) * (5.03e-12 - 6.65e-12)
    i0 = F * kc * math.sqrt(c * (15320.0 - c)) / 2  # 2.198e-3 A m⁻²
    assert exchange_current_A_m2(k, 0.5) == pytest.approx(i0, rel=1e-6)
    assert i0 == pytest.approx(2.198e-3, rel=1e-3)
    # 1 mA cm⁻² on the source's own electrode (Q_cath = Q_ref, S = 190.17): asinh(10 / (2 × 190.17 × i0)) = 3.18
    eta = 2 * R * 298.15 / F * math.asinh(10.0 / (2 * 190.16949 * i0))
    assert cathode_overpotential_V(k, 0.5, 10.0, k.capacity_ref_C_m2, 298.15) == pytest.approx(eta, rel=1e-6)
    assert eta == pytest.approx(0.163, abs=1e-3)
    # twice the active material: twice the surface, the same as half the current
    assert cathode_overpotential_V(k, 0.5, 10.0, 2 * k.capacity_ref_C_m2, 298.15) == pytest.approx(
        cathode_overpotential_V(k, 0.5, 5.0, k.capacity_ref_C_m2, 298.15), rel=1e-12)
    # no kinetic set: no polarisation
    assert np.all(cathode_overpotential_V(None, np.array([0.2, 0.8]), 10.0, 1e4, 298.15) == 0.0)


def _design(cathode):
    return design_from_dict({
        "format_version": 1, "name": f"cell {cathode}",
        "conditions": {"current_density_mA_cm2": 0.5, "temperature_C": 25.0, "cycles": 2},
        "host": {"material": "al-foil", "surface_area_ratio": 1.0},
        "electrolyte": {"material": "napf6-diglyme-1m", "electrode_gap_um": 25.0},
        "cathode": {"material": cathode},
        "cell": {"np_ratio": 1.0, "depth_of_discharge": 0.8, "electrolyte_to_capacity_g_Ah": 10.0},
    }, library=default_library())


def test_full_cell_profile_carries_the_cathode_polarisation():
    per = 40
    prof = simulate_full_cell([_design("nvpf-c"), _design("nvp-c")],
                              FullCellSettings(cycles=1, points_per_half_cycle=per))
    soc = prof.series["state_of_charge"]
    v = prof.y
    # the first discharge point (SOC 1) and the last charge point (back at SOC 1): V_chg − V_dis = 2 (η_anode + η_cath)
    gap = v[:, 2 * per - 1] - v[:, 0]
    assert soc[0, 0] == pytest.approx(1.0) and soc[0, 2 * per - 1] == pytest.approx(1.0)
    lib = default_library()
    q_cath = 12.0 * 0.92 * 110.6 / 1000 * 36000.0  # nvpf-c: 12 mg cm⁻² × 0.92 × 110.6 mAh g⁻¹ → C m⁻²
    assert lib.get("nvpf-c").value("specific_capacity_mAh_g") == 110.6
    eta_c = float(cathode_overpotential_V(CHAYAMBUKA_2022_NVPF, 1.0, 5.0, q_cath, 298.15))
    # nvp-c has no kinetic set: its gap is the anode's alone; nvpf-c adds 2 η_cath on the same anode
    assert gap[0] - gap[1] == pytest.approx(2 * eta_c, rel=1e-6)
    assert eta_c > 0.005
