"""A screen's ``[cell]`` table: one cathode and one cell around every screened anode.

::

    [cell]
    cathode = "nvp-c"                                  # a library cathode
    cathode_overrides = { areal_loading_mg_cm2 = 15 }  # optional, as in a design's [cathode]
    electrolyte_to_capacity_g_Ah = 3.0                 # any field of a design's [cell] section
    packaging_mass_fraction = 0.1
    separator_thickness_um = 25.0                      # optional: replaces the liquid electrolytes'
                                                       # electrode_gap_um (Eq. 6 and the cell alike)

With it every screened design is a full cell: the cell metrics (``cell_specific_energy_Wh_kg``,
``np_ratio``, ``cell_cycle_life_cycles`` …) can be objectives, constraints and Pareto objectives,
and the Na excess (N/P) and the cycled capacity (depth of discharge) vary through the screen's
``[conditions]`` axes ``na_excess_mAh_cm2`` and ``areal_capacity_mAh_cm2``. A design whose cycled
capacity exceeds the cathode's gets n/a cell metrics.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..design import Layer, _resolve_layer
from ..errors import AnodeLabError
from ..materials.schema import PROPERTIES
from .spec import CELL_FIELD_SPECS, CellSpec


@dataclass(frozen=True)
class ScreenCell:
    cathode: Layer
    cell: CellSpec
    cathode_si: dict  # batch field → SI value (anodelab.batch.CATHODE_COLUMNS)
    separator_thickness_um: float | None = None  # replaces electrode_gap_um of liquid designs

    def fields(self, n: int, is_solid: np.ndarray) -> dict[str, np.ndarray]:
        """The batch's cell fields for ``n`` designs (``is_solid`` per design: E/C default by kind)."""
        from ..batch import CELL_SPEC_COLUMNS

        out = {k: np.full(n, v) for k, v in self.cathode_si.items()}
        for field, attr, factor in CELL_SPEC_COLUMNS:
            if attr == "electrolyte_to_capacity_g_Ah":
                out[field] = np.where(is_solid > 0.5, self.cell.electrolyte_to_capacity(True),
                                      self.cell.electrolyte_to_capacity(False)) * factor
            else:
                out[field] = np.full(n, float(getattr(self.cell, attr)) * factor)
        out["has_cathode"] = np.ones(n)
        if self.separator_thickness_um is not None:
            out["electrode_gap_m"] = np.where(is_solid > 0.5, np.nan, self.separator_thickness_um * 1e-6)
        return out

    def apply(self, design):
        """The screened design ``design`` (an anode) with this cell around it."""
        from dataclasses import replace

        if self.separator_thickness_um is not None and design.electrolyte is not None:
            from ..materials.library import default_library

            if default_library().get(design.electrolyte.material).cls == "liquid_electrolyte":
                over = {**design.electrolyte.overrides, "electrode_gap_um": self.separator_thickness_um}
                design = replace(design, electrolyte=replace(design.electrolyte, overrides=over))
        return replace(design, cathode=self.cathode, cell=self.cell)


def parse_screen_cell(raw, *, file: str, library) -> ScreenCell:
    where = dict(file=file, entry="cell")
    if not isinstance(raw, dict):
        raise AnodeLabError("must be a table with 'cathode' and cell fields", **where)
    allowed = {"cathode", "cathode_overrides", "separator_thickness_um", *CELL_FIELD_SPECS}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise AnodeLabError(f"unknown key(s) {unknown}; allowed: {', '.join(sorted(allowed))}", **where)
    cid = raw.get("cathode")
    if not isinstance(cid, str):
        raise AnodeLabError("needs cathode = \"<library cathode id>\"", file=file, entry="cell", field="cathode")
    overrides = raw.get("cathode_overrides", {})
    if not isinstance(overrides, dict):
        raise AnodeLabError("must be a table of property = value", file=file, entry="cell", field="cathode_overrides")
    layer = Layer(material=cid, overrides=dict(overrides))
    resolved = _resolve_layer("cathode", layer, library, file)
    values = {}
    for key in CELL_FIELD_SPECS:
        if key in raw:
            spec = CELL_FIELD_SPECS[key]
            problem = spec.check(raw[key])
            if problem:
                raise AnodeLabError(problem, file=file, entry="cell", field=key)
            values[key] = raw[key] if spec.kind == "bool" else float(raw[key])
    sep = raw.get("separator_thickness_um")
    if sep is not None:
        problem = PROPERTIES["electrode_gap_um"].check(sep)
        if problem:
            raise AnodeLabError(problem, file=file, entry="cell", field="separator_thickness_um")
        sep = float(sep)
    from ..batch import CATHODE_COLUMNS, _prop_value

    si = {c.field: _prop_value(resolved, c) for c in CATHODE_COLUMNS}
    return ScreenCell(cathode=layer, cell=CellSpec(**values), cathode_si=si, separator_thickness_um=sep)
