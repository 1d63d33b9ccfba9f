"""CSV score card: one row per metric (then the dendrite-risk factors), numbers unformatted (full precision)."""

from __future__ import annotations

import csv
import io
import math

from .content import ReportContent

COLUMNS = ("section", "key", "label", "value", "unit", "rating", "thresholds", "equation")


def _num(v) -> str:
    return "" if v is None else repr(float(v))


def _raw(v: float) -> str:
    """Empty when not applicable (NaN); 'inf' / '-inf' (float() reads them) when unbounded."""
    return "" if math.isnan(v) else repr(float(v))


def export(content: ReportContent, path=None) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(COLUMNS)
    for m in content.metrics:
        w.writerow(("metric", m.key, m.label, _raw(m.raw), m.unit, m.rating, m.thresholds, m.equation))
    for name, contribution, hazard in content.risk_factors:
        w.writerow(("risk_factor", name, f"dendrite-risk contribution of {name} (hazard {_num(hazard)})",
                    _num(contribution), "", "", "", "1 − (1 − h)^w"))
    for text in content.warnings:
        w.writerow(("warning", "", text, "", "", "", "", ""))
    return buf.getvalue().encode("utf-8")
