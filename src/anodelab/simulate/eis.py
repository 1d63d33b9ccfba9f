"""Impedance of the symmetric cell (Nyquist data): bulk, grain boundary, interfaces, coatings."""

from __future__ import annotations

import numpy as np

from ..constants import FARADAY_C_mol, GAS_CONSTANT_J_mol_K, PI
from ..units import SUFFIX_TO_SI
from .parameters import sim_parameter
from .profile import Profile
from .settings import EISSettings, check_size

_OHM_CM2 = SUFFIX_TO_SI["ohm_cm2"]


def r_cpe(r, q, alpha, omega):
    """Impedance of a resistor R parallel to a constant-phase element Q (jω)^α:

    Z = R / (1 + R Q (jω)^α)   [Ω m²]   (R [Ω m²], Q [F s^(α−1) m⁻²]; α = 1 is an ideal capacitor).
    An element with R = 0 contributes nothing.
    """
    return r / (1.0 + r * q * (1j * omega) ** alpha)


def simulate_eis(batch, result, params, settings: EISSettings) -> Profile:
    """Nyquist plot of the symmetric cell of the score card, four R‖CPE elements in series:

    * bulk electrolyte: R_b = (1 − f_gb) ASR_electrolyte (liquids: f_gb = 0), Q_b = ε / L (geometric
      capacitance, ε = ``dielectric_permittivity_F_m``, L = electrolyte thickness or electrode gap), α_b;
    * grain boundaries (solid only): R_gb = f_gb ASR_electrolyte, f_gb = ``grain_boundary_asr_fraction``,
      Q_gb = ``grain_boundary_capacitance_nF_cm2``, α_gb;
    * the two Na interfaces in series: R = 2 ASR_interface, Q = C_int / 2 (liquid: C_int × area ratio, the
      SEI covers the true area), C_int = ``interface_capacitance_uF_cm2``, α_int;
    * the two coatings (if any): R = 2 ASR_coating, Q = ε / (2 × thickness), α_coat.

    At ω → 0, Z′ → R_b + R_gb + 2 ASR_interface + 2 ASR_coating = the score card's total ASR
    (event ``dc_resistance_ohm_cm2``). The nonlinear charge-transfer term of the score card (η_ct, not
    part of ASR_total) is left out; its small-signal resistance 2 RT/(F i0 A_ratio) (two host
    electrodes, linearised Butler–Volmer) is given as event
    ``charge_transfer_resistance_ohm_cm2`` for comparison.
    Frequencies from f_max down to f_min, ``points_per_decade`` per decade (series ``frequency_Hz``).
    """
    si = result.si
    n = len(batch)
    decades = np.log10(settings.f_max_Hz / settings.f_min_Hz)
    m = int(np.ceil(decades * settings.points_per_decade)) + 1
    check_size(n, m, "points_per_decade")
    f = np.logspace(np.log10(settings.f_max_Hz), np.log10(settings.f_min_Hz), m)
    w = 2.0 * PI * f[None, :]
    solid = result.is_solid
    eps = sim_parameter(params, "dielectric_permittivity_F_m")
    f_gb = np.where(solid, sim_parameter(params, "grain_boundary_asr_fraction"), 0.0)
    r_el = si["asr_electrolyte_ohm_m2"]
    thickness = np.where(solid, batch.sse_thickness_m, batch.electrode_gap_m)
    r_b, r_gb = (1.0 - f_gb) * r_el, f_gb * r_el
    q_b = eps / thickness
    q_gb = sim_parameter(params, "grain_boundary_capacitance_nF_cm2") * SUFFIX_TO_SI["nF_cm2"]
    c_int = sim_parameter(params, "interface_capacitance_uF_cm2") * SUFFIX_TO_SI["uF_cm2"]
    q_int = np.where(solid, c_int, c_int * batch.surface_area_ratio) / 2.0
    r_int = 2.0 * si["asr_interface_ohm_m2"]
    r_coat = 2.0 * si["asr_coating_ohm_m2"]
    with np.errstate(divide="ignore", invalid="ignore"):
        q_coat = np.where(batch.coating_thickness_m > 0, eps / (2.0 * batch.coating_thickness_m), 1.0)
    z = (
        r_cpe(r_b[:, None], q_b[:, None], sim_parameter(params, "cpe_exponent_bulk"), w)
        + r_cpe(r_gb[:, None], q_gb, sim_parameter(params, "cpe_exponent_grain_boundary"), w)
        + r_cpe(r_int[:, None], q_int[:, None], sim_parameter(params, "cpe_exponent_interface"), w)
        + r_cpe(r_coat[:, None], q_coat[:, None], sim_parameter(params, "cpe_exponent_coating"), w)
    )
    rt_f = GAS_CONSTANT_J_mol_K * batch.temperature_K / FARADAY_C_mol
    with np.errstate(divide="ignore"):  # i0 = 0 (T → 0 K): an infinite charge-transfer resistance
        r_ct = np.where(solid, 0.0, 2.0 * rt_f / (si["i0_A_m2"] * batch.surface_area_ratio))
    x = z.real / _OHM_CM2
    y = -z.imag / _OHM_CM2
    events = {
        "dc_resistance_ohm_cm2": (r_b + r_gb + r_int + r_coat) / _OHM_CM2,
        "bulk_resistance_ohm_cm2": r_b / _OHM_CM2,
        "grain_boundary_resistance_ohm_cm2": r_gb / _OHM_CM2,
        "interface_resistance_ohm_cm2": r_int / _OHM_CM2,
        "coating_resistance_ohm_cm2": r_coat / _OHM_CM2,
        "charge_transfer_resistance_ohm_cm2": r_ct / _OHM_CM2,
    }
    return Profile(
        protocol="eis", x=x, y=y, x_label="Z′", x_unit="Ω cm²", y_label="−Z″", y_unit="Ω cm²",
        series={"frequency_Hz": np.broadcast_to(f, (n, m)).copy()}, events=events,
    )
