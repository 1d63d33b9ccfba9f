"""Volume change of the Na electrode on plating (Lu et al. 2022, sections 2.1.1 and 2.2.1)."""

from __future__ import annotations

import numpy as np

from ..constants import FARADAY_C_mol, NA_MOLAR_MASS_kg_mol, NA_MOLAR_VOLUME_m3_mol


def plated_thickness_m(areal_capacity_C_m2, *, out=None):
    """Thickness of dense Na plated per half cycle, h = Q V_m / F   [m].

    1 mAh cm⁻² = 3.6e4 C m⁻² → h = 3.6e4 · 2.375e-5 / 96485 ≈ 8.86 µm.
    """
    return np.divide(areal_capacity_C_m2 * NA_MOLAR_VOLUME_m3_mol, FARADAY_C_mol, out=out)


def pore_volume_m(porosity, host_thickness_m, *, out=None):
    """Open pore volume of the host per geometric area (a length), φ · t_host   [m³ m⁻² = m]."""
    return np.multiply(porosity, host_thickness_m, out=out)


def thickness_change_m(plated_m, pore_m, *, out=None):
    """What the pores cannot take shows as electrode swelling: Δt = max(0, h − φ t_host)   [m]."""
    return np.maximum(0.0, plated_m - pore_m, out=out)


def na_mass_kg_m2(charge_C_m2):
    """Mass of Na holding a charge per area, m = Q M / F   [kg m⁻²]."""
    return charge_C_m2 * NA_MOLAR_MASS_kg_mol / FARADAY_C_mol


def anode_specific_capacity_C_kg(cycled_C_m2, excess_C_m2, host_mass_kg_m2, *, out=None):
    """Cycled capacity per mass of the charged anode (host + all Na it holds)   [C kg⁻¹]."""
    total = cycled_C_m2 + excess_C_m2
    return np.divide(cycled_C_m2, host_mass_kg_m2 + na_mass_kg_m2(total), out=out)
