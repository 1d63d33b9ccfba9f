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

from ..resistance import porous_electrode_asr_ohm_m2
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


def framework_working_area_ratio(area_ratio, solid_fraction, thickness_m, sse_conductivity_S_m, interface_asr_ohm_m2):
    """Working Na | SSE interface area per geometric area of a Na-filled framework of the solid electrolyte   [1].

    A host that is a porous framework of the cell's own Na⁺ conductor (host property ``na_conducting_framework``),
    its pores filled with Na, sits on the dense electrolyte: Na⁺ comes in through the framework's skeleton from
    the dense side (x = 0), electrons leave through the Na in the pores to the collector (x = L), and the two
    rails exchange current across the internal Na | SSE interface of area A per geometric area (a = A / L per
    volume) and resistance R_s per real area. This is de Levie's DC transmission line with the roles of the
    phases swapped (R. de Levie, Electrochim. Acta 1963, 8, 751; :func:`~anodelab.physics.resistance.
    porous_electrode_asr_ohm_m2`): the ionic rail is the skeleton, of resistivity ρ_ion = 1 / (σ_SSE s √s),
    Bruggeman on the skeleton's volume fraction s = 1 − ε_host; the electronic rail is the Na, ρ_Na ≈ 4.8e-8 Ω m
    / ε^1.5 (≈ 10⁻⁸ of ρ_ion for σ_SSE = 0.5 S m⁻¹), taken as perfect. Then

        R_el = √(ρ_ion R_s / a) · coth(L / λ),   λ = √(R_s / (a ρ_ion))   [Ω m², m]

        a_w = max(1, min(A, R_s / R_el)),   R_s / R_el = a λ tanh(L / λ) ≤ a L = A

    so the local current on the working interface is J / a_w: the interfacial ASR per geometric area is
    R_s / a_w (= R_el in the linear regime) and each current limit of the interface carries a_w times its
    planar value. Limits: L ≪ λ ⇒ a_w → A (the whole internal area works); L ≫ λ ⇒ a_w → a λ = √(A R_s /
    (ρ_ion L)) (a depth λ next to the dense electrolyte works, the rest of the framework carries the Na only).
    The floor 1 is the planar contact a framework would at least give; the cap A is the internal area.

    ``area_ratio`` A [1] (0 marks a row without a framework: a_w = 1 exactly), ``solid_fraction`` s [1],
    ``thickness_m`` L [m], ``sse_conductivity_S_m`` σ_SSE(T) [S m⁻¹] (the skeleton is the cell's solid
    electrolyte; the necks between sintered or pressed particles would lower it, so this is an upper bound),
    ``interface_asr_ohm_m2`` R_s = R_int(T) / f_c per real area [Ω m²] (R_s = ∞ gives A, R_s ≤ 0 gives 1).
    Example: A = 108, s = 0.3, L = 300 µm, σ = 0.5 S m⁻¹, R_s = 2.0e-3 Ω m² ⇒ ρ_ion = 12.17 Ω m,
    a = 3.6e5 m⁻¹, λ = 21.36 µm, a_w = 3.6e5 · 21.36e-6 · tanh(14.04) = 7.69.
    """
    A = np.asarray(area_ratio, dtype=float)
    r_s = np.asarray(interface_asr_ohm_m2, dtype=float)
    framework = A > 0.0
    finite = framework & np.isfinite(r_s) & (r_s > 0.0)
    # neutral values on the other rows (no transcendental call on them), their result is chosen below
    a_n = np.where(finite, A, 1.0)
    s_n = np.where(finite, solid_fraction, 1.0)
    r_n = np.where(finite, r_s, 1.0)
    r_el = porous_electrode_asr_ohm_m2(a_n, s_n, thickness_m, sse_conductivity_S_m, r_n)
    a_w = np.maximum(np.minimum(r_n / r_el, a_n), 1.0)  # the cap A against rounding, then the planar floor
    # R_s = ∞: λ = ∞, the whole internal area works; R_s ≤ 0: λ = 0, only the planar face
    edge = np.where(r_s > 0.0, np.maximum(A, 1.0), 1.0)
    return np.where(finite, a_w, np.where(framework, edge, 1.0))
