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


def butler_volmer_overpotential_V(j_A_m2, i0_A_m2, t_K):
    """Charge-transfer overpotential of Na/Na⁺ with symmetric Butler–Volmer kinetics (α = 1/2):

    J = 2 i0 sinh(F η / 2RT)  ⇒  η = (2RT/F) asinh(J / (2 i0))   [V]
    """
    return (2.0 * GAS_CONSTANT_J_mol_K / FARADAY_C_mol) * t_K * np.arcsinh(j_A_m2 / (2.0 * i0_A_m2))


def symmetric_interfacial_asr(r_measured_ohm, contact_area_m2):
    """Eq. 9 for a symmetric cell: ASR = R_inter S / 2 (two identical interfaces in series)   [Ω m²]."""
    return r_measured_ohm * contact_area_m2 / 2.0
