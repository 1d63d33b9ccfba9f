"""JSON design report: all inputs (with sources), all outputs, version and references.

The ``design`` member is :meth:`Design.to_dict` — the design file's own form — so a report loads back
into an identical design with :func:`design_from_report`, and scoring that design gives ``results``
again.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from ..design import Design, design_from_dict
from ..errors import AnodeLabError
from .content import ReportContent

REPORT_FORMAT = "anodelab-design-report"
REPORT_VERSION = 1


def report_dict(c: ReportContent) -> dict:
    inputs: dict = {}
    for row in c.properties:
        layer = next(l for l in c.layers if l.slot == row.slot)
        slot = inputs.setdefault(
            row.slot, {"material": layer.material_id, "name": layer.name, "class": layer.cls, "properties": {}}
        )
        slot["properties"][row.name] = {
            "value": row.value,
            "unit": row.unit,
            "source": row.source,
            "range": list(row.range) if row.range else None,
            "conditions": row.conditions,
            "overridden": row.overridden,
        }
    return {
        "format": REPORT_FORMAT,
        "format_version": REPORT_VERSION,
        "anodelab_version": c.version,
        "generated": c.generated,
        "design_file": c.design_file,
        "design_hash": c.design_hash,
        "design": c.design.to_dict(),
        "inputs": inputs,
        "conditions": {name: {"value": getattr(c.design.conditions, name), "unit": unit, "meaning": meaning}
                       for name, _text, unit, meaning in c.conditions},
        "model_parameters": {p.name: {"value": p.value, "unit": p.unit, "kind": p.kind, "source": p.source}
                             for p in c.parameters},
        "results": c.record,
        "score_card": [
            {"key": m.key, "label": m.label, "value": m.value, "text": m.text, "unit": m.unit, "rating": m.rating,
             "thresholds": m.thresholds, "equation": m.equation,
             **({"interval": dict(zip(("p05", "p50", "p95"), m.interval))} if m.interval is not None else {})}
            for m in c.metrics
        ],
        "cell_layers": c.cell_layers,  # full cell only (anodelab.cell); [] for an anode design
        **({"intervals": c.intervals} if c.intervals is not None else {}),
        "warnings": c.warnings,
        "assumptions": c.assumptions,
        "literature": [asdict(m) for m in c.literature],
        "references": [{"label": label, "citation": cit, "doi": doi} for label, cit, doi in c.references],
        "profiles": {p.protocol: _profile(p) for p in c.plots},
        "profiles_note": c.plots_note,
    }


def _profile(p) -> dict:
    out = {"title": p.title, "x_label": p.x_label, "y_label": p.y_label, "x": p.x, "y": p.y, "series": p.series,
           "points": p.points_total, "decimated": p.decimated}
    if p.decimated:
        out["decimation"] = (
            f"min/max envelope per bucket ({len(p.x)} of {p.points_total} points, anodelab.report.decimate); "
            "the full profile: anodelab simulate DESIGN --protocol " + p.protocol + " --out profile.csv")
    return out


def export(content: ReportContent, path=None) -> bytes:
    data = json.dumps(report_dict(content), indent=2, ensure_ascii=False, allow_nan=False).encode("utf-8")
    return data


def design_from_report(source) -> Design:
    """The design of a JSON report given as bytes, text or a file path."""
    where = "<report>"
    if isinstance(source, (str, Path)) and not (isinstance(source, str) and source.lstrip().startswith("{")):
        where = str(source)
        try:
            source = Path(source).read_bytes()
        except FileNotFoundError:
            raise AnodeLabError("no such file", file=where) from None
        except OSError as exc:
            raise AnodeLabError(f"cannot read ({exc})", file=where) from None
    try:
        data = json.loads(source)
    except (ValueError, TypeError) as exc:
        raise AnodeLabError(f"not a JSON report ({exc})", file=where) from None
    if not isinstance(data, dict) or data.get("format") != REPORT_FORMAT:
        raise AnodeLabError(f"not an AnodeLab design report (missing format = {REPORT_FORMAT!r})", file=where, field="format")
    if "design" not in data:
        raise AnodeLabError("the report has no 'design'", file=where, field="design")
    return design_from_dict(data["design"], file=where)
