"""Nucleation of Na on a substrate (Lu et al. 2022, Eqs. 1-3; classical heterogeneous nucleation).

All functions take numpy arrays (or scalars) in SI units and broadcast.
"""

from __future__ import annotations

import numpy as np

from ..constants import EV_J, FARADAY_C_mol, NA_MOLAR_VOLUME_m3_mol, PI
from .powers import power


def nucleation_excess_V(eta_ref_V, j_eff_A_m2, j_ref_A_m2, exponent=1.0, *, out=None):
    """Nucleation overpotential excess (dip minus plateau) at the working current.

    η_nuc(J) = η_nuc,ref · (J_eff / J_ref)^n   [V]

    The review states that the overpotential is proportional to the current density (n = 1).
    """
    return np.multiply(eta_ref_V, power(j_eff_A_m2 / j_ref_A_m2, exponent), out=out)


def critical_radius_m(gamma_J_m2, eta_V, *, out=None):
    """Critical nucleus radius, Eq. 3: r_crit = 2 γ V_m / (F |η|)   [m].

    γ: Na nucleus | electrolyte interfacial energy [J m⁻²]; η: driving overpotential [V].
    """
    return np.divide(2.0 * gamma_J_m2 * NA_MOLAR_VOLUME_m3_mol, FARADAY_C_mol * np.abs(eta_V), out=out)


def homogeneous_barrier_J(gamma_J_m2, eta_V):
    """Homogeneous nucleation barrier from Eqs. 1-2 at r = r_crit.

    ΔG* = 16 π γ³ / (3 ΔG_v²),  ΔG_v = F |η| / V_m   [J per nucleus]
    """
    dgv = FARADAY_C_mol * np.abs(eta_V) / NA_MOLAR_VOLUME_m3_mol
    return (16.0 * PI / 3.0) * (gamma_J_m2 * gamma_J_m2 * gamma_J_m2) / (dgv * dgv)


def heterogeneous_factor(cos_theta):
    """Shape factor of a spherical-cap nucleus, f(θ) = (2 + cos θ)(1 − cos θ)² / 4, in [0, 1].

    f = 0 for complete wetting (θ = 0), 1/2 at θ = 90°, 1 for no wetting (θ = 180°).
    """
    c = np.clip(cos_theta, -1.0, 1.0)
    return (2.0 + c) * (1.0 - c) ** 2 / 4.0


def heterogeneous_barrier_eV(gamma_J_m2, eta_V, cos_theta=None, *, shape_factor=None, out=None):
    """ΔG*_het = f(θ) ΔG*_hom, in eV per nucleus (pass ``shape_factor`` f(θ) if already computed)."""
    f = heterogeneous_factor(cos_theta) if shape_factor is None else shape_factor
    return np.multiply(f * homogeneous_barrier_J(gamma_J_m2, eta_V), 1.0 / EV_J, out=out)


def free_energy_curve_J(r_m, gamma_J_m2, eta_V):
    """Eq. 1 with Eq. 2: ΔG(r) = −(4/3) π r³ F|η|/V_m + 4 π r² γ   [J] (homogeneous, for plotting)."""
    dgv = FARADAY_C_mol * np.abs(eta_V) / NA_MOLAR_VOLUME_m3_mol
    return -4.0 / 3.0 * PI * r_m**3 * dgv + 4.0 * PI * r_m**2 * gamma_J_m2


def relative_nuclei_density(eta_V, eta_ref_V, *, out=None):
    """Nuclei number density relative to a reference overpotential, N/N_ref = (η/η_ref)³ (section 2.1.3)."""
    r = np.abs(eta_V) / np.abs(eta_ref_V)
    return np.multiply(r * r, r, out=out)
