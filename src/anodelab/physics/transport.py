"""Ion transport in liquid electrolytes: effective current, Sand's time and the limiting current
(Lu et al. 2022, Eqs. 6-8; Chazalviel, Phys. Rev. A 1990, 42, 7355, ref [25])."""

from __future__ import annotations

import numpy as np

from ..constants import FARADAY_C_mol, GAS_CONSTANT_J_mol_K, PI


def effective_current_density(j_A_m2, surface_area_ratio, *, out=None):
    """Current density on the electroactive surface, J_eff = J / (A_electroactive / A_geometric)   [A m⁻²]."""
    return np.divide(j_A_m2, surface_area_ratio, out=out)


def anion_transference(t_plus):
    """Eq. 8: t_a = 1 − t_Na+."""
    return 1.0 - t_plus


def sand_time_s(diffusivity_m2_s, c0_mol_m3, j_A_m2, t_anion, *, out=None):
    """Sand's time, Eq. 7: τ = π D (C0 e / (2 J t_a))²   [s].

    Molar form: C0 e (per ion) → C0 F (per mole). D [m² s⁻¹], C0 [mol m⁻³], J [A m⁻²].
    Example: D = 1e-10 m² s⁻¹, C0 = 1000 mol m⁻³, J = 10 A m⁻² (1 mA cm⁻²), t_a = 0.5 gives
    τ = π·1e-10·(1000·96485.33/(2·10·0.5))² ≈ 2.92e4 s.
    """
    return np.multiply(PI * diffusivity_m2_s, np.square(c0_mol_m3 * FARADAY_C_mol / (2.0 * j_A_m2 * t_anion)), out=out)


def limiting_current_A_m2(diffusivity_m2_s, c0_mol_m3, t_anion, gap_m, *, out=None):
    """Limiting current from the space-charge condition, Eq. 6 (dC/dx = 2 C0 / L):

    J* = 2 F D C0 / (t_a L)   [A m⁻²]   (Chazalviel 1990)
    """
    return np.divide(2.0 * FARADAY_C_mol * diffusivity_m2_s * c0_mol_m3, t_anion * gap_m, out=out)


def half_cycle_time_s(areal_capacity_C_m2, j_A_m2, *, out=None):
    """Duration of one plating (or stripping) half cycle, t = Q / J   [s]."""
    return np.divide(areal_capacity_C_m2, j_A_m2, out=out)


#: the largest J / J_lim at which the steady concentration overpotential is evaluated: above J_lim no steady
#: profile exists (the electrolyte depletes at Sand's time; the engine flags ``above_limiting_current``)
CONCENTRATION_RATIO_MAX = 0.99


def separator_limiting_current_A_m2(diffusivity_m2_s, c0_mol_m3, t_anion, gap_m, macmullin):
    """Limiting current through a separator: Eq. 6 with the effective diffusivity D / N_M (the MacMullin number
    that divides the conductivity divides the diffusivity too: both are ε/τ of the same pores),

        J*_sep = 2 F D C0 / (t_a L N_M)   [A m⁻²].

    Example: D = 3e-10 m² s⁻¹, C0 = 1000 mol m⁻³, t_a = 0.55, L = 400 µm, N_M = 1.6 ⇒ 164.46 A m⁻².
    """
    return limiting_current_A_m2(diffusivity_m2_s, c0_mol_m3, t_anion, gap_m) / macmullin


def concentration_overpotential_V(j_A_m2, j_lim_A_m2, t_anion, t_K):
    """Steady-state concentration overpotential of a symmetric cell with a binary 1:1 salt   [V].

    The steady profile is linear, c = C0 (1 ± J/J*) at the two electrodes (J* of Eq. 6). Between two Na
    electrodes this is a concentration cell with transference (ideal solution, thermodynamic factor 1):

        η_c = (2RT/F) t_a ln((1 + x) / (1 − x)),   x = min(J / J*, 0.99)

    (Bard & Faulkner, *Electrochemical Methods*, 2nd ed. 2001, §2.3.4: E = 2 t (RT/F) ln(a₁/a₂) for a cell with
    transference; the Nernst terms of both electrodes plus the diffusion potential of the electrolyte).
    Small x: η_c ≈ (4RT/F) t_a J / J*. It adds to the ohmic drop J L N_M / σ.
    Example: J = 10 A m⁻², J* = 164.46 A m⁻², t_a = 0.55, T = 298.15 K ⇒ x = 0.06080,
    η_c = 0.051386 · 0.55 · ln(1.06080/0.93920) = 3.44 mV.
    """
    x = np.minimum(np.divide(j_A_m2, j_lim_A_m2), CONCENTRATION_RATIO_MAX)
    two_rt_f = 2.0 * GAS_CONSTANT_J_mol_K / FARADAY_C_mol * t_K
    return two_rt_f * t_anion * np.log((1.0 + x) / (1.0 - x))


def symmetric_concentration_overpotential_V(j_A_m2, diffusivity_m2_s, c0_mol_m3, t_plus, gap_m, macmullin, t_K):
    """:func:`concentration_overpotential_V` of a symmetric cell at J* = :func:`separator_limiting_current_A_m2`
    (t_a = 1 − t₊)   [V]. Example: D = 3e-10 m² s⁻¹, C0 = 1000 mol m⁻³, t₊ = 0.45, L = 400 µm, N_M = 1.6,
    J = 10 A m⁻², 298.15 K ⇒ 3.44 mV (the :func:`concentration_overpotential_V` example)."""
    t_a = anion_transference(t_plus)
    j_lim = separator_limiting_current_A_m2(diffusivity_m2_s, c0_mol_m3, t_a, gap_m, macmullin)
    return concentration_overpotential_V(j_A_m2, j_lim, t_a, t_K)
