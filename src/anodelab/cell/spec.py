"""The ``[cell]`` section of a design file: what surrounds the anode in a full cell.

A full-cell design has a ``[cathode]`` slot (a library cathode, :file:`resources/materials/cathodes.toml`,
with optional overrides) and an optional ``[cell]`` table (user units, the unit in every name)::

    [cathode]
    material = "nvp-c"
    areal_loading_mg_cm2 = 15.0          # an override, as in every slot
    [cell]
    electrolyte_to_capacity_g_Ah = 2.0   # E/C, lean electrolyte
    separator_porosity = 0.45            # the separator's thickness is the electrolyte's electrode_gap_um
    packaging_mass_fraction = 0.10       # tabs + pouch foil, one stated allowance
    np_ratio = 1.0                       # optional: sets [conditions] na_excess_mAh_cm2 = N/P × Q_cathode
    depth_of_discharge = 0.8             # optional: sets [conditions] areal_capacity_mAh_cm2 = DoD × Q_cathode

The Na inventory and the cycled capacity stay where the anode physics reads them,
``[conditions] na_excess_mAh_cm2`` (0 = anode-free) and ``areal_capacity_mAh_cm2``; ``np_ratio`` and
``depth_of_discharge`` are a convenient way to state them and are converted on loading (a file that
states both forms must agree, else an error names both fields). The cell then reports
N/P = Q_excess / Q_cathode and DoD = Q_cycled / Q_cathode, with the cathode's areal capacity
Q_cathode = loading × active fraction × specific capacity.

The separator is the electrolyte layer itself: its thickness is ``electrode_gap_um`` (liquid) or
``thickness_um`` (solid electrolyte), so that Eq. 6 and the energy density use the same number.
The host is the negative current collector.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, fields, replace

from ..errors import AnodeLabError


@dataclass(frozen=True)
class CellFieldSpec:
    name: str
    low: float
    high: float
    low_inclusive: bool
    meaning: str
    kind: str = "number"  # "number" or "bool"

    def check(self, value) -> str | None:
        if self.kind == "bool":
            return None if isinstance(value, bool) else f"must be true or false, got {value!r}"
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
            return f"must be a number {self.describe()}, got {value!r}"
        ok = (value >= self.low if self.low_inclusive else value > self.low) and value <= self.high
        return None if ok else f"must be {self.describe()}, got {value!r}"

    def describe(self) -> str:
        return f"{'≥' if self.low_inclusive else '>'} {self.low:g} and ≤ {self.high:g}"


CELL_FIELD_SPECS: dict[str, CellFieldSpec] = {
    s.name: s
    for s in (
        CellFieldSpec("positive_collector_thickness_um", 0.1, 1000.0, True, "Al foil under the cathode coating"),
        CellFieldSpec("positive_collector_density_g_cm3", 0.1, 25.0, True, "density of the positive collector (Al 2.70)"),
        CellFieldSpec("separator_porosity", 0.0, 0.99, True, "pore fraction of the separator (liquid cells), filled by electrolyte"),
        CellFieldSpec("separator_density_g_cm3", 0.1, 25.0, True, "density of the separator's solid (PE/PP ≈ 0.95, glass fibre ≈ 2.5)"),
        CellFieldSpec("sse_density_g_cm3", 0.1, 25.0, True, "density of the solid electrolyte (solid cells)"),
        CellFieldSpec("electrolyte_to_capacity_g_Ah", 0.0, 100.0, True,
                      "E/C: liquid electrolyte per Ah of cathode capacity (default 3 liquid, 0 solid)"),
        CellFieldSpec("electrolyte_density_g_cm3", 0.5, 5.0, True, "density of the liquid electrolyte"),
        CellFieldSpec("anode_coating_density_g_cm3", 0.1, 25.0, True, "density of the anode coating / interlayer"),
        CellFieldSpec("packaging_mass_fraction", 0.0, 0.9, True, "share of the cell mass in tabs and pouch foil"),
        CellFieldSpec("packaging_volume_fraction", 0.0, 0.9, True, "share of the cell volume in tabs, seals and pouch foil"),
        CellFieldSpec("double_sided", 0.0, 1.0, True, "electrodes coated on both sides: each collector serves two cells", "bool"),
    )
}
#: Keys of ``[cell]`` converted into ``[conditions]`` on loading.
INPUT_ONLY = {
    "np_ratio": CellFieldSpec("np_ratio", 0.0, 1e3, True, "Na excess / cathode capacity (0 = anode-free)"),
    "depth_of_discharge": CellFieldSpec("depth_of_discharge", 0.0, 1.0, False, "cycled / cathode capacity"),
}

#: Kind-dependent default of E/C (g Ah⁻¹): estimate, 3 g Ah⁻¹ is the lean-electrolyte target of
#: practical Li/Na-metal pouch cells; an all-solid cell has no liquid.
DEFAULT_EC_LIQUID_g_Ah = 3.0
DEFAULT_EC_SOLID_g_Ah = 0.0


@dataclass(frozen=True)
class CellSpec:
    """The cell around the anode, in user units. Every default is an estimate stated in README/docs."""

    positive_collector_thickness_um: float = 12.0
    positive_collector_density_g_cm3: float = 2.70
    separator_porosity: float = 0.45
    separator_density_g_cm3: float = 0.95
    sse_density_g_cm3: float = 3.2
    electrolyte_to_capacity_g_Ah: float | None = None  # None: 3.0 liquid, 0.0 solid
    electrolyte_density_g_cm3: float = 1.2
    anode_coating_density_g_cm3: float = 3.0
    packaging_mass_fraction: float = 0.10
    packaging_volume_fraction: float = 0.10
    double_sided: bool = True

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def electrolyte_to_capacity(self, solid: bool) -> float:
        if self.electrolyte_to_capacity_g_Ah is not None:
            return self.electrolyte_to_capacity_g_Ah
        return DEFAULT_EC_SOLID_g_Ah if solid else DEFAULT_EC_LIQUID_g_Ah


def cathode_capacity_mAh_cm2(props) -> float:
    """Q_cathode = loading × active fraction × specific capacity (mg cm⁻² × 1 × mAh g⁻¹ / 1000)."""
    return props["areal_loading_mg_cm2"] * props["active_fraction"] * props["specific_capacity_mAh_g"] / 1000.0


def _cathode_props(layer, library, file):
    """Values of the cathode slot (library + overrides), without the full resolve (that comes later)."""
    if layer.material == "custom":
        base = {}
    else:
        try:
            mat = library.get(layer.material)
        except AnodeLabError as exc:
            raise AnodeLabError(exc.detail, file=file, entry="layer 'cathode'", field="material") from None
        base = mat.values()
    base.update(layer.overrides)
    return base


def parse_cell_section(data: dict, cathode, cond, *, library, file: str):
    """Parse ``[cell]`` (with ``[cathode]``); returns (CellSpec, conditions with np_ratio / DoD applied)."""
    raw = data.get("cell", {})
    if cathode is None:
        raise AnodeLabError("a [cell] section needs a [cathode] slot", file=file, entry="cell")
    if not isinstance(raw, dict):
        raise AnodeLabError("must be a table", file=file, entry="cell")
    values, inputs = {}, {}
    for key, value in raw.items():
        spec = CELL_FIELD_SPECS.get(key) or INPUT_ONLY.get(key)
        if spec is None:
            allowed = ", ".join([*CELL_FIELD_SPECS, *INPUT_ONLY])
            raise AnodeLabError(f"unknown cell field (allowed: {allowed})", file=file, entry="cell", field=key)
        problem = spec.check(value)
        if problem:
            raise AnodeLabError(problem, file=file, entry="cell", field=key)
        if key in INPUT_ONLY:
            inputs[key] = float(value)
        else:
            values[key] = value if spec.kind == "bool" else float(value)
    cell = CellSpec(**values) if "cell" in data else None  # None = the defaults (a file without [cell] round-trips)
    if inputs:
        props = _cathode_props(cathode, library, file)
        needed = ("areal_loading_mg_cm2", "active_fraction", "specific_capacity_mAh_g")
        if not all(isinstance(props.get(k), (int, float)) for k in needed):
            raise AnodeLabError(f"np_ratio / depth_of_discharge need the cathode's {', '.join(needed)}",
                                file=file, entry="layer 'cathode'")
        q_c = cathode_capacity_mAh_cm2(props)
        stated = data.get("conditions", {}) if isinstance(data.get("conditions"), dict) else {}
        for key, cond_key in (("np_ratio", "na_excess_mAh_cm2"), ("depth_of_discharge", "areal_capacity_mAh_cm2")):
            if key not in inputs:
                continue
            target = inputs[key] * q_c
            if cond_key in stated and not math.isclose(float(stated[cond_key]), target, rel_tol=1e-6, abs_tol=1e-12):
                raise AnodeLabError(
                    f"[cell] {key} = {inputs[key]:g} means {cond_key} = {target:.6g} with this cathode "
                    f"({q_c:.4g} mAh cm⁻²), but [conditions] states {stated[cond_key]!r}: give one of the two",
                    file=file, entry="cell", field=key)
            cond = replace(cond, **{cond_key: target})
    return cell, cond


def check_cell(design, cathode_layer, *, file: str = "<design>") -> None:
    """Cross-checks once the cathode is resolved: the anode cannot cycle more than the cathode holds."""
    q_c = cathode_capacity_mAh_cm2(cathode_layer.values_dict())
    q = design.conditions.areal_capacity_mAh_cm2
    if q > q_c * (1.0 + 1e-9):
        raise AnodeLabError(
            f"must be ≤ the cathode's areal capacity {q_c:.4g} mAh cm⁻² (loading × active fraction × specific "
            f"capacity) in a full cell, got {q!r}",
            file=file, entry="conditions", field="areal_capacity_mAh_cm2")


def cell_field_names() -> list[str]:
    return [f.name for f in fields(CellSpec)]
