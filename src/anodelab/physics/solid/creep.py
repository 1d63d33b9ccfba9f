"""Power-law (Norton) creep of Na metal, anchored on measured values.

    ε̇(σ, T) = ε̇_y (σ / σ_y)ⁿ · a_T,      a_T = exp(−Q / k_B · (1/T − 1/T_y))

σ_y is the yield (flow) stress measured at strain rate ε̇_y and temperature T_y, n the stress
exponent. M. J. Wang, J.-Y. Chang, J. B. Wolfenstine, J. Sakamoto, Materialia 2020, 12, 100792
(doi:10.1016/j.mtla.2020.100792): σ_y = 0.19–0.28 MPa at ε̇ ≈ 10⁻³ s⁻¹, room temperature, n = 5.0
(dislocation climb). Climb is controlled by lattice self-diffusion, so Q is Na's self-diffusion
activation energy (``na_creep_activation_energy_eV`` in resources/model/parameters.toml says where
that value comes from). The inverse, the flow stress at a given strain rate, is
σ_f(ε̇, T) = σ_y (ε̇ / (ε̇_y a_T))^{1/n}.
"""

from __future__ import annotations

import numpy as np

from ..arrhenius import arrhenius_factor


def temperature_factor(t_K, activation_eV, t_ref_K):
    """a_T = exp(−Q/k_B (1/T − 1/T_ref)): creep (and flow) rate at T relative to T_ref   [1]."""
    return arrhenius_factor(activation_eV, t_K, t_ref_K)


def strain_rate_per_s(stress_Pa, t_K, yield_stress_Pa, yield_strain_rate_per_s, exponent, activation_eV, t_ref_K):
    """Norton creep rate ε̇ = ε̇_y (σ/σ_y)ⁿ a_T   [s⁻¹]."""
    return yield_strain_rate_per_s * (stress_Pa / yield_stress_Pa) ** exponent * temperature_factor(
        t_K, activation_eV, t_ref_K)


def flow_stress_Pa(strain_rate_per_s, t_K, yield_stress_Pa, yield_strain_rate_per_s, exponent, activation_eV, t_ref_K):
    """Flow stress at a strain rate, the inverse of :func:`strain_rate_per_s`: σ_f = σ_y (ε̇ / (ε̇_y a_T))^{1/n}   [Pa]."""
    a_t = temperature_factor(t_K, activation_eV, t_ref_K)
    return yield_stress_Pa * np.power(strain_rate_per_s / (yield_strain_rate_per_s * a_t), 1.0 / exponent)
