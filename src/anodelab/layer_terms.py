"""The terms of a design that its layers (materials) decide alone, not its operating conditions.

Wetting (Eqs. 4-5 and the molten-Na infusion angle), the nucleation reference values of the
plating surface, fracture toughness (Eq. 13) and the Monroe–Newman ratio, the coating ASR, the
pore volume and the SEI loss. :func:`anodelab.scoring.score` computes them per design, or once per
row of a batch's :class:`~anodelab.batch.LayerTable` and gathers them; both give the same bits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .batch import DesignBatch
from .constants import ZERO_CELSIUS_K
from .physics import interphase, nucleation, resistance, risk, solid_state, volume, wetting
from .lifetime import mechanisms as lifetime_mechanisms
from .physics.parameters import ModelParameters
from .physics.select import Split
from .physics.solid import contact as solid_contact
from .units import SUFFIX_TO_SI


def layer_terms(L: DesignBatch, p: ModelParameters) -> dict[str, np.ndarray]:
    """Everything that depends on a design's layers (and the model parameters) but not on its conditions.

    ``L`` is the batch itself or its layer table (:class:`~anodelab.batch.LayerTable`); every array
    returned has one value per row of ``L``.
    """
    solid = L.is_solid > 0.5
    sk = Split(solid)  # sk.where(a, b) = np.where(solid, a, b), bit for bit and fast on a mixed mask (physics.select)
    has_coating = L.has_coating > 0.5
    # an interlayer of zero thickness (``bare-contact``) is no interlayer: it gives the numbers of an empty slot
    has_interlayer = (L.has_interlayer > 0.5) & (L.interlayer_thickness_m > 0.0)

    # --- plating surface: a conductive coating takes the Na, an insulating one lets it pass under
    on_coating = has_coating & (L.coating_insulator < 0.5)
    if on_coating.any():
        def surface(coating_value, host_value):
            return np.where(on_coating, coating_value, host_value)
    else:  # no design plates on a coating: the host's values as they are
        def surface(coating_value, host_value):
            return host_value
    eta_nuc_ref = surface(L.coating_nucleation_excess_V, L.host_nucleation_excess_V)
    j_nuc_ref = surface(L.coating_nucleation_ref_current_A_m2, L.host_nucleation_ref_current_A_m2)
    cos_given = surface(L.coating_cos_contact_angle, L.host_cos_contact_angle)  # NaN: from energies
    g_se = surface(L.coating_gamma_se_J_m2, L.host_gamma_se_J_m2)
    g_ns = surface(L.coating_gamma_ns_J_m2, L.host_gamma_ns_J_m2)
    reaction = surface(L.coating_reaction_J_m2, L.host_reaction_J_m2)

    # --- wetting (Eqs. 4-5) -----------------------------------------------------------------------
    gamma = sk.where(p.solid_state_na_surface_energy_J_m2, L.gamma_ne_J_m2)
    from_energies = np.isnan(cos_given)
    cos_young_raw = np.where(from_energies, wetting.young_cos(g_se, g_ns, gamma), cos_given)
    cos_interface = (
        np.where(has_interlayer, L.interlayer_cos_contact_angle, L.sse_cos_contact_angle)
        if has_interlayer.any() else L.sse_cos_contact_angle
    )
    cos_young_raw = sk.where(cos_interface, cos_young_raw)
    cos_young = np.clip(cos_young_raw, -1.0, 1.0)
    cos_reactive = sk.where(cos_young, np.clip(wetting.reactive_cos(cos_young, reaction, gamma), -1.0, 1.0))
    sigma_na = p.na_liquid_surface_tension_J_m2
    cos_inf = np.where(from_energies, wetting.young_cos(g_se, g_ns, sigma_na), cos_given)
    cos_inf = np.clip(wetting.reactive_cos(np.clip(cos_inf, -1, 1), reaction, sigma_na), -1.0, 1.0)
    cos_inf = sk.where(cos_young, cos_inf)

    # --- mechanics: fracture toughness (Eq. 13 where K_IC is not given), Monroe–Newman ratio -----------
    k_ic = L.sse_toughness_Pa_m05
    from_indentation = solid & np.isnan(k_ic)
    if from_indentation.any():
        k_ic = np.where(
            from_indentation,
            solid_state.fracture_toughness_from_indentation(
                L.sse_youngs_modulus_Pa, L.sse_hardness_Pa, L.sse_indentation_load_N, L.sse_indentation_crack_m
            ),
            k_ic,
        )
    g_liquid = np.where(has_coating, np.maximum(L.coating_shear_modulus_Pa, L.sei_shear_modulus_Pa), L.sei_shear_modulus_Pa)
    g_ratio = solid_state.monroe_newman_ratio(sk.where(L.sse_shear_modulus_Pa, g_liquid))

    # --- interphase: ln CE at the reference conditions of CE_Cu (J_ref, T_ref); the scorer scales it to the
    # design's current and temperature. ln CE = A_ratio^s f_coating ln CE_Cu (liquid; see
    # interphase.coulombic_inefficiency), ln(1 − ineff_solid) for solid cells (CE_Cu = 1 keeps the log off NaN)
    ln_ce = sk.where(
        np.log1p(-p.solid_state_coulombic_inefficiency),
        interphase.log_coulombic_efficiency(sk.where(1.0, L.ce_on_cu), L.surface_area_ratio,
                                            p.sei_area_exponent, L.coating_sei_factor),
    )
    m = p.risk_hazard_exponent
    hazard_mechanical = risk.hazard(p.mechanical_reference_ratio / g_ratio, m)
    # failure model (anodelab.lifetime): the lengths and factors its mechanisms take from the layers alone. The
    # other electrolyte kind's lengths are NaN: fmin(x, ∞) makes them ∞ (no such failure), exactly one is NaN
    rt = row_terms(L)
    gap_or_inf = rt["gap_or_inf_m"]
    failure = {
        **rt,
        # electrolyte per area: the separator's pores, or the cell's flooding volume if larger (lab cells)
        "solvent_budget_mol_m2": lifetime_mechanisms.solvent_budget_mol_m2(
            np.maximum(gap_or_inf * lifetime_mechanisms.separator_porosity(L.separator_macmullin),
                       p.electrolyte_volume_uL_cm2 * 1e-5), 1.0,
            p.solvent_concentration_mol_L * 1e3, p.electrolyte_dry_fraction),
        "k_sei_mech": p.sei_dead_na_amplification * hazard_mechanical,
    }
    solid_terms = _solid_interface_terms(L, p, sk, has_interlayer, cos_interface)
    return failure | {
        **solid_terms,
        "eta_nuc_ref_V": eta_nuc_ref,
        "j_nuc_ref_A_m2": j_nuc_ref,
        "gamma_J_m2": gamma,
        "young_clipped": np.abs(cos_young_raw) > 1.0,
        "theta_deg": wetting.angle_deg(cos_young),
        "theta_r_deg": wetting.angle_deg(cos_reactive),
        "theta_infusion_deg": wetting.angle_deg(cos_inf),
        "sodiophilic": wetting.is_sodiophilic(cos_reactive),
        "infusion_feasible": wetting.is_sodiophilic(cos_inf),
        "shape_factor": (shape := nucleation.heterogeneous_factor(cos_reactive)),
        "k_nuc_f": p.nucleation_dead_na_amplification * shape,
        "insulating_coating": has_coating & ~on_coating,
        "asr_coating_ohm_m2": np.where(
            has_coating, resistance.layer_asr_ohm_m2(L.coating_thickness_m, L.coating_conductivity_S_m), 0.0
        ),
        "eta_c_V": solid_state.penetration_overpotential_V(k_ic, p.flaw_size_um * SUFFIX_TO_SI["um"]),
        "g_ratio": g_ratio,
        "ln_ce": ln_ce,
    }


#: layer terms that one element-wise operation on a design's own layer fields gives: the scorer computes them
#: per design (:func:`row_terms`) rather than gathering them from a layer table (a ``take`` costs ~3 such operations)
ROW_TERMS = ("gap_or_inf_m", "sse_or_inf_m", "nucleation_length_m", "pore_m")


def row_terms(L: DesignBatch, out: dict | None = None) -> dict[str, np.ndarray]:
    """The :data:`ROW_TERMS` of ``L`` (a batch or a layer table), into ``out[key]`` where given: the separator gap
    with ∞ for solid cells, the SSE thickness with ∞ for liquid ones (NaN → ∞: no such failure), the length a
    short must bridge (either), and the host's open pore volume per area φ t_host (:func:`volume.pore_volume_m`)."""
    o = (out or {}).get
    return {
        "gap_or_inf_m": np.fmin(L.electrode_gap_m, np.inf, out=o("gap_or_inf_m")),
        "sse_or_inf_m": np.fmin(L.sse_thickness_m, np.inf, out=o("sse_or_inf_m")),
        "nucleation_length_m": np.fmin(L.electrode_gap_m, L.sse_thickness_m, out=o("nucleation_length_m")),
        "pore_m": volume.pore_volume_m(L.host_porosity, L.host_thickness_m, out=o("pore_m")),
    }


def _solid_interface_terms(L: DesignBatch, p: ModelParameters, sk: Split, has_interlayer, cos_interface) -> dict:
    """Solid-state model v2 terms fixed by the layers (anodelab.physics.solid): the wetted contact fraction,
    the interface resistance of the contacted area at the SSE's reference temperature, the activation
    energy of vacancy annihilation, and the geometry of a host that is a Na-filled framework of the solid
    electrolyte (host property ``na_conducting_framework``): its internal area A (``fw_area_ratio``, 0 on every
    other row), its skeleton fraction 1 − ε (``fw_solid_fraction``) and thickness L (``fw_thickness_m``), from
    which the solid block takes the working area a_w (:func:`~anodelab.physics.solid.contact.
    framework_working_area_ratio`; it needs σ_SSE(T) and R_int(T)/f_c, the design's conditions). Liquid rows get
    neutral finite values (no transcendental call on NaN)."""
    cos_wet = sk.where(cos_interface, 0.0)
    f_wet = solid_contact.wetting_contact_fraction(cos_wet)
    f_wet_sse = solid_contact.wetting_contact_fraction(sk.where(L.sse_cos_contact_angle, 0.0))
    t_ref = sk.where(L.electrolyte_reference_K, 298.15)
    f_mech_ref = solid_contact.mechanical_contact_fraction(
        p.assembly_contact_pressure_MPa * SUFFIX_TO_SI["MPa"], t_ref, p.contact_creep_time_h * SUFFIX_TO_SI["h"],
        p.na_yield_stress_MPa * SUFFIX_TO_SI["MPa"], p.na_yield_strain_rate_per_s, p.na_creep_stress_exponent,
        p.na_creep_activation_energy_eV, p.na_yield_reference_temperature_C + ZERO_CELSIUS_K, p.contact_constraint_factor)
    il_asr = L.interlayer_interfacial_asr_ohm_m2
    own_asr = has_interlayer & np.isfinite(il_asr)
    # a measured ASR was taken at the as-assembled contact of the surface it was measured on
    r_int_ref = np.where(
        own_asr,
        solid_contact.interface_resistance_ref_ohm_m2(il_asr, solid_contact.contact_fraction(f_mech_ref, f_wet)),
        solid_contact.interface_resistance_ref_ohm_m2(L.sse_interfacial_asr_ohm_m2,
                                                      solid_contact.contact_fraction(f_mech_ref, f_wet_sse)),
    )
    e_il = L.interlayer_stripping_activation_eV
    own_e = has_interlayer & np.isfinite(e_il)
    e_v = np.where(own_e, e_il, p.vacancy_annihilation_activation_energy_eV)
    # the share of the interface that carries the interlayer's own barrier (0 where it has none)
    phi = np.where(own_e, L.interlayer_alloy_fraction, 0.0)
    # a framework acts only in a solid cell: flag · A is A there and 0 elsewhere (no branch on a mixed mask)
    framework = L.host_sse_framework * L.is_solid
    return {
        "fw_area_ratio": framework * L.surface_area_ratio,
        "fw_solid_fraction": 1.0 - framework * L.host_porosity,
        "fw_thickness_m": L.host_thickness_m,
        "f_wet": f_wet,
        "r_int_ref_ohm_m2": sk.where(r_int_ref, 1.0),
        "e_vac_eV": sk.where(e_v, 0.0),
        "vac_share": sk.where(phi, 0.0),
        "e_int_eV": sk.where(L.sse_interface_activation_eV, 0.0),
    }


@dataclass(frozen=True)
class PackedLayerTerms:
    """Layer terms of a layer table as two matrices (float64 and bool), one row per term: computed once
    per :func:`score` call, and one ``np.take`` per chunk gathers every term into contiguous rows."""

    float_keys: tuple[str, ...]
    floats: np.ndarray  # (float terms, table rows)
    bool_keys: tuple[str, ...]
    bools: np.ndarray  # (bool terms, table rows)


def pack_layer_terms(table: DesignBatch, p: ModelParameters) -> PackedLayerTerms:
    with np.errstate(all="ignore"):
        terms = layer_terms(table, p)
    fk = tuple(k for k, v in terms.items() if v.dtype != bool)
    bk = tuple(k for k, v in terms.items() if v.dtype == bool)
    return PackedLayerTerms(fk, np.stack([terms[k] for k in fk]), bk, np.stack([terms[k] for k in bk]))


def gather_layer_terms(packed: PackedLayerTerms, index: np.ndarray, out: dict | None = None,
                       skip: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """term[index] for every term but those in ``skip``; a term whose key is in ``out`` (a term the scorer returns
    as it is, such as ``theta_deg``) is gathered straight into ``out[key]``. One ``take`` per term row: faster than
    one ``np.take(axis=1)`` over the matrix (measured at 32,768 rows, 6-row table). ``mode="clip"`` lets ``take``
    write into ``out`` unbuffered; the index is a layer table's, within the table by construction. The scorer
    skips the solid-only terms and gathers them for its solid rows only (:func:`gather_some`)."""
    dest = out or {}

    def take(key, row):
        to = dest.get(key)
        return row.take(index) if to is None or to.dtype != row.dtype else row.take(index, out=to, mode="clip")

    terms = {k: take(k, row) for k, row in zip(packed.float_keys, packed.floats) if k not in skip}
    terms.update({k: take(k, row) for k, row in zip(packed.bool_keys, packed.bools) if k not in skip})
    return terms


def gather_some(packed: PackedLayerTerms, keys: tuple[str, ...], index: np.ndarray) -> dict[str, np.ndarray]:
    """term[index] for the float terms ``keys`` only."""
    return {k: packed.floats[packed.float_keys.index(k)].take(index) for k in keys}
