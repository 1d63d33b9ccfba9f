"""Names a person reads for the full cell in the GUI: the screening table's cathode and cell-axis columns
(keys of :meth:`anodelab.cell.screen.ScreenCell.row_values`) and what ends the cell's cycle life
(the lifetime model's ``failure_mechanism``, :data:`anodelab.lifetime.failure.MECHANISMS`).
"""

from __future__ import annotations

import math

from ..formatting import unit_of
from .labels import property_label

#: Short header names of the [cell] axes of a screen (the unit comes from the key's suffix).
CELL_AXIS_LABELS = {
    "cathode": "Cathode",
    "np_ratio": "N/P",
    "depth_of_discharge": "DoD",
    "electrolyte_to_capacity_g_Ah": "E/C",
    "separator_thickness_um": "Separator",
    "packaging_mass_fraction": "Packaging mass share",
    "packaging_volume_fraction": "Packaging volume share",
    "separator_porosity": "Separator porosity",
    "cathode_areal_loading_mg_cm2": "Cathode loading",
    "cathode_specific_capacity_mAh_g": "Cathode capacity",
    "cathode_average_voltage_V": "Cathode voltage",
}


def cell_column_header(name: str) -> str:
    """The header of a cell column: "E/C [g Ah⁻¹]", "Cathode loading [mg cm⁻²]", "N/P" (no unit: a ratio)."""
    if name in CELL_AXIS_LABELS:
        label = CELL_AXIS_LABELS[name]
    elif name.startswith("cathode_"):  # a cathode property axis (cathode_overrides)
        label = "Cathode " + property_label(name[len("cathode_"):]).lower()
    else:
        label = property_label(name)
    unit = "" if name == "cathode" else unit_of(name)
    return label + (f" [{unit}]" if unit else "")


def cell_column_tooltip(name: str) -> str:
    """What a cell column means (the field's own description) and its key in the screen file and CSV."""
    from ..cell.spec import CELL_FIELD_SPECS, INPUT_ONLY

    if name == "cathode":
        return "The cathode of the cell around this anode ([cell] cathode)\nCSV column: cathode"
    spec = CELL_FIELD_SPECS.get(name) or INPUT_ONLY.get(name)
    if spec is not None:
        meaning = spec.meaning
    elif name == "separator_thickness_um":
        meaning = "separator thickness (the liquid electrolytes' electrode gap, Eq. 6 and the cell alike)"
    elif name.startswith("cathode_"):
        meaning = f"cathode property {name[len('cathode_'):]} ([cell] cathode_overrides)"
    else:
        meaning = name
    return f"{meaning}\n[cell] axis · CSV column: {name}"


#: What ends the cell, per lifetime mechanism: the fades by name, every short as "short (its mechanism)".
ENDED_BY = {
    "inventory": "Na inventory",
    "electrolyte": "electrolyte dry-out",
    "transport": "short (transport)",
    "nucleation": "short (nucleation)",
    "sei_fracture": "short (SEI fracture)",
    "voids": "short (voids)",
    "penetration": "short (penetration)",
}


def ended_by_text(mechanism: str | None) -> str:
    """The readable name of what ends the cell's cycle life ("—" when no mechanism acts)."""
    if not mechanism:
        return "—"
    return ENDED_BY.get(mechanism, mechanism.replace("_", " "))


#: What ends the cell when the cathode's own fade sets its cycle life (anodelab.cell.energy.cell_life_mechanism).
CELL_ENDED_BY = {"cathode": "cathode fade", "capacity": "cathode × Na inventory"}


def cell_ended_by_text(si: dict, i: int, mechanism: str | None) -> str:
    """What ends design ``i``'s cell, by the term that sets ``cell_cycle_life``
    (:func:`anodelab.cell.energy.cell_life_mechanism`): the cathode's fade (alone or with the Na inventory),
    the Na inventory, electrolyte dry-out, or the earliest short by name. The lifetime model's ``mechanism``
    (the anode's, :func:`ended_by_text`) names the short, and is the fallback where the cell terms are missing;
    it is not used for the fades, since it can name dry-out while the capacity (within 1 % of the Na inventory
    alone) ends the cell first."""
    from ..cell.energy import SHORT_MECHANISMS, cell_life_mechanism

    try:
        # an unbounded (or n/a) cell life has no ending term: the lifetime model's word ("—" when none acts)
        cell = cell_life_mechanism(si, i) if math.isfinite(float(si["cell_cycle_life"][i])) else None
    except (KeyError, IndexError, TypeError, ValueError):
        cell = None
    if cell in CELL_ENDED_BY:
        return CELL_ENDED_BY[cell]
    if cell in ("inventory", "electrolyte"):
        return ENDED_BY[cell]
    if cell == "short" and mechanism not in SHORT_MECHANISMS:
        times = {k: float(si[f"t_fail_{k}_s"][i]) for k in SHORT_MECHANISMS if f"t_fail_{k}_s" in si}
        if times:
            return ended_by_text(min(times, key=times.get))
    return ended_by_text(mechanism)


def cathode_short_name(mid) -> str:
    """A library cathode by its formula, without the parenthesis of its name: "Na₃V₂(PO₄)₃/C", not the
    structure family in the parenthesis ("NASICON" would also name Na₃V₂(PO₄)₂F₃), which the anode slots'
    abbreviation rule (:func:`~anodelab.gui.labels.short_material_name`) would pick."""
    import re

    from .screening_model import material_full_name

    name = material_full_name(mid)
    return re.sub(r"\s*\([^()]*\)\s*$", "", name) or name
