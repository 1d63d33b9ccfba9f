"""The metrics the engine returns: user key (unit in the name), SI source, label, equation, rating.

One registry serves the CLI table, the JSON output, the GUI score card and the reports, so a
number is named, converted and rated the same way everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .formatting import fmt_number
from .units import SUFFIX_TO_SI


@dataclass(frozen=True)
class MetricSpec:
    key: str  # user key, unit in the name
    si_key: str  # key in ScoreResult.si
    scale: float  # user = si / scale
    label: str
    unit: str  # display unit
    equation: str
    group: str
    better: str = ""  # "low", "high" or "" (not rated)
    good: float | None = None  # threshold of a good value (user units)
    bad: float | None = None  # threshold of a bad value (user units)
    liquid_only: bool = False
    solid_only: bool = False
    cell_only: bool = False  # full-cell metric: n/a for a design without a [cathode]

    def rate(self, value) -> np.ndarray:
        """'good' / 'warn' / 'bad' / '' per value, against the stated thresholds."""
        v = np.asarray(value, dtype=float)
        out = np.full(v.shape, "", dtype=object)
        if not self.better or self.good is None or self.bad is None:
            return out
        finite = np.isfinite(v) | np.isinf(v)
        if self.better == "low":
            good, bad = v <= self.good, v > self.bad
        else:
            good, bad = v >= self.good, v < self.bad
        out[finite] = "warn"
        out[finite & good] = "good"
        out[finite & bad] = "bad"
        return out

    def cell(self, raw: float) -> tuple[str, str]:
        """Text and rating of one value from the engine's raw float (``ScoreResult.value``): ∞ is
        written ∞ (and rated), only NaN (not applicable) is "n/a" and unrated. The CLI table, the GUI
        score card and every report use this, so a value reads the same everywhere."""
        return fmt_number(raw), str(self.rate(raw)[()])

    def describe_thresholds(self) -> str:
        if not self.better or self.good is None:
            return ""
        if self.better == "low":
            return f"good ≤ {self.good:g} {self.unit}, bad > {self.bad:g} {self.unit}"
        return f"good ≥ {self.good:g} {self.unit}, bad < {self.bad:g} {self.unit}"


def _s(suffix):
    return SUFFIX_TO_SI[suffix]


M = MetricSpec
METRICS: tuple[MetricSpec, ...] = (
    M("effective_current_density_mA_cm2", "j_eff_A_m2", _s("mA_cm2"), "Effective current density", "mA cm⁻²",
      "J_eff = J / (surface area ratio)", "transport", "low", 1.0, 5.0),
    M("nucleation_overpotential_mV", "eta_nucleation_V", _s("mV"), "Nucleation overpotential η_n", "mV",
      "η_n = η_p + η_nuc,ref (J_eff/J_ref)^n  (dip of the deposition transient, Fig. 1b)", "nucleation", "low", 30.0, 100.0),
    M("plating_overpotential_mV", "eta_plating_V", _s("mV"), "Plating overpotential η_p", "mV",
      "η_p = J (ASR_bulk + ASR_host + ASR_Na) + η_ct,host + η_ct,Na  (Na | host half cell plateau)", "nucleation", "low", 20.0, 80.0),
    M("nucleation_excess_mV", "eta_excess_V", _s("mV"), "Nucleation excess η_n − η_p", "mV",
      "η_nuc = η_nuc,ref (J_eff/J_ref)^n", "nucleation", "low", 10.0, 50.0),
    M("nucleation_driving_overpotential_mV", "eta_drive_V", _s("mV"), "Driving overpotential η_drive", "mV",
      "η_drive = η_nuc + η_ct,host (liquid) or η_nuc + J·ASR_interface (solid): the surface overpotential at the "
      "plating site, without the ohmic drops of η_n; r_crit and ΔG* below use this value", "nucleation"),
    M("critical_nucleus_radius_nm", "r_crit_m", _s("nm"), "Critical nucleus radius", "nm",
      "Eq. 3: r_crit = 2 γ V_m / (F η_drive), η_drive the row above", "nucleation"),
    M("nucleation_barrier_eV", "barrier_eV", 1.0, "Heterogeneous nucleation barrier", "eV",
      "ΔG* = f(θ_r) 16 π γ³ V_m² / (3 (F η_drive)²), f = (2+cos θ)(1−cos θ)²/4  (Eqs. 1-2)", "nucleation"),
    M("relative_nuclei_density", "nuclei_density_rel", 1.0, "Nuclei density vs. 1 mA cm⁻²", "×",
      "N/N_ref = (η/η_ref)³, η_ref at 1 mA cm⁻² geometric", "nucleation"),
    M("contact_angle_deg", "theta_deg", 1.0, "Young contact angle θ", "°",
      "Eq. 4: cos θ = (γ_SE − γ_NS) / γ_NE (or the measured angle)", "wetting", "low", 60.0, 90.0),
    M("reactive_contact_angle_deg", "theta_r_deg", 1.0, "Reactive contact angle θ_r", "°",
      "Eq. 5: cos θ_r = cos θ − (Δγ_SE + ΔG_r) / γ_NE", "wetting", "low", 60.0, 90.0),
    M("infusion_contact_angle_deg", "theta_infusion_deg", 1.0, "Molten-Na contact angle", "°",
      "Eqs. 4-5 with γ = surface tension of liquid Na", "wetting"),
    M("sand_time_s", "sand_time_s", 1.0, "Sand's time τ", "s",
      "Eq. 7: τ = π D (C0 F / (2 J t_a))², t_a = 1 − t_Na+ (Eq. 8), geometric J (diffusion length ≫ host pores); "
      "it limits the life only above the limiting current", "transport", "high", 3.6e4, 3.6e3, liquid_only=True),
    M("half_cycle_time_s", "half_cycle_s", 1.0, "Half-cycle time", "s", "t = Q / J", "transport"),
    M("sand_ratio", "sand_ratio", 1.0, "Sand's time / half-cycle time", "×",
      "τ / t_half above the limiting current; ∞ below it (no depletion in steady state, Eq. 6)", "transport",
      "high", 10.0, 1.0, liquid_only=True),
    M("limiting_current_mA_cm2", "j_lim_A_m2", _s("mA_cm2"), "Limiting current", "mA cm⁻²",
      "Eq. 6: J* = 2 F D C0 / (t_a L)", "transport", liquid_only=True),
    M("interfacial_asr_ohm_cm2", "asr_interface_ohm_m2", _s("ohm_cm2"), "Interfacial ASR (per electrode)", "Ω cm²",
      "liquid: ASR_SEI(T) / A_w (the host's working area ratio); solid: R_int(T) / f_c (interface resistance over the contact fraction; Eq. 9, per interface)", "resistance", "low", 20.0, 100.0),
    M("coating_asr_ohm_cm2", "asr_coating_ohm_m2", _s("ohm_cm2"), "Coating ASR", "Ω cm²",
      "ASR = thickness / σ_coating", "resistance"),
    M("electrolyte_asr_ohm_cm2", "asr_electrolyte_ohm_m2", _s("ohm_cm2"), "Electrolyte ASR", "Ω cm²",
      "liquid: L N_M / σ(T); solid: L / σ(T), σT Arrhenius", "resistance"),
    M("total_asr_ohm_cm2", "asr_total_ohm_m2", _s("ohm_cm2"), "Total ASR (symmetric cell)", "Ω cm²",
      "2 (ASR_interface + ASR_coating) + ASR_electrolyte", "resistance", "low", 20.0, 200.0),
    M("charge_transfer_overpotential_mV", "eta_ct_V", _s("mV"), "Charge-transfer overpotential", "mV",
      "η_ct = (2RT/F) asinh(J / (2 A_w i0(T)))  (Butler–Volmer, α = ½, on the working area A_w)", "resistance"),
    M("concentration_overpotential_mV", "eta_conc_V", _s("mV"), "Concentration overpotential", "mV",
      "η_c = (2RT/F) t₋ ln((1 + x)/(1 − x)), x = J / J*_sep, J*_sep = 2 F D C0 / (t₋ L N_M)  (steady salt gradient "
      "across the separator of a symmetric cell; Bard & Faulkner §2.3)", "resistance", liquid_only=True),
    M("working_area_ratio", "working_area_ratio", 1.0, "Working area ratio A_w", "×",
      "A_w = max(R_s / R_el, 1), R_s = ASR_SEI + RT/(F i0), R_el = √(ρ_p R_s / a) coth(L/λ)  (de Levie: the share "
      "of a porous host's area ratio A that the pores' electrolyte reaches; A for a dense host)", "resistance",
      liquid_only=True),
    M("cell_overpotential_mV", "eta_cell_V", _s("mV"), "Symmetric-cell overpotential", "mV",
      "η = J ASR_total + η_c + 2 η_ct", "resistance", "low", 50.0, 200.0),
    M("ccd_mA_cm2", "ccd_A_m2", _s("mA_cm2"), "Critical current density", "mA cm⁻²",
      "min(CCD_strip, CCD_plate)", "solid_state", "high", 1.0, 0.3, solid_only=True),
    M("ccd_stripping_mA_cm2", "ccd_strip_A_m2", _s("mA_cm2"), "CCD, stripping (voids)", "mA cm⁻²",
      "Eqs. 11-12: f_c (J_vac(T) + (F/V_m) δ_c / t_half) + J_creep(P, T)", "solid_state", solid_only=True),
    M("ccd_penetration_mA_cm2", "ccd_pen_A_m2", _s("mA_cm2"), "CCD, plating (penetration)", "mA cm⁻²",
      "η_c / ASR_interface, η_c = V_m (K_IC / (1.12 √(π c)) − P) / F (Eq. 13 K_IC)", "solid_state", solid_only=True),
    # solid-state model v2 (issue 12): what sets the CCD
    M("contact_fraction", "contact_fraction", 1.0, "Na | SSE contact fraction", "",
      "f_c = min(1, max(P/(3 σ_y) (1 + n ε̇_y a_T t)^(1/n), (1 + cos θ)/2)); Na creep n, Q, σ_y measured",
      "solid_state", "high", 0.8, 0.3, solid_only=True),
    M("replenishment_current_mA_cm2", "j_replenish_A_m2", _s("mA_cm2"), "Vacancy replenishment current", "mA cm⁻²",
      "f_c J_vac(T) + J_creep(P, T): interface vacancy annihilation plus Na creep under stack pressure",
      "solid_state", solid_only=True),
    M("creep_replenishment_mA_cm2", "j_creep_A_m2", _s("mA_cm2"), "Creep replenishment (stack pressure)", "mA cm⁻²",
      "J_creep = (F/V_m) ℓ_c ε̇_y a_T P / (3 σ_y)", "solid_state", solid_only=True),
    M("ccd_limiting_mechanism", "ccd_limit", 1.0, "CCD limited by (1 stripping, 2 plating)", "",
      "1 if CCD_strip ≤ CCD_plate (voids on stripping) else 2 (penetration on plating)", "solid_state", solid_only=True),
    M("shear_modulus_ratio", "g_ratio", 1.0, "Shear modulus ratio G/G_Na", "×",
      "G_electrolyte (or coating / SEI) / 3.3 GPa; ≥ 2 Monroe–Newman", "solid_state", "high", 2.0, 1.0),
    M("plated_thickness_um", "plated_m", _s("um"), "Plated Na thickness", "µm",
      "h = Q V_m / F (8.86 µm per mAh cm⁻²)", "volume"),
    M("pore_volume_um", "pore_m", _s("um"), "Host pore volume per area", "µm", "φ t_host", "volume"),
    M("thickness_change_um", "thickness_change_m", _s("um"), "Electrode thickness change", "µm",
      "max(0, h − φ t_host)", "volume", "low", 2.0, 10.0),
    M("anode_specific_capacity_mAh_g", "specific_capacity_C_kg", _s("mAh_g"), "Anode specific capacity", "mAh g⁻¹",
      "Q / (m_host + m_Na)", "volume", "high", 500.0, 100.0),
    M("coulombic_efficiency", "ce", 1.0, "Coulombic efficiency", "",
      "CE = CE_Cu^(A_ratio^s f_coating g), g = exp(−E_SEI/k_B (1/T − 1/T_ref)) (J_eff/J_ref)^n", "interphase",
      "high", 0.995, 0.98),
    M("na_loss_per_cycle_mAh_cm2", "loss_C_m2", _s("mAh_cm2"), "Na inventory loss per cycle", "mAh cm⁻²",
      "Q (1 − CE)", "interphase"),
    M("cycles_until_excess_consumed", "cycles_excess", 1.0, "Cycles until Na excess is consumed", "cycles",
      "Q_excess / (Q (1 − CE))", "interphase"),
    M("cycles_to_80pct_anode_free", "cycles_80", 1.0, "Anode-free cycles to 80 % capacity", "cycles",
      "ln 0.8 / ln CE", "interphase"),
    M("gas_umol_cm2", "gas_mol_m2", _s("umol_cm2"), "Cumulative gas", "µmol cm⁻²",
      "n_ref (t / t_ref)^p A_ratio^s f_coating exp(−E_SEI/k_B (1/T − 1/T_ref))", "interphase", "low", 20.0, 100.0),
    M("predicted_lifetime_h", "lifetime_s", _s("h"), "Anode lifetime", "h",
      "min over mechanisms of t_i = N_i · 2Q/J (inventory, electrolyte, transport, nucleation, SEI fracture, "
      "voids, penetration; anodelab.lifetime: the anode's model, no cathode fade)", "risk", "high", 1000.0, 100.0),
    M("predicted_lifetime_cycles", "lifetime_cycles", 1.0, "Anode lifetime (cycles)", "cycles",
      "min over mechanisms of N_i (the anode's lifetime model, no cathode fade; a full cell's own cycle life, with "
      "the cathode's fade, is the Cell section's)", "risk"),
    M("dendrite_risk", "risk", 1.0, "Dendrite risk", "",
      "1 − Π (1 − P_i), P_i = 1 / (1 + (N_i / N)^β) (log-logistic failure cycle per mechanism, N = the design's cycles)", "risk", "low", 0.3, 0.6),
    # --- full cell (anodelab.cell.energy; n/a without a [cathode]) ---------------------------------
    M("cathode_capacity_mAh_cm2", "cathode_capacity_C_m2", _s("mAh_cm2"), "Cathode areal capacity", "mAh cm⁻²",
      "Q_cath = loading × active fraction × specific capacity", "Cell", cell_only=True),
    M("np_ratio", "np_ratio", 1.0, "N/P ratio", "×",
      "N/P = Q_Na,excess / Q_cath (0 = anode-free)", "Cell", cell_only=True),
    M("depth_of_discharge", "depth_of_discharge", 1.0, "Depth of discharge", "",
      "DoD = Q_cycled / Q_cath", "Cell", cell_only=True),
    M("cathode_polarisation_mV", "eta_cathode_V", _s("mV"), "Cathode polarisation", "mV",
      "η_cath = (2RT/F) asinh(J / (2 a m_act i0,cath)), a m_act = particle surface per electrode area "
      "(anodelab.cell.voltage)", "Cell", cell_only=True),
    M("cell_voltage_V", "cell_voltage_V", 1.0, "Mean cell voltage", "V",
      "V̄_cathode − J (ASR_interface + ASR_coating + ASR_electrolyte) − η_ct − η_cath, "
      "η_cath = (2RT/F) asinh(J / (2 a m_act i0,cath))", "Cell", cell_only=True),
    M("active_specific_energy_Wh_kg", "active_specific_energy_J_kg", 3600.0, "Active-material specific energy",
      "Wh kg⁻¹", "Q V_cell / (m_cathode,active + m_Na,excess)  (the basis of many papers)", "Cell", cell_only=True),
    M("stack_specific_energy_Wh_kg", "stack_specific_energy_J_kg", 3600.0, "Stack specific energy", "Wh kg⁻¹",
      "Q V_cell / Σ m_layer (collectors, cathode, separator, anode, electrolyte)", "Cell", "high", 250.0, 150.0, cell_only=True),
    M("cell_specific_energy_Wh_kg", "cell_specific_energy_J_kg", 3600.0, "Cell specific energy", "Wh kg⁻¹",
      "Q V_cell (1 − f_pack,m) / Σ m_layer", "Cell", "high", 200.0, 120.0, cell_only=True),
    M("stack_energy_density_Wh_L", "stack_energy_density_J_m3", 3.6e6, "Stack energy density", "Wh L⁻¹",
      "Q V_cell / Σ t_layer (charged state)", "Cell", "high", 600.0, 350.0, cell_only=True),
    M("cell_energy_density_Wh_L", "cell_energy_density_J_m3", 3.6e6, "Cell energy density", "Wh L⁻¹",
      "Q V_cell (1 − f_pack,V) / Σ t_layer", "Cell", "high", 500.0, 300.0, cell_only=True),
    M("cell_areal_mass_mg_cm2", "cell_mass_kg_m2", _s("mg_cm2"), "Cell mass per electrode area", "mg cm⁻²",
      "Σ m_layer / (1 − f_pack,m)", "Cell", cell_only=True),
    M("cell_thickness_um", "cell_thickness_m", _s("um"), "Cell thickness per repeat unit", "µm",
      "Σ t_layer / (1 − f_pack,V)", "Cell", cell_only=True),
    M("electrolyte_reserve_mg_cm2", "electrolyte_reserve_kg_m2", _s("mg_cm2"), "Electrolyte beyond the pores", "mg cm⁻²",
      "(E/C) Q_cath − ρ_el V_pores (< 0: the stack is not wetted)", "Cell", "high", 1.0, 0.0, cell_only=True),
    M("cycle_life_na_inventory_cycles", "cycle_life_na_inventory", 1.0, "Cycle life, Na inventory", "cycles",
      "Q_ex / (Q (1 − CE)) + ln 0.8 / ln CE  (anodelab.lifetime: inventory)", "Cell", "high", 500.0, 100.0,
      cell_only=True),
    M("cycle_life_electrolyte_cycles", "cycle_life_electrolyte", 1.0, "Cycle life, electrolyte dry-out", "cycles",
      "B / (ν Q (1 − CE) / F), B = c_solv max(0, min(f_dry V_el, V_el − V_pores)), V_el = (E/C) Q_cath / ρ_el "
      "(anodelab.lifetime: electrolyte, the cell's E/C)", "Cell", "high", 500.0, 100.0, cell_only=True),
    M("cycle_life_short_cycles", "cycle_life_short", 1.0, "Cycle life, dendritic short", "cycles",
      "min(transport, nucleation, SEI fracture, voids, penetration)  (anodelab.lifetime)", "Cell", "high", 500.0,
      100.0, cell_only=True),
    M("cycle_life_cathode_cycles", "cycle_life_cathode", 1.0, "Cathode-fade life", "cycles",
      "ln r / ln(1 − f), f = the cathode's capacity_fade_per_cycle (half cell vs Na, excess Na)", "Cell", "high",
      500.0, 100.0, cell_only=True),
    M("cycle_life_capacity_cycles", "cycle_life_capacity", 1.0, "Capacity life (cathode × Na)", "cycles",
      "(1 − f)^N · min(1, CE^(N − n_ex)) = r: N_cath if N_cath ≤ n_ex, else (ln r + n_ex ln CE) / (ln(1 − f) + ln CE)",
      "Cell", "high", 500.0, 100.0, cell_only=True),
    M("cell_cycle_life_cycles", "cell_cycle_life", 1.0, "Cell cycle life to 80 %", "cycles",
      "min(cathode × Na inventory, electrolyte dry-out, dendritic short) (≤ the anode lifetime (cycles), which "
      "has no cathode fade)", "Cell", "high", 500.0, 100.0, cell_only=True),
)
METRIC_BY_KEY = {m.key: m for m in METRICS}
