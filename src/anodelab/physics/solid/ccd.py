"""The two critical-current limits of a Na | solid electrolyte interface (Lu et al. 2022, §2.2.3 and §3.2.2).

Stripping (voids). Vacancies left by stripping are removed by two processes:

* annihilation at the contacted interface, a thermally activated interface process with one attempt prefactor
  J_0 for every Na | solid interface and the interface's own barrier E_v:

      J_vac(T) = J_0 exp(−E_v / k_B T) = J_vac,ref exp(−E_v/k_B (1/T − 1/T_ref)) · exp(−(E_v − E_0)/k_B T_ref),

  J_0 = J_vac,ref exp(E_0 / k_B T_ref), where J_vac,ref is the (calibrated) current of the bare interface
  (barrier E_0) at T_ref. A. Lowack et al., arXiv:2603.23340 (doi:10.48550/arXiv.2603.23340) measured the
  critical current of Na on Li-stabilised β″-alumina, NZSP and Na₅SmSi₄O₁₂ to follow E_0 = 0.13–0.15 eV,
  well above bulk vacancy migration (0.053 eV): the interface, not bulk diffusion, is the bottleneck; a
  sodiophilic, Na-conducting Sn–Na alloy interlayer lowers it to E_v = 0.10 ± 0.01 eV ("interfacial
  thermodynamics rate-limiting"). Same prefactor (the barrier lowered, the annihilation sites and attempt
  frequency unchanged) is an assumption: the abstract gives E_A, not the prefactor. With it the alloy
  interface carries exp(0.04 eV / k_B·298 K) = ×4.7 the bare current at 25 °C (×3.2–7.0 for E_v = 0.09–0.11 eV
  against E_0 = 0.14) and the same current at T → ∞; with a prefactor that fell with the barrier (full
  Meyer–Neldel compensation at T_ref) it would carry ×1. A dispersed alloy phase (a Na | Na₁₅Sn₄ composite)
  covers only a share φ of the interface: the two interfaces carry current side by side,
  J_vac = (1 − φ) J_0 exp(−E_0/k_B T) + φ J_0 exp(−E_v/k_B T). An interlayer without its own E_v has φ = 0
  (no interlayer and ``bare-contact`` included) and the bare current. Not included: Na stored in an alloy
  film as a reservoir (Na₁₅Sn₄ → Na₉Sn₄ releases 1.5 Na per Sn, Δc ≈ 1.8 × 10⁴ mol m⁻³ at 85 cm³ per mol Sn,
  so an 80-400 nm film holds F Δc L ≈ 4-20 µAh cm⁻², ×500 short of Liu et al.'s 9.4 mAh cm⁻² half cycle) and Na
  transport through the film, F D Δc / L, whose D (Na in Na–Sn phases) was not found measured in this pass;
* Na creep driven by the stack pressure P. The load is carried on contacts at the Tabor flow pressure
  H σ_y, so the flowing share is P/(H σ_y) and each creeps at ε̇_y a_T over the near-interface length ℓ_c:
  J_creep = (F/V_m) ℓ_c ε̇_y a_T P/(H σ_y). It is linear in P, as measured for Na | β″-alumina
  (D. Spencer Jolly et al., ACS Appl. Mater. Interfaces 2020, 12, 678, doi:10.1021/acsami.9b17786:
  the pressure needed to avoid voids rises linearly with current, > 9 MPa at 2.5 mA cm⁻²).

Voids may grow within a half cycle without losing contact up to a depth δ_c; refilled on reversal, this
allows a further J_void = (F/V_m) δ_c / t_half, so the limit falls with the stripped capacity Q = J t_half:

    CCD_strip = f_c (J_vac + J_void) + J_creep,     J_replenish = f_c J_vac + J_creep.

Plating (penetration). Na filling a surface flaw of depth c opens it when its pressure, Fη/V_m from the
local overpotential plus the stack pressure P it transmits, reaches p_c = K_IC / (Y √(π c)) (Y = 1.12):
η_c = V_m (p_c − P)/F; the local overpotential is J·ASR_interface (J/f_c on the contacts times R_int), so

    CCD_pen = η_c / ASR_interface(T, P).

Its temperature dependence is that of the interface resistance and contact; its direct pressure
dependence is weak (P ≪ p_c ≈ 10² MPa) but of the sign seen for Li (J.-M. Doux et al., Adv. Energy Mater.
2020, 10, 1903253, doi:10.1002/aenm.201903253: high stack pressure drives metal into flaws and shorts).
"""

from __future__ import annotations

import numpy as np

from ...constants import BOLTZMANN_eV_K, EDGE_CRACK_GEOMETRY_FACTOR, FARADAY_C_mol, NA_MOLAR_VOLUME_m3_mol, PI
from ..arrhenius import arrhenius_factor

#: F / V_m: charge per volume of Na metal [C m⁻³] (4.06e9).
CHARGE_PER_VOLUME_C_m3 = FARADAY_C_mol / NA_MOLAR_VOLUME_m3_mol


def vacancy_annihilation_current_A_m2(t_K, j_ref_A_m2, activation_eV, t_ref_K, reference_activation_eV=None,
                                      share=1.0):
    """J_vac = J_vac,ref exp(−E_0/k_B (1/T − 1/T_ref)) [1 + φ (exp(−(E_v − E_0)/k_B T) − 1)]
    [A m⁻² of contacted area].

    The bare barrier E_0 (``reference_activation_eV`` [eV]) acts on 1 − φ of the interface and this interface's
    own barrier E_v (``activation_eV`` [eV]) on the share φ (``share``, 1 = a continuous film), both with one
    attempt prefactor J_0 = J_vac,ref exp(E_0/k_B T_ref); ``j_ref_A_m2`` is J_vac,ref, the bare interface's
    current at ``t_ref_K``. ``reference_activation_eV`` None means E_0 = E_v (a bare interface):
    J_vac = J_vac,ref exp(−E_v/k_B (1/T − 1/T_ref)).
    Example: J_vac,ref = 1.75 mA cm⁻², E_0 = 0.14 eV, E_v = 0.10 eV, T = T_ref = 298.15 K (k_B T = 0.025693 eV):
    φ = 1 gives 1.75 · exp(0.04/0.025693) = 8.30 mA cm⁻²; φ = 0.1 gives 1.75 · (0.9 + 0.1 · 4.744) = 2.41.
    """
    if reference_activation_eV is None:
        return j_ref_A_m2 * arrhenius_factor(activation_eV, t_K, t_ref_K)
    boost = np.exp((np.asarray(activation_eV) - reference_activation_eV) * (-1.0 / BOLTZMANN_eV_K) / t_K)
    return j_ref_A_m2 * arrhenius_factor(reference_activation_eV, t_K, t_ref_K) * (1.0 + share * (boost - 1.0))


def creep_replenishment_current_A_m2(pressure_Pa, creep_rate_factor, length_m, yield_strain_rate_per_s,
                                     yield_stress_Pa, constraint_factor):
    """J_creep = (F/V_m) ℓ_c ε̇_y a_T P/(H σ_y)   [A m⁻²]; ``creep_rate_factor`` is a_T of :mod:`.creep`."""
    return (CHARGE_PER_VOLUME_C_m3 * length_m * yield_strain_rate_per_s * creep_rate_factor
            * np.maximum(pressure_Pa, 0.0) / (constraint_factor * yield_stress_Pa))


def void_allowance_current_A_m2(void_depth_m, half_cycle_s):
    """J_void = (F/V_m) δ_c / t_half: stripping beyond the replenishment that a void of depth δ_c absorbs   [A m⁻²]."""
    return CHARGE_PER_VOLUME_C_m3 * void_depth_m / half_cycle_s


def stripping_ccd_A_m2(f_c, j_vac_A_m2, j_void_A_m2, j_creep_A_m2):
    """CCD_strip = f_c (J_vac + J_void) + J_creep   [A m⁻²]."""
    return f_c * (j_vac_A_m2 + j_void_A_m2) + j_creep_A_m2


def crack_opening_pressure_Pa(toughness_Pa_m05, flaw_m):
    """p_c = K_IC / (Y √(π c)), Y = 1.12 (edge crack)   [Pa]."""
    return toughness_Pa_m05 / (EDGE_CRACK_GEOMETRY_FACTOR * np.sqrt(PI * flaw_m))


def penetration_overpotential_V(toughness_Pa_m05, flaw_m, pressure_Pa=0.0):
    """η_c = V_m (p_c − P) / F, ≥ 0   [V]."""
    p_c = crack_opening_pressure_Pa(toughness_Pa_m05, flaw_m)
    return np.maximum(p_c - pressure_Pa, 0.0) * NA_MOLAR_VOLUME_m3_mol / FARADAY_C_mol


def penetration_ccd_A_m2(eta_crit_V, interfacial_asr_ohm_m2):
    """CCD_pen = η_c / ASR_interface   [A m⁻²]; 0 where η_c = 0 (the stack pressure alone reaches the flaws' opening
    pressure, P ≥ p_c: any plating current penetrates), also for an interface without resistance (0/0), and ∞
    where η_c > 0 and ASR_interface = 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        ccd = np.divide(eta_crit_V, interfacial_asr_ohm_m2)
    return np.where(np.equal(eta_crit_V, 0.0), 0.0, ccd)  # NaN (a liquid row) stays NaN
