"""Temperature dependence used throughout the engine."""

from __future__ import annotations

import numpy as np

from ..constants import BOLTZMANN_eV_K


def inverse_temperature_offset(t_K, t_ref_K):
    """1/T − 1/T_ref   [K⁻¹]: the argument every Arrhenius factor below shares."""
    return 1.0 / t_K - 1.0 / t_ref_K


def arrhenius_from_offset(activation_eV, inv_offset_K):
    """exp(−E_a/k_B · (1/T − 1/T_ref)) given the offset from :func:`inverse_temperature_offset`."""
    return np.exp(activation_eV * (-1.0 / BOLTZMANN_eV_K) * inv_offset_K)


def arrhenius_factor(activation_eV, t_K, t_ref_K):
    """exp(−E_a/k_B (1/T − 1/T_ref)): the ratio rate(T)/rate(T_ref) of a thermally activated process."""
    return arrhenius_from_offset(activation_eV, inverse_temperature_offset(t_K, t_ref_K))


def conductivity_sigma_t(sigma_ref, activation_eV, t_K, t_ref_K, inv_offset_K=None):
    """Solid-electrolyte conductivity with σT = A exp(−E_a/k_B T): σ(T) = σ_ref (T_ref/T) · arrhenius_factor.

    ``inv_offset_K`` is 1/T − 1/T_ref when the caller has it already.
    """
    if inv_offset_K is None:
        inv_offset_K = inverse_temperature_offset(t_K, t_ref_K)
    return sigma_ref * (t_ref_K / t_K) * arrhenius_from_offset(activation_eV, inv_offset_K)


def resistance_at(asr_ref, activation_eV, t_K, t_ref_K, inv_offset_K=None):
    """An activated resistance: ASR(T) = ASR_ref / arrhenius_factor = ASR_ref exp(E_a/k_B (1/T − 1/T_ref))."""
    if inv_offset_K is None:
        inv_offset_K = inverse_temperature_offset(t_K, t_ref_K)
    return asr_ref / arrhenius_from_offset(activation_eV, inv_offset_K)
