"""Solid-state Na | electrolyte interfaces: critical current density and mechanical stability.

Two limits (Lu et al. 2022, section 2.2.3 and 3.2.2):

* stripping – voids form when the consumed Na flux (Eq. 11) exceeds the flux replenished by
  diffusion and creep (Eq. 12);
* plating – Na filling a surface flaw of depth c propagates it when the pressure the overpotential
  can build exceeds the crack-opening pressure set by the fracture toughness K_IC (Eq. 13).

Both limits scale with 1/ASR: a poorer contact (higher interfacial ASR) concentrates current.
The CCD is the smaller of the two.
"""

from __future__ import annotations

import numpy as np

from ..constants import (
    EDGE_CRACK_GEOMETRY_FACTOR,
    FARADAY_C_mol,
    NA_ATOM_CONCENTRATION_mol_m3,
    NA_MOLAR_VOLUME_m3_mol,
    NA_SHEAR_MODULUS_Pa,
    PI,
    VICKERS_K,
)
from .arrhenius import arrhenius_factor


def fracture_toughness_from_indentation(youngs_Pa, hardness_Pa, load_N, crack_length_m):
    """Eq. 13 (Anstis et al. 1981, ref [112]): K_IC = k (E/H)^½ P / c^{3/2}, k = 0.016   [Pa m^½]."""
    return VICKERS_K * np.sqrt(youngs_Pa / hardness_Pa) * load_N / crack_length_m**1.5


def contact_fraction(ideal_asr_ohm_m2, interfacial_asr_ohm_m2):
    """Effective contact fraction A_eff/A = min(1, ASR_ideal / ASR): a poor contact shows as a high ASR."""
    return np.minimum(1.0, ideal_asr_ohm_m2 / interfacial_asr_ohm_m2)


def na_self_diffusivity_m2_s(t_K, d0_m2_s, activation_eV):
    """Na self-diffusion coefficient D = D0 exp(−Q / k_B T)   [m² s⁻¹]."""
    return d0_m2_s * arrhenius_factor(activation_eV, t_K, np.inf)


def replenishment_current_A_m2(d_self_m2_s, vacancy_length_m, stack_pressure_Pa, creep_reference_Pa):
    """Eq. 12 as a current density on the contacted area:

    J_replenish = F c_Na [D_self / ℓ] (1 + P / σ_ref)   [A m⁻²]

    The bracket is the diffusion flux that refills vacancies over a length ℓ; the factor (1 + P/σ_ref)
    adds creep flow driven by the stack pressure P (linear in P, σ_ref ≈ yield stress of Na).
    """
    j_diff = FARADAY_C_mol * NA_ATOM_CONCENTRATION_mol_m3 * d_self_m2_s / vacancy_length_m
    return j_diff * (1.0 + stack_pressure_Pa / creep_reference_Pa)


def stripping_ccd_A_m2(j_replenish_A_m2, contact_frac):
    """Stripping limit from Eq. 11 = Eq. 12: J_consume = J / (A_eff/A) ≤ J_replenish ⇒ CCD = (A_eff/A) J_replenish."""
    return contact_frac * j_replenish_A_m2


def penetration_overpotential_V(toughness_Pa_m05, flaw_m):
    """Overpotential at which Na in a surface flaw of depth c opens it (plating-side limit).

    Crack-opening pressure p_c = K_IC / (Y √(π c)) (Y = 1.12, edge crack); Na deposited under an
    overpotential η can build a pressure p = F η / V_m, so η_c = V_m K_IC / (Y F √(π c))   [V].
    """
    p_crit = toughness_Pa_m05 / (EDGE_CRACK_GEOMETRY_FACTOR * np.sqrt(PI * flaw_m))
    return p_crit * NA_MOLAR_VOLUME_m3_mol / FARADAY_C_mol


def penetration_ccd_A_m2(eta_crit_V, interfacial_asr_ohm_m2, focusing):
    """Plating limit: the local interfacial overpotential J · ASR · focusing reaches η_c ⇒ CCD = η_c / (ASR · focusing)."""
    return eta_crit_V / (interfacial_asr_ohm_m2 * focusing)


def monroe_newman_ratio(shear_modulus_Pa):
    """G_electrolyte / G_Na with G_Na = 3.3 GPa; ≥ 2 satisfies the Monroe–Newman criterion."""
    return shear_modulus_Pa / NA_SHEAR_MODULUS_Pa
