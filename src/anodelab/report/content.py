"""Everything a design report says, gathered once from the engine (no Qt here).

Every exporter (PDF, HTML, JSON, CSV) renders the same :class:`ReportContent`, so a number is
formatted, rated and sourced identically in every format.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from dataclasses import dataclass, field
from pathlib import Path

from .. import __version__
from ..design import CONDITION_SPECS, Design, resolve
from ..errors import AnodeLabError
from ..materials.schema import MAX_DESCRIPTION_CHARS, MAX_SOURCE_CHARS
from ..materials.schema import PROPERTIES
from ..metrics import METRICS
from ..physics.parameters import default_parameters
from ..formatting import fmt_number, in_sentence, unit_of
from .decimate import MAX_POINTS, decimate, finite_count
from .literature import LiteratureMatch, citation, literature_matches, references

_REF_PATTERN = re.compile(r"\[(\d{1,3})\]")

#: simulated protocols shown in a design report: (protocol, title, solid electrolytes only)
PLOT_PROTOCOLS = (
    ("deposition", "Deposition transient (Na plating on the host)", False),
    ("symmetric", "Symmetric-cell cycling", False),
    ("ccd", "Critical-current-density ramp", True),
    ("eis", "Nyquist plot (impedance)", False),
    ("arrhenius", "Arrhenius plot", False),
)

#: Model assumptions stated in the engine (scoring.py and the physics docstrings), listed in every report.
ASSUMPTIONS = (
    "Steady-state, one-dimensional model of a Na | host symmetric cell; the counter electrode is planar Na.",
    "Charge transfer follows Butler–Volmer with α = ½; i0 and the SEI ASR share one Arrhenius activation energy.",
    "The salt diffusivity of a liquid electrolyte scales with temperature like its conductivity (same activation energy).",
    "A conductive coating takes the plated Na; an electronically insulating coating lets Na plate beneath it, on the host.",
    "Solid electrolytes: σT follows Arrhenius; interfacial ASR = R_int(T) / contact fraction (Na creep and yield under the stack "
    "pressure, or an interlayer's wetting); the CCD is the lower of the stripping (void: interface vacancy annihilation and creep "
    "against the capacity per half cycle) and plating (penetration) limits, Eqs. 11-13 (model v2, anodelab.physics.solid).",
    "The dendrite risk combines hazards h = x²/(1 + x²) of each mechanism with the weights of the model parameters; it ranks designs, it is not a probability.",
    "Parameters of kind 'estimate' or 'calibrated' (table of model parameters) carry the largest uncertainty.",
)


def _capped(text, limit: int | None = None) -> str:
    """Text from a file as shown in a report: always a string, at most ``limit`` characters.

    Reports lay names out in titles, tables and drawings, whose cost grows faster than linearly
    with the length of an unbroken word; a longer text is cut with "… (n characters)".
    """
    from ..materials.schema import MAX_NAME_CHARS

    limit = limit or MAX_NAME_CHARS
    text = "" if text is None else str(text)
    if len(text) <= limit:
        return text
    return text[: limit - 1] + f"… ({len(text):,} characters)"


def property_unit(name: str) -> str:
    """Unit column of the report tables: the display unit, "1" for a dimensionless number, "" for flags."""
    unit = unit_of(name)
    if unit:
        return unit
    spec = PROPERTIES.get(name)
    return "" if spec is not None and spec.kind != "number" else "1"


@dataclass(frozen=True)
class PropertyRow:
    slot: str
    name: str
    value: object
    text: str
    unit: str
    source: str
    range: tuple[float, float] | None
    conditions: str
    overridden: bool
    meaning: str


@dataclass(frozen=True)
class LayerInfo:
    slot: str
    material_id: str
    name: str
    cls: str
    thickness_m: float | None
    thickness_text: str


@dataclass(frozen=True)
class MetricRow:
    key: str
    label: str
    value: float | None  # JSON-ready: None when not applicable (NaN) or infinite (see ``raw``/``text``)
    raw: float  # the engine's value in user units: NaN = not applicable, ±∞ = unbounded
    text: str
    unit: str
    rating: str
    thresholds: str
    equation: str
    group: str
    #: 5–95 % interval (p05, p50, p95) in user units (None entries: not applicable / unbounded), see
    #: anodelab.uncertainty; None when the report was built without intervals
    interval: tuple | None = None
    interval_text: str = ""


@dataclass(frozen=True)
class ParameterRow:
    name: str
    value: float
    text: str
    unit: str
    kind: str
    source: str


@dataclass
class PlotData:
    """One simulated profile of design 0, ready to draw (arrays in the profile's display units)."""

    protocol: str
    title: str
    x: list[float]
    y: list[float]
    x_label: str
    y_label: str
    log_y: bool = False
    log_x: bool = False
    series: dict[str, list[float]] = field(default_factory=dict)
    events: dict = field(default_factory=dict)  # Profile.event_record(0): key with unit → value
    kind: str = "line"  # "line" or "scatter"
    highlight: list[bool] | None = None  # scatter: points drawn in colour (e.g. the Pareto set)
    legend: tuple[str, str] = ("", "")  # scatter: names of the other and the highlighted points
    points_total: int = 0  # finite points of the simulated curve (before decimation)
    decimated: bool = False  # x/y/series hold the min/max envelope (report.decimate), not every point
    #: marks drawn over the curve (solid-state CCD/ASR curves): "operating": [x, y] of the design,
    #: "measured": [[x, y, label, same_stack], …] literature points (report.plots draws them)
    marks: dict = field(default_factory=dict)

    def events_text(self) -> str:
        from .event_labels import event_text  # words, not keys: "lifetime = 1000 h"

        return "; ".join(t for t in (event_text(k, v) for k, v in self.events.items()) if t)

    def decimation_text(self) -> str:
        """'' or a sentence saying the curve is a min/max envelope of how many points."""
        if not self.decimated:
            return ""
        kept = sum(1 for a, b in zip(self.x, self.y) if a is not None and b is not None)
        return (f"{self.title}: drawn from {kept:,} of {self.points_total:,} points (min/max envelope per bucket, "
                f"so peaks and the short-circuit collapse are kept; the full profile: anodelab simulate --out)")


@dataclass
class ReportContent:
    title: str
    design: Design
    design_name: str
    design_file: str
    design_hash: str
    version: str
    generated: str
    description: str
    electrolyte_kind: str
    layers: list[LayerInfo]
    conditions: list[tuple[str, str, str, str]]  # name, value text, unit, meaning
    properties: list[PropertyRow]
    metrics: list[MetricRow]
    risk_factors: list[tuple[str, float | None, float | None]]  # name, contribution, hazard
    warnings: list[str]
    assumptions: list[str]
    parameters: list[ParameterRow]
    literature: list[LiteratureMatch]
    references: list[tuple[str, str, str]]  # label, citation, doi
    record: dict
    plots: list[PlotData]
    plots_note: str
    #: full cell only (anodelab.cell.report.layer_table): mass and volume per layer of the repeat unit
    cell_layers: list = field(default_factory=list)
    #: how the 5–95 % intervals were computed (anodelab.uncertainty.IntervalResult.method_record), or None
    intervals: dict | None = None


def _thickness(slot: str, props: dict) -> float | None:
    if slot == "cathode":  # coating thickness t = loading / (ρ (1 − φ))
        need = ("areal_loading_mg_cm2", "density_g_cm3", "porosity")
        if all(n in props for n in need):
            return (float(props["areal_loading_mg_cm2"].value) * 1e-2
                    / (float(props["density_g_cm3"].value) * 1e3 * (1.0 - float(props["porosity"].value))))
        return None
    if slot == "electrolyte":
        for name, f in (("thickness_um", 1e-6), ("electrode_gap_um", 1e-6)):
            if name in props:
                return float(props[name].value) * f
        return None
    if "thickness_um" in props:
        return float(props["thickness_um"].value) * 1e-6
    if "thickness_nm" in props:
        return float(props["thickness_nm"].value) * 1e-9
    return None


def fmt_length(m: float | None) -> str:
    if m is None:
        return "n/a"
    if m == 0:
        return "0 (bare contact)"
    if m >= 1e-3:
        return f"{m * 1e3:.3g} mm"
    if m >= 1e-6:
        return f"{m * 1e6:.3g} µm"
    return f"{m * 1e9:.3g} nm"


def _plots(design: Design, is_solid: bool, progress) -> tuple[list[PlotData], str]:
    """Simulated profiles from :mod:`anodelab.simulate`, or an honest note why there are none."""
    try:
        from ..simulate import simulate  # built concurrently; absent in some builds
    except ImportError as exc:
        return [], f"Simulated profiles are not available: anodelab.simulate is not part of this build ({exc.msg})."
    plots, skipped = [], []
    todo = [p for p in PLOT_PROTOCOLS if is_solid or not p[2]]
    if design.cathode is not None:  # a full cell (anodelab.simulate.full_cell): its cycling at the design's DoD
        todo.append(("full_cell", "Full-cell cycling (cathode curve ± anode overpotential)", False))
    for i, (protocol, title, _solid) in enumerate(todo):
        if progress:
            progress(0.2 + 0.3 * i / len(todo), f"simulating {protocol}")
        try:
            prof = simulate(design, protocol)
        except AnodeLabError as exc:
            skipped.append(f"{protocol}: {exc}")
            continue
        import numpy as np

        x = np.asarray(prof.x, dtype=float)
        y = np.asarray(prof.y, dtype=float)
        x0 = x[0] if x.ndim == 2 else x
        y0 = y[0] if y.ndim == 2 else y
        names = list(getattr(prof, "series", {}))
        cols = [np.asarray(prof.series[k], dtype=float) for k in names]
        cols = [a[0] if a.ndim == 2 else a for a in cols]
        # long cycling records (10⁵ cycles ≈ 4 M points): keep the min/max envelope (≤ MAX_POINTS points)
        total = finite_count(x0, y0)
        x0, y0, *cols = decimate(x0, y0, *cols, max_points=MAX_POINTS)
        decimated = finite_count(x0, y0) < total
        series = {k: _json_list(a) for k, a in zip(names, cols)}
        if protocol == "arrhenius":
            title = f"{title} of the {prof.y_label[:1].lower()}{prof.y_label[1:]}"
        plots.append(
            PlotData(
                protocol=protocol,
                title=title,
                x=_json_list(x0),
                y=_json_list(y0),
                x_label=f"{prof.x_label} / {prof.x_unit}" if prof.x_unit else prof.x_label,
                y_label=f"{prof.y_label} / {prof.y_unit}" if prof.y_unit else prof.y_label,
                log_y=protocol == "arrhenius",
                series=series,
                events=prof.event_record(0),
                points_total=total,
                decimated=decimated,
            )
        )
    if is_solid:  # solid-state model v2 (issue 12): CCD(T) and CCD(P) with the operating point and literature points
        from ..simulate.solid_curves import ccd_vs_pressure, ccd_vs_temperature

        for c in (ccd_vs_temperature(design), ccd_vs_pressure(design)):
            # the limits, the operating point and the measured points are drawn (report.plots); the caption names them
            # briefly (a PDF caption has five lines); the curves' values are in the JSON/CSV series
            lit = "; ".join(f"{q.record_id} {q.bound_sign + ' ' if q.bound_sign else ''}{q.ccd_mA_cm2:g} at {q.x:g} {c.x_unit}"
                            for q in c.literature)
            # keys name their unit (report.event_labels words them: "operating point = 25 °C"), so the JSON keys
            # stay machine-readable: operating_temperature_C or operating_stack_pressure_MPa, operating_ccd_mA_cm2, ...
            ev = {f"operating_{c.variable}": c.operating_x, "operating_ccd_mA_cm2": c.operating_ccd_mA_cm2}
            if c.variable == "temperature_C":
                ev["ccd_apparent_activation_eV"] = c.apparent_activation_eV
                ev["ccd_activation_fit_range_C"] = f"{c.x[0]:g}–{c.x[-1]:g}"
            if lit:
                ev["measured_ccd_mA_cm2"] = lit
            ev["legend"] = ("thick line CCD, dashed stripping (voids) limit, dotted plating (penetration) limit, "
                            "★ this design, ●/○ measured (same/other interlayer), ⬆/⬇ a bound (the cell sustained: CCD ≥; "
                            "had already failed: CCD ≤)")
            plots.append(PlotData(protocol=f"ccd_vs_{c.variable}", title=f"CCD against {in_sentence(c.x_label)} (model v2)",
                                  x=_json_list(c.x), y=_json_list(c.ccd_mA_cm2), x_label=f"{c.x_label} / {c.x_unit}",
                                  y_label="CCD / mA cm⁻²", log_y=True, events=ev, points_total=len(c.x),
                                  series={"stripping_mA_cm2": _json_list(c.stripping_mA_cm2),
                                          "plating_mA_cm2": _json_list(c.plating_mA_cm2),
                                          "interface_asr_ohm_cm2": _json_list(c.asr_ohm_cm2)},
                                  marks=_solid_marks(c, "ccd")))
            if any(math.isfinite(v) for v in c.asr_ohm_cm2.tolist()):  # the interface ASR = R_int(T) / f_c(P, T) along the same axis
                aev = {f"operating_{c.variable}": c.operating_x, "operating_interface_asr_ohm_cm2": c.operating_asr_ohm_cm2}
                alit = "; ".join(f"{q.record_id} {q.asr_ohm_cm2:g} at {q.x:g} {c.x_unit}"
                                 + ("" if q.pressure_stated else " (pressure not stated)") for q in c.asr_literature)
                if alit:
                    aev["measured_interface_asr_ohm_cm2"] = alit
                aev["legend"] = ("line interface ASR R_int(T) / f_c(P, T) per interface, ★ this design, "
                                 "●/○ measured (same/other interlayer)")
                plots.append(PlotData(protocol=f"asr_vs_{c.variable}",
                                      title=f"Interface ASR against {in_sentence(c.x_label)} (model v2)",
                                      x=_json_list(c.x), y=_json_list(c.asr_ohm_cm2), x_label=f"{c.x_label} / {c.x_unit}",
                                      y_label="Interface ASR / Ω cm²", log_y=True, events=aev, points_total=len(c.x),
                                      marks=_solid_marks(c, "asr")))
    notes = [p.decimation_text() + "." for p in plots if p.decimated]
    if skipped:
        notes.append(f"Not plotted: {'; '.join(skipped)}")
    return plots, " ".join(notes)


def _solid_marks(c, kind: str) -> dict:
    """Operating point and measured points of a solid-state CCD(x) / ASR(x) curve (anodelab.simulate.solid_curves)."""
    if kind == "ccd":
        return {"operating": [c.operating_x, c.operating_ccd_mA_cm2],
                "measured": [[q.x, q.ccd_mA_cm2, f"{q.record_id} {q.bound_sign}".rstrip(), q.same_stack, q.comparison]
                             for q in c.literature]}
    return {"operating": [c.operating_x, c.operating_asr_ohm_cm2],
            "measured": [[q.x, q.asr_ohm_cm2, q.record_id, q.same_stack] for q in c.asr_literature]}


def _json_list(a) -> list:
    """Array → list with NaN / ±∞ as None (points past the end of a profile are NaN)."""
    return [float(v) if math.isfinite(v) else None for v in a.tolist()]


def build_content(
    design: Design,
    results=None,
    *,
    design_file: str | Path | None = None,
    library=None,
    params=None,
    include_plots: bool = True,
    progress=None,
    now: _dt.datetime | None = None,
    intervals: bool = True,
) -> ReportContent:
    """Gather the report content for ``design`` (scored here unless ``results`` is given).

    ``intervals``: add the 5–95 % interval of every metric (:func:`anodelab.uncertainty.score_intervals`
    with its default samples and seed).
    """
    from ..scoring import score
    from ..uncertainty.intervals import interval_text, score_intervals

    if not isinstance(design, Design):
        raise AnodeLabError(f"expected a Design, got {type(design).__name__}", field="design")
    params = params or default_parameters()
    rd = resolve(design, library)
    if progress:
        progress(0.05, "scoring")
    if results is None:
        results = score(design, params=params, library=library)
    if len(results) < 1:
        raise AnodeLabError("the results hold no design", field="results")
    record = results.record(0)
    iv = score_intervals(design, params=params, library=library) if intervals else None

    layers, props = [], []
    for slot in ("host", "coating", "interlayer", "electrolyte", "cathode"):
        rl = rd.layers.get(slot)
        if rl is None:
            continue
        t = _thickness(slot, rl.properties)
        layers.append(LayerInfo(slot, _capped(rl.material_id), _capped(rl.name), rl.cls, t, fmt_length(t)))
        for name, p in rl.properties.items():
            spec = PROPERTIES.get(name)
            props.append(
                PropertyRow(
                    slot=slot,
                    name=name,
                    value=p.value,
                    text=fmt_number(p.value),
                    unit=property_unit(name),
                    source=_capped(p.source, MAX_SOURCE_CHARS),
                    range=p.range,
                    conditions=_capped(p.conditions, MAX_SOURCE_CHARS),
                    overridden=name in rl.overridden,
                    meaning=spec.meaning if spec else "",
                )
            )

    conditions = []
    for name, spec in CONDITION_SPECS.items():
        value = getattr(design.conditions, name)
        unit = "" if name == "cycles" else property_unit(name)
        conditions.append((name, fmt_number(value), unit, spec.meaning))

    metrics = []
    for spec in METRICS:
        value = record[spec.key]  # JSON-ready: None for NaN and ±∞
        raw = float(results.value(spec.key)[0])
        if math.isnan(raw) and (spec.liquid_only or spec.solid_only or spec.cell_only):
            continue  # not applicable to this electrolyte kind (or, for cell metrics, a design without cathode)
        text, rating = spec.cell(raw)
        metrics.append(
            MetricRow(
                key=spec.key,
                label=spec.label,
                value=value,
                raw=raw,
                text=text,
                unit=spec.unit,
                rating=rating,
                thresholds=spec.describe_thresholds(),
                equation=spec.equation,
                group=spec.group,
                interval=None if iv is None else tuple(iv.metrics_record()[spec.key].values()),
                interval_text=interval_text(iv, spec.key),
            )
        )
    risk = sorted(
        ((k, v, record["risk_hazards"].get(k)) for k, v in record["risk_factors"].items()),
        key=lambda t: -(t[1] or 0.0),
    )
    parameters = [
        ParameterRow(p.name, p.value, fmt_number(p.value), p.unit, p.kind, p.source) for p in params.entries.values()
    ]

    if progress:
        progress(0.12, "matching literature records")
    matches = literature_matches(design, library=library, params=params)

    refs_data = references()
    review = refs_data.get("review", {})
    refs = [("Review", review.get("citation", "Lu et al., Energy Technol. 2022"), review.get("doi", ""))]
    numbers: list[int] = []
    for m in matches:
        numbers.append(m.reference)
    from ..materials.library import default_library

    lib = library or default_library()
    for slot in ("host", "coating", "interlayer", "electrolyte"):
        layer = design.layer(slot)
        if layer is not None and layer.material in lib:
            numbers.extend(lib.get(layer.material).references)
    # every "[n]" cited in a property or parameter source resolves in the reference list
    cited = [p.source for p in props] + [p.source for p in parameters]
    known = refs_data.get("references", {})
    for text in cited:
        numbers.extend(int(n) for n in _REF_PATTERN.findall(text) if n in known)
    for n in sorted(set(numbers)):
        cit, doi = citation(n)
        refs.append((f"[{n}]", cit, doi))

    plots, note = _plots(design, rd.is_solid, progress) if include_plots else ([], "Plots not requested.")

    now = now or _dt.datetime.now().astimezone()
    return ReportContent(
        title=f"AnodeLab design report: {_capped(design.name)}",
        design=design,
        design_name=_capped(design.name),
        design_file=Path(design_file).name if design_file else "(not saved to a file)",
        design_hash=design.content_hash(),
        version=__version__,
        generated=now.strftime("%Y-%m-%d %H:%M %Z").strip(),
        description=_capped(design.description, MAX_DESCRIPTION_CHARS),
        electrolyte_kind=record["electrolyte_kind"],
        layers=layers,
        conditions=conditions,
        properties=props,
        metrics=metrics,
        risk_factors=risk,
        warnings=list(record["warnings"]),
        assumptions=list(ASSUMPTIONS),
        parameters=parameters,
        literature=matches,
        references=refs,
        record=record,
        plots=plots,
        plots_note=note,
        cell_layers=_cell_layers(design, results),
        intervals=None if iv is None else iv.method_record(),
    )


def _cell_layers(design: Design, results) -> list:
    if design.cathode is None:
        return []
    from ..cell.report import layer_table

    return layer_table(design, results)
