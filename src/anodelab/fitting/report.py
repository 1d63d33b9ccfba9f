"""A measured-versus-simulated report of one fit: an SVG figure (measured, simulated, fitted; residuals
below) and the fit table with the file's provenance, as one self-contained HTML page (no Qt, no JS).

``export_fit_report(fit, overlays, design, path=None) -> bytes`` like the design exporters of
:mod:`anodelab.report` (bytes in memory; written atomically when ``path`` is given).
"""

from __future__ import annotations

import datetime as _dt
import html
import math

import numpy as np

from .. import __version__
from ..report.decimate import decimate
from .result import FitResult

_W, _H, _HR = 640, 330, 120  # figure width, main plot height, residual plot height (px)
_M = (64, 16, 20, 44)  # margins left, right, top, bottom
_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e")


def _ticks(lo: float, hi: float, n: int = 5) -> list[float]:
    if not (math.isfinite(lo) and math.isfinite(hi)) or hi <= lo:
        return [lo]
    step = 10 ** math.floor(math.log10((hi - lo) / n))
    for m in (1, 2, 5, 10):
        if (hi - lo) / (step * m) <= n:
            step *= m
            break
    start = math.ceil(lo / step) * step
    return [start + k * step for k in range(int((hi - start) / step) + 1)]


def _panel(series, x_label: str, y_label: str, height: int, y0: int) -> str:
    """SVG of one axes box at vertical offset y0: series = [(x, y, colour, 'line'|'dots', label)]."""
    xs = np.concatenate([np.asarray(s[0], float) for s in series])
    ys = np.concatenate([np.asarray(s[1], float) for s in series])
    ok = np.isfinite(xs) & np.isfinite(ys)
    if not ok.any():
        return ""
    x_lo, x_hi = float(xs[ok].min()), float(xs[ok].max())
    y_lo, y_hi = float(ys[ok].min()), float(ys[ok].max())
    if x_hi == x_lo:
        x_hi = x_lo + 1.0
    pad = 0.05 * (y_hi - y_lo or 1.0)
    y_lo, y_hi = y_lo - pad, y_hi + pad + (0.25 * (y_hi - y_lo) if len(series) > 1 else 0)  # head room for the legend
    left, right, top, bottom = _M
    pw, ph = _W - left - right, height - top - bottom

    def px(x):
        return left + (x - x_lo) / (x_hi - x_lo) * pw

    def py(y):
        return y0 + top + (y_hi - y) / (y_hi - y_lo) * ph

    out = [f'<rect x="{left}" y="{y0 + top}" width="{pw}" height="{ph}" fill="none" stroke="#444"/>']
    for t in _ticks(x_lo, x_hi):
        out.append(f'<line x1="{px(t):.1f}" y1="{y0 + top + ph}" x2="{px(t):.1f}" y2="{y0 + top + ph + 4}" stroke="#444"/>'
                   f'<text x="{px(t):.1f}" y="{y0 + top + ph + 16}" font-size="11" text-anchor="middle">{t:.4g}</text>')
    for t in _ticks(y_lo, y_hi, 4):
        out.append(f'<line x1="{left - 4}" y1="{py(t):.1f}" x2="{left}" y2="{py(t):.1f}" stroke="#444"/>'
                   f'<text x="{left - 6}" y="{py(t) + 4:.1f}" font-size="11" text-anchor="end">{t:.4g}</text>')
    out.append(f'<text x="{left + pw / 2}" y="{y0 + height - 6}" font-size="12" text-anchor="middle">{html.escape(x_label)}</text>')
    out.append(f'<text x="14" y="{y0 + top + ph / 2}" font-size="12" text-anchor="middle" '
               f'transform="rotate(-90 14 {y0 + top + ph / 2})">{html.escape(y_label)}</text>')
    for k, (x, y, colour, kind, label) in enumerate(series):
        x, y = decimate(np.asarray(x, float), np.asarray(y, float), max_points=2000)
        good = np.isfinite(x) & np.isfinite(y)
        if kind == "dots":
            out += [f'<circle cx="{px(a):.1f}" cy="{py(b):.1f}" r="2.2" fill="{colour}"/>' for a, b in zip(x[good], y[good])]
        else:
            pts = " ".join(f"{px(a):.1f},{py(b):.1f}" for a, b in zip(x[good], y[good]))
            dash = ' stroke-dasharray="6 4"' if kind == "dashed" else ""
            out.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="1.6"{dash}/>')
        if label:
            ly = y0 + top + 14 + 15 * k
            out.append(f'<rect x="{left + pw - 190}" y="{ly - 8}" width="10" height="3" fill="{colour}"/>'
                       f'<text x="{left + pw - 175}" y="{ly - 3}" font-size="11">{html.escape(label)}</text>')
    return "\n".join(out)


def figure_svg(overlays, fit: FitResult | None = None) -> str:
    """Measured (dots), simulated (dashed) and fitted (line) curves with the residuals below, as SVG."""
    series, resid = [], []
    for k, ov in enumerate(overlays):
        c = _COLOURS[k % len(_COLOURS)]
        series.append((ov.x, ov.y, c, "dots" if ov.x.size <= 400 else "line", f"measured: {ov.label}"))
        series.append((ov.x_sim, ov.y_sim, "#000000", "dashed", "simulated (design)" if k == 0 else ""))
        resid.append((ov.x, ov.residual, c, "dots" if ov.x.size <= 400 else "line", ""))
    if fit is not None and fit.protocol == "eis" and "z_fit_real_ohm" in fit.extra and fit.extra.get("area_cm2"):
        a = fit.extra["area_cm2"]
        series.append((np.asarray(fit.extra["z_fit_real_ohm"]) * a, -np.asarray(fit.extra["z_fit_imag_ohm"]) * a,
                       "#2ca02c", "line", "fit"))
    elif fit is not None and fit.protocol == "deposition" and fit.curve is not None:
        series.append((fit.curve.x, fit.curve.y_fit, "#2ca02c", "line", "fit"))
    ov0 = overlays[0]
    body = _panel(series, ov0.x_label, ov0.y_label, _H, 0) + _panel(resid, ov0.x_label, "residual", _HR, _H)
    return f'<svg xmlns="http://www.w3.org/2000/svg" width="{_W}" height="{_H + _HR}" font-family="sans-serif">{body}</svg>'


def export_fit_report(fit: FitResult, overlays, design, path=None) -> bytes:
    """One HTML page: provenance, the figure, the fit table, correlations, Lin-KK, messages."""
    esc = html.escape
    rows = "".join(
        f"<tr><td>{esc(k)}</td><td>{v.value:.6g}</td><td>{'' if v.stderr is None else f'{v.stderr:.3g}'}</td>"
        f"<td>{'n/a' if v.low is None else f'[{v.low:.6g}, {v.high:.6g}]' if v.high is not None else f'> {v.low:.6g}'}</td>"
        f"<td>{esc(v.meaning)}</td></tr>" for k, v in {**fit.values, **fit.nuisance}.items())
    corr = "".join(f"<tr><td>{esc(k.replace('|', ' / '))}</td><td>{r:+.3f}</td></tr>"
                   for k, r in sorted(fit.correlations.items(), key=lambda kv: -abs(kv[1])))
    files = "".join(f"<li>{esc(s.path)} — {esc(s.format)}, sha256 <code>{s.sha256}</code></li>" for s in fit.sources)
    kk = fit.extra.get("lin_kk")
    kk_html = (f"<p>Lin-KK (Schönleber et al. 2014, doi:10.1016/j.electacta.2014.01.034): "
               f"{'consistent' if kk['consistent'] else '<b>not consistent</b>'}, rms residual "
               f"{kk['rms_residual']:.2%}, M = {kk['M']} ({esc(kk['rule'])}).</p>") if kk else ""
    notes = "".join(f"<li>{esc(m)}</li>" for m in fit.messages)
    page = f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>Fit: {esc(fit.protocol)}</title>
<style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}table{{border-collapse:collapse}}
td,th{{border:1px solid #bbb;padding:2px 6px;font-size:90%}}code{{font-size:85%}}</style></head><body>
<h1>Measured versus simulated: {esc(fit.protocol)}</h1>
<p>Design <b>{esc(design.name)}</b>. Fit status: <b>{esc(fit.status())}</b> — {esc(fit.method)}.
AnodeLab {esc(__version__)}, {_dt.date.today().isoformat()}.</p>
<h2>Files</h2><ul>{files}</ul>
<h2>Figure</h2>{figure_svg(overlays, fit)}
<p>Dots: measured; dashed: the design simulated at the file's conditions; line: the fit. Residual = measured − simulated.</p>
<h2>Fitted values (95 % intervals: value ± t·σ from the covariance)</h2>
<table><tr><th>quantity</th><th>value</th><th>σ</th><th>95 % interval</th><th>meaning</th></tr>{rows}</table>
{kk_html}<h2>Correlations</h2><table><tr><th>pair</th><th>r</th></tr>{corr}</table>
{'<h2>Notes</h2><ul>' + notes + '</ul>' if notes else ''}</body></html>"""
    data = page.encode("utf-8")
    if path is not None:
        from ..fileio import atomic_write_bytes

        atomic_write_bytes(path, data)
    return data
