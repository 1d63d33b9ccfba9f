"""The cathode's voltage–state-of-charge curve (library ``voltage_curve``), its window means, and the cathode's
charge-transfer polarisation where a cited kinetic set exists (:data:`CATHODE_KINETICS`)."""

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


@dataclass(frozen=True)
class CathodeKinetics:
    """A cited charge-transfer set of one cathode, for its polarisation in the full-cell profile.

    Butler–Volmer with α = ½ at the particle surface and the electrolyte at its initial concentration:

        i0(c_s) = F k(c_s) √(c_s (c_max − c_s)) / 2                         [A m⁻² of particle surface]
        c_s(SOC) = c_discharged − SOC (c_discharged − c_charged)            (linear in the state of charge)
        S = S_ref · Q_cath / Q_ref                                          [m² of surface per m² of electrode]
        η_cath = (2RT/F) asinh(J / (2 S i0))                                [V]

    S scales with the amount of active material at the set's particle size (S_ref = 3 ε_s L / r of the
    source's electrode, which held Q_ref). Not included: the electrolyte in the cathode's pores
    (≈ L / (3 κ ε^1.5), a few Ω cm²), solid-state diffusion, concentration changes of the electrolyte.
    """

    source: str
    concentration_mol_m3: tuple[float, ...]  # c_s of the rate-constant table
    rate_constant_m_s: tuple[float, ...]  # k(c_s)
    max_concentration_mol_m3: float
    charged_concentration_mol_m3: float  # c_s at SOC 1
    discharged_concentration_mol_m3: float  # c_s at SOC 0
    surface_ref_m2_m2: float  # S_ref
    capacity_ref_C_m2: float  # Q_ref


#: Chayambuka et al., Electrochim. Acta 404 (2022) 139764 (doi:10.1016/j.electacta.2021.139764), Na3V2(PO4)2F3
#: in NaPF6 EC:PC: k(c_s), c_max = 15320 mol m⁻³, c_s = 3320 mol m⁻³ in the charged cell, L = 68 µm, ε_s = 0.55,
#: r = 0.59 µm, 3 mAh on 2.54 cm² (values as tabulated in PyBaMM's Chayambuka2022 parameter set). Derived here:
#: S_ref = 3 × 0.55 × 68 µm / 0.59 µm = 190.17 m² m⁻²; Q_ref = 3 mAh / 2.54 cm² = 42 520 C m⁻²; the discharged
#: c_s = 3320 + Q_ref / (F ε_s L) = 3320 + 11 783 = 15 103 mol m⁻³.
CHAYAMBUKA_2022_NVPF = CathodeKinetics(
    source="Chayambuka et al., Electrochim. Acta 404 (2022) 139764, doi:10.1016/j.electacta.2021.139764 (NVPF k(c_s), "
           "c_max, electrode geometry); S_ref, Q_ref and the discharged c_s derived from them",
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
    surface_ref_m2_m2=3.0 * 0.55 * 68e-6 / 0.59e-6,
    capacity_ref_C_m2=3e-3 * 3600.0 / 2.54e-4,
)

#: Library cathodes with a cited kinetic set; the others have no cathode polarisation (η_cath = 0).
CATHODE_KINETICS: dict[str, CathodeKinetics] = {"nvpf-c": CHAYAMBUKA_2022_NVPF}


def exchange_current_A_m2(kin: CathodeKinetics, soc) -> np.ndarray:
    """i0(SOC) = F k(c_s) √(c_s (c_max − c_s)) / 2 at the particle surface   [A m⁻²]."""
    soc = np.clip(np.asarray(soc, dtype=float), 0.0, 1.0)
    c = kin.discharged_concentration_mol_m3 - soc * (kin.discharged_concentration_mol_m3
                                                     - kin.charged_concentration_mol_m3)
    k = np.interp(c, kin.concentration_mol_m3, kin.rate_constant_m_s)
    return _F * k * np.sqrt(c * (kin.max_concentration_mol_m3 - c)) / 2.0


def cathode_overpotential_V(kin: CathodeKinetics | None, soc, current_density_A_m2, cathode_capacity_C_m2,
                            temperature_K) -> np.ndarray:
    """η_cath = (2RT/F) asinh(J / (2 S i0(SOC))), S = S_ref Q_cath / Q_ref   [V]; 0 without a kinetic set.

    ``soc``, ``current_density_A_m2`` (geometric, > 0), ``cathode_capacity_C_m2`` and ``temperature_K``
    broadcast together. Example (tests/cell/test_cathode_polarisation.py): SOC ½, J = 10 A m⁻² (1 mA cm⁻²),
    Q_cath = Q_ref → c_s = 9211.5 mol m⁻³, k = 6.07e-12 m s⁻¹, i0 = 2.198e-3 A m⁻², η = 0.163 V at 25 °C.
    """
    soc = np.asarray(soc, dtype=float)
    if kin is None:
        return np.zeros(np.broadcast(soc, current_density_A_m2, cathode_capacity_C_m2, temperature_K).shape)
    surface = kin.surface_ref_m2_m2 * np.asarray(cathode_capacity_C_m2, dtype=float) / kin.capacity_ref_C_m2
    i0 = exchange_current_A_m2(kin, soc)
    two_rt_f = 2.0 * _R * np.asarray(temperature_K, dtype=float) / _F
    return two_rt_f * np.arcsinh(np.asarray(current_density_A_m2, dtype=float) / (2.0 * surface * i0))
