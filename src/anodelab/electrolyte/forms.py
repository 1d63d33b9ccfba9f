"""Concentration laws of liquid-electrolyte transport (vectorised numpy, user units: c in mol L⁻¹).

Each function states its equation, units and where the form comes from; the numbers of a given
electrolyte live in :mod:`anodelab.electrolyte.parameterisations`. The temperature law stays the
library's Arrhenius factor exp(−E_a/k_B (1/T − 1/T_ref)) applied by the scorer to σ and D (no sodium
electrolyte with a published T-parameterisation was reachable for this version; see the README).
"""

from __future__ import annotations

import numpy as np


def casteel_amis_mS_cm(c_mol_L, sigma_max_mS_cm, mu_mol_L, a, b_L2_mol2):
    """Casteel–Amis conductivity, σ(c) = σ_max (c/μ)^a exp(b (c − μ)² − a (c − μ)/μ)   [mS cm⁻¹].

    Casteel & Amis, J. Chem. Eng. Data 1972, 17, 55 (doi:10.1021/je60052a029). σ_max is the maximum
    conductivity, reached at c = μ (d ln σ/dc = a/c + 2b(c − μ) − a/μ = 0 at c = μ); a > 0 and b [L² mol⁻²]
    shape the rise and the fall. Example (NaPF6 in EC:PC, Chayambuka et al. 2022 fit): σ_max = 8.883, μ = 1.1838,
    a = 0.5776, b = −0.09306 → σ(1 mol L⁻¹) = 8.883 · 0.8447^0.5776 · exp(−0.09306·0.03377 + 0.5776·0.1553)
    = 8.786 mS cm⁻¹.
    """
    c = np.asarray(c_mol_L, dtype=float)
    x = c - mu_mol_L
    return sigma_max_mS_cm * np.power(c / mu_mol_L, a) * np.exp(b_L2_mol2 * x * x - a * x / mu_mol_L)


def log_quadratic_diffusivity_cm2_s(c_mol_L, d_ref_cm2_s, c_ref_mol_L, k1_L_mol, k2_L2_mol2):
    """Salt diffusivity, D(c) = D_ref exp(k₁ (c − c_ref) + k₂ (c² − c_ref²))   [cm² s⁻¹].

    ln D quadratic in c (the exponential form D₀ exp(k c) of Valøen & Reimers, J. Electrochem. Soc. 2005, 152,
    A882, doi:10.1149/1.1872737, with one more term), normalised so that D(c_ref) = D_ref.
    """
    c = np.asarray(c_mol_L, dtype=float)
    return d_ref_cm2_s * np.exp(k1_L_mol * (c - c_ref_mol_L) + k2_L2_mol2 * (c * c - c_ref_mol_L * c_ref_mol_L))


def linear_transference(c_mol_L, t_ref, c_ref_mol_L, slope_L_mol):
    """Na⁺ transference number, t₊(c) = t_ref + s (c − c_ref)   [–] (s = 0: no concentration dependence)."""
    c = np.asarray(c_mol_L, dtype=float)
    return t_ref + slope_L_mol * (c - c_ref_mol_L)
