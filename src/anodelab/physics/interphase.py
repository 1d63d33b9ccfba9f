"""Interphase (SEI) side reactions: Coulombic efficiency, Na inventory loss and gas evolution."""

from __future__ import annotations

import math

import numpy as np

from .powers import power
from .select import where_else_inf


def coulombic_inefficiency(ce_on_cu, surface_area_ratio, area_exponent, sei_factor):
    """1 − CE of the design: 1 − CE_Cu^(A_ratio^s · f_coating).

    CE_Cu is the electrolyte's plating/stripping efficiency on planar Cu, A_ratio the host's area
    ratio (a 3D host exposes more surface to side reactions), s an exponent (model parameter), and
    f_coating ≤ 1 the coating's SEI-suppression factor. Each unit of effective area loses the same
    fraction independently, so for small losses 1 − CE ≈ (1 − CE_Cu) A_ratio^s f_coating, and the
    loss saturates below 100 % instead of exceeding it on very large hosts.
    Example: CE_Cu = 0.995, A_ratio = 4, s = ½, no coating: 1 − 0.995² = 0.009975.
    """
    return 1.0 - np.power(ce_on_cu, power(surface_area_ratio, area_exponent) * sei_factor)


def log_coulombic_efficiency(ce_on_cu, surface_area_ratio, area_exponent, sei_factor):
    """ln CE of the design at the reference conditions of CE_Cu: A_ratio^s · f_coating · ln CE_Cu.

    The same model as :func:`coulombic_inefficiency` (1 − CE = −expm1 of this), kept as a logarithm so that
    the scorer can scale it to the design's temperature and current density exactly.
    """
    return power(surface_area_ratio, area_exponent) * sei_factor * np.log(ce_on_cu)


def ce_condition_factor(f_temperature, current_ratio, current_exponent, capacity_ratio_inv, capacity_exponent):
    """Factor g on ln CE_ref at the design's conditions: g = f_T · (J_eff / J_ref)ⁿ · (Q_ref / Q)ᵐ   [1].

    1 − CE = 1 − CE_ref^g, CE_ref measured at J_ref, Q_ref (areal capacity per half cycle) and T_ref;
    f_T = exp(−E_SEI/k_B (1/T − 1/T_ref)) is the SEI-growth Arrhenius factor. ``current_ratio`` = J_eff / J_ref,
    ``capacity_ratio_inv`` = Q_ref / Q (both dimensionless).

    The capacity term: part of the Na lost per cycle is lost once per cycle whatever is plated (the SEI re-formed on
    the Na surface each cycle exposes), part in proportion to the plated charge (dead Na), so the lost *fraction*
    1 − CE falls as Q grows: 1 − CE ∝ Q^(−m) (small losses), with 0 ≤ m < 1 (m = 0: all loss ∝ Q; m = 1: all loss
    fixed per cycle). With a two-part loss q_fix / Q + f the local exponent is m = q_fix / (q_fix + f Q_ref), the
    per-cycle (SEI) share of the loss at Q_ref. For m < 1 the Na lost per cycle, Q (1 − CE) ∝ Q^(1−m), still rises
    with Q. Source: Adams et al., Adv. Energy Mater. 2018, 8, 1702097 (doi:10.1002/aenm.201702097): a higher
    cycling capacity raises the average Li CE (Li analogue); m is an estimate (``ce_capacity_exponent``).

    Example: f_T = 1, J_eff / J_ref = 2, n = 0.25, Q = 4 Q_ref, m = 0.3:
    g = 2^0.25 · 0.25^0.3 = 1.18921 × 0.65975 = 0.78458.
    """
    g = f_temperature * power(current_ratio, current_exponent)
    g *= power(capacity_ratio_inv, capacity_exponent)
    return g


def inventory_loss_C_m2(areal_capacity_C_m2, inefficiency, *, out=None):
    """Na lost per cycle, Q (1 − CE)   [C m⁻²]."""
    return np.multiply(areal_capacity_C_m2, inefficiency, out=out)


def cycles_until_excess_consumed(excess_C_m2, loss_C_m2, *, out=None):
    """Cycles until the Na excess is used up, N = Q_excess / Q_loss (∞ with no loss; 0 when anode-free).

    Q_loss = Q (1 − CE) per cycle. Where Q_loss is not positive (CE = 1, or no CE data: NaN) nothing is
    consumed: N = ∞. Example: Q_excess = 5 mAh cm⁻², Q_loss = 0.01 mAh cm⁻² ⇒ N = 500.
    (Computed as np.where(Q_loss > 0, Q_excess / Q_loss, ∞) without np.where: :mod:`anodelab.physics.select`.)
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        return where_else_inf(np.asarray(loss_C_m2) > 0, np.divide(excess_C_m2, loss_C_m2), out=out)


def cycles_to_retention_from_log(ln_ce, retention=0.8, *, out=None):
    """Anode-free cycles until the capacity falls to ``retention`` r, from ln CE: CE^N = r ⇒ N = ln r / ln CE.

    Written (−ln r) / |ln CE| so that CE = 1 (ln CE = ±0) gives +∞; NaN (no CE data) stays NaN.
    Example: CE = 0.99, r = 0.8 ⇒ N = ln 0.8 / ln 0.99 = 22.203.
    """
    ln_r = np.log(retention) if np.ndim(retention) else math.log(retention)  # r per design, or one r
    with np.errstate(divide="ignore"):
        return np.divide(np.negative(ln_r), np.abs(ln_ce), out=out)


def cycles_to_capacity_retention(ce, retention=0.8):
    """:func:`cycles_to_retention_from_log` from CE itself (clipped to [0, 1]: CE = 0 gives 0 cycles)."""
    return cycles_to_retention_from_log(np.log(np.clip(ce, 0.0, 1.0)), retention)


def gas_evolution_mol_m2(gas_ref_mol_m2, t_s, t_ref_s, area_factor, sei_factor, time_exponent):
    """Cumulative gas: n = n_ref (t / t_ref)^p · a · f_coating   [mol m⁻²].

    ``area_factor`` a = (area ratio)^s, the same wetted-area scaling as the SEI loss.

    n_ref is the electrolyte's gas per Na area after t_ref (Lu et al. 2022, ref [35]:
    120 µmol cm⁻² in EC/DMC without FEC vs 20 µmol cm⁻² with 3 % FEC after 48 d).
    """
    return gas_ref_mol_m2 * power(t_s / t_ref_s, time_exponent) * area_factor * sei_factor
