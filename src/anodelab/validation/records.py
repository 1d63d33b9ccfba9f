"""Literature records of Lu et al. 2022, Tables 1-2 (``resources/literature/``) → designs to score.

Each record names library materials for host / coating / electrolyte / interlayer and the test
conditions. One record gives up to four comparisons, each scored at its own conditions:

* ``cell_overpotential_mV``  – Table 1 symmetric cell (current density, capacity per half cycle);
* ``coulombic_efficiency``   – Table 1 CE test (its own current density and capacity);
* ``interfacial_asr_ohm_cm2`` and ``ccd_mA_cm2`` – Table 2, at the record's temperature and stack pressure;
* ``lifetime_h``             – reported symmetric-cell life (Table 1, or Table 2 at the cycling current).

Records and the record → design builder live in :mod:`anodelab.literature` (shared with the lifetime
calibration); every design carries its electrode's Na excess (:func:`anodelab.literature.record_na_excess_mAh_cm2`:
a Table 1 record's foil or filled host, else :data:`anodelab.literature.ASSUMED_NA_EXCESS_mAh_cm2`) and is resolved
against the installed library.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..design import Design
from ..literature import (
    ASSUMED_NA_EXCESS_mAh_cm2, TABLE_FILES, Record, installed_library, load_records, record_design,
    symmetric_conditions,
)
from ..materials.library import Library
from .heldout import ohmic_bound

__all__ = ["ASSUMED_NA_EXCESS_mAh_cm2", "TABLE_FILES", "DEPENDS_ON", "Comparison", "Record", "comparisons",
           "load_records", "record_design"]

#: Properties each predicted quantity depends on, per slot: if one of them was taken from the same
#: paper as the record (its source cites "[ref]"), the comparison is not independent evidence.
DEPENDS_ON = {
    "cell_overpotential_mV": {
        "electrolyte": ("sei_asr_ohm_cm2", "exchange_current_density_mA_cm2", "conductivity_mS_cm"),
        "host": ("surface_area_ratio",),
        "coating": ("ionic_conductivity_mS_cm", "thickness_nm"),
    },
    "coulombic_efficiency": {
        "electrolyte": ("coulombic_efficiency_on_cu",),
        "host": ("surface_area_ratio",),
        "coating": ("sei_suppression_factor",),
    },
    "interfacial_asr_ohm_cm2": {"electrolyte": ("interfacial_asr_ohm_cm2",), "interlayer": ("interfacial_asr_ohm_cm2",)},
    "ccd_mA_cm2": {"electrolyte": ("interfacial_asr_ohm_cm2",),
                   "interlayer": ("interfacial_asr_ohm_cm2", "stripping_activation_energy_eV",
                                  "alloy_interface_fraction")},
    "lifetime_h": {},
}
#: a lifetime depends on everything the overpotential and the CE depend on (model v2: inventory, electrolyte and
#: short times all use them)
DEPENDS_ON["lifetime_h"] = {
    slot: tuple(sorted(set(DEPENDS_ON["cell_overpotential_mV"].get(slot, ())) | set(DEPENDS_ON["coulombic_efficiency"].get(slot, ()))))
    for slot in ("electrolyte", "host", "coating")
}
#: a solid cell's lifetime also depends on whether its host is a Na⁺-conducting SSE framework and on the framework's
#: geometry (the working area a_w of anodelab.physics.solid.contact.framework_working_area_ratio): where that flag
#: comes from the record's own paper (T2-94), the record is not independent evidence
DEPENDS_ON["lifetime_h"]["host"] += ("na_conducting_framework",)
#: a solid cell's lifetime (voids, penetration, Monroe–Newman) also depends on the SSE's interface resistance, wetting,
#: toughness and moduli, and on the interlayer properties of the CCD: a record whose paper supplied one of them is not
#: independent evidence (the NCBB moduli of EV-Brighi22-NCBB come from its own paper)
DEPENDS_ON["lifetime_h"]["electrolyte"] += ("interfacial_asr_ohm_cm2", "fracture_toughness_MPa_m05",
                                            "na_contact_angle_deg", "shear_modulus_GPa", "youngs_modulus_GPa")
DEPENDS_ON["lifetime_h"]["interlayer"] = DEPENDS_ON["ccd_mA_cm2"]["interlayer"]
#: a property whose source says it was chosen to match Table 1 is not independent of any Table 1 record
TUNED_TO_TABLE1 = "chosen to match Table 1"
#: Tables 1-2 report how long a cell cycled stably, mostly the test length, not a failure: a lifetime is treated as
#: right-censored unless its record says ``lifetime_event = true`` in its [record.symmetric] / [record.reported] table
LIFETIME_CENSORED_DEFAULT = True


@dataclass(frozen=True)
class Comparison:
    """One reported number of one record, with the design that predicts it."""

    record_id: str
    table: int
    reference: int
    strategy: str
    quantity: str  # the reported quantity (a METRICS key, or lifetime_h)
    reported: float
    design: Design
    independent: bool  # False if an input property was taken from the same paper
    input_note: str = ""
    bound_note: str = ""  # why the reported value breaks a physical bound ("" if it does not)
    censored: bool = False  # lifetimes: the cell was still running at the reported time


def _independence(rec: Record, quantity: str, library: Library) -> tuple[bool, str]:
    tag = f"[{rec.reference}]"
    same, tuned = [], []
    for slot, props in DEPENDS_ON.get(quantity, {}).items():
        mid = rec.layers.get(slot)
        if not mid:
            continue
        mat = library.get(mid)
        for p in props:
            prop = mat.properties.get(p)
            if prop is None:
                continue
            if tag in prop.source:
                same.append(f"{mid}.{p}")
            elif rec.table == 1 and TUNED_TO_TABLE1 in prop.source:
                tuned.append(f"{mid}.{p}")
    notes = []
    if same:
        notes.append(f"input from the same paper {tag}: " + ", ".join(same))
    if tuned:
        notes.append("input chosen to match Table 1: " + ", ".join(tuned))
    return (not notes), "; ".join(notes)


def comparisons(records: list[Record] | None = None, library: Library | None = None) -> list[Comparison]:
    """Every reported number of every record with the design that predicts it (designs by
    :func:`anodelab.literature.record_design`; default library: the installed one)."""
    library = library or installed_library()
    records = load_records() if records is None else records
    out: list[Comparison] = []

    def add(rec, quantity, reported, event=None, **cond):
        design = record_design(rec, library, **cond)
        ind, note = _independence(rec, quantity, library)
        bound = ""
        if quantity == "cell_overpotential_mV":
            eta_min = ohmic_bound(design, library)
            if float(reported) < eta_min:
                bound = (f"reported {float(reported):.3g} mV is below the separator's own ohmic drop J L N_M / σ ≥ "
                         f"{eta_min:.3g} mV (library ranges at their most favourable ends)")
        censored = quantity == "lifetime_h" and not (event if event is not None else not LIFETIME_CENSORED_DEFAULT)
        out.append(Comparison(rec.id, rec.table, rec.reference, rec.strategy, quantity, float(reported), design, ind, note,
                              bound, censored))

    for rec in records:
        sym = rec.data.get("symmetric", {})
        if sym:
            cond = symmetric_conditions(rec)
            if "overpotential_mV" in sym:
                add(rec, "cell_overpotential_mV", sym["overpotential_mV"], **cond)
            if "lifetime_h" in sym:
                add(rec, "lifetime_h", sym["lifetime_h"], sym.get("lifetime_event"), **cond)
        ce = rec.data.get("ce", {})
        if "coulombic_efficiency" in ce:
            add(rec, "coulombic_efficiency", ce["coulombic_efficiency"],
                current_density_mA_cm2=ce["current_density_mA_cm2"], areal_capacity_mAh_cm2=ce["areal_capacity_mAh_cm2"])
        rep = rec.data.get("reported", {})
        j = rep.get("cycling_current_density_mA_cm2", 0.1)
        q = rep.get("cycling_areal_capacity_mAh_cm2", j * 1.0)  # 1 h half cycles when not stated
        for key in ("interfacial_asr_ohm_cm2", "ccd_mA_cm2"):
            if key in rep:
                add(rec, key, rep[key], current_density_mA_cm2=0.1, areal_capacity_mAh_cm2=0.1)
        if "lifetime_h" in rep:
            add(rec, "lifetime_h", rep["lifetime_h"], rep.get("lifetime_event"), current_density_mA_cm2=j,
                areal_capacity_mAh_cm2=q)
    return out
