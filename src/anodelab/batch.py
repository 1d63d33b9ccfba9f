"""A batch of designs as a structure of numpy arrays (one array per property, SI units).

The scalar case is a batch of one. :func:`batch_from_designs` builds a batch from design objects;
screening builds batches straight from per-material columns with :func:`columns_for_layer` and
index gathers, so a million designs never become a million Python objects.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

import numpy as np

from .constants import ZERO_CELSIUS_K
from .design import SLOTS, Design, ResolvedDesign, ResolvedLayer, resolve
from .materials.library import Library
from .units import SUFFIX_TO_SI

NAN = float("nan")


@dataclass(frozen=True)
class Column:
    """How one batch field is filled: from ``slot``'s property ``prop`` (user units) times ``scale``.

    ``offset`` is added after scaling (°C → K); ``cosine`` stores cos of the (scaled) angle, the form
    Young's equation uses, so that the engine does not recompute a per-material cosine for every
    design. ``absent`` is the value when the slot is empty or the material does not define the
    property (NaN = not applicable).
    """

    field: str
    slot: str
    prop: str
    scale: float = 1.0
    offset: float = 0.0
    absent: float = NAN
    only_for: tuple[str, ...] = ()  # restrict to these material classes; others get ``absent``
    cosine: bool = False

    def to_si(self, value):
        """A value (or array) of the property in its file units → this field's SI value."""
        v = value * self.scale + self.offset
        return np.cos(v) if self.cosine else v


def _c(field, slot, prop, suffix=None, *, absent=NAN, offset=0.0, only_for=(), cosine=False):
    scale = SUFFIX_TO_SI[suffix] if suffix else 1.0
    return Column(field, slot, prop, scale, offset, absent, only_for, cosine)


LIQ = ("liquid_electrolyte",)
SOL = ("solid_electrolyte",)

#: Every layer-derived field of a batch, in SI units.
LAYER_COLUMNS: tuple[Column, ...] = (
    # host (always present)
    _c("surface_area_ratio", "host", "surface_area_ratio"),
    _c("host_porosity", "host", "porosity"),
    _c("host_thickness_m", "host", "thickness_um", "um"),
    _c("host_areal_mass_kg_m2", "host", "areal_mass_mg_cm2", "mg_cm2"),
    _c("host_nucleation_excess_V", "host", "nucleation_overpotential_mV", "mV"),
    _c("host_nucleation_ref_current_A_m2", "host", "nucleation_reference_current_mA_cm2", "mA_cm2"),
    _c("host_cos_contact_angle", "host", "na_contact_angle_deg", "deg", cosine=True),
    _c("host_gamma_se_J_m2", "host", "surface_energy_substrate_J_m2"),
    _c("host_gamma_ns_J_m2", "host", "interface_energy_na_substrate_J_m2"),
    _c("host_reaction_J_m2", "host", "reaction_free_energy_J_m2", absent=0.0),
    # 1 = a porous framework of the cell's solid electrolyte, Na in its pores (physics.solid.contact)
    _c("host_sse_framework", "host", "na_conducting_framework", absent=0.0),
    # coating (optional)
    _c("coating_thickness_m", "coating", "thickness_nm", "nm", absent=0.0),
    _c("coating_conductivity_S_m", "coating", "ionic_conductivity_mS_cm", "mS_cm", absent=1.0),
    _c("coating_shear_modulus_Pa", "coating", "shear_modulus_GPa", "GPa", absent=0.0),
    _c("coating_insulator", "coating", "electronic_insulator", absent=0.0),
    _c("coating_sei_factor", "coating", "sei_suppression_factor", absent=1.0),
    _c("coating_nucleation_excess_V", "coating", "nucleation_overpotential_mV", "mV"),
    _c("coating_nucleation_ref_current_A_m2", "coating", "nucleation_reference_current_mA_cm2", "mA_cm2"),
    _c("coating_cos_contact_angle", "coating", "na_contact_angle_deg", "deg", cosine=True),
    _c("coating_gamma_se_J_m2", "coating", "surface_energy_substrate_J_m2"),
    _c("coating_gamma_ns_J_m2", "coating", "interface_energy_na_substrate_J_m2"),
    _c("coating_reaction_J_m2", "coating", "reaction_free_energy_J_m2", absent=0.0),
    # electrolyte, shared meaning for liquid and solid
    _c("electrolyte_conductivity_S_m", "electrolyte", "conductivity_mS_cm", "mS_cm"),
    _c("electrolyte_reference_K", "electrolyte", "reference_temperature_C", offset=ZERO_CELSIUS_K),
    _c("electrolyte_activation_eV", "electrolyte", "conductivity_activation_energy_eV", only_for=LIQ),
    _c("sse_activation_eV", "electrolyte", "activation_energy_eV", only_for=SOL),
    _c("electrode_gap_m", "electrolyte", "electrode_gap_um", "um", only_for=LIQ),
    _c("sse_thickness_m", "electrolyte", "thickness_um", "um", only_for=SOL),
    _c("separator_macmullin", "electrolyte", "separator_macmullin_number", absent=1.0),
    _c("sei_asr_ohm_m2", "electrolyte", "sei_asr_ohm_cm2", "ohm_cm2", only_for=LIQ),
    _c("sei_activation_eV", "electrolyte", "sei_activation_energy_eV", only_for=LIQ),
    _c("sei_shear_modulus_Pa", "electrolyte", "sei_shear_modulus_GPa", "GPa", only_for=LIQ),
    _c("sse_interfacial_asr_ohm_m2", "electrolyte", "interfacial_asr_ohm_cm2", "ohm_cm2", only_for=SOL),
    _c("sse_interface_activation_eV", "electrolyte", "interface_activation_energy_eV", only_for=SOL),
    _c("sse_shear_modulus_Pa", "electrolyte", "shear_modulus_GPa", "GPa", only_for=SOL),
    _c("sse_youngs_modulus_Pa", "electrolyte", "youngs_modulus_GPa", "GPa", only_for=SOL),
    _c("sse_hardness_Pa", "electrolyte", "hardness_GPa", "GPa", only_for=SOL),
    _c("sse_toughness_Pa_m05", "electrolyte", "fracture_toughness_MPa_m05", "MPa_m05", only_for=SOL),
    _c("sse_indentation_load_N", "electrolyte", "indentation_load_N", only_for=SOL),
    _c("sse_indentation_crack_m", "electrolyte", "indentation_crack_length_um", "um", only_for=SOL),
    _c("sse_cos_contact_angle", "electrolyte", "na_contact_angle_deg", "deg", only_for=SOL, cosine=True),
    # liquid only
    _c("concentration_mol_m3", "electrolyte", "concentration_mol_L", "mol_L", only_for=LIQ),
    _c("diffusivity_m2_s", "electrolyte", "diffusivity_cm2_s", "cm2_s", only_for=LIQ),
    _c("transference_number", "electrolyte", "transference_number", only_for=LIQ),
    _c("gamma_ne_J_m2", "electrolyte", "na_electrolyte_interfacial_energy_J_m2", only_for=LIQ),
    _c("exchange_current_A_m2", "electrolyte", "exchange_current_density_mA_cm2", "mA_cm2", only_for=LIQ),
    _c("ce_on_cu", "electrolyte", "coulombic_efficiency_on_cu", only_for=LIQ),
    _c("gas_reference_mol_m2", "electrolyte", "gas_evolution_umol_cm2", "umol_cm2", absent=0.0),
    _c("gas_reference_time_s", "electrolyte", "gas_reference_time_h", "h", absent=1.0),
    _c("is_ether", "electrolyte", "solvent_family", absent=0.0),
    _c("has_fec", "electrolyte", "fec_additive", absent=0.0),
    # interlayer (optional, solid electrolytes only)
    _c("interlayer_cos_contact_angle", "interlayer", "na_contact_angle_deg", "deg", cosine=True),
    _c("interlayer_thickness_m", "interlayer", "thickness_nm", "nm", absent=0.0),
    # solid-state model v2 (issue 12): the interlayer acts through its own measured ASR and stripping kinetics
    _c("interlayer_interfacial_asr_ohm_m2", "interlayer", "interfacial_asr_ohm_cm2", "ohm_cm2"),
    _c("interlayer_stripping_activation_eV", "interlayer", "stripping_activation_energy_eV"),
    _c("interlayer_alloy_fraction", "interlayer", "alloy_interface_fraction", absent=1.0),
    # below the CCD (anodelab.physics.solid.below_ccd): 1 = a void's floor is cut off from electrons (no interlayer)
    _c("interlayer_insulator", "interlayer", "electronic_insulator", absent=1.0),
)

CONDITION_COLUMNS = (
    ("current_density_A_m2", "current_density_mA_cm2", SUFFIX_TO_SI["mA_cm2"], 0.0),
    ("areal_capacity_C_m2", "areal_capacity_mAh_cm2", SUFFIX_TO_SI["mAh_cm2"], 0.0),
    ("temperature_K", "temperature_C", 1.0, ZERO_CELSIUS_K),
    ("stack_pressure_Pa", "stack_pressure_MPa", SUFFIX_TO_SI["MPa"], 0.0),
    ("cycles", "cycles", 1.0, 0.0),
    ("na_excess_C_m2", "na_excess_mAh_cm2", SUFFIX_TO_SI["mAh_cm2"], 0.0),
)

FLAG_COLUMNS = ("has_coating", "has_interlayer", "is_solid")
FIELD_NAMES = tuple(c[0] for c in CONDITION_COLUMNS) + tuple(c.field for c in LAYER_COLUMNS) + FLAG_COLUMNS

#: The full-cell fields (anodelab.cell): the cathode slot's properties and the [cell] section, SI.
#: They are optional in a batch: absent means "no cathode" (NaN, ``has_cathode`` = 0), so batches built
#: from FIELD_NAMES alone (screen plans, older code) stay valid and score exactly as before.
CATHODE_COLUMNS: tuple[Column, ...] = (
    _c("cathode_specific_capacity_C_kg", "cathode", "specific_capacity_mAh_g", "mAh_g"),
    _c("cathode_voltage_V", "cathode", "average_voltage_V"),
    Column("cathode_density_kg_m3", "cathode", "density_g_cm3", 1e3),
    _c("cathode_porosity", "cathode", "porosity"),
    _c("cathode_loading_kg_m2", "cathode", "areal_loading_mg_cm2", "mg_cm2"),
    _c("cathode_active_fraction", "cathode", "active_fraction"),
    # cathode polarisation (anodelab.cell.voltage.cathode_polarisation_V); NaN (not given): no polarisation
    _c("cathode_exchange_current_A_m2", "cathode", "particle_exchange_current_density_mA_cm2", "mA_cm2"),
    _c("cathode_specific_surface_m2_kg", "cathode", "active_specific_surface_m2_g", "m2_g"),
    # the cathode's own capacity fade per cycle (anodelab.cell.energy); NaN (not given): none
    _c("cathode_capacity_fade_per_cycle", "cathode", "capacity_fade_per_cycle"),
)
#: (batch field, CellSpec attribute, factor user → SI)
CELL_SPEC_COLUMNS: tuple[tuple[str, str, float], ...] = (
    ("positive_collector_thickness_m", "positive_collector_thickness_um", 1e-6),
    ("positive_collector_density_kg_m3", "positive_collector_density_g_cm3", 1e3),
    ("separator_porosity", "separator_porosity", 1.0),
    ("separator_density_kg_m3", "separator_density_g_cm3", 1e3),
    ("sse_density_kg_m3", "sse_density_g_cm3", 1e3),
    ("electrolyte_to_capacity_kg_C", "electrolyte_to_capacity_g_Ah", 1e-3 / 3600.0),
    ("electrolyte_density_kg_m3", "electrolyte_density_g_cm3", 1e3),
    ("anode_coating_density_kg_m3", "anode_coating_density_g_cm3", 1e3),
    ("packaging_mass_fraction", "packaging_mass_fraction", 1.0),
    ("packaging_volume_fraction", "packaging_volume_fraction", 1.0),
    ("double_sided", "double_sided", 1.0),
)
CELL_FIELD_NAMES = tuple(c.field for c in CATHODE_COLUMNS) + tuple(c[0] for c in CELL_SPEC_COLUMNS) + ("has_cathode",)
#: Every field a batch holds (FIELD_NAMES are required, CELL_FIELD_NAMES optional).
ALL_FIELD_NAMES = FIELD_NAMES + CELL_FIELD_NAMES
_CELL_ABSENT = {name: (0.0 if name == "has_cathode" else NAN) for name in CELL_FIELD_NAMES}
#: The fields fixed by a design's layers (materials), as opposed to its operating conditions.
LAYER_FIELDS = frozenset(c.field for c in LAYER_COLUMNS) | frozenset(FLAG_COLUMNS)
#: ``take`` from a batch of at most this many rows remembers it as the new batch's layer table.
LAYER_TABLE_MAX_ROWS = 4096


@dataclass(frozen=True)
class LayerTable:
    """Where a batch's layer fields come from: ``batch.f == table.f[index]`` for every f in LAYER_FIELDS.

    A screen or a benchmark builds a million designs from a few material stacks; the engine computes
    what depends on the layers alone (wetting, mechanics, nucleation reference values) once per row
    of ``table`` and gathers it, instead of once per design.
    """

    table: "DesignBatch"
    index: np.ndarray


class DesignBatch:
    """N designs as one float64 array per field (SI units); booleans stored as 0/1 floats.

    Access a field as an attribute (``batch.current_density_A_m2``). ``len(batch)`` is N.
    """

    __slots__ = ("_data", "_n", "layer_table")

    def __init__(self, data: dict[str, np.ndarray], layer_table: LayerTable | None = None):
        missing = [f for f in FIELD_NAMES if f not in data]
        if missing:
            raise ValueError(f"batch is missing fields: {missing}")
        arrays = {}
        for name in ALL_FIELD_NAMES:
            arr = np.asarray(data[name] if name in data else _CELL_ABSENT[name], dtype=float)
            arrays[name] = arr.reshape(1) if arr.ndim == 0 else arr
        # broadcast length-1 fields; any other mismatch is an error naming the odd fields
        lengths = {a.shape[0] for a in arrays.values()} - {1}
        if len(lengths) > 1:
            counts = {length: [k for k, a in arrays.items() if a.shape[0] == length] for length in lengths}
            n = max(counts, key=lambda length: len(counts[length]))
            odd = {k: a.shape[0] for k, a in arrays.items() if a.shape[0] not in (1, n)}
            raise ValueError(f"batch fields must all have length {n} (or 1); these differ: {odd}")
        n = lengths.pop() if lengths else 1
        for name, arr in arrays.items():
            if arr.shape[0] != n:
                arrays[name] = np.broadcast_to(arr, (n,))
        self._data = arrays
        self._n = n
        if layer_table is not None and len(layer_table.index) != n:
            raise ValueError(f"layer table index has {len(layer_table.index)} rows, the batch {n}")
        #: set by :meth:`take` (and kept by :meth:`replace` of condition fields, :meth:`rows`)
        self.layer_table = layer_table

    def __getattr__(self, name):
        try:
            return self._data[name]
        except KeyError:
            raise AttributeError(name) from None

    def __len__(self) -> int:
        return self._n

    def as_dict(self) -> dict[str, np.ndarray]:
        return dict(self._data)

    def rows(self, start: int, stop: int) -> "DesignBatch":
        """Rows ``start:stop`` as views (no copy, no re-validation: the fields are checked already)."""
        view = DesignBatch.__new__(DesignBatch)
        view._data = {k: v[start:stop] for k, v in self._data.items()}
        view._n = len(range(self._n)[start:stop])
        lt = self.layer_table
        view.layer_table = None if lt is None else LayerTable(lt.table, lt.index[start:stop])
        return view

    def replace(self, **fields_: np.ndarray) -> "DesignBatch":
        """A new batch with some fields replaced (e.g. Monte-Carlo samples of a property).

        Replacing only condition fields keeps the layer table; replacing a layer field drops it.
        """
        d = dict(self._data)
        for k, v in fields_.items():
            if k not in d:
                raise KeyError(k)
            d[k] = v
        keep = self.layer_table is not None and LAYER_FIELDS.isdisjoint(fields_)
        return DesignBatch(d, self.layer_table if keep else None)

    def take(self, index) -> "DesignBatch":
        """The designs ``index`` (an index array or a boolean mask), as a new batch."""
        index = np.asarray(index)
        if index.dtype == bool:
            index = np.flatnonzero(index)
        data = {k: np.asarray(v)[index] for k, v in self._data.items()}
        if self.layer_table is not None:
            layer_table = LayerTable(self.layer_table.table, self.layer_table.index[index])
        elif self._n <= LAYER_TABLE_MAX_ROWS:
            # a private copy: editing this batch's arrays in place later cannot desynchronise the table
            own = DesignBatch({k: np.array(v) for k, v in self._data.items()})
            layer_table = LayerTable(own, np.arange(self._n, dtype=np.int64)[index])
        else:  # a large source is not kept alive by its subsets
            layer_table = None
        return DesignBatch(data, layer_table if np.ndim(index) == 1 else None)

    @staticmethod
    def concatenate(batches: Sequence["DesignBatch"]) -> "DesignBatch":
        return DesignBatch({k: np.concatenate([np.asarray(b._data[k]) for b in batches]) for k in ALL_FIELD_NAMES})


def _prop_value(layer: ResolvedLayer | None, col: Column) -> float:
    if layer is None:
        return col.absent
    if col.only_for and layer.cls not in col.only_for:
        return col.absent
    v = layer.value(col.prop)
    if v is None:
        return col.absent
    if isinstance(v, str):  # solvent_family
        return 1.0 if v == "ether" else 0.0
    return float(col.to_si(float(v)))


#: Surface energies that, overridden inline, win over the library's contact angle (Eq. 4 from the user's numbers)
_ENERGY_PROPS = frozenset({"surface_energy_substrate_J_m2", "interface_energy_na_substrate_J_m2"})


def columns_for_layer(slot: str, layer: ResolvedLayer | None) -> dict[str, float]:
    """The batch fields that one slot's layer fills (SI).

    Override precedence: a layer whose surface energies are overridden inline while its contact angle is not
    gets its angle from Eq. 4 (the cosine column is NaN), not the library's measured angle.
    """
    out = {c.field: _prop_value(layer, c) for c in LAYER_COLUMNS if c.slot == slot}
    if (layer is not None and layer.overridden & _ENERGY_PROPS and "na_contact_angle_deg" not in layer.overridden
            and f"{slot}_cos_contact_angle" in out
            and np.isfinite(out.get(f"{slot}_gamma_se_J_m2", np.nan)) and np.isfinite(out.get(f"{slot}_gamma_ns_J_m2", np.nan))):
        out[f"{slot}_cos_contact_angle"] = float("nan")
    return out


def row_for_resolved(rd: ResolvedDesign) -> dict[str, float]:
    row: dict[str, float] = {}
    cond = rd.design.conditions
    for field, attr, scale, offset in CONDITION_COLUMNS:
        row[field] = float(getattr(cond, attr)) * scale + offset
    for slot in SLOTS:
        row.update(columns_for_layer(slot, rd.layers.get(slot)))
    row["has_coating"] = float("coating" in rd.layers)
    row["has_interlayer"] = float("interlayer" in rd.layers)
    row["is_solid"] = float(rd.is_solid)
    row.update(cell_row(rd))
    return row


def cell_row(rd: ResolvedDesign) -> dict[str, float]:
    """The full-cell fields of one resolved design (SI); "no cathode" values without a cathode."""
    cathode = rd.layers.get("cathode")
    if cathode is None:
        return dict(_CELL_ABSENT)
    from .cell.spec import CellSpec

    spec = rd.design.cell or CellSpec()
    row = {c.field: _prop_value(cathode, c) for c in CATHODE_COLUMNS}
    for field, attr, factor in CELL_SPEC_COLUMNS:
        value = spec.electrolyte_to_capacity(rd.is_solid) if attr == "electrolyte_to_capacity_g_Ah" else getattr(spec, attr)
        row[field] = float(value) * factor
    row["has_cathode"] = 1.0
    return row


def batch_from_designs(designs: Iterable[Design | ResolvedDesign], library: Library | None = None) -> DesignBatch:
    """Resolve each design against the library and stack them into one batch."""
    rows = []
    for d in designs:
        rd = d if isinstance(d, ResolvedDesign) else resolve(d, library)
        rows.append(row_for_resolved(rd))
    if not rows:
        raise ValueError("no designs to batch")
    return DesignBatch({f: np.array([r[f] for r in rows], dtype=float) for f in ALL_FIELD_NAMES})


def as_batch(obj, library: Library | None = None) -> DesignBatch:
    """Accept a DesignBatch, a Design, a ResolvedDesign or a sequence of designs."""
    if isinstance(obj, DesignBatch):
        return obj
    if isinstance(obj, (Design, ResolvedDesign)):
        return batch_from_designs([obj], library)
    return batch_from_designs(list(obj), library)
