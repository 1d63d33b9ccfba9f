"""Wettability of a substrate by Na (Lu et al. 2022, Eqs. 4-5)."""

from __future__ import annotations

import numpy as np


def young_cos(gamma_se_J_m2, gamma_ns_J_m2, gamma_ne_J_m2):
    """Young's equation, Eq. 4: cos θ = (γ_SE − γ_NS) / γ_NE (unclipped; |cos θ| > 1 means complete (non-)wetting)."""
    return (gamma_se_J_m2 - gamma_ns_J_m2) / gamma_ne_J_m2


def reactive_cos(cos_theta, reaction_J_m2, gamma_ne_J_m2):
    """Reactive wetting, Eq. 5: cos θ_r = cos θ − (Δγ_SE + ΔG_r) / γ_NE.

    ``reaction_J_m2`` is the sum Δγ_SE + ΔG_r (≤ 0 for a reaction that helps spreading).
    """
    return cos_theta - reaction_J_m2 / gamma_ne_J_m2


def angle_deg(cos_theta):
    """Contact angle in degrees from cos θ, clipped to [0°, 180°]."""
    return np.degrees(np.arccos(np.clip(cos_theta, -1.0, 1.0)))


def is_sodiophilic(cos_theta):
    """Sodiophilic when the (reactive) contact angle is below 90°."""
    return cos_theta > 0.0
