"""Area-specific resistances and overpotentials (Lu et al. 2022, Eq. 9; Butler–Volmer kinetics)."""

from __future__ import annotations

import numpy as np

from ..constants import FARADAY_C_mol, GAS_CONSTANT_J_mol_K


def layer_asr_ohm_m2(thickness_m, conductivity_S_m):
    """Ohmic ASR of a uniform ionic conductor: ASR = L / σ   [Ω m²]."""
    return thickness_m / conductivity_S_m


def separator_asr_ohm_m2(gap_m, conductivity_S_m, macmullin):
    """Electrolyte in a separator: ASR = L N_M / σ, N_M = MacMullin number (σ_bulk/σ_eff)   [Ω m²]."""
    return gap_m * macmullin / conductivity_S_m


def butler_volmer_overpotential_V(j_A_m2, i0_A_m2, t_K, *, out=None):
    """Charge-transfer overpotential of Na/Na⁺ with symmetric Butler–Volmer kinetics (α = 1/2):

    J = 2 i0 sinh(F η / 2RT)  ⇒  η = (2RT/F) asinh(J / (2 i0))   [V]
    """
    return butler_volmer_from_parts(j_A_m2, 2.0 * i0_A_m2, thermal_voltage_2rt_f(t_K), out=out)


def thermal_voltage_2rt_f(t_K):
    """2RT/F   [V] (51.4 mV at 25 °C): the scale of the Butler–Volmer overpotential."""
    return (2.0 * GAS_CONSTANT_J_mol_K / FARADAY_C_mol) * t_K


def butler_volmer_from_parts(j_A_m2, two_i0_A_m2, two_rt_f_V, *, out=None):
    """:func:`butler_volmer_overpotential_V` from 2 i0 and 2RT/F computed once for several currents:
    η = (2RT/F) asinh(J / (2 i0))   [V] (the same operations, so the same bits)."""
    x = np.divide(j_A_m2, two_i0_A_m2)
    x = np.arcsinh(x, out=x) if isinstance(x, np.ndarray) else np.arcsinh(x)
    return np.multiply(two_rt_f_V, x, out=out)


def symmetric_interfacial_asr(r_measured_ohm, contact_area_m2):
    """Eq. 9 for a symmetric cell: ASR = R_inter S / 2 (two identical interfaces in series)   [Ω m²]."""
    return r_measured_ohm * contact_area_m2 / 2.0
