"""Hand calculations for the concentration laws of anodelab.electrolyte not checked elsewhere: D(c) away from its
reference concentration, and Sand's time (Eq. 7) through the engine with D(c) and t₊(c) of the parameterisation."""

from __future__ import annotations

import math

import pytest

from anodelab.design import design_from_dict
from anodelab.electrolyte.parameterisations import NAPF6_EC_PC_CHAYAMBUKA2022 as CH
from anodelab.scoring import score

F = 96485.33212


def _design(c):
    return design_from_dict({
        "format_version": 1, "name": "Na | NaPF6 EC:PC",
        "conditions": {"current_density_mA_cm2": 1.0, "areal_capacity_mAh_cm2": 1.0, "temperature_C": 25.0,
                       "stack_pressure_MPa": 0.0, "cycles": 100, "na_excess_mAh_cm2": 50.0},
        "host": {"material": "na-foil"}, "electrolyte": {"material": "napf6-ecpc-1m", "concentration_mol_L": c}})


def test_diffusivity_at_1_5_molar_by_hand():
    # D(1.5) = 2.5061e-6 exp(−0.601159 · 0.5 + 0.103551 · (2.25 − 1)) = 2.5061e-6 · exp(−0.171141) = 2.1119e-6 cm² s⁻¹
    by_hand = 2.5061e-6 * math.exp(-0.601159 * 0.5 + 0.103551 * 1.25)
    assert by_hand == pytest.approx(2.1119e-6, rel=1e-4)
    assert float(CH.diffusivity(1.5)) == pytest.approx(by_hand, rel=1e-12)
    # t₊ has no concentration dependence in this set (slope 0)
    assert float(CH.transference(1.5)) == 0.45


def test_sand_time_through_the_engine_at_1_5_molar_by_hand():
    # Eq. 7: τ = π D (C₀ F / (2 J t_a))², D = 2.1119e-10 m² s⁻¹, C₀ = 1500 mol m⁻³, J = 10 A m⁻², t_a = 0.55
    d = 2.5061e-10 * math.exp(-0.601159 * 0.5 + 0.103551 * 1.25)
    tau = math.pi * d * (1500.0 * F / (2 * 10.0 * 0.55)) ** 2
    assert tau == pytest.approx(1.1485e5, rel=1e-4)  # 31.9 h
    assert score(_design(1.5)).si["sand_time_s"][0] == pytest.approx(tau, rel=1e-9)
