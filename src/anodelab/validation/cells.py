"""Full-cell records (``resources/literature/cells.toml``) against the cell model, for ``anodelab validate``.

Each record states a reported cell-level number, the design that represents the cell, where each input of
that design came from (``sources``; ``from_paper`` names those read from the record's own paper), and the
inputs the source leaves open as ranges.

Independence follows the rule of the symmetric-cell records (:data:`anodelab.validation.records.DEPENDS_ON`):
the cell's *build and operating point* come from its paper — they are what the record describes (N/P ratio,
loadings, thicknesses, which materials, temperature, current, pressure; :data:`BUILD_FIELDS`) — while the
*material properties* come from the library. A comparison is not independent evidence when a material property
was read from the record's own paper (a ``from_paper`` entry outside :data:`BUILD_FIELDS`, e.g. the paper's
measured CE or specific capacity), or when a library value the design uses cites the record's DOI in its
source. Until 2026-12-05 every ``from_paper`` entry, the build included, counted against independence, so no
record could ever be independent; the build fields are now reported beside the verdict instead. The prediction is
evaluated at the design and at every corner of the open ranges (at most 2⁶ = 64 designs, scored in one
call). Two kinds of comparison (``comparison``):

* ``"value"`` (default): *reproduced* when the reported value lies in [min, max] of the corners;
* ``"at_least"``: the reported number is a lower bound (a test that ended before the cell reached 80 %,
  e.g. "93 % after 130 cycles" ⇒ N₈₀ > 130); *consistent* when max ≥ reported, i.e. some corner of the
  open inputs lets the cell survive the reported test (right-censoring, as in ``validation.heldout``);
* ``"at_most"``: the reported number is an upper bound (the cell was already below 80 % at the reported
  cycle, e.g. "70 % after 400 cycles" ⇒ N₈₀ < 400); *consistent* when min ≤ reported.

Quantities: every metric key of :mod:`anodelab.metrics`, and the mass bases papers quote that the score does
not hold (:data:`DERIVED_QUANTITIES`), computed here from the same scored batch:

* ``cathode_coating_specific_energy_Wh_kg`` = E / L: the cell's energy per mass of the whole cathode coating
  (active + carbon + binder, or the solid-state composite with its catholyte), the
  "W h kg⁻¹ of cathode composite" of solid-state papers. E = Q V_cell [J m⁻²] is the score's
  ``cell_energy_J_m2`` and L the cathode's areal loading [kg m⁻²]; / 3600 J per Wh.

The ranges are the stated uncertainty: they come from what the papers do not report, not from a fit.
Every record also gets a ``why`` line from the engine's numbers at the nominal design: what ends the cell
(the lifetime model's earliest mechanism), the cycles each mechanism allows, the CE at the design's
conditions and, for a cycle-life record, the per-cycle loss the reported number implies,
1 − 0.8^(1/N) (a geometric fade to 80 % after N cycles). Installed files only: user material files
cannot change the outcome.
"""

from __future__ import annotations

import copy
import itertools
import math
import tomllib
from dataclasses import asdict, dataclass, field

import numpy as np

from ..design import design_from_dict, resolve
from ..errors import AnodeLabError
from ..materials.library import load_library
from ..metrics import METRIC_BY_KEY
from ..paths import resources_dir
from ..batch import as_batch
from ..scoring import score
from ..cell.energy import CELL_LIFE_MECHANISMS, cell_life_mechanism

REQUIRED = ("citation", "doi", "url", "format", "quantity", "reported", "basis", "proxies", "design")
MAX_UNCERTAIN = 6
COMPARISONS = ("value", "at_least", "at_most")
#: quantity key → (unit, f(result, batch) → values per design): mass bases not in the score (module docstring)
DERIVED_QUANTITIES = {
    "cathode_coating_specific_energy_Wh_kg": (
        "Wh kg⁻¹", lambda result, batch: result.si["cell_energy_J_m2"] / batch.cathode_loading_kg_m2 / 3600.0),
}
#: "table.field" inputs that describe the cell's build and operating point, read from a record's paper by
#: definition (the record *is* that cell): they do not make the comparison dependent (module docstring). Material
#: properties (CE, specific capacity, voltage, conductivity, densities, fades, area ratios) are not in this set.
BUILD_FIELDS = frozenset({
    "host.material", "coating.material", "electrolyte.material", "interlayer.material", "cathode.material",
    "electrolyte.electrode_gap_um", "electrolyte.thickness_um",
    "cathode.areal_loading_mg_cm2", "cathode.active_fraction", "cathode.porosity",
    "cell.np_ratio", "cell.depth_of_discharge", "cell.electrolyte_to_capacity_g_Ah",
    "cell.positive_collector_thickness_um", "cell.separator_porosity", "cell.double_sided",
    "cell.packaging_mass_fraction", "cell.packaging_volume_fraction",
    "conditions.current_density_mA_cm2", "conditions.temperature_C", "conditions.stack_pressure_MPa",
    "conditions.cycles", "conditions.areal_capacity_mAh_cm2", "conditions.na_excess_mAh_cm2",
})
_CYCLE_QUANTITIES = ("cell_cycle_life_cycles", "cycle_life_na_inventory_cycles", "cycle_life_electrolyte_cycles",
                     "cycle_life_short_cycles", "cycle_life_cathode_cycles", "cycle_life_capacity_cycles")
_MECHANISM_WORDS = {
    "inventory": "Na inventory loss",
    "electrolyte": "electrolyte dry-out",
    "transport": "a short (transport-limited growth)",
    "nucleation": "a short (nucleation)",
    "sei_fracture": "a short (SEI fracture)",
    "voids": "voids (stripping)",
    "penetration": "a short (penetration)",
}


@dataclass(frozen=True)
class CellCheck:
    record_id: str
    quantity: str
    unit: str
    reported: float
    predicted: float
    low: float
    high: float
    reproduced: bool
    doi: str
    url: str
    basis: str
    proxies: str
    note: str = ""  # why the verdict (the record's optional 'note')
    comparison: str = "value"  # "value" or "at_least" (reported is a lower bound)
    from_paper: tuple[str, ...] = field(default_factory=tuple)  # inputs read from the record's own paper
    why: str = ""  # the engine's numbers at the nominal design (what ends the cell, …)
    library_from_paper: tuple[str, ...] = field(default_factory=tuple)  # library values citing the record's DOI

    @property
    def build_from_paper(self) -> tuple[str, ...]:
        """The inputs from the paper that describe the cell's build or operating point (:data:`BUILD_FIELDS`)."""
        return tuple(n for n in self.from_paper if n in BUILD_FIELDS)

    @property
    def properties_from_paper(self) -> tuple[str, ...]:
        """The material properties taken from the record's own paper: its design's and the library's."""
        return tuple(n for n in self.from_paper if n not in BUILD_FIELDS) + self.library_from_paper

    @property
    def independent(self) -> bool:
        """True when no material property of the design was read from the paper whose number is compared."""
        return not self.properties_from_paper

    def as_dict(self) -> dict:
        d = asdict(self)
        d["from_paper"] = list(self.from_paper)
        d["library_from_paper"] = list(self.library_from_paper)
        d["build_from_paper"] = list(self.build_from_paper)
        d["properties_from_paper"] = list(self.properties_from_paper)
        d["independent"] = self.independent
        return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in d.items()}


def cell_records_path():
    return resources_dir() / "literature" / "cells.toml"


def load_cell_records(path=None) -> dict:
    path = path or cell_records_path()
    file = str(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AnodeLabError(f"cannot read the cell records ({exc})", file=file) from None
    recs = data.get("records")
    if not isinstance(recs, dict) or not recs:
        raise AnodeLabError("missing [records.<id>] tables", file=file)
    for rid, rec in recs.items():
        entry = f"record '{rid}'"
        for key in REQUIRED:
            if key not in rec:
                raise AnodeLabError(f"missing '{key}'", file=file, entry=entry, field=key)
        if rec["quantity"] not in METRIC_BY_KEY and rec["quantity"] not in DERIVED_QUANTITIES:
            raise AnodeLabError("not a metric key (nor one of the derived mass bases of anodelab.validation.cells)",
                                file=file, entry=entry, field="quantity")
        if not (rec["doi"] or rec["url"]):
            raise AnodeLabError("needs a doi or, when none was found, the url it was read from", file=file,
                                entry=entry, field="doi")
        if rec.get("comparison", "value") not in COMPARISONS:
            raise AnodeLabError(f"must be one of {', '.join(COMPARISONS)}", file=file, entry=entry, field="comparison")
        unc = rec.get("uncertain", {})
        if len(unc) > MAX_UNCERTAIN:
            raise AnodeLabError(f"at most {MAX_UNCERTAIN} uncertain inputs", file=file, entry=entry, field="uncertain")
        for name, rng in unc.items():
            if "." not in name or not (isinstance(rng, list) and len(rng) == 2 and rng[0] <= rng[1]):
                raise AnodeLabError("must be \"table.field\" = [low, high]", file=file, entry=entry,
                                    field=f"uncertain.{name}")
        sources = rec.get("sources", {})
        if not isinstance(sources, dict) or not all(isinstance(v, str) and v for v in sources.values()):
            raise AnodeLabError("must be a table of \"table.field\" = \"where the value came from\"", file=file,
                                entry=entry, field="sources")
        from_paper = rec.get("from_paper", [])
        if not isinstance(from_paper, list):
            raise AnodeLabError("must be a list of \"table.field\" names", file=file, entry=entry, field="from_paper")
        for name in from_paper:
            if name not in sources:
                raise AnodeLabError(f"'{name}' is listed as read from the paper but has no entry in sources",
                                    file=file, entry=entry, field="from_paper")
    return recs


def _variant(design: dict, values: dict) -> dict:
    d = copy.deepcopy(design)
    for name, v in values.items():
        table, field_ = name.split(".", 1)
        d.setdefault(table, {})[field_] = v
    return d


def diagnose(result, i: int, quantity: str, reported: float, comparison: str = "value") -> str:
    """What the engine says about design ``i`` of ``result``: what ends it, per-mechanism cycles, CE, voltage.

    For a cycle-life quantity, the per-cycle capacity loss the reported life implies is 1 − 0.8^(1/N)
    (geometric fade to 80 % in N cycles; an upper bound on the loss for an ``at_least`` record), compared
    with the model's 1 − CE.
    """
    si = result.si
    mech = result.record(i).get("failure_mechanism")
    n_inv, n_el, n_short, n_cath, n_cap = (float(si[k][i]) for k in (
        "cycle_life_na_inventory", "cycle_life_electrolyte", "cycle_life_short", "cycle_life_cathode",
        "cycle_life_capacity"))
    cell_mech = cell_life_mechanism(si, i)
    words = (_MECHANISM_WORDS.get(mech, mech or "nothing") if cell_mech in ("short", "inventory", "electrolyte")
             else CELL_LIFE_MECHANISMS[cell_mech])
    ce = float(si["ce"][i])
    q = float(si["cathode_capacity_C_m2"][i]) / 36000.0  # C m⁻² → mAh cm⁻² (3.6 C per mAh, 10⁴ cm² per m²)
    parts = [f"ends by {words} at {float(si['cell_cycle_life'][i]):.4g} cycles "
             f"(Na inventory {n_inv:.4g}, cathode {n_cath:.4g}, both {n_cap:.4g}, electrolyte {n_el:.4g}, "
             f"short {n_short:.4g}); CE {100 * ce:.3f} % at the "
             f"design's conditions, N/P {float(si['np_ratio'][i]):.3g}, Q_cath {q:.3g} mAh cm⁻², "
             f"V_cell {float(si['cell_voltage_V'][i]):.3g} V"]
    if quantity in _CYCLE_QUANTITIES and reported > 0 and ce < 1.0:
        loss = 1.0 - 0.8 ** (1.0 / reported)
        if comparison == "at_least":  # 80 % not yet reached after N cycles: at most this loss per cycle
            said, bound, ce_bound = f"80 % not reached in {reported:.4g} cycles", "≤", "≥"
        elif comparison == "at_most":  # already below 80 % after N cycles: at least this loss per cycle
            said, bound, ce_bound = f"below 80 % after {reported:.4g} cycles", "≥", "≤"
        else:
            said, bound, ce_bound = f"80 % after {reported:.4g} cycles", "≥", "≤"
        parts.append(f"{said} means {bound} {100 * loss:.3f} % lost per cycle on average (CE {ce_bound} "
                     f"{100 * (1 - loss):.3f} % if all of it is Na inventory and no reservoir buffers it), "
                     f"×{loss / (1.0 - ce):.2g} the model's {100 * (1.0 - ce):.3f} %")
    return "; ".join(parts)


def check_cells(path=None) -> list[CellCheck]:
    """Every record of the cell file: reported vs predicted (nominal, [min, max] over the open inputs)."""
    recs = load_cell_records(path)
    library = load_library(include_user=False)
    out = []
    for rid, rec in recs.items():
        unc = rec.get("uncertain", {})
        names = list(unc)
        variants = [rec["design"]] + [_variant(rec["design"], dict(zip(names, corner)))
                                      for corner in itertools.product(*(unc[n] for n in names))]
        try:
            designs = [design_from_dict(v, file=f"cells.toml record '{rid}'", library=library) for v in variants]
        except AnodeLabError as exc:
            raise AnodeLabError(f"record '{rid}': {exc}", file=str(path or cell_records_path())) from None
        batch = as_batch(designs, library)
        result = score(batch, library=library)
        cited = library_values_citing(designs[0], library, rec["doi"] or rec["url"])
        quantity = rec["quantity"]
        if quantity in DERIVED_QUANTITIES:
            unit, derive = DERIVED_QUANTITIES[quantity]
            vals = np.asarray(derive(result, batch), dtype=float)
        else:
            unit, vals = METRIC_BY_KEY[quantity].unit, result.value(quantity)
        nominal, corners = float(vals[0]), vals[1:] if len(vals) > 1 else vals
        lo, hi = float(np.nanmin(corners)), float(np.nanmax(corners))
        reported = float(rec["reported"])
        comparison = rec.get("comparison", "value")
        if comparison == "at_least":
            ok = hi >= reported
        elif comparison == "at_most":
            ok = lo <= reported
        else:
            ok = lo <= reported <= hi
        out.append(CellCheck(rid, quantity, unit, reported, nominal, lo, hi,
                             bool(ok), rec["doi"], rec["url"], rec["basis"], rec["proxies"], str(rec.get("note", "")),
                             comparison, tuple(rec.get("from_paper", [])),
                             diagnose(result, 0, rec["quantity"], reported, comparison), cited))
    return out


def library_values_citing(design, library, doi: str) -> tuple[str, ...]:
    """``material.property`` of every library value the design uses (not overridden) whose source cites ``doi``
    (a DOI, or the page a record without one was read from)."""
    doi = doi.strip().lower().removeprefix("https://").removeprefix("http://").rstrip("/")
    if not doi:
        return ()
    out = []
    for slot, layer in resolve(design, library).layers.items():
        for name, prop in layer.properties.items():
            if name not in layer.overridden and doi in prop.source.lower():
                out.append(f"{layer.material_id}.{name}")
    return tuple(out)


def cell_section() -> list[dict]:
    """The records as JSON-ready dicts (``anodelab validate --json`` key ``cells``)."""
    return [c.as_dict() for c in check_cells()]


def cell_lines(rows: list[dict]) -> list[str]:
    """The text block of ``anodelab validate`` (also the desktop app's Validation tab)."""
    out: list[str] = []
    out.append("Full cells (resources/literature/cells.toml): reported vs predicted [range over the inputs not reported]")
    ind = [r for r in rows if r.get("independent", True)]
    out.append(f"  independent (no material property from the record's own paper; its build and operating point are): "
               f"{len(ind)} of {len(rows)}, reproduced or consistent {sum(bool(r['reproduced']) for r in ind)} of {len(ind)}; "
               f"not independent: reproduced or consistent {sum(bool(r['reproduced']) for r in rows if r not in ind)} "
               f"of {len(rows) - len(ind)}")
    for r in rows:
        ref = f"doi:{r['doi']}" if r["doi"] else f"no DOI found; {r['url']}"
        if r.get("comparison") == "at_least":
            verdict = "consistent (reported is a lower bound)" if r["reproduced"] else "NOT consistent (fails before the reported test)"
            rep = f"≥ {r['reported']:.4g}"
        elif r.get("comparison") == "at_most":
            verdict = "consistent (reported is an upper bound)" if r["reproduced"] else "NOT consistent (outlives the reported test)"
            rep = f"≤ {r['reported']:.4g}"
        else:
            verdict = "reproduced" if r["reproduced"] else "NOT reproduced"
            rep = f"{r['reported']:.4g}"
        build = r.get("build_from_paper") or []
        build_words = f"the build from the paper: {', '.join(build)}" if build else "nothing from the paper"
        if r.get("independent", True):
            indep = f"independent ({build_words})"
        else:
            indep = (f"not independent (properties from the paper: {', '.join(r['properties_from_paper'])}"
                     + (f"; build: {', '.join(build)})" if build else ")"))
        out.append(f"  {r['record_id']:<28} {r['quantity']}: reported {rep}, predicted {r['predicted']:.4g} "
                   f"[{r['low']:.4g}, {r['high']:.4g}] {r['unit']} — {verdict}; {indep}  ({ref})")
        if r.get("why"):
            out.append(f"    engine: {r['why']}")
        if r.get("note"):
            out.append(f"    {r['note']}")
    return out

