"""A cross-section of the cell stack as SVG text (no Qt): one band per layer, labelled with its thickness.

Layer thicknesses span 1 nm (coatings) to 1 mm (pellets), so the default ``scale="log"`` draws each
band with a height proportional to ``log10(t / 0.1 nm)`` (every layer visible, order of magnitude
readable); ``scale="linear"`` draws to scale (thin layers get a 2 px minimum and are marked
"not to scale").
"""

from __future__ import annotations

import math
from html import escape

from ..errors import AnodeLabError

COLORS = {
    "host": "#b87333",
    "coating": "#6a9fd8",
    "interlayer": "#9b7fc9",
    "liquid_electrolyte": "#f2d16b",
    "solid_electrolyte": "#a8c686",
    "cathode": "#4d4d4d",
}
SLOT_LABEL = {"host": "Host / anode", "coating": "Coating", "interlayer": "Interlayer", "electrolyte": "Electrolyte",
              "cathode": "Cathode coating"}
SCALES = ("log", "linear")


def _fmt_len(m: float) -> str:
    if m >= 1e-3:
        return f"{m * 1e3:.3g} mm"
    if m >= 1e-6:
        return f"{m * 1e6:.3g} µm"
    return f"{m * 1e9:.3g} nm"


def stack_svg(layers, *, scale: str = "log", width: int = 640, stack_height: int = 260, title: str = "",
              colors: dict | None = None) -> str:
    """SVG of the stack, electrolyte on top, host at the bottom.

    ``layers``: sequence of objects with ``slot``, ``name``, ``cls``, ``thickness_m`` (``LayerInfo``),
    ordered host → electrolyte.
    """
    if scale not in SCALES:
        raise AnodeLabError(f"unknown stack scale {scale!r}; allowed: {', '.join(SCALES)}", field="scale")
    drawn = [layer for layer in layers if layer.thickness_m is not None]
    if not drawn:
        raise AnodeLabError("the design has no layer with a thickness to draw", field="layers")
    floor_m = 1e-10
    if scale == "log":
        weights = [math.log10(max(layer.thickness_m, floor_m) / floor_m) + 0.5 for layer in drawn]
    else:
        weights = [max(layer.thickness_m, 0.0) for layer in drawn]
    total = sum(weights) or 1.0
    heights = [max(stack_height * w / total, 2.0) for w in weights]
    # shrink the thick layers so the total stays stack_height after the 2 px minimum
    excess = sum(heights) - stack_height
    if excess > 0:
        big = [i for i, h in enumerate(heights) if h > 2.0]
        big_sum = sum(heights[i] for i in big)
        for i in big:
            heights[i] -= excess * heights[i] / big_sum
    top_margin = 28 if title else 8
    bottom_margin = 34
    h_total = top_margin + stack_height + bottom_margin
    band_x, band_w = 20, int(width * 0.42)
    label_x = band_x + band_w + 24
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{h_total}" '
        f'viewBox="0 0 {width} {h_total}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">',
        f'<rect x="0" y="0" width="{width}" height="{h_total}" fill="white"/>',
    ]
    if title:
        out.append(f'<text x="{band_x}" y="18" font-size="13" font-weight="bold">{escape(title)}</text>')
    # draw top (electrolyte) to bottom (host): reverse of host → electrolyte
    y = top_margin
    label_ys: list[float] = []
    items = list(zip(drawn, heights))[::-1]
    for layer, h in items:
        palette = colors or COLORS
        color = palette.get(layer.cls, palette.get(layer.slot, "#cccccc"))
        out.append(
            f'<rect x="{band_x}" y="{y:.2f}" width="{band_w}" height="{h:.2f}" fill="{color}" '
            f'stroke="#333333" stroke-width="0.8"/>'
        )
        label_ys.append(y + h / 2)
        y += h
    # labels: keep at least 30 px apart, connected to their band by a leader line
    min_gap = 30.0
    placed: list[float] = []
    for ly in label_ys:
        placed.append(max(ly, (placed[-1] + min_gap) if placed else top_margin + 12))
    overflow = placed[-1] - (top_margin + stack_height - 6) if placed else 0
    if overflow > 0:
        placed = [p - overflow for p in placed]
        for i in range(len(placed) - 2, -1, -1):
            placed[i] = min(placed[i], placed[i + 1] - min_gap)
    for (layer, _h), ly, py in zip(items, label_ys, placed):
        out.append(
            f'<polyline points="{band_x + band_w},{ly:.1f} {label_x - 6},{py:.1f}" fill="none" stroke="#555555" stroke-width="0.8"/>'
        )
        kind = SLOT_LABEL.get(layer.slot, layer.slot)
        if layer.slot == "electrolyte":
            kind = "Solid electrolyte" if layer.cls == "solid_electrolyte" else "Liquid electrolyte (separator gap)"
        out.append(f'<text x="{label_x}" y="{py - 2:.1f}" font-weight="bold">{escape(kind)}: {escape(_fmt_len(layer.thickness_m))}</text>')
        out.append(f'<text x="{label_x}" y="{py + 12:.1f}" font-weight="normal" fill="#333333">{escape(layer.name)}</text>')
    note = (
        "Band heights on a log scale (∝ log10 of thickness / 0.1 nm); not to scale."
        if scale == "log"
        else "Band heights to scale (thin layers widened to 2 px)."
    )
    out.append(f'<text x="{band_x}" y="{top_margin + stack_height + 22}" font-size="11" font-weight="normal" fill="#444444">{escape(note)}</text>')
    out.append("</svg>")
    return "\n".join(out)


#: Colours of the full cell's layers (anodelab.cell.energy.LAYERS) in :func:`cell_stack_svg`.
CELL_COLORS = {
    "positive_collector": "#b8bcc2",
    "cathode": "#4d4d4d",
    "separator": "#8fd19e",
    "anode_coating": "#6a9fd8",
    "na_metal": "#c9ccd1",
    "host": "#b87333",
    "electrolyte": "#cfe8d4",
}


class _Band:
    __slots__ = ("slot", "name", "cls", "thickness_m")

    def __init__(self, slot, name, cls, thickness_m):
        self.slot, self.name, self.cls, self.thickness_m = slot, name, cls, thickness_m


def cell_stack_svg(rows, *, width: int = 640, stack_height: int = 260, title: str = "") -> str:
    """SVG of a full cell's repeat unit TO SCALE (linear), from :func:`anodelab.cell.report.layer_table` rows.

    Host at the bottom, Al collector on top, then the electrolyte that the pores do not hold; layers of
    zero thickness are left out and the tabs/pouch allowance is named in the title, not drawn.
    """
    by_key = {r["layer"]: r for r in rows}
    order = ("host", "na_metal", "anode_coating", "separator", "cathode", "positive_collector", "electrolyte")
    bands = []
    for key in order:
        r = by_key.get(key)
        if r is None or not r["thickness_um"] > 0:
            continue
        label = r["label"] + (" beyond the pores" if key == "electrolyte" else "")
        note = f"{r['mass_mg_cm2']:.3g} mg cm⁻² ({r['mass_share'] * 100:.1f} % of the cell mass)"
        if key == "na_metal":
            note = f"excess {r['mass_mg_cm2']:.3g} mg cm⁻² (plated Na: in the cathode mass)"
        bands.append(_Band(label, note, key, r["thickness_um"] * 1e-6))
    pack = by_key.get("packaging")
    if pack is not None:
        extra = f"; tabs + pouch: {pack['volume_share'] * 100:.0f} % of volume, {pack['mass_share'] * 100:.0f} % of mass"
        title = (title or "Cell repeat unit (charged), to scale") + extra
    return stack_svg(bands, scale="linear", width=width, stack_height=stack_height, title=title, colors=CELL_COLORS)
