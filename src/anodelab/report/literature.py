"""Closest literature records (Tables 1-2 of Lu et al. 2022) to a design, with our prediction beside them.

Matching, in order of weight:

1. the table of the design's electrolyte kind (Table 1 for liquid, Table 2 for solid electrolytes);
2. identical material ids: electrolyte (4), host (3), interlayer (2), coating (2); an empty optional slot
   on both sides counts 1; a liquid electrolyte of the same ``solvent_family`` counts 1;
3. ties broken by the distance of the test conditions,
   ``|log10(J/J_rec)| + |log10(Q/Q_rec)| + |T − T_rec| / 25 K``.

The prediction is **this design** scored at the record's test conditions (current density, areal
capacity, temperature, stack pressure), so the numbers compare like with like where the record
reports them: symmetric-cell overpotential ↔ ``cell_overpotential_mV``, CE ↔ ``coulombic_efficiency``,
CCD ↔ ``ccd_mA_cm2``, interfacial ASR ↔ ``interfacial_asr_ohm_cm2``. Lifetimes and cycle counts are
shown as reported; the model does not predict them.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache

from ..design import Design, resolve
from ..errors import AnodeLabError
from ..paths import resources_dir

#: (record section, reported key, label, unit, our metric key, our metric's unit)
COMPARED = (
    ("symmetric", "overpotential_mV", "Symmetric-cell overpotential", "mV", "cell_overpotential_mV"),
    ("symmetric", "lifetime_h", "Symmetric-cell lifetime", "h", None),
    ("ce", "coulombic_efficiency", "Coulombic efficiency", "", "coulombic_efficiency"),
    ("ce", "duration_h", "CE test duration", "h", None),
    ("reported", "ccd_mA_cm2", "Critical current density", "mA cm⁻²", "ccd_mA_cm2"),
    ("reported", "interfacial_asr_ohm_cm2", "Interfacial ASR", "Ω cm²", "interfacial_asr_ohm_cm2"),
    ("reported", "lifetime_h", "Cycling lifetime", "h", None),
    ("reported", "cycles", "Cycles", "", None),
)


@dataclass(frozen=True)
class Comparison:
    quantity: str
    unit: str
    reported: float
    predicted: float | None  # None: the model does not predict this quantity
    test_conditions: str


@dataclass(frozen=True)
class LiteratureMatch:
    record_id: str
    reference: int
    citation: str
    doi: str
    strategy: str
    materials: str
    matched_on: list[str]
    score: float
    notes: str
    comparisons: list[Comparison] = field(default_factory=list)


@lru_cache(maxsize=1)
def _load() -> tuple[dict, dict, dict]:
    folder = resources_dir() / "literature"
    out = []
    for name in ("table1_liquid.toml", "table2_solid.toml", "references.toml"):
        path = folder / name
        try:
            with open(path, "rb") as fh:
                out.append(tomllib.load(fh))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise AnodeLabError(f"cannot read the literature table ({exc})", file=str(path)) from None
    return tuple(out)


def records(table: int) -> list[dict]:
    t1, t2, _refs = _load()
    return list((t1 if table == 1 else t2).get("record", []))


def references() -> dict:
    """``{"review": {...}, "references": {"53": {"citation", "doi"}, ...}}`` from references.toml."""
    return _load()[2]


def citation(ref: int | str) -> tuple[str, str]:
    entry = references().get("references", {}).get(str(ref), {})
    return entry.get("citation", f"reference [{ref}] of Lu et al. 2022"), entry.get("doi", "")


def _conditions_distance(design: Design, rec: dict, section: dict | None) -> float:
    c = design.conditions
    d = abs(c.temperature_C - float(rec.get("temperature_C", 25.0))) / 25.0
    if section:
        j = section.get("current_density_mA_cm2") or section.get("cycling_current_density_mA_cm2")
        q = section.get("areal_capacity_mAh_cm2") or section.get("cycling_areal_capacity_mAh_cm2")
        if j:
            d += abs(math.log10(c.current_density_mA_cm2 / j))
        if q:
            d += abs(math.log10(c.areal_capacity_mAh_cm2 / q))
    return d


def _material_score(design: Design, rec: dict, solvent_of) -> tuple[float, list[str]]:
    score, why = 0.0, []
    weights = {"electrolyte": 4.0, "host": 3.0, "interlayer": 2.0, "coating": 2.0}
    for slot, w in weights.items():
        layer = design.layer(slot)
        ours = layer.material if layer is not None else ""
        theirs = rec.get(slot, "") or ""
        if ours and ours == theirs:
            score += w
            why.append(f"same {slot} ({ours})")
        elif not ours and not theirs and slot in ("coating", "interlayer"):
            score += 1.0
            why.append(f"no {slot}")
    if rec.get("table") == 1 and rec.get("electrolyte") != design.electrolyte.material:
        a, b = solvent_of(design.electrolyte.material), solvent_of(rec.get("electrolyte", ""))
        if a and a == b:
            score += 1.0
            why.append(f"same solvent family ({a})")
    return score, why


def closest_records(design: Design, n: int = 3, *, library=None) -> list[dict]:
    """The ``n`` records closest to ``design`` (raw TOML dicts with ``_score`` and ``_matched_on`` added)."""
    from ..materials.library import default_library

    lib = library or default_library()
    is_solid = resolve(design, lib).is_solid

    def solvent_of(mid: str) -> str:
        if mid in lib:
            p = lib.get(mid).properties.get("solvent_family")
            return p.value if p else ""
        return ""

    ranked = []
    for rec in records(2 if is_solid else 1):
        s, why = _material_score(design, rec, solvent_of)
        section = rec.get("symmetric") or rec.get("reported") or rec.get("ce")
        dist = _conditions_distance(design, rec, section)
        ranked.append((-s, dist, rec["id"], {**rec, "_score": s, "_matched_on": why}))
    ranked.sort(key=lambda t: t[:3])
    return [r[-1] for r in ranked[:n]]


def _record_conditions(rec: dict, section_name: str, design: Design) -> dict:
    """The record's test conditions as Conditions overrides (only those it states)."""
    sec = rec.get(section_name, {})
    out = {"temperature_C": float(rec.get("temperature_C", design.conditions.temperature_C))}
    if "stack_pressure_MPa" in rec:
        out["stack_pressure_MPa"] = float(rec["stack_pressure_MPa"])
    j = sec.get("current_density_mA_cm2") or sec.get("cycling_current_density_mA_cm2")
    q = sec.get("areal_capacity_mAh_cm2") or sec.get("cycling_areal_capacity_mAh_cm2")
    if j:
        out["current_density_mA_cm2"] = float(j)
    if q:
        out["areal_capacity_mAh_cm2"] = float(q)
    return out


def _describe_conditions(cond: dict) -> str:
    parts = []
    if "current_density_mA_cm2" in cond:
        parts.append(f"{cond['current_density_mA_cm2']:g} mA cm⁻²")
    if "areal_capacity_mAh_cm2" in cond:
        parts.append(f"{cond['areal_capacity_mAh_cm2']:g} mAh cm⁻²")
    parts.append(f"{cond['temperature_C']:g} °C")
    if cond.get("stack_pressure_MPa"):
        parts.append(f"{cond['stack_pressure_MPa']:g} MPa")
    return ", ".join(parts)


def literature_matches(design: Design, n: int = 3, *, library=None, params=None) -> list[LiteratureMatch]:
    """Closest records with each reported number next to this design's prediction at the record's conditions.

    All predictions are scored in one vectorised call (one design variant per compared quantity).
    """
    from ..scoring import score

    recs = closest_records(design, n, library=library)
    variants: list[Design] = []
    pending: list[tuple[int, str, str, str, float, str | None, str]] = []
    for i, rec in enumerate(recs):
        for section, key, label, unit, metric in COMPARED:
            sec = rec.get(section)
            if not sec or sec.get(key) is None:
                continue
            cond = _record_conditions(rec, section, design)
            if metric is not None:
                variants.append(design.with_conditions(**cond))
            pending.append((i, label, unit, section, float(sec[key]), metric, _describe_conditions(cond)))
    predicted: list[float | None] = []
    if variants:
        result = score(variants, params=params, library=library)
        k = 0
        for _i, _label, _unit, _section, _rep, metric, _cond in pending:
            if metric is None:
                predicted.append(None)
                continue
            v = float(result.value(metric)[k])
            predicted.append(v if math.isfinite(v) else None)
            k += 1
    else:
        predicted = [None] * len(pending)
    out = []
    for i, rec in enumerate(recs):
        comps = [
            Comparison(label, unit, rep, pred, cond)
            for (j, label, unit, _s, rep, _m, cond), pred in zip(pending, predicted)
            if j == i
        ]
        cit, doi = citation(rec["reference"])
        mats = ", ".join(f"{slot}: {rec[slot]}" for slot in ("host", "coating", "interlayer", "electrolyte") if rec.get(slot))
        out.append(
            LiteratureMatch(
                record_id=rec["id"],
                reference=int(rec["reference"]),
                citation=cit,
                doi=doi,
                strategy=rec.get("strategy", ""),
                materials=mats,
                matched_on=rec["_matched_on"],
                score=rec["_score"],
                notes=rec.get("notes", ""),
                comparisons=comps,
            )
        )
    return out
