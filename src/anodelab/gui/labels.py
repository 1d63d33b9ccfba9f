"""Names a person reads for the engine's keys (material properties), with the key kept in tooltips.

``property_label("youngs_modulus_GPa")`` → "Young's modulus E". Keys without an entry fall back to
:func:`anodelab.formatting.label_of` with the first letter capitalised.
"""

from __future__ import annotations

from ..formatting import label_of

PROPERTY_LABELS = {
    # values of a fit (Measurements dock); units the key suffix does not give are in the label
    "interfacial_asr_per_electrode_ohm_cm2": "Interfacial ASR per electrode",
    "asr_total_ohm_cm2": "Total ASR of the cell",
    "resistance_ohm": "Cell resistance [Ω]",
    "bulk_asr_ohm_cm2": "Bulk ASR",
    "bulk_resistance_ohm": "Bulk resistance [Ω]",
    "interface_asr_ohm_cm2": "Interface ASR",
    "interface_resistance_ohm": "Interface resistance [Ω]",
    "asr_ref_ohm_cm2": "ASR at the reference temperature",
    "ccd_mA_cm2": "Critical current density",
    "ccd_mA": "Critical current [mA]",
    "average_ce": "Average Coulombic efficiency",
    "ce": "Mean Coulombic efficiency",
    "ce_drift_per_cycle": "Drift of the CE per cycle",
    "na_loss_mAh_cm2_per_cycle": "Na loss per cycle [mAh cm⁻²]",
    "growth_mV_per_half_cycle": "Overpotential growth per half cycle [mV]",
    "growth_time_s": "Relaxation time of the excess",
    "initial_overpotential_mV": "Initial overpotential η_0",
    "overpotential_offset_mV": "Overpotential offset η_0",
    "plateau_overpotential_mV": "Plateau overpotential η_p",
    "ohmic_overpotential_mV": "Ohmic jump at t = 0",
    "nucleation_time_s": "Time of the nucleation dip",
    "surface_area_ratio": "Surface-area ratio A_true/A_geo",
    "porosity": "Porosity",
    "thickness_um": "Thickness",
    "thickness_nm": "Thickness",
    "areal_mass_mg_cm2": "Areal mass",
    "nucleation_overpotential_mV": "Nucleation overpotential (excess)",
    "nucleation_reference_current_mA_cm2": "Reference current of η_nuc",
    "na_contact_angle_deg": "Na contact angle θ",
    "surface_energy_substrate_J_m2": "Substrate surface energy γ_SE",
    "interface_energy_na_substrate_J_m2": "Na | substrate interface energy γ_NS",
    "reaction_free_energy_J_m2": "Reaction free energy Δγ + ΔG_r",
    "ionic_conductivity_mS_cm": "Ionic conductivity",
    "shear_modulus_GPa": "Shear modulus G",
    "electronic_insulator": "Electronic insulator",
    "sei_suppression_factor": "SEI suppression factor",
    "concentration_mol_L": "Salt concentration C₀",
    "diffusivity_cm2_s": "Salt diffusivity D",
    "transference_number": "Na⁺ transference number t₊",
    "conductivity_mS_cm": "Ionic conductivity σ",
    "reference_temperature_C": "Reference temperature",
    "conductivity_activation_energy_eV": "Activation energy of σ",
    "na_electrolyte_interfacial_energy_J_m2": "Na | electrolyte interfacial energy γ_NE",
    "exchange_current_density_mA_cm2": "Exchange current density i₀",
    "sei_asr_ohm_cm2": "SEI area-specific resistance",
    "sei_activation_energy_eV": "Activation energy of the SEI",
    "sei_shear_modulus_GPa": "SEI shear modulus",
    "coulombic_efficiency_on_cu": "Coulombic efficiency on Cu",
    "gas_evolution_umol_cm2": "Gas evolution",
    "gas_reference_time_h": "Reference time of the gas value",
    "electrode_gap_um": "Electrode gap (separator) L",
    "separator_macmullin_number": "Separator MacMullin number",
    "solvent_family": "Solvent family",
    "fec_additive": "FEC additive",
    "activation_energy_eV": "Activation energy of σT",
    "interfacial_asr_ohm_cm2": "Interfacial ASR (per interface)",
    "interface_activation_energy_eV": "Activation energy of the interfacial ASR",
    "youngs_modulus_GPa": "Young's modulus E",
    "hardness_GPa": "Vickers hardness H",
    "fracture_toughness_MPa_m05": "Fracture toughness K_IC",
    "indentation_load_N": "Indentation load P",
    "indentation_crack_length_um": "Indentation crack length c",
    "interfacial_asr_factor": "Interfacial ASR factor",
    "current_focusing_factor": "Current-focusing factor",
}


def property_label(name: str) -> str:
    """The name a person reads for a property key (its unit is shown in its own column)."""
    if name in PROPERTY_LABELS:
        return PROPERTY_LABELS[name]
    text = label_of(name)
    return text[:1].upper() + text[1:]


def article(word: str) -> str:
    """'a' or 'an' before ``word`` ("an interlayer", "a host")."""
    return "an" if word[:1].lower() in "aeiou" else "a"


def short_material_name(name: str) -> str:
    """A material's name as it reads in a design name: its abbreviation if it has one
    ("Cu nanowires on Cu foam (CuNW-Cu)" → "CuNW-Cu"), else the name without its parenthesis."""
    import re

    m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", name)
    if not m:
        return name
    base, par = m.group(1), m.group(2)
    if par and " " not in par and any(ch.isupper() for ch in par) and len(par) <= 12:
        return par
    return base or name


def auto_design_name(resolved) -> str:
    """The descriptive default name of a design from its layers, in stack order:
    "Na on CuNW-Cu | SnOx | NZSP" (host, coating, interlayer, electrolyte)."""
    parts = []
    for slot in ("host", "coating", "interlayer", "electrolyte"):
        layer = resolved.layers.get(slot)
        if layer is not None and layer.name:
            parts.append(short_material_name(layer.name))
    return "Na on " + " | ".join(parts) if parts else "Untitled design"
