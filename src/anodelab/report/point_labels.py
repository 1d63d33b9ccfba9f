"""Where to write record ids beside measured points on a log-y plot, so that no two labels overprint.

Shared by the GUI's solid-state views (:mod:`anodelab.gui.solid_views`) and the report figures
(:mod:`anodelab.report.plots`). Pure numpy: no Qt here; the callers turn a :class:`PlacedLabel` into a text item
(and, for a label moved off its point, a thin leader line from the point to the label).

Geometry is worked in fractions of the plot frame: x from the data span (``xs``, padded by 4 % each side as the
callers pad the x range), y from ``y_log_range`` = (log10 y_min, log10 y_max). A label is a box of
``len(text) * char_px`` by ``line_px`` pixels of a frame of ``frame_px`` pixels — the sizes of pyqtgraph's default
text item (about 7 px a character, 17 px a line at the default font), estimates, not measured per font.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: points at one height (within 0.03 decades) closer than this share of the x span share one label
SHARED_LABEL_X_FRACTION = 0.15
#: the plot frame assumed when the caller does not know its size [px] (a view of the solid-state tab at 1300 × 760)
DEFAULT_FRAME_PX = (560.0, 300.0)
CHAR_PX = 7.0  #: width of one character of a label [px]
LINE_PX = 17.0  #: height of a label [px]
GAP_PX = 6.0  #: horizontal gap between a point and its label [px]
MARKER_PX = 12.0  #: size of a point's marker, kept clear of other labels [px]
X_PAD = 0.04  #: the callers' x padding (share of the span each side)


@dataclass(frozen=True)
class PlacedLabel:
    """One label: its point (``x`` data units, ``log_y`` = log10 y), its text, and where the text goes.

    ``text_x``/``text_log_y`` is the middle of the label's near edge (its left edge when ``anchor`` = (0, 0.5), its
    right edge for (1, 0.5)); ``moved`` says the label was shifted off its neighbours, so a caller draws a leader."""

    x: float
    log_y: float
    text: str
    text_x: float
    text_log_y: float
    anchor: tuple[float, float]
    above: bool
    moved: bool


def label_groups(points, xs) -> list[tuple[float, float, list[str], list[int]]]:
    """Group labels of points that would overprint: [(x, log10 y, [texts], [indices of the points])].

    Points at one place (within 2 % of the x span and 0.02 decades), or at one height (0.03 decades) within
    :data:`SHARED_LABEL_X_FRACTION` of the span, share one label ("T2-92, Liu24-bare"). ``points`` = [(x, y > 0,
    text)]; ``xs`` = the plot's x values (its span)."""
    xs = np.asarray(xs, float)
    xs = xs[np.isfinite(xs)]
    span = max(float(xs.max()) - float(xs.min()), 1e-9) if xs.size else 1.0
    groups: list[tuple[float, float, list[str], list[int]]] = []
    for i, (x, y, text) in enumerate(points):
        ly = float(np.log10(y))
        for gx, gy, texts, members in groups:
            # one place, or one height close enough that two labels written side by side would overprint (a label
            # runs ~15 % of the plot's width): Brighi22-s0.3MPa and Brighi22-s1MPa, both at 1 mA cm⁻²
            if (abs(gx - x) <= 0.02 * span and abs(gy - ly) <= 0.02) or \
                    (abs(gx - x) <= SHARED_LABEL_X_FRACTION * span and abs(gy - ly) <= 0.03):
                texts.append(str(text))
                members.append(i)
                break
        else:
            groups.append((float(x), ly, [str(text)], [i]))
    return groups


def _overlaps(a, b) -> bool:
    """Boxes (x0, x1, y0, y1) in frame fractions overlap (touching edges do not)."""
    return a[0] < b[1] and b[0] < a[1] and a[2] < b[3] and b[2] < a[3]


def place_labels(points, xs, curve=None, y_log_range=None, frame_px=None) -> list[PlacedLabel]:
    """Labels for ``points`` = [(x, y > 0, text)] on a log-y plot, none over another label or another point.

    * Shared labels for points that would overprint (:func:`label_groups`).
    * A label points inwards (a point in the left half of the span is labelled on its right), so that none is cut
      at the plot's edge.
    * With ``curve`` = (x, y) of the model curve, a label goes above a point above the curve and below one under it
      (it does not cross the curve), unless that side has less than 12 % of the plot's height left.
    * Then, in order of height, each label takes the nearest free height (its own, or just above or below a label
      already placed, its preferred side first) inside the frame: ``moved`` is True when it had to leave its point.
      Without a free height it stays at its point.
    """
    xs = np.asarray(xs, float)
    xs = xs[np.isfinite(xs)]
    if not xs.size or not points:
        return []
    w_px, h_px = frame_px if frame_px and min(frame_px) > 100 else DEFAULT_FRAME_PX
    lo_x, hi_x = float(xs.min()), float(xs.max())
    span = max(hi_x - lo_x, 1e-9)
    mid = 0.5 * (lo_x + hi_x)
    logs = [float(np.log10(p[1])) for p in points]
    lo, hi = y_log_range if y_log_range is not None else (min(logs) - 0.5, max(logs) + 0.5)
    hi = max(hi, lo + 1e-9)

    def fx(x):  # data x → frame fraction
        return (x - lo_x + X_PAD * span) / (span * (1 + 2 * X_PAD))

    def fy(ly):  # log10 y → frame fraction
        return (ly - lo) / (hi - lo)

    ok = None
    if curve is not None:
        cx, cy = np.asarray(curve[0], float), np.asarray(curve[1], float)
        ok = np.isfinite(cx) & np.isfinite(cy) & (cy > 0)
    line_f, gap_f = LINE_PX / h_px, GAP_PX / w_px
    mk_w, mk_h = 0.5 * MARKER_PX / w_px, 0.5 * MARKER_PX / h_px
    markers = [(fx(x), fy(ly)) for (x, _y, _t), ly in zip(points, logs)]

    todo = []
    for x, ly, texts, members in label_groups(points, xs):
        below = False
        if ok is not None and ok.sum() >= 2:
            order = np.argsort(cx[ok])
            below = ly < float(np.interp(x, cx[ok][order], np.log10(cy[ok][order])))
        room = 0.12 * (hi - lo)
        if y_log_range is not None:
            if below and ly - lo < room:
                below = False
            elif not below and hi - ly < room:
                below = True
        text = ", ".join(texts)
        right = x <= mid
        width_f = len(text) * CHAR_PX / w_px
        x0 = fx(x) + gap_f if right else fx(x) - gap_f - width_f
        y0 = fy(ly) - line_f if below else fy(ly)  # the box's bottom at its own height
        todo.append((x, ly, text, right, below, (x0, x0 + width_f), y0, set(members)))

    placed: list[tuple[float, float, float, float]] = []
    out = []
    for x, ly, text, right, below, (x0, x1), y0, members in sorted(todo, key=lambda t: t[1]):
        # the other points' markers (not those this label names)
        own = [(mx - mk_w, mx + mk_w, my - mk_h, my + mk_h) for i, (mx, my) in enumerate(markers) if i not in members]

        def free(b):
            return 0.0 <= b[2] and b[3] <= 1.0 and not any(_overlaps(b, o) for o in placed + own)

        cands = {y0}
        for o in placed + own:
            cands.update((o[3], o[2] - line_f))  # just above, just below an obstacle
        # nearest first; a tie goes to the label's own side (down for a label below its point)
        ranked = sorted(cands, key=lambda c: (round(abs(c - y0), 9), (c > y0) if below else (c < y0)))
        best = next((c for c in ranked if free((x0, x1, c, c + line_f))), y0)
        placed.append((x0, x1, best, best + line_f))
        mid_f = best + 0.5 * line_f
        out.append(PlacedLabel(
            x=float(x), log_y=ly, text=text,
            text_x=float(x + (gap_f if right else -gap_f) * span * (1 + 2 * X_PAD)),
            text_log_y=float(lo + mid_f * (hi - lo)), anchor=(0.0 if right else 1.0, 0.5),
            above=not below, moved=abs(best - y0) > 1e-9))
    return out
