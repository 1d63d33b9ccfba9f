"""Ion transport in liquid electrolytes: effective current, Sand's time and the limiting current
(Lu et al. 2022, Eqs. 6-8; Chazalviel, Phys. Rev. A 1990, 42, 7355, ref [25])."""

from __future__ import annotations

import numpy as np

from ..constants import FARADAY_C_mol, PI


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
