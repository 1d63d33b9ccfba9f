"""Cycles to failure of each mechanism under a design's conditions (pure numpy, SI, broadcasting).

Every function returns a predicted (median) number of full cycles N_i until mechanism i ends the
cell's life; ``np.inf`` where the mechanism does not act. A full cycle lasts t_cycle = 2 Q / J.
The per-mechanism time to failure is t_i = N_i t_cycle (:func:`cycles_to_time_s`).

Na inventory (Coulombic inefficiency), electrolyte consumption, and four ways a dendritic short or a
solid-state failure is reached: transport-limited growth above the limiting current (Sand's time,
Chazalviel's front velocity), protrusions seeded by sparse nuclei, Na extruded through an SEI that
the volume change cracks, voids on stripping and penetration on plating above the two critical
current densities of a solid electrolyte.
"""

from __future__ import annotations

import numpy as np

from ..constants import FARADAY_C_mol, NA_MOLAR_VOLUME_m3_mol
from ..physics import interphase
from ..physics.select import where_else_inf


def _cycles(length_m, growth_m_per_cycle):
    """length / growth per cycle, ∞ where nothing grows (length > 0 and growth ≥ 0 for every caller)."""
    with np.errstate(divide="ignore"):
        return np.divide(length_m, growth_m_per_cycle)


def cycles_to_time_s(cycles, areal_capacity_C_m2, j_A_m2):
    """t = N · 2 Q / J   [s] (a full cycle is one plating and one stripping half cycle)."""
    return cycles * (2.0 * areal_capacity_C_m2 / j_A_m2)


def inventory_cycles(excess_C_m2, areal_capacity_C_m2, inefficiency, retention=0.8, *, ln_ce=None):
    """Na inventory exhaustion: N_inv = Q_excess / (Q (1 − CE)) + ln r / ln CE.

    Each cycle loses Q (1 − CE) of Na to SEI and dead Na: the excess lasts Q_excess / (Q (1 − CE)) cycles at full
    capacity, then the capacity falls as CE^n to the end-of-life retention r (0.8: the usual 80 %) — the same
    count as the score card's "cycles until the excess is consumed" plus "anode-free cycles to 80 %": the two
    terms are :func:`anodelab.physics.interphase.cycles_until_excess_consumed` and
    :func:`~anodelab.physics.interphase.cycles_to_retention_from_log` (the scorer shows them and passes their
    sum to the failure model). ``ln_ce`` = ln CE when the caller has it (else ln(1 − inefficiency)).
    Example: Q_excess = 5 mAh cm⁻², Q = 1 mAh cm⁻², CE = 0.99 ⇒ N = 500 + ln 0.8 / ln 0.99 = 500 + 22.20 = 522.2.
    """
    terms = inventory_cycle_terms(excess_C_m2, areal_capacity_C_m2, inefficiency, retention, ln_ce=ln_ce)
    return terms[0] + terms[1]


def inventory_cycle_terms(excess_C_m2, areal_capacity_C_m2, inefficiency, retention=0.8, *, ln_ce=None,
                          loss_C_m2=None, out=(None, None)):
    """The two terms of :func:`inventory_cycles`: (Q_excess / (Q (1 − CE)), ln r / ln CE), into ``out`` if given.
    ``loss_C_m2`` = Q (1 − CE) when the caller has it."""
    if ln_ce is None:
        ln_ce = np.log1p(-np.asarray(inefficiency, dtype=float))
    if loss_C_m2 is None:
        loss_C_m2 = interphase.inventory_loss_C_m2(areal_capacity_C_m2, inefficiency)
    return (interphase.cycles_until_excess_consumed(excess_C_m2, loss_C_m2, out=out[0]),
            interphase.cycles_to_retention_from_log(ln_ce, retention, out=out[1]))


def solvent_budget_mol_m2(gap_m, separator_porosity, solvent_mol_m3, dry_fraction):
    """Solvent whose loss ends the cell, f_dry L ε c_solv   [mol m⁻²] (what the layers alone decide)."""
    return dry_fraction * gap_m * separator_porosity * solvent_mol_m3


#: Na electrodes that plate Q each cycle in a cell without a cathode: the engine scores such a design as the
#: symmetric Na|Na cell of Table 1 (:func:`plating_electrodes`).
HALF_CELL_PLATING_ELECTRODES = 2.0


def plating_electrodes(has_cathode):
    """Number of Na electrodes that plate Q once per cycle from the one electrolyte: n_e = 2 − [cathode].

    A design without a cathode is scored as a symmetric Na|Na cell (the score card's η_cell = J ASR + 2 η_ct,
    :func:`anodelab.simulate.symmetric.simulate_symmetric`): in each full cycle each of the two electrodes plates Q
    once and strips it once, so each loses Q (1 − CE) and each grows SEI from the shared electrolyte (n_e = 2). A
    Na|Cu CE test has two as well (the Na counter electrode plates back what the Cu strips), but the engine does
    not score Na|Cu lifetimes. In a full cell (a design with a [cathode], :mod:`anodelab.cell`) only the anode
    plates Na metal; the cathode inserts Na⁺ and grows no Na-metal SEI (n_e = 1). ``has_cathode``: 1 or 0 per
    design (batch field), or a scalar. Example: has_cathode 0 ⇒ 2, 1 ⇒ 1.
    """
    return HALF_CELL_PLATING_ELECTRODES - np.asarray(has_cathode, dtype=float)


def electrolyte_cycles_from_budget(budget_mol_m2, areal_capacity_C_m2, inefficiency, solvent_per_na, sei_share,
                                   electrodes=1.0):
    """N_el = budget / (n_e ν s_SEI Q (1 − CE) / F) (see :func:`electrolyte_cycles`); 0 for a budget of 0 (a full
    cell whose electrolyte cannot wet its pores, :func:`anodelab.cell.energy.electrolyte_budget_mol_m2`), also
    without loss. ``electrodes`` = n_e, scalar or per design (:func:`plating_electrodes`)."""
    per_na = electrodes * (solvent_per_na * sei_share / FARADAY_C_mol)  # a scalar unless n_e varies by design
    n = _cycles(budget_mol_m2, areal_capacity_C_m2 * inefficiency * per_na)
    dry = np.equal(budget_mol_m2, 0.0)
    return np.where(dry, 0.0, n) if dry.any() else n


def electrolyte_cycles(gap_m, separator_porosity, solvent_mol_m3, areal_capacity_C_m2, inefficiency,
                       solvent_per_na, dry_fraction, sei_share, electrodes=1.0):
    """Electrolyte depletion: N_el = f_dry · L ε c_solv / (n_e ν s_SEI Q (1 − CE) / F).

    Of the Na lost per cycle, Q (1 − CE), only the share s_SEI that ends as Na⁺ in the SEI was made by reducing
    the electrolyte; the rest is electronically isolated metallic ("dead") Na, which consumes no solvent
    (Fang et al., Nature 2019, doi:10.1038/s41586-019-1481-z: titration gas chromatography of Li metal
    shows unreacted metallic Li⁰, not SEI Li⁺, as the dominant part of inactive Li; parameter
    ``sei_share_of_na_loss``). The SEI consumes ν solvent molecules per Na⁺ it binds (reductive decomposition);
    the electrolyte held by the separator (L ε per area, ε its porosity) holds L ε c_solv mol m⁻² of solvent;
    the cell dries out when a fraction f_dry of it is gone. Every Na electrode that plates Q per cycle draws on
    that one electrolyte: n_e = 2 in the symmetric cell a design without a cathode is scored as, 1 in a full cell
    (:func:`plating_electrodes`; default 1).
    Example: L = 400 µm, ε = 0.73, c = 10 mol L⁻¹, Q = 1 mAh cm⁻², 1 − CE = 0.01, ν = 1, f = 0.5, s_SEI = 0.3:
    solvent to lose 1.46 mol m⁻², consumed 0.3 × 3.731e-3 = 1.119e-3 mol m⁻² per cycle per electrode ⇒
    N = 1304 cycles with one plating electrode (n_e = 1, full cell), 652.2 with two (n_e = 2, symmetric cell).
    """
    return electrolyte_cycles_from_budget(
        solvent_budget_mol_m2(gap_m, separator_porosity, solvent_mol_m3, dry_fraction), areal_capacity_C_m2,
        inefficiency, solvent_per_na, sei_share, electrodes)


def separator_porosity(macmullin):
    """Bruggeman: N_M = ε^−1.5 ⇒ ε = N_M^(−2/3) = 1 / ∛(N_M²) (clipped to [0.05, 1])."""
    eps = 1.0 / np.cbrt(np.square(macmullin))
    return np.maximum(np.minimum(eps, 1.0), 0.05)


def sand_time_above_limit_s(sand_s, j_A_m2, j_lim_A_m2):
    """Sand's time counts only above the limiting current: τ where J > J_lim, ∞ below.

    Below J_lim the concentration at the plating surface reaches a steady state above zero (Eq. 6):
    the electrolyte never depletes there, whatever Eq. 7's semi-infinite τ says.
    """
    return where_else_inf(np.asarray(j_A_m2) > j_lim_A_m2, sand_s)  # = np.where(J > J_lim, τ, ∞), exactly


def front_velocity_m_s(j_A_m2, c0_mol_m3, t_anion):
    """Chazalviel's dendrite-front velocity: v = μ_a E_0 = t_a J / (F C0)   [m s⁻¹].

    Chazalviel, Phys. Rev. A 1990, 42, 7355 (doi:10.1103/PhysRevA.42.7355): once the surface is depleted the
    front moves with the anions' drift velocity μ_a E_0; with E_0 = J/σ and σ = (F²C0/RT)(D₊ + D_a) for a 1:1
    salt this is t_a J / (F C0). Example: t_a = 0.55, J = 10 A m⁻², C0 = 1000 mol m⁻³ ⇒ v = 5.70e-8 m s⁻¹.
    """
    return t_anion * j_A_m2 / (FARADAY_C_mol * c0_mol_m3)


def transport_cycles(gap_m, half_cycle_s, sand_effective_s, velocity_m_s):
    """Transport-limited short: N_tr = L / (v · max(0, t_half − τ_eff)).

    In each plating half cycle the front grows for the time after the surface depleted (τ_eff from
    :func:`sand_time_above_limit_s`); the stripping half cycle is assumed not to remove the dendrites
    (they are poorly connected). ∞ when the half cycle ends before depletion or below the limiting current.
    Example: L = 400 µm, t_half = 3600 s, τ = 600 s, v = 5.7e-8 m s⁻¹ ⇒ N = 4e-4 / (5.7e-8 · 3000) = 2.34 cycles.
    """
    grow_s = np.maximum(half_cycle_s - sand_effective_s, 0.0)  # ∞ − ∞ does not occur: t_half is finite
    return _cycles(gap_m, np.fmax(velocity_m_s * grow_s, 0.0))  # fmax: NaN (no liquid data) → no growth


def nucleation_cycles(gap_m, plated_m, shape_factor, eta_excess_V, eta_ref_V, amplification, inefficiency):
    """Nucleation-driven inhomogeneity: N_nuc = L / (a_nuc f(θ_r) x/(1 + x) (1 − CE) h),  x = η_excess / η_ref.

    What a cycle does not strip back, (1 − CE) h with h = Q V_m / F, stays as porous, electronically isolated
    ("dead") Na (Lu et al. 2022, §2.1.4 and outlook: failure by electrolyte depletion and dendrite growth with a
    following formation of inactive Na). On a poorly wetted surface (f(θ_r) → 1, Eqs. 4-5) that needs a
    nucleation excess η_excess, nuclei are sparse and large (Eq. 3, §2.1.3) and this deposit piles up on them:
    a_nuc (model parameter) is the height it reaches per unit dense-equivalent thickness (porosity of the
    mossy deposit × focusing on the nuclei) on a non-wetting surface at η_excess ≫ η_ref.
    Example: L = 400 µm, h = 8.86 µm, f = 0.5, x = 1, a = 3, 1 − CE = 0.01 ⇒ N = 4e-4 / (3·0.5·0.5·0.01·8.86e-6)
    = 6019 cycles.
    """
    return nucleation_cycles_from_factor(gap_m, plated_m * inefficiency, amplification * shape_factor,
                                         eta_excess_V, eta_ref_V)


def nucleation_cycles_from_factor(gap_m, lost_m, a_f, eta_excess_V, eta_ref_V):
    """:func:`nucleation_cycles` with a_nuc f(θ_r) given as one (layer-only) factor ``a_f`` and the lost
    thickness (1 − CE) h as ``lost_m``."""
    with np.errstate(divide="ignore"):
        share = 1.0 / (1.0 + eta_ref_V / np.asarray(eta_excess_V, dtype=float))  # x/(1+x); 1 at x = ∞, 0 at x = 0
    return _cycles(gap_m, a_f * lost_m * share)


def sei_fracture_cycles(gap_m, thickness_change_m, mechanical_hazard, amplification, inefficiency):
    """SEI fracture from the volume change: N_sei = L / (a_sei h_mech (1 − CE) Δh).

    The electrode thickness change Δh that the host cannot absorb (max(0, h − φ t_host)) strains the SEI each
    cycle; where it cracks, Na extrudes as whiskers (root growth) and what is not stripped back, a share 1 − CE,
    stays as porous dead Na on the cracks. A stiff SEI or coating resists: h_mech = x²/(1 + x²), x = 2 / (G/G_Na)
    (Monroe–Newman, refs [108],[109]). a_sei (model parameter) is the height per unit dense-equivalent thickness
    (porosity of the deposit × focusing on the cracks).
    Example: L = 400 µm, Δh = 8.86 µm, h_mech = 0.9, a = 3, 1 − CE = 0.18 ⇒ N = 4e-4 / (3·0.9·0.18·8.86e-6) = 92.9.
    """
    return _cycles(gap_m, amplification * mechanical_hazard * (inefficiency * thickness_change_m))


def void_cycles(j_A_m2, ccd_strip_A_m2, half_cycle_s, void_depth_m):
    """Solid-state voids on stripping: N_void = δ_c / ((J − CCD_strip) t_half V_m / F) above CCD_strip, ∞ below.

    What the Na supply (creep and self-diffusion, Eq. 12) cannot refill, J − CCD_strip, leaves a void
    volume per area (J − CCD_strip) t_half V_m / F each stripping half cycle; contact fails when it
    reaches δ_c (model parameter). Kasemchainan et al., Nat. Mater. 2019, 18, 1105 (doi:10.1038/s41563-019-0438-9).
    Example: J = 2 CCD_strip = 10 A m⁻², t_half = 3600 s, δ_c = 5 µm ⇒ N = 5e-6 / (5·3600·2.375e-5/96485) = 1.13.
    """
    excess = np.fmax(j_A_m2 - ccd_strip_A_m2, 0.0)  # fmax: NaN (no CCD, liquid) → 0
    return _cycles(void_depth_m, excess * half_cycle_s * (NA_MOLAR_VOLUME_m3_mol / FARADAY_C_mol))


def penetration_cycles(j_A_m2, ccd_pen_A_m2, sse_thickness_m, plated_m, crack_fill_fraction):
    """Solid-state penetration on plating: N_pen = φ_c L_SSE / (h (J / CCD_pen − 1)) above CCD_pen, ∞ below.

    Above the plating CCD the interfacial overpotential exceeds η_c (Griffith with Eq. 13's K_IC) and Na
    fills a crack; the share (J − CCD_pen)/CCD_pen of the plated thickness h goes into cracks of volume
    fraction φ_c along the SSE thickness. Example: J = 2 CCD_pen, L = 1 mm, h = 8.86 µm, φ = 0.01 ⇒ N = 1.13.
    """
    over = np.fmax(j_A_m2 / ccd_pen_A_m2 - 1.0, 0.0)  # fmax: NaN (no CCD, liquid) → 0
    return _cycles(crack_fill_fraction * sse_thickness_m, plated_m * over)
