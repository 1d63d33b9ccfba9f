"""Contact fraction of a Na electrode on a solid electrolyte, and the interfacial ASR it gives.

Plastic contact that grows by creep (Tabor: a soft metal pressed on a hard, rough surface carries
the load on contacts held at the flow pressure H σ_f, H ≈ 3; D. Tabor, *The Hardness of Metals*,
Oxford 1951). With contact pressure σ_c = P / f and the contacts flattening at the creep rate
d ln f / dt = ε̇(σ_c / H) of :mod:`.creep`, integration from the instantaneous plastic contact
f₀ = P / (H σ_y) gives

    f_mech(P, T, t) = min(1, P / (H σ_y) · (1 + n ε̇_y a_T t)^{1/n})

(P = stack pressure plus the pressure that made the as-assembled contact, t = time under load).
An interlayer that Na wets adds the wetted share of the Young–Dupré work of adhesion,
f_wet = (1 + cos θ) / 2 (1 for full wetting, 0 for none), so f_c = min(1, max(f_mech, f_wet)).

Interfacial ASR (per interface): ASR = R_int(T) / f_c, with R_int(T) = R_int,ref exp(E_a/k_B (1/T − 1/T_ref)),
the interface's own (charge-transfer / interphase) resistance on the contacted area. A library value of
the interfacial ASR was measured at the as-assembled contact f_ref, so R_int,ref = ASR_lib · f_ref.
"""

from __future__ import annotations

import numpy as np

from .creep import temperature_factor as _a_t


def mechanical_contact_fraction(pressure_Pa, t_K, time_s, yield_stress_Pa, yield_strain_rate_per_s, exponent,
                                activation_eV, t_ref_K, constraint_factor, *, temperature_factor=None):
    """f_mech = min(1, P/(H σ_y) · (1 + n ε̇_y a_T t)^{1/n})   [1]; P ≤ 0 gives 0.

    ``temperature_factor``: a_T when the caller has it already (then ``activation_eV``/``t_ref_K`` are unused).
    """
    a_t = _a_t(t_K, activation_eV, t_ref_K) if temperature_factor is None else temperature_factor
    growth = np.power(1.0 + (exponent * yield_strain_rate_per_s * time_s) * a_t, 1.0 / exponent)
    f = (np.maximum(pressure_Pa, 0.0) / (constraint_factor * yield_stress_Pa)) * growth
    return np.minimum(f, 1.0)


def wetting_contact_fraction(cos_theta):
    """f_wet = (1 + cos θ)/2: the Young–Dupré adhesion γ(1 + cos θ) relative to full wetting 2γ   [1]."""
    return 0.5 * (1.0 + np.clip(cos_theta, -1.0, 1.0))


def contact_fraction(f_mech, f_wet):
    """f_c = min(1, max(f_mech, f_wet))   [1]."""
    return np.minimum(1.0, np.maximum(f_mech, f_wet))


def interface_resistance_ref_ohm_m2(measured_asr_ohm_m2, f_ref):
    """R_int,ref = ASR_measured · f_ref: the resistance of the contacted area, from an ASR measured at contact f_ref   [Ω m²]."""
    return measured_asr_ohm_m2 * f_ref


def interfacial_asr_ohm_m2(r_int_ohm_m2, f_c):
    """ASR = R_int / f_c: the current crosses only the contacted share of the area   [Ω m²]."""
    return r_int_ohm_m2 / f_c
