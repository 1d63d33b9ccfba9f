"""Screening summary report: the screen's definition, the run, the top designs, the Pareto plot, and
(CSV) every kept result row.

    export_screen_summary(spec, result, "pdf", "screen.pdf")

``spec`` is an :class:`anodelab.screening.ScreenSpec` (or None: the result's own ``plan.spec``);
``result`` an :class:`anodelab.screening.ScreenResult`. The runner keeps the top-k and the Pareto set,
not every evaluated design, so "all results" means all kept rows; the report states how many designs
were evaluated and how many met the constraints.
"""

from __future__ import annotations

import datetime as _dt
import json
import math
from pathlib import Path

from .. import __version__
from ..errors import AnodeLabError
from ..metrics import METRIC_BY_KEY
from . import check_format
from .content import PlotData, fmt_number

TOP_N = 20


def _definition(spec) -> list[tuple[str, str]]:
    rows = []
    for slot, ids in spec.materials.items():
        rows.append((f"{slot} materials", ", ".join(i if i else "(none)" for i in ids) or "(none)"))
    for name, axis in spec.conditions.items():
        if axis.values is not None:
            text = ", ".join(fmt_number(v) for v in axis.values)
        else:
            text = f"{fmt_number(axis.low)} … {fmt_number(axis.high)}, {axis.n} points, {axis.scale}"
        rows.append((name, text))
    rows.append(("objective", spec.objective.text))
    if spec.pareto:
        rows.append(("Pareto objectives", "; ".join(o.text for o in spec.pareto)))
    if spec.constraints:
        rows.append(("constraints", "; ".join(c.text for c in spec.constraints)))
    rows.append(("sampling", spec.sampling + (f", {spec.n_samples} samples, seed {spec.seed}" if spec.n_samples else "")))
    if spec.uncertainty:
        u = spec.uncertainty
        rows.append(("uncertainty", f"{u.method}, {u.samples} samples, seed {u.seed}, ranked by {u.rank_by}"))
    rows.append(("top k kept", str(spec.top_k)))
    return rows


def _pareto_plot(spec, result) -> PlotData | None:
    if len(spec.pareto) < 2 or len(result) < 2:
        return None
    a, b = spec.pareto[0], spec.pareto[1]
    ma, mb = METRIC_BY_KEY.get(a.metric), METRIC_BY_KEY.get(b.metric)
    label_a = (f"{ma.label} / {ma.unit}" if ma.unit else ma.label) if ma else a.metric
    label_b = (f"{mb.label} / {mb.unit}" if mb.unit else mb.label) if mb else b.metric
    x = [float(v) if math.isfinite(v) else None for v in result.values[a.metric].tolist()]
    y = [float(v) if math.isfinite(v) else None for v in result.values[b.metric].tolist()]
    return PlotData(
        protocol="pareto",
        title=f"Kept designs: {a.text} vs {b.text}; Pareto set (all {len(spec.pareto)} objectives) in red",
        x=x, y=y, x_label=label_a, y_label=label_b, kind="scatter",
        highlight=[bool(v) for v in result.on_pareto.tolist()],
        legend=("top-k only", "Pareto set"),
    )


def _summary(spec, result) -> dict:
    obj = spec.objective.metric
    order = [i for i in range(len(result)) if result.rank[i] >= 0]
    order.sort(key=lambda i: int(result.rank[i]))
    shown = [obj] + [o.metric for o in spec.pareto if o.metric != obj]
    # conditions that vary among the kept rows (the fixed ones are in the definition table)
    varying = [k for k, v in result.conditions.items() if len(set(v.tolist())) > 1]
    top = []
    for i in order[:TOP_N]:
        row = result.row(i)
        mats = " | ".join(row[s] for s in ("host", "coating", "interlayer", "electrolyte") if row.get(s))
        cond = ", ".join(f"{k} = {fmt_number(row[k])}" for k in varying)
        top.append({"rank": int(result.rank[i]) + 1, "design_index": row["design_index"], "pareto": row["pareto"],
                    "materials": mats, "conditions": cond, "values": {k: row[k] for k in shown}})
    return {
        "title": f"AnodeLab screening summary: {spec.name}",
        "name": spec.name,
        "file": Path(spec.file).name if spec.file and not spec.file.startswith("<") else "(not from a file)",
        "version": __version__,
        "generated": _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip(),
        "definition": _definition(spec),
        "run": [
            ("designs in the screen", f"{result.n_total:,}"),
            ("designs evaluated", f"{result.n_evaluated:,}" + (" (cancelled)" if result.cancelled else "")),
            ("designs meeting the constraints", f"{result.n_feasible:,}"),
            ("rows kept (top-k ∪ Pareto set)", f"{len(result):,}"),
            ("on the Pareto front", f"{int(result.on_pareto.sum()):,}"),
            ("backend, time", f"{result.backend}, {result.elapsed_s:.2f} s"),
        ],
        "shown": [(k, METRIC_BY_KEY[k].label if k in METRIC_BY_KEY else k,
                   METRIC_BY_KEY[k].unit if k in METRIC_BY_KEY else "") for k in shown],
        "top": top,
    }


def export_screen_summary(screen_definition, results, fmt: str, path=None, *, progress=None) -> bytes:
    """Render the screening summary as pdf, html, json or csv (csv = every kept row); write to ``path`` if given."""
    fmt = check_format(fmt)
    if results is None or not hasattr(results, "on_pareto"):
        raise AnodeLabError("expected the ScreenResult of a finished screen", field="results")
    spec = screen_definition or results.plan.spec
    if fmt == "csv":
        data = results.csv_text().encode("utf-8")
    else:
        s = _summary(spec, results)
        plot = _pareto_plot(spec, results)
        if fmt == "json":
            body = {"format": "anodelab-screen-summary", "format_version": 1, "anodelab_version": s["version"],
                    "generated": s["generated"], "screen": s["name"], "screen_file": s["file"],
                    "definition": dict(s["definition"]), "run": dict(s["run"]),
                    "top": s["top"], "rows": [results.row(i) for i in range(len(results))]}
            data = json.dumps(_clean(body), indent=2, ensure_ascii=False, allow_nan=False).encode("utf-8")
        elif fmt == "html":
            from .html import css, environment

            svg = ""
            if plot is not None:
                from .plots import ensure_qapp, plot_svg

                ensure_qapp()
                svg = plot_svg(plot, 640, 420)
            data = environment().get_template("screen.html.j2").render(
                s=s, css=css(), plot=plot, plot_svg=svg, fmt=fmt_number, pdf=False).encode("utf-8")
        else:
            from .html import environment
            from .pdf import CONTENT_W, write_pdf

            html = environment().get_template("screen.html.j2").render(
                s=s, css="", plot=plot, plot_svg="", fmt=fmt_number, pdf=True)
            sections = [("html", html)]
            if plot is not None:
                sections.append(("figures", [("plot", plot, int(CONTENT_W * 0.7), f"Figure 1. {plot.title}.")]))
            data = write_pdf(sections, title=s["title"], creator=f"AnodeLab {s['version']}",
                             footer=f"AnodeLab {s['version']} · screen {s['name']}", progress=progress)
    if path is not None:
        from ..fileio import atomic_write_bytes

        try:
            atomic_write_bytes(Path(path), data)
        except OSError as exc:
            raise AnodeLabError(f"cannot write the report ({exc.strerror or exc})", file=str(path)) from None
    return data


def _clean(o):
    """JSON-ready: NaN / ±∞ → None, tuples → lists, numpy scalars → Python numbers."""
    if isinstance(o, dict):
        return {str(k): _clean(v) for k, v in o.items()}
    if isinstance(o, (list, tuple)):
        return [_clean(v) for v in o]
    if isinstance(o, (bool, str)) or o is None:
        return o
    if hasattr(o, "item"):
        o = o.item()
    if isinstance(o, float):
        return o if math.isfinite(o) else None
    return o
