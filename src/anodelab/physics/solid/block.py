"""The scorer's solid-state block (model v2), computed on the solid rows of a batch where they are a minority.

A screen interleaves liquid and solid designs. The solid-state terms (σ_SSE(T), the contact fraction, the
interfacial ASR, the replenishment currents and the two CCD limits) mean nothing on a liquid row. When the solid
rows are a minority of the batch (:data:`SUBSET_SHARE`), the scorer gathers their inputs (:class:`Rows`), computes
:func:`solid_state_terms` on them and scatters the results back: NaN on the liquid rows for the solid-only
outputs (:meth:`Rows.fill`), the liquid value for an output that has one for either kind (:meth:`Rows.put`,
= ``np.where(solid, solid_value, liquid_value)``). Every function here is element-wise, so each solid row gets the
bits it would get in a whole-batch computation.
"""

from __future__ import annotations

import numpy as np

from ...constants import BOLTZMANN_eV_K, FARADAY_C_mol, NA_MOLAR_VOLUME_m3_mol, ZERO_CELSIUS_K
from ...units import SUFFIX_TO_SI
from ..arrhenius import arrhenius_from_offset, conductivity_sigma_t, inverse_temperature_offset, resistance_at
from ..select import Split
from . import ccd as solid_ccd
from . import contact as solid_contact

#: layer terms (anodelab.layer_terms) that only the solid-state block reads: gathered for the solid rows only
SOLID_LAYER_KEYS = ("f_wet", "r_int_ref_ohm_m2", "e_int_eV", "e_vac_eV", "vac_share", "eta_c_V",
                    "fw_area_ratio", "fw_solid_fraction", "fw_thickness_m")


#: the solid block is computed on a gathered subset when at most this share of the rows is solid; above it, on
#: every row (measured at 32,768 rows on the 2-core reference machine: gathering its 12 inputs and scattering its
#: 12 outputs costs about as much as the block itself on half of the rows, so the subset pays below ~1/2)
SUBSET_SHARE = 1.0 / 3.0


class Rows:
    """The rows of a batch where ``mask`` holds (the solid rows), in one of three forms:

    * every row holds: :meth:`take` returns its argument, :meth:`fill` and :meth:`put` copy the values;
    * at most :data:`SUBSET_SHARE` of the rows hold: ``index`` (np.flatnonzero): :meth:`take` gathers,
      :meth:`fill` / :meth:`put` scatter;
    * more: ``index`` is None and the values are computed on every row; :meth:`fill` NaNs the other rows out by
      adding 0 / NaN and :meth:`put` selects with :class:`~anodelab.physics.select.Split` (np.where's bits).

    ``complement``: ``Split(~mask)`` when the caller has it (the scorer's liquid/solid split).
    """

    __slots__ = ("n", "index", "count", "_split", "_nan_else")

    def __init__(self, mask: np.ndarray, complement: Split | None = None):
        self.n = len(mask)
        self.count = int(np.count_nonzero(mask))
        self.index = None
        self._split = None  # Split(~mask) in the dense mixed form
        self._nan_else = None  # its NaN-where-not-mask, 0-where-mask (made once)
        if self.count < self.n:
            if self.count <= SUBSET_SHARE * self.n:
                self.index = np.flatnonzero(mask)
            else:
                self._split = complement if complement is not None else Split(np.logical_not(mask))

    def take(self, x):
        """x at the rows the values are computed on (a scalar stays a scalar)."""
        if self.index is None or np.ndim(x) == 0:
            return x
        return x.take(self.index)

    def fill(self, values, *, out=None) -> np.ndarray:
        """An array of n: ``values`` where the mask holds, NaN elsewhere — into ``out`` if given."""
        if self._split is not None:  # x + 0 is x for every value these terms take (≥ 0 or NaN); x + NaN is NaN
            if self._nan_else is None:
                self._nan_else = self._split.nan_else_zero()
            return np.add(values, self._nan_else, out=out)
        if out is None:
            out = np.empty(self.n)
        if self.index is None:
            out[...] = values
            return out
        out.fill(np.nan)
        out[self.index] = values
        return out

    def put(self, base: np.ndarray, values, *, out=None) -> np.ndarray:
        """``np.where(mask, values, base)``, written into ``out``, or into ``base`` itself when ``out`` is None
        (the caller no longer needs ``base``)."""
        if self._split is not None:
            return self._split.where(base, values, out=base if out is None else out)
        if out is None:
            out = base
        elif out is not base:
            np.copyto(out, base)
        if self.index is None:
            out[...] = values
        else:
            out[self.index] = values
        return out


def solid_state_terms(p, T, P, sigma_ref, sse_activation_eV, t_ref, inv_offset, half, terms: dict) -> dict:
    """Solid-state model v2 (anodelab.physics.solid; the equations are in its functions' docstrings):

    σ_SSE(T) (σT Arrhenius), f_c = min(1, max(f_mech(P, T, t), f_wet)), ASR = R_int(T) / f_c,
    CCD_strip = f_c (J_vac(T, E_v) + J_void) + J_creep(P, T), J_replenish = f_c J_vac + J_creep,
    η_c = max(0, η_c,K_IC − V_m P / F), CCD_pen = η_c / ASR.
    A host that is a Na-filled framework of the SSE: ASR → ASR / a_w, f_c → a_w f_c in CCD_strip and J_replenish
    (J_creep stays per geometric area: the stack pressure acts on the electrode's face, the framework's skeleton
    carries it), so CCD_pen → a_w CCD_pen; ``interface_area`` is a_w (None without such a host).

    Every argument is given on the same rows (the solid rows of the batch): ``p`` the model parameters for
    those rows, T [K], P the stack pressure [Pa], the SSE's σ at ``t_ref`` [S m⁻¹] and its activation
    [eV], ``inv_offset`` = 1/T − 1/t_ref [K⁻¹], ``half`` the half-cycle time [s] and ``terms`` the
    :data:`SOLID_LAYER_KEYS` layer terms. Returns the arrays ``sigma_sse``, ``sse_asr``, ``f_contact``,
    ``j_creep``, ``j_rep``, ``eta_pen``, ``ccd_strip``, ``ccd_pen`` (SI).
    """
    sigma_sse = conductivity_sigma_t(sigma_ref, sse_activation_eV, T, t_ref, inv_offset)
    sigma_y = p.na_yield_stress_MPa * SUFFIX_TO_SI["MPa"]
    t_creep_ref = p.na_yield_reference_temperature_C + ZERO_CELSIUS_K
    inv_creep = inverse_temperature_offset(T, t_creep_ref)  # 1/T − 1/T_ref of creep (and of J_vac when equal)
    a_creep = arrhenius_from_offset(p.na_creep_activation_energy_eV, inv_creep)
    f_mech = solid_contact.mechanical_contact_fraction(
        P + p.assembly_contact_pressure_MPa * SUFFIX_TO_SI["MPa"], T, p.contact_creep_time_h * SUFFIX_TO_SI["h"],
        sigma_y, p.na_yield_strain_rate_per_s, p.na_creep_stress_exponent, 0.0, 0.0, p.contact_constraint_factor,
        temperature_factor=a_creep)
    f_contact = solid_contact.contact_fraction(f_mech, terms["f_wet"])
    # R_int(T) with the SSE's 1/T − 1/T_ref (the layer terms' T_ref of solid rows is the SSE's reference)
    r_int = resistance_at(terms["r_int_ref_ohm_m2"], terms["e_int_eV"], T, t_ref, inv_offset)
    sse_asr = solid_contact.interfacial_asr_ohm_m2(r_int, f_contact)
    # a Na-filled framework of the SSE (host na_conducting_framework): the interface sees J / a_w, so its ASR per
    # geometric area is ASR / a_w and its interface limits a_w × theirs (contact.framework_working_area_ratio);
    # a batch without one does none of this (a_w = 1: the same bits)
    a_w = None
    if np.any(terms["fw_area_ratio"] > 0.0):
        a_w = solid_contact.framework_working_area_ratio(terms["fw_area_ratio"], terms["fw_solid_fraction"],
                                                         terms["fw_thickness_m"], sigma_sse, sse_asr)
        sse_asr = sse_asr / a_w
    f_area = f_contact if a_w is None else f_contact * a_w  # contacted interface per geometric area

    t_vac_ref = p.vacancy_annihilation_reference_temperature_C + ZERO_CELSIUS_K
    same_ref = np.ndim(t_vac_ref) == 0 and np.ndim(t_creep_ref) == 0 and t_vac_ref == t_creep_ref
    inv_vac = inv_creep if same_ref else inverse_temperature_offset(T, t_vac_ref)
    # J_vac = J_vac,ref a_0(T) [1 + φ (exp(−(E_v − E_0)/k_B T) − 1)]: the bare barrier E_0 on 1 − φ of the
    # interface, the interlayer's own E_v on φ, one attempt prefactor (anodelab.physics.solid.ccd.
    # vacancy_annihilation_current_A_m2); where E_v = E_0 or φ = 0 the bracket is exactly 1 (the bare bits)
    e_0 = p.vacancy_annihilation_activation_energy_eV
    mix = np.exp((terms["e_vac_eV"] - e_0) * (-1.0 / BOLTZMANN_eV_K) / T)
    mix -= 1.0
    mix *= terms["vac_share"]
    mix += 1.0
    j_vac = ((p.vacancy_annihilation_current_mA_cm2 * SUFFIX_TO_SI["mA_cm2"])
             * arrhenius_from_offset(e_0, inv_vac) * mix)
    j_creep = solid_ccd.creep_replenishment_current_A_m2(
        P, a_creep, p.creep_replenishment_length_um * SUFFIX_TO_SI["um"], p.na_yield_strain_rate_per_s, sigma_y,
        p.contact_constraint_factor)
    j_void = solid_ccd.void_allowance_current_A_m2(p.critical_void_depth_um * SUFFIX_TO_SI["um"], half)
    ccd_strip = solid_ccd.stripping_ccd_A_m2(f_area, j_vac, j_void, j_creep)
    j_rep = f_area * j_vac + j_creep
    eta_pen = np.maximum(terms["eta_c_V"] - P * (NA_MOLAR_VOLUME_m3_mol / FARADAY_C_mol), 0.0)  # V_m (p_c − P) / F
    ccd_pen = solid_ccd.penetration_ccd_A_m2(eta_pen, sse_asr)
    return {"sigma_sse": sigma_sse, "sse_asr": sse_asr, "f_contact": f_contact, "j_creep": j_creep, "j_rep": j_rep,
            "eta_pen": eta_pen, "ccd_strip": ccd_strip, "ccd_pen": ccd_pen, "interface_area": a_w}
