"""Temperature dependence used throughout the engine."""

from __future__ import annotations

import numpy as np

from ..constants import BOLTZMANN_eV_K


def arrhenius_factor(activation_eV, t_K, t_ref_K):
    """exp(−E_a/k_B (1/T − 1/T_ref)): the ratio rate(T)/rate(T_ref) of a thermally activated process."""
    return np.exp(-activation_eV / BOLTZMANN_eV_K * (1.0 / t_K - 1.0 / t_ref_K))


def conductivity_sigma_t(sigma_ref, activation_eV, t_K, t_ref_K):
    """Solid-electrolyte conductivity with σT = A exp(−E_a/k_B T): σ(T) = σ_ref (T_ref/T) · arrhenius_factor."""
    return sigma_ref * (t_ref_K / t_K) * arrhenius_factor(activation_eV, t_K, t_ref_K)


def resistance_at(asr_ref, activation_eV, t_K, t_ref_K):
    """An activated resistance: ASR(T) = ASR_ref / arrhenius_factor = ASR_ref exp(E_a/k_B (1/T − 1/T_ref))."""
    return asr_ref / arrhenius_factor(activation_eV, t_K, t_ref_K)
