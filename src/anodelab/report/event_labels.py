"""Words for the events of simulated profiles (``anodelab.simulate`` Profile.events), shared by the
GUI's plot notes and the report captions: "lifetime = 1000 h" instead of "lifetime_h = 1000"."""

from __future__ import annotations

from ..formatting import fmt_number, label_of, unit_of

#: event key → (label a person reads, unit); keys not listed fall back to label_of/unit_of
EVENT_LABELS = {
    "nucleation_overpotential_mV": ("nucleation overpotential η_n", "mV"),
    "plateau_overpotential_mV": ("plateau overpotential η_p", "mV"),
    "nucleation_time_s": ("nucleation time", "s"),
    "plated_capacity_mAh_cm2": ("plated capacity", "mAh cm⁻²"),
    "double_layer_charge_mAh_cm2": ("double-layer charge", "mAh cm⁻²"),
    "duration_s": ("step length", "s"),
    "lifetime_h": ("lifetime", "h"),
    "predicted_lifetime_h": ("predicted lifetime", "h"),
    "hard_short_h": ("hard short at", "h"),
    "initial_overpotential_mV": ("first-cycle overpotential", "mV"),
    "final_overpotential_mV": ("last-cycle overpotential", "mV"),
    "cycles_completed": ("cycles completed", ""),
    "test_duration_h": ("test length", "h"),
    "ccd_mA_cm2": ("CCD read from the curve", "mA cm⁻²"),
    "engine_ccd_mA_cm2": ("engine CCD at the ramp's half-cycle time (the card's is at the design's J and Q)", "mA cm⁻²"),
    "engine_ccd_stripping_mA_cm2": ("engine stripping (void) limit", "mA cm⁻²"),
    "engine_ccd_plating_mA_cm2": ("engine plating (penetration) limit", "mA cm⁻²"),
    "ccd_limit": ("limited by", ""),
    "short_time_s": ("short at", "s"),
    "steps": ("current steps", ""),
    "average_ce": ("mean CE", "%"),
    "engine_ce": ("CE of the score card", "%"),
    "final_strip_mAh_cm2": ("final strip Q_S", "mAh cm⁻²"),
    "reservoir_exhausted_cycle": ("reservoir exhausted at cycle", ""),
    "activation_energy_eV": ("activation energy E_a", "eV"),
    "fit_r2": ("R² of the Arrhenius fit", ""),
    "dc_resistance_ohm_cm2": ("total (dc) resistance", "Ω cm²"),
    "bulk_resistance_ohm_cm2": ("bulk", "Ω cm²"),
    "grain_boundary_resistance_ohm_cm2": ("grain boundary", "Ω cm²"),
    "interface_resistance_ohm_cm2": ("two interfaces", "Ω cm²"),
    "coating_resistance_ohm_cm2": ("two coatings", "Ω cm²"),
    "charge_transfer_resistance_ohm_cm2": ("charge transfer (small signal, not in the curve)", "Ω cm²"),
    # the solid-state figures of the report (report.content: CCD and interface ASR against T or P)
    "operating_temperature_C": ("operating point", "°C"),
    "operating_stack_pressure_MPa": ("operating point", "MPa"),
    "operating_ccd_mA_cm2": ("CCD at the operating point", "mA cm⁻²"),
    "operating_interface_asr_ohm_cm2": ("interface ASR at the operating point", "Ω cm²"),
    "ccd_apparent_activation_eV": ("apparent activation of CCD(T) (least squares)", "eV"),
    "ccd_activation_fit_range_C": ("activation fitted over", "°C"),
    "measured_ccd_mA_cm2": ("measured on the same electrolyte (CCD in mA cm⁻²)", ""),
    "measured_interface_asr_ohm_cm2": ("measured on the same electrolyte (ASR in Ω cm²)", ""),
}
FAILURE_WORDS = {
    "soft_short": "soft short", "hard_short": "hard short", "inventory_depleted": "Na inventory used up",
    "overpotential_limit": "voltage limit reached",
}
CAUSE_WORDS = {
    "dendrite_risk": "dendrite growth (risk score)", "sand_time": "Sand's time reached",
    "limiting_current": "above the limiting current", "ccd": "above the critical current density",
    "overpotential_limit": "overpotential growth", "inventory": "Na inventory loss",
}
#: the lifetime model's short mechanisms (anodelab.lifetime) as a person reads them
SHORT_WORDS = {
    "transport": "transport-limited growth above the limiting current",
    "nucleation": "dead Na piled on sparse nuclei",
    "sei_fracture": "dead Na on the cracks of an SEI broken by the volume change",
    "voids": "voids at the stripping interface (contact loss, then a short on plating)",
    "penetration": "Na penetrating flaws of the solid electrolyte",
}
#: events given as a fraction that a person reads in per cent
PERCENT_EVENTS = frozenset({"average_ce", "engine_ce"})


def event_text(key: str, value) -> str:
    """One event as a person reads it: "mean CE = 99.55 %", "failure mode = soft short"."""
    label, unit = EVENT_LABELS.get(key, (label_of(key), unit_of(key)))
    if key in PERCENT_EVENTS and isinstance(value, (int, float)) and not isinstance(value, bool):
        value = 100.0 * value
    if key == "failure_mode":
        value = FAILURE_WORDS.get(value, "no failure" if value == "none" else value)
        label = "failure"
    if key == "short_mechanism":
        if value == "none":
            return ""
        return f"short by = {SHORT_WORDS.get(value, value)}"
    if key == "failure_cause":
        if value == "none":
            return ""
        value = CAUSE_WORDS.get(value, value)
        label = "cause"
    return f"{label} = {fmt_number(value)} {unit}".rstrip()
