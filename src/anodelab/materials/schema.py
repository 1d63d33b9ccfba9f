"""Schema of the materials library and of design properties.

One registry, :data:`PROPERTIES`, says for every property name its kind (number, bool or
choice), its physically allowed range in user units, and which material classes use it.
:data:`REQUIRED` lists what each class must define. Library files and design files are both
checked against it, so one mistake gets one message naming the file, entry and field.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..electrolyte.parameterisations import NO_MODEL, PARAMETERISATIONS, concentration_problem

CLASSES = ("host", "coating", "liquid_electrolyte", "solid_electrolyte", "interlayer", "cathode")
#: Slot of a design that takes each class.
SLOT_CLASSES = {
    "host": ("host",),
    "coating": ("coating",),
    "electrolyte": ("liquid_electrolyte", "solid_electrolyte"),
    "interlayer": ("interlayer",),
    "cathode": ("cathode",),
}


#: Smallest non-zero value of a property whose range starts at 0 (in the property's unit): below it
#: the model's quotients and powers overflow double precision (e.g. a 5e-323 conductivity).
MIN_POSITIVE = 1e-30


@dataclass(frozen=True)
class PropertySpec:
    """One property: allowed values in user units and a one-line meaning."""

    name: str
    kind: str  # "number", "bool" or "choice"
    low: float = -math.inf
    high: float = math.inf
    low_inclusive: bool = True
    high_inclusive: bool = True
    choices: tuple[str, ...] = ()
    meaning: str = ""

    def describe_range(self) -> str:
        if self.kind == "bool":
            return "true or false"
        if self.kind == "choice":
            return "one of " + ", ".join(repr(c) for c in self.choices)
        lo = ("[" if self.low_inclusive else "(") + _fmt(self.low)
        hi = _fmt(self.high) + ("]" if self.high_inclusive else ")")
        return f"a number in {lo}, {hi}"

    def check(self, value) -> str | None:
        """Return None when ``value`` is allowed, else a message saying what is allowed."""
        if self.kind == "bool":
            return None if isinstance(value, bool) else f"must be {self.describe_range()}, got {_shown(value)}"
        if self.kind == "choice":
            return None if value in self.choices else f"must be {self.describe_range()}, got {_shown(value)}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be {self.describe_range()}, got {_shown(value)}"
        v = float(value)
        if not math.isfinite(v):
            return f"must be a finite number, got {_shown(value)}"
        ok_lo = v >= self.low if self.low_inclusive else v > self.low
        ok_hi = v <= self.high if self.high_inclusive else v < self.high
        if ok_lo and ok_hi:
            if self.low == 0.0 and 0.0 < v < MIN_POSITIVE:
                zero = "0 or " if self.low_inclusive else ""
                return (f"must be {self.describe_range()} and {zero}at least {MIN_POSITIVE:g} (smaller values "
                        f"overflow the model's arithmetic), got {_shown(value)}")
            return None
        return f"must be {self.describe_range()}, got {_shown(value)}"


def _shown(value) -> str:
    from ..errors import shown

    return shown(value)


def _fmt(x: float) -> str:
    if x == math.inf:
        return "∞"
    if x == -math.inf:
        return "-∞"
    return f"{x:g}"


def _num(name, low=-math.inf, high=math.inf, *, lo_inc=True, hi_inc=True, meaning=""):
    return PropertySpec(name, "number", low, high, lo_inc, hi_inc, meaning=meaning)


_SPECS = [
    # host and nucleating surfaces
    _num("surface_area_ratio", 1.0, 1e5, meaning="electroactive / geometric area"),
    _num("porosity", 0.0, 0.99, meaning="fraction of host volume open to Na"),
    _num("thickness_um", 0.0, 1e5, lo_inc=False, meaning="layer thickness"),
    _num("areal_mass_mg_cm2", 0.0, 1e4, meaning="host mass per geometric area"),
    _num("nucleation_overpotential_mV", 0.0, 2000.0, meaning="nucleation excess (dip minus plateau) at the reference current"),
    _num("nucleation_reference_current_mA_cm2", 1e-6, 1e3, meaning="current density of the nucleation measurement"),
    _num("na_contact_angle_deg", 0.0, 180.0, meaning="Young contact angle of Na on the surface"),
    _num("surface_energy_substrate_J_m2", 0.0, 20.0, meaning="γ_SE of Eq. 4"),
    _num("interface_energy_na_substrate_J_m2", 0.0, 20.0, meaning="γ_NS of Eq. 4"),
    _num("reaction_free_energy_J_m2", -20.0, 0.0, meaning="Δγ_SE + ΔG_r of Eq. 5 (≤ 0)"),
    PropertySpec("na_conducting_framework", "bool",
                 meaning="true if the host is a porous framework of the cell's own Na⁺-conducting solid electrolyte "
                         "with Na in its pores: in a solid cell its internal Na | SSE area (surface_area_ratio) carries "
                         "the current over the de Levie working depth (anodelab.physics.solid.contact)"),
    # coatings
    _num("thickness_nm", 0.0, 1e7, meaning="layer thickness (0 for a bare contact)"),
    _num("ionic_conductivity_mS_cm", 0.0, 1e4, lo_inc=False, meaning="Na⁺ conductivity of the layer"),
    _num("shear_modulus_GPa", 0.0, 1e3, meaning="shear modulus G"),
    PropertySpec("electronic_insulator", "bool", meaning="true if electrons cannot cross the layer"),
    _num("sei_suppression_factor", 0.0, 1.0, meaning="multiplier on SEI side-reaction loss and gas"),
    # liquid electrolytes
    _num("concentration_mol_L", 0.0, 20.0, lo_inc=False, meaning="salt concentration C0"),
    _num("diffusivity_cm2_s", 0.0, 1e-2, lo_inc=False, meaning="salt diffusion coefficient D"),
    _num("transference_number", 0.0, 1.0, lo_inc=False, hi_inc=False, meaning="Na⁺ transference number t_Na+"),
    _num("conductivity_mS_cm", 0.0, 1e4, lo_inc=False, meaning="ionic conductivity at the reference temperature"),
    _num("reference_temperature_C", -100.0, 600.0, meaning="temperature of the conductivity / ASR values"),
    _num("conductivity_activation_energy_eV", 0.0, 3.0, meaning="Arrhenius activation energy of the conductivity"),
    _num("na_electrolyte_interfacial_energy_J_m2", 0.0, 10.0, lo_inc=False, meaning="γ_NE of Eqs. 1, 3, 4"),
    _num("exchange_current_density_mA_cm2", 0.0, 1e4, lo_inc=False, meaning="i0 of Na/Na⁺"),
    _num("sei_asr_ohm_cm2", 0.0, 1e6, meaning="interphase ASR per Na electrode"),
    _num("sei_activation_energy_eV", 0.0, 3.0, meaning="Arrhenius activation energy of the SEI ASR and i0"),
    _num("sei_shear_modulus_GPa", 0.0, 1e3, meaning="shear modulus of the native SEI"),
    _num("coulombic_efficiency_on_cu", 0.0, 1.0, lo_inc=False, meaning="plating/stripping CE on planar Cu"),
    _num("gas_evolution_umol_cm2", 0.0, 1e6, meaning="gas per Na area after the reference time"),
    _num("gas_reference_time_h", 0.0, 1e7, lo_inc=False, meaning="storage time of the gas value"),
    _num("electrode_gap_um", 0.0, 1e5, lo_inc=False, meaning="separator thickness L of Eq. 6"),
    _num("separator_macmullin_number", 1.0, 1e4, meaning="κ_bulk / κ_effective of the wetted separator"),
    PropertySpec("solvent_family", "choice", choices=("ether", "carbonate", "other"), meaning="solvent class"),
    PropertySpec("fec_additive", "bool", meaning="FEC additive present"),
    PropertySpec("transport_model", "choice", choices=(NO_MODEL, *PARAMETERISATIONS),
                 meaning="σ(c), D(c), t₊(c) from this primary parameterisation (anodelab.electrolyte); 'none': the values given"),
    # solid electrolytes
    _num("activation_energy_eV", 0.0, 3.0, meaning="Arrhenius activation energy of σT"),
    _num("interfacial_asr_ohm_cm2", 0.0, 1e7, meaning="Na | SSE ASR per interface (Eq. 9, symmetric cell halved)"),
    _num("interface_activation_energy_eV", 0.0, 3.0, meaning="Arrhenius activation energy of the interfacial ASR"),
    _num("youngs_modulus_GPa", 0.0, 1e4, lo_inc=False, meaning="Young's modulus E"),
    _num("hardness_GPa", 0.0, 1e3, lo_inc=False, meaning="Vickers hardness H"),
    _num("fracture_toughness_MPa_m05", 0.0, 100.0, lo_inc=False, meaning="K_IC"),
    _num("indentation_load_N", 0.0, 1e4, lo_inc=False, meaning="P of Eq. 13"),
    _num("indentation_crack_length_um", 0.0, 1e5, lo_inc=False, meaning="c of Eq. 13"),
    # interlayers (model v2, issue 12: own properties, no free factors)
    _num("stripping_activation_energy_eV", 0.0, 3.0,
         meaning="activation energy of vacancy annihilation at the Na | interlayer interface (stripping limit)"),
    _num("alloy_interface_fraction", 0.0, 1.0,
         meaning="share of the Na | SSE interface on which the interlayer's own vacancy-annihilation barrier acts "
                 "(1 = a continuous film; a dispersed alloy phase covers about its volume fraction)"),
    # cathodes (the positive electrode of a full cell, anodelab.cell); porosity is shared with hosts
    _num("specific_capacity_mAh_g", 0.0, 2000.0, lo_inc=False, meaning="reversible capacity per gram of active material"),
    _num("average_voltage_V", 0.0, 6.0, lo_inc=False, meaning="mean discharge voltage vs Na/Na⁺ over the full state-of-charge window"),
    _num("density_g_cm3", 0.0, 25.0, lo_inc=False, meaning="density of the coating's solids (active material, carbon, binder)"),
    _num("areal_loading_mg_cm2", 0.0, 1000.0, lo_inc=False, meaning="coating mass per side and geometric area"),
    _num("active_fraction", 0.0, 1.0, lo_inc=False, meaning="mass fraction of active material in the coating"),
    # cathode charge transfer (anodelab.cell.voltage.cathode_polarisation_V): η = (2RT/F) asinh(J / (2 a m_act i0))
    _num("particle_exchange_current_density_mA_cm2", 0.0, 1e4, lo_inc=False,
         meaning="exchange current density of the cathode's charge transfer per area of particle surface, "
                 "averaged over the state of charge"),
    _num("active_specific_surface_m2_g", 0.0, 1e4, lo_inc=False,
         meaning="particle surface per gram of active material, a = 3 / (ρ_active r) for spheres of radius r"),
    # cathode-side capacity fade (anodelab.cell.energy: cycle_life_cathode), from a half cell vs Na metal with
    # excess Na (the Na inventory does not limit): f = 1 − retention^(1/N)
    _num("capacity_fade_per_cycle", 0.0, 1.0, hi_inc=False,
         meaning="fraction of the cathode's capacity lost per cycle at the cathode itself (half cell vs Na metal, "
                 "excess Na), f = 1 − retention^(1/N)"),
]
PROPERTIES: dict[str, PropertySpec] = {s.name: s for s in _SPECS}

_NUCLEATING = (
    "nucleation_overpotential_mV",
    "nucleation_reference_current_mA_cm2",
    "reaction_free_energy_J_m2",
)
REQUIRED: dict[str, tuple[str, ...]] = {
    "host": ("surface_area_ratio", "porosity", "thickness_um", "areal_mass_mg_cm2") + _NUCLEATING,
    "coating": (
        "thickness_nm",
        "ionic_conductivity_mS_cm",
        "shear_modulus_GPa",
        "electronic_insulator",
        "sei_suppression_factor",
    )
    + _NUCLEATING,
    "liquid_electrolyte": (
        "concentration_mol_L",
        "diffusivity_cm2_s",
        "transference_number",
        "conductivity_mS_cm",
        "reference_temperature_C",
        "conductivity_activation_energy_eV",
        "na_electrolyte_interfacial_energy_J_m2",
        "exchange_current_density_mA_cm2",
        "sei_asr_ohm_cm2",
        "sei_activation_energy_eV",
        "sei_shear_modulus_GPa",
        "coulombic_efficiency_on_cu",
        "gas_evolution_umol_cm2",
        "gas_reference_time_h",
        "electrode_gap_um",
        "separator_macmullin_number",
        "solvent_family",
        "fec_additive",
    ),
    "solid_electrolyte": (
        "conductivity_mS_cm",
        "reference_temperature_C",
        "activation_energy_eV",
        "thickness_um",
        "interfacial_asr_ohm_cm2",
        "interface_activation_energy_eV",
        "shear_modulus_GPa",
        "youngs_modulus_GPa",
        "hardness_GPa",
        "na_contact_angle_deg",
    ),
    "interlayer": (
        "thickness_nm",
        "na_contact_angle_deg",
        "electronic_insulator",
    ),
    "cathode": (
        "specific_capacity_mAh_g",
        "average_voltage_V",
        "density_g_cm3",
        "porosity",
        "areal_loading_mg_cm2",
        "active_fraction",
    ),
}
#: Classes whose surfaces Na nucleates on: they need a contact angle or both surface energies.
WETTING_CLASSES = ("host", "coating")
#: Optional properties each class may carry beyond REQUIRED.
OPTIONAL: dict[str, tuple[str, ...]] = {
    # na_conducting_framework: only a framework of the solid electrolyte says so (absent = false)
    "host": ("na_contact_angle_deg", "surface_energy_substrate_J_m2", "interface_energy_na_substrate_J_m2",
             "na_conducting_framework"),
    "coating": ("na_contact_angle_deg", "surface_energy_substrate_J_m2", "interface_energy_na_substrate_J_m2"),
    "liquid_electrolyte": ("transport_model",),
    "solid_electrolyte": ("fracture_toughness_MPa_m05", "indentation_load_N", "indentation_crack_length_um"),
    # interfacial_asr_ohm_cm2: the measured Na | interlayer | SSE ASR where a paper gives it (else the SSE's
    # interface resistance applies, on the interlayer's own contact)
    "interlayer": ("interfacial_asr_ohm_cm2", "stripping_activation_energy_eV", "alloy_interface_fraction"),
    # without them a custom cathode has no polarisation (η_cath = 0); every library cathode gives both
    # capacity_fade_per_cycle: without it a custom cathode loses no capacity itself (f = 0); every library cathode gives it
    "cathode": ("particle_exchange_current_density_mA_cm2", "active_specific_surface_m2_g", "capacity_fade_per_cycle"),
}


def allowed(cls: str) -> tuple[str, ...]:
    """All property names a material of class ``cls`` may carry."""
    return REQUIRED[cls] + OPTIONAL[cls]


def missing_requirements(cls: str, props: dict) -> list[str]:
    """Messages for required properties absent from ``props`` (a dict name → value)."""
    out = [f"missing required property '{n}'" for n in REQUIRED[cls] if n not in props]
    if cls in WETTING_CLASSES and "na_contact_angle_deg" not in props:
        if not ("surface_energy_substrate_J_m2" in props and "interface_energy_na_substrate_J_m2" in props):
            out.append(
                "needs 'na_contact_angle_deg' or both 'surface_energy_substrate_J_m2' and "
                "'interface_energy_na_substrate_J_m2'"
            )
    if cls == "solid_electrolyte" and "fracture_toughness_MPa_m05" not in props:
        if not ("indentation_load_N" in props and "indentation_crack_length_um" in props):
            out.append(
                "needs 'fracture_toughness_MPa_m05' or the indentation data 'indentation_load_N' and "
                "'indentation_crack_length_um' (Eq. 13)"
            )
    if cls == "liquid_electrolyte" and "transport_model" in props and "concentration_mol_L" in props:
        problem = concentration_problem(_value(props["transport_model"]), float(_value(props["concentration_mol_L"])))
        if problem:
            out.append(problem)
    return out


def _value(p):
    return getattr(p, "value", p)


#: Longest texts a file may carry (characters): names show in titles, tables and reports.
MAX_NAME_CHARS = 200
MAX_DESCRIPTION_CHARS = 4000
MAX_SOURCE_CHARS = 2000


def check_text(value, limit: int, *, required: bool = False) -> str | None:
    """None when ``value`` is text of at most ``limit`` characters, else a message saying what is allowed."""
    if not isinstance(value, str):
        return f"must be text (at most {limit:,} characters), got a {type(value).__name__}"
    if required and not value.strip():
        return "must not be empty"
    if len(value) > limit:
        return f"has {len(value):,} characters; the limit is {limit:,}"
    return None
