"""The cathode's voltage–state-of-charge curve (library ``voltage_curve``), its window means, and the cathode's
charge-transfer polarisation (:func:`cathode_polarisation_V`: the one function the score's cell voltage and the
full-cell profile both use)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def curve_arrays(material=None, average_voltage_V: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(SOC, V) of a library cathode; a custom cathode without a curve gets a flat line at its mean."""
    curve = getattr(material, "voltage_curve", None)
    if curve is not None:
        return np.asarray(curve.state_of_charge), np.asarray(curve.voltage_V)
    if average_voltage_V is None:
        raise ValueError("a cathode without a voltage_curve needs its average_voltage_V")
    return np.array([0.0, 1.0]), np.array([average_voltage_V, average_voltage_V])


def cathode_voltage_V(soc_points, soc, volt) -> np.ndarray:
    """V(SOC) by linear interpolation of the curve (SOC 0 = discharged, 1 = charged)   [V]."""
    return np.interp(np.clip(soc_points, 0.0, 1.0), soc, volt)


def window_mean_V(soc, volt, depth_of_discharge: float) -> float:
    """Mean discharge voltage over SOC ∈ [1 − DoD, 1]: (1/DoD) ∫ V dSOC   [V] (the full window = the curve mean)."""
    lo = 1.0 - depth_of_discharge
    x = np.linspace(lo, 1.0, 401)
    return float(np.trapezoid(cathode_voltage_V(x, soc, volt), x) / depth_of_discharge)


# --- cathode polarisation (charge transfer) ------------------------------------------------------------------
_F = 96485.33212  # C mol⁻¹
_R = 8.314462618  # J mol⁻¹ K⁻¹


def cathode_polarisation_V(current_density_A_m2, exchange_current_A_m2, specific_surface_m2_kg,
                           active_mass_kg_m2, temperature_K) -> np.ndarray:
    """Charge-transfer polarisation of the cathode at the geometric current density J   [V].

    Butler–Volmer with α = ½ on the particle surface of the active material:

        S = a · m_act                                   [m² of particle surface per m² of electrode]
        η_cath = (2RT/F) asinh(J / (2 S i0))            [V]

    J [A m⁻²] geometric; i0 [A m⁻²] per particle surface, the library's state-of-charge average
    (``particle_exchange_current_density_mA_cm2``); a [m² kg⁻¹] the particle surface per mass of active material
    (``active_specific_surface_m2_g``, 3 / (ρ r) for spheres); m_act = loading × active fraction [kg m⁻²]; T [K].
    A NaN i0 or a (a custom cathode that gives neither) means no polarisation: η = 0 (np.fmax drops the NaN).
    Not included: the electrolyte in the cathode's pores (≈ L / (3 κ ε^1.5)), solid-state diffusion,
    concentration changes of the electrolyte, the SOC dependence of i0 (see :func:`soc_mean_exchange_current_A_m2`).
    Example (tests/cell/test_cathode_polarisation.py): nvpf-c, J = 10 A m⁻², i0 = 1.869e-3 A m⁻²,
    a = 1585 m² kg⁻¹, m_act = 0.1104 kg m⁻² → S = 175.0, asinh(15.29) = 3.421, η = 0.1758 V at 25 °C.
    """
    surface = np.multiply(specific_surface_m2_kg, active_mass_kg_m2)
    x = np.fmax(np.divide(current_density_A_m2, np.multiply(2.0 * surface, exchange_current_A_m2)), 0.0)
    return (2.0 * _R / _F) * np.multiply(temperature_K, np.arcsinh(x))


@dataclass(frozen=True)
class CathodeKinetics:
    """A cited charge-transfer set whose SOC-dependent i0 gives a library cathode's averaged value.

        i0(c_s) = F k(c_s) √(c_s (c_max − c_s)) / 2     [A m⁻² of particle surface], c_e = c_e0
        c_s(SOC) = c_discharged − SOC (c_discharged − c_charged)   (linear in the state of charge)
    """

    source: str
    concentration_mol_m3: tuple[float, ...]  # c_s of the rate-constant table
    rate_constant_m_s: tuple[float, ...]  # k(c_s)
    max_concentration_mol_m3: float
    charged_concentration_mol_m3: float  # c_s at SOC 1
    discharged_concentration_mol_m3: float  # c_s at SOC 0
    particle_radius_m: float
    active_density_kg_m3: float  # ρ = F c_max / q_theoretical


#: Chayambuka et al., Electrochim. Acta 404 (2022) 139764 (doi:10.1016/j.electacta.2021.139764), Na3V2(PO4)2F3
#: in NaPF6 EC:PC: k(c_s), c_max = 15320 mol m⁻³, c_s = 3320 mol m⁻³ in the charged cell, L = 68 µm, ε_s = 0.55,
#: r = 0.59 µm, 3 mAh on 2.54 cm² (values as tabulated in PyBaMM's Chayambuka2022 parameter set). Derived here:
#: the discharged c_s = 3320 + Q_ref / (F ε_s L) = 3320 + 11 783 = 15 103 mol m⁻³ (Q_ref = 3 mAh / 2.54 cm²);
#: the density the set implies, F c_max / 128 mAh g⁻¹ (NVPF's theoretical capacity) = 3208 kg m⁻³.
CHAYAMBUKA_2022_NVPF = CathodeKinetics(
    source="Chayambuka et al., Electrochim. Acta 404 (2022) 139764, doi:10.1016/j.electacta.2021.139764 (NVPF k(c_s), "
           "c_max, r, electrode geometry); the discharged c_s and the density derived from them",
    concentration_mol_m3=(21.929825, 372.807018, 833.333333, 1293.859649, 1907.894737, 2456.140351, 2960.526316,
                          3442.982456, 3969.298246, 4802.631579, 5548.245614, 6381.578947, 7192.982456, 8092.105263,
                          8969.298246, 9649.122807, 10350.87719, 11074.5614, 12171.05263, 13223.68421, 14188.59649,
                          14934.21053, 15328.94737),
    rate_constant_m_s=(2.27e-10, 1.74e-10, 1.24e-10, 8.51e-11, 4.83e-11, 2.96e-11, 1.95e-11, 1.45e-11, 1.16e-11,
                       1.08e-11, 1.17e-11, 1.18e-11, 1.10e-11, 8.79e-12, 6.65e-12, 5.03e-12, 3.87e-12, 3.34e-12,
                       3.37e-12, 3.60e-12, 3.30e-12, 2.35e-12, 1.91e-12),
    max_concentration_mol_m3=15320.0,
    charged_concentration_mol_m3=3320.0,
    discharged_concentration_mol_m3=3320.0 + (3e-3 * 3600.0 / 2.54e-4) / (_F * 0.55 * 68e-6),
    particle_radius_m=0.59e-6,
    active_density_kg_m3=_F * 15320.0 / (128.0 * 3.6e3),
)


def exchange_current_A_m2(kin: CathodeKinetics, soc) -> np.ndarray:
    """i0(SOC) = F k(c_s) √(c_s (c_max − c_s)) / 2 at the particle surface   [A m⁻²]."""
    soc = np.clip(np.asarray(soc, dtype=float), 0.0, 1.0)
    c = kin.discharged_concentration_mol_m3 - soc * (kin.discharged_concentration_mol_m3
                                                     - kin.charged_concentration_mol_m3)
    k = np.interp(c, kin.concentration_mol_m3, kin.rate_constant_m_s)
    return _F * k * np.sqrt(c * (kin.max_concentration_mol_m3 - c)) / 2.0


def soc_mean_exchange_current_A_m2(kin: CathodeKinetics, points: int = 2001) -> float:
    """The geometric mean of i0(SOC) over SOC ∈ [0, 1]: exp(mean ln i0)   [A m⁻²].

    In the Tafel regime η = (2RT/F) ln(J / (S i0)), so the mean of η over a full discharge is η at this i0
    exactly; for nvpf-c it reproduces the SOC-resolved mean η within 1 mV at J ≥ 3 A m⁻² and within 5 mV at
    0.5 A m⁻² (the linear regime, where the harmonic mean would be exact).
    """
    return float(np.exp(np.mean(np.log(exchange_current_A_m2(kin, np.linspace(0.0, 1.0, points))))))


def specific_surface_m2_kg(kin: CathodeKinetics) -> float:
    """a = 3 / (ρ r) for the set's spherical particles   [m² kg⁻¹]."""
    return 3.0 / (kin.active_density_kg_m3 * kin.particle_radius_m)
