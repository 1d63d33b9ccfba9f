"""A screen's ``[cell]`` table: the cathodes and cells around every screened anode, with axes of their own.

::

    [cell]
    cathode = ["nvp-c", "nfm111"]                         # one library cathode or a list (an axis)
    cathode_overrides = { areal_loading_mg_cm2 = { values = [8, 12, 16] } }  # a property: a value or an axis
    electrolyte_to_capacity_g_Ah = { low = 2.0, high = 6.0, n = 5 }         # any field of a design's [cell]
    packaging_mass_fraction = 0.1                          # a fixed value
    separator_thickness_um = { values = [12, 25] }         # replaces the liquid electrolytes' electrode_gap_um
                                                           # (Eq. 6 and the cell alike)
    np_ratio = { values = [0, 0.5, 1] }                    # N/P: na_excess = N/P × Q_cathode per design
    depth_of_discharge = 1.0                               # DoD: areal_capacity = DoD × Q_cathode per design

An axis is written as a condition axis of the screen: a number, ``{ values = [...] }`` or ``{ low, high, n,
scale = "linear"|"log" }`` (grid points; random/LHS sampling applies to the ``[conditions]`` only). The
cell variants are the full grid of these axes (cathode × every axis); every material combination is screened
with every variant, and every variant with every condition set, so the screen has
n_combinations × n_variants × n_conditions designs. ``np_ratio`` replaces the ``[conditions]`` axis
``na_excess_mAh_cm2`` and ``depth_of_discharge`` the axis ``areal_capacity_mAh_cm2`` (giving both is an error).

With it every screened design is a full cell: the cell metrics (``cell_specific_energy_Wh_kg``,
``np_ratio``, ``cell_cycle_life_cycles`` …) can be objectives, constraints and Pareto objectives.
A design whose cycled capacity exceeds the cathode's gets n/a cell metrics. Result rows carry the
cathode and the value of every cell axis (:meth:`ScreenCell.row_values`).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, field, replace

import numpy as np

from ..design import Layer, _resolve_layer
from ..errors import AnodeLabError, shown
from ..materials.schema import PROPERTIES
from ..units import SUFFIX_TO_SI
from .spec import CELL_FIELD_SPECS, INPUT_ONLY, CellSpec, cathode_capacity_mAh_cm2

#: Most cell variants (the product of the [cell] axes) of one screen.
MAX_CELL_VARIANTS = 100_000


@dataclass(frozen=True)
class ScreenCell:
    """The cell variants of a screen. ``variants[v]`` is (cathode index, {axis name: user value});
    ``cathode_si[c]`` the batch's cathode fields (anodelab.batch.CATHODE_COLUMNS) of cathode ``c`` at its
    fixed overrides; ``columns`` the SI batch fields per variant (arrays of length n_variants)."""

    cathodes: tuple[Layer, ...]
    cell: CellSpec  # the fixed [cell] fields
    variants: tuple[tuple[int, dict], ...]
    axis_names: tuple[str, ...]
    columns: dict = field(repr=False, compare=False)
    q_cath_C_m2: np.ndarray = field(repr=False, compare=False)  # per variant
    np_ratio: np.ndarray | None = field(default=None, repr=False, compare=False)  # per variant
    depth_of_discharge: np.ndarray | None = field(default=None, repr=False, compare=False)
    separator_thickness_um: np.ndarray | None = field(default=None, repr=False, compare=False)

    @property
    def n_variants(self) -> int:
        return len(self.variants)

    @property
    def layer_key(self) -> np.ndarray:
        """Per variant, the index of its separator thickness among the distinct ones (0 without that axis):
        the only cell field the anode's layer-only terms see (anodelab.layer_terms: the electrode gap)."""
        if self.separator_thickness_um is None:
            return np.zeros(self.n_variants, dtype=np.int64)
        return np.unique(self.separator_thickness_um, return_inverse=True)[1].astype(np.int64).ravel()

    @property
    def n_layer_keys(self) -> int:
        return 1 if self.separator_thickness_um is None else len(np.unique(self.separator_thickness_um))

    @property
    def cathode(self) -> Layer:
        """The first cathode (screens with one cathode)."""
        return self.cathodes[0]

    def fields(self, n: int, is_solid: np.ndarray, variant: np.ndarray | None = None) -> dict[str, np.ndarray]:
        """The batch's cell fields for ``n`` designs of cell variants ``variant`` (0 for all when None);
        ``is_solid`` per design decides the default E/C and whether the separator thickness applies."""
        v = np.zeros(n, dtype=np.int64) if variant is None else np.asarray(variant, dtype=np.int64)
        out = {}
        for key, col in self.columns.items():
            if key == "electrolyte_to_capacity_kg_C" and isinstance(col, tuple):  # default by kind
                out[key] = np.where(is_solid > 0.5, col[1][v], col[0][v])
            else:
                out[key] = col[v]
        out["has_cathode"] = np.ones(n)
        if self.separator_thickness_um is not None:
            out["electrode_gap_m"] = np.where(is_solid > 0.5, np.nan, self.separator_thickness_um[v] * 1e-6)
        return out

    def adjust_conditions(self, variant: np.ndarray, cond_si: np.ndarray, columns) -> np.ndarray:
        """SI condition rows (order ``columns`` = anodelab.batch.CONDITION_COLUMNS) with N/P and DoD applied."""
        if self.np_ratio is None and self.depth_of_discharge is None:
            return cond_si
        cond_si = np.array(cond_si, dtype=float, copy=True)
        names = [c[0] for c in columns]
        q = self.q_cath_C_m2[variant]
        if self.np_ratio is not None:
            cond_si[names.index("na_excess_C_m2")] = self.np_ratio[variant] * q
        if self.depth_of_discharge is not None:
            cond_si[names.index("areal_capacity_C_m2")] = self.depth_of_discharge[variant] * q
        return cond_si

    def row_values(self, variant: int) -> dict:
        """The cathode id and every cell axis value (user units) of variant ``variant`` (result rows)."""
        c, vals = self.variants[int(variant)]
        return {"cathode": self.cathodes[c].material, **vals}

    def apply(self, design, variant: int = 0):
        """The screened design ``design`` (an anode; conditions already with N/P and DoD) with cell variant
        ``variant`` around it."""
        c, vals = self.variants[int(variant)]
        layer = self.cathodes[c]
        over = {k[len("cathode_"):]: v for k, v in vals.items() if k.startswith("cathode_")}
        if over:
            layer = replace(layer, overrides={**layer.overrides, **over})
        cell_vals = {k: v for k, v in vals.items() if k in CELL_FIELD_SPECS}
        cell = replace(self.cell, **cell_vals) if cell_vals else self.cell
        sep = vals.get("separator_thickness_um")
        if sep is not None and design.electrolyte is not None:
            from ..materials.library import default_library

            if default_library().get(design.electrolyte.material).cls == "liquid_electrolyte":
                over_e = {**design.electrolyte.overrides, "electrode_gap_um": sep}
                design = replace(design, electrolyte=replace(design.electrolyte, overrides=over_e))
        return replace(design, cathode=layer, cell=cell)


def _axis_values(raw, check, fld: str, file: str) -> tuple[float, ...]:
    """A number, {values = [...]} or {low, high, n, scale} → grid values (user units), each checked."""
    where = dict(file=file, entry="cell", field=fld)

    def ok(v, sub=""):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise AnodeLabError(f"must be a number, got {shown(v)}", file=file, entry="cell", field=fld + sub)
        problem = check(v)
        if problem:
            raise AnodeLabError(problem, file=file, entry="cell", field=fld + sub)
        return float(v)

    if not isinstance(raw, dict):
        return (ok(raw),)
    if "values" in raw:
        if set(raw) != {"values"}:
            raise AnodeLabError("write {values = [...]} or {low, high, n, scale}, not both", **where)
        vals = raw["values"]
        if not isinstance(vals, list) or not vals:
            raise AnodeLabError("'values' must be a non-empty list of numbers", **where)
        return tuple(dict.fromkeys(ok(v, ".values") for v in vals))
    unknown = sorted(set(raw) - {"low", "high", "n", "scale"})
    if unknown or "low" not in raw or "high" not in raw:
        raise AnodeLabError(f"an axis is {{values = [...]}} or {{low, high, n, scale}}; got keys {sorted(raw)}", **where)
    low, high = ok(raw["low"], ".low"), ok(raw["high"], ".high")
    if high < low:
        raise AnodeLabError(f"'high' ({high:g}) must be ≥ 'low' ({low:g})", file=file, entry="cell", field=fld + ".high")
    n = raw.get("n", 5)
    if isinstance(n, bool) or not isinstance(n, int) or not 1 <= n <= 10_000:
        raise AnodeLabError(f"'n' must be a whole number from 1 to 10000, got {shown(n)}", file=file, entry="cell",
                            field=fld + ".n")
    scale = raw.get("scale", "linear")
    if scale not in ("linear", "log"):
        raise AnodeLabError(f"'scale' must be 'linear' or 'log', got {shown(scale)}", file=file, entry="cell",
                            field=fld + ".scale")
    if scale == "log":
        if low <= 0:
            raise AnodeLabError(f"a log scale needs 'low' > 0, got {low:g}", file=file, entry="cell", field=fld + ".low")
        grid = 10 ** np.linspace(math.log10(low), math.log10(high), n)
    else:
        grid = np.linspace(low, high, n)
    return tuple(dict.fromkeys(float(x) for x in grid))


def parse_screen_cell(raw, *, file: str, library, conditions_raw: dict | None = None) -> ScreenCell:
    from ..batch import CATHODE_COLUMNS, CELL_SPEC_COLUMNS, _prop_value

    where = dict(file=file, entry="cell")
    if not isinstance(raw, dict):
        raise AnodeLabError("must be a table with 'cathode' and cell fields", **where)
    allowed = {"cathode", "cathode_overrides", "separator_thickness_um", *CELL_FIELD_SPECS, *INPUT_ONLY}
    unknown = sorted(set(raw) - allowed)
    if unknown:
        raise AnodeLabError(f"unknown key(s) {unknown}; allowed: {', '.join(sorted(allowed))}", **where)
    cids = raw.get("cathode")
    cids = [cids] if isinstance(cids, str) else cids
    if not isinstance(cids, list) or not cids or not all(isinstance(c, str) for c in cids):
        raise AnodeLabError("needs cathode = \"<library cathode id>\" or a list of them", file=file, entry="cell",
                            field="cathode")
    overrides = raw.get("cathode_overrides", {})
    if not isinstance(overrides, dict):
        raise AnodeLabError("must be a table of property = value or axis", file=file, entry="cell",
                            field="cathode_overrides")
    axes: dict[str, tuple[float, ...]] = {}
    fixed_over = {}
    for prop, value in overrides.items():
        spec = PROPERTIES.get(prop)
        if spec is None:
            raise AnodeLabError(f"unknown property {shown(prop)}", file=file, entry="cell", field=f"cathode_overrides.{prop}")
        vals = _axis_values(value, spec.check, f"cathode_overrides.{prop}", file)
        if len(vals) == 1 and not isinstance(value, dict):
            fixed_over[prop] = vals[0]
        else:
            axes[f"cathode_{prop}"] = vals
    cathodes = tuple(Layer(material=c, overrides=dict(fixed_over)) for c in dict.fromkeys(cids))
    resolved = [_resolve_layer("cathode", layer, library, file) for layer in cathodes]  # names the bad one
    probe = {k[len("cathode_"):]: v[0] for k, v in axes.items()}
    if probe:  # the axis properties are allowed in the cathode slot (each value was range-checked above)
        for layer in cathodes:
            _resolve_layer("cathode", replace(layer, overrides={**layer.overrides, **probe}), library, file)

    fixed = {}
    for key, spec in CELL_FIELD_SPECS.items():
        if key not in raw:
            continue
        if spec.kind == "bool":
            problem = spec.check(raw[key])
            if problem:
                raise AnodeLabError(problem, file=file, entry="cell", field=key)
            fixed[key] = raw[key]
            continue
        vals = _axis_values(raw[key], spec.check, key, file)
        if isinstance(raw[key], dict):
            axes[key] = vals
        else:
            fixed[key] = vals[0]
    for key in ("separator_thickness_um", *INPUT_ONLY):
        if key in raw:
            check = PROPERTIES["electrode_gap_um"].check if key == "separator_thickness_um" else INPUT_ONLY[key].check
            axes[key] = _axis_values(raw[key], check, key, file)
    cond = conditions_raw or {}
    for key, cond_key in (("np_ratio", "na_excess_mAh_cm2"), ("depth_of_discharge", "areal_capacity_mAh_cm2")):
        if key in axes and cond_key in cond:
            raise AnodeLabError(f"[cell] {key} sets {cond_key} per design (× the cathode's capacity), but "
                                f"[conditions] states it too: give one of the two", file=file, entry="cell", field=key)
    cell = CellSpec(**fixed)

    names = tuple(axes)
    n_var = len(cathodes) * int(np.prod([len(v) for v in axes.values()], dtype=object))
    if n_var > MAX_CELL_VARIANTS:
        raise AnodeLabError(f"the [cell] axes make {n_var} cell variants; at most {MAX_CELL_VARIANTS}", **where)
    variants = tuple((c, dict(zip(names, combo))) for c in range(len(cathodes))
                     for combo in itertools.product(*(axes[k] for k in names)))

    # SI columns per variant
    base = [{c.field: _prop_value(rl, c) for c in CATHODE_COLUMNS} for rl in resolved]
    by_prop = {c.prop: c for c in CATHODE_COLUMNS}
    columns: dict = {c.field: np.empty(n_var) for c in CATHODE_COLUMNS}
    q_cath = np.empty(n_var)
    for v, (c, vals) in enumerate(variants):
        props = dict(resolved[c].values_dict())
        for f, x in base[c].items():
            columns[f][v] = x
        for k, x in vals.items():
            if k.startswith("cathode_"):
                prop = k[len("cathode_"):]
                props[prop] = x
                if prop in by_prop:
                    col = by_prop[prop]
                    columns[col.field][v] = col.to_si(x)
        q_cath[v] = cathode_capacity_mAh_cm2(props) * SUFFIX_TO_SI["mAh_cm2"]
    for fld, attr, factor in CELL_SPEC_COLUMNS:
        if attr in axes:
            col = np.array([vals[attr] for _c, vals in variants]) * factor
        elif attr == "electrolyte_to_capacity_g_Ah":
            col = (np.full(n_var, cell.electrolyte_to_capacity(False) * factor),
                   np.full(n_var, cell.electrolyte_to_capacity(True) * factor))
        else:
            col = np.full(n_var, float(getattr(cell, attr)) * factor)
        columns[fld] = col

    def per_variant(key):
        return np.array([vals[key] for _c, vals in variants]) if key in axes else None

    return ScreenCell(cathodes=cathodes, cell=cell, variants=variants, axis_names=names, columns=columns,
                      q_cath_C_m2=q_cath, np_ratio=per_variant("np_ratio"),
                      depth_of_discharge=per_variant("depth_of_discharge"),
                      separator_thickness_um=per_variant("separator_thickness_um"))
