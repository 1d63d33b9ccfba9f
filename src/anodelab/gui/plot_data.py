"""What the plot tabs draw: curves, marks and notes built from :func:`anodelab.simulate.simulate`
Profiles and the score, one builder per view. No widgets here (the panel is :mod:`anodelab.gui.plots`).

The builders make the physics readable: the symmetric profile with its per-half-cycle overpotential
envelope and zoom presets, the reservoir CE on a scale where 99.5 % is not 100 %, the Nyquist plot
with decade frequency marks, the Arrhenius plot with the operating point and a °C axis, and events
in words (“no failure within the 1000 h test”) instead of raw keys.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import Qt

from ..constants import EV_J, ZERO_CELSIUS_K
from ..physics.nucleation import critical_radius_m, free_energy_curve_J
from .formatting import fmt, label_of, unit_of
from .plain_text import rich_escape

#: Curve colours: the current design first, then the pinned designs.
COLOURS = ("#1f5fbf", "#e07b00", "#2a9d3a", "#c0392b", "#8e44ad")


@dataclass
class Curve:
    x: np.ndarray
    y: np.ndarray
    name: str
    colour: str
    width: float = 2.0
    style: Qt.PenStyle = Qt.PenStyle.SolidLine
    legend: bool = True  # listed in the legend (an envelope of a listed curve is not)
    #: a detail trace: drawn only while the view spans few enough ``PlotData.detail_period`` (a 1000-cycle
    #: square wave drawn whole is a filled band; its per-cycle envelope is what the whole view shows)
    detail: bool = False


@dataclass
class PlotData:
    """What a panel draws: curves, axis labels (with units) and extra marks."""

    curves: list[Curve]
    x_label: str
    x_unit: str
    y_label: str
    y_unit: str
    log_y: bool = False
    log_x: bool = False
    equal_aspect: bool = False
    notes: list[str] = field(default_factory=list)
    vlines: list[tuple[float, str, str]] = field(default_factory=list)  # (x, label, colour)
    points: list[tuple[float, float, str]] = field(default_factory=list)  # (x, y, colour)
    hlines: list[tuple[float, str, str]] = field(default_factory=list)  # (y, label, colour)
    labels: list[tuple[float, float, str, str]] = field(default_factory=list)  # (x, y, text, colour)
    y_range: tuple[float, float] | None = None  # a fixed y view (None: automatic)
    zooms: list[tuple[str, tuple[float, float] | None]] = field(default_factory=list)  # (button, x range)
    top_ticks: list[tuple[float, str]] = field(default_factory=list)  # a second x axis on top (e.g. °C)
    top_label: str = ""
    hints: list[str] = field(default_factory=list)  # how to read the plot: shown under a drawn plot only
    detail_period: float = 0.0  # x length of one period (a cycle) of the detail curves; 0: no detail curves


def _swatch(colour: str) -> str:
    return f"<span style='color:{colour}'>■</span>"


# ====================================================================== ΔG(r)


def nucleation_data(designs: list, results: list, names: list[str] | None = None) -> PlotData:
    """ΔG(r) of Eq. 1 (homogeneous form, Eq. 2 volume term) with r_crit (Eq. 3) marked, per design.

    Uses the score's interfacial energy ``gamma_J_m2`` and driving overpotential ``eta_drive_V``.
    """
    curves, vlines, points, notes = [], [], [], []
    rmax = 0.0
    crit = []
    for d, r in zip(designs, results):
        gamma = float(r.si["gamma_J_m2"][0])
        eta = float(r.si["eta_drive_V"][0])
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            rc = float(critical_radius_m(gamma, eta))
        if not (np.isfinite(eta) and np.isfinite(rc) and rc > 0):
            rc = float("nan")  # η = ∞ (e.g. T → 0 K) or 0: no barrier to draw; the note says why
        crit.append((gamma, eta, rc))
        if np.isfinite(rc):
            rmax = max(rmax, 1.6 * rc)  # ΔG(1.5 r_crit) = 0: show the barrier and the downhill branch
    names = names or [d.name for d in designs]  # the legend of every plot: "pin 1: …" for a pinned design
    for i, ((d, _r), (gamma, eta, rc)) in enumerate(zip(zip(designs, results), crit)):
        colour = COLOURS[i % len(COLOURS)]
        if not np.isfinite(rc):
            curves.append(Curve(np.array([np.nan]), np.array([np.nan]), names[i], colour))
            notes.append(f"{_swatch(colour)} γ = {fmt(gamma, 3)} J m⁻², η = {fmt(eta * 1e3, 3)} mV: "
                         "no finite nucleation barrier (r_crit and ΔG* need a finite η > 0)")
            continue
        rr = np.linspace(0.0, rmax, 400)
        g = free_energy_curve_J(rr, gamma, eta) / EV_J
        g_star = float(free_energy_curve_J(rc, gamma, eta) / EV_J)
        curves.append(Curve(rr * 1e9, g, names[i], colour))
        vlines.append((rc * 1e9, f"r_crit = {fmt(rc * 1e9, 3)} nm", colour))
        points.append((rc * 1e9, g_star, colour))
        notes.append(
            f"{_swatch(colour)} γ = {fmt(gamma, 3)} J m⁻², η = {fmt(eta * 1e3, 3)} mV, "
            f"r_crit = {fmt(rc * 1e9, 3)} nm, ΔG*_hom = {fmt(g_star, 3)} eV"
        )
    notes.append("Eq. 1-3 (Lu et al. 2022): ΔG(r) = −(4/3)πr³ F|η|/V_m + 4πr²γ; r_crit = 2γV_m/(F|η|).")
    data = PlotData(curves, "nucleus radius r", "nm", "ΔG(r)", "eV", vlines=vlines, points=points, notes=notes)
    barriers = [g for _x, g, _c in points if np.isfinite(g) and g > 0]
    if barriers:
        # the y scale of the largest barrier: from −3 ΔG* (the downhill branch at ≈ 1.9 r_crit) to 1.4 ΔG*.
        # On the common r axis a design with a small r_crit falls to −10⁶ eV and flattened every barrier
        # into the zero line; its curve now leaves the plot downwards (its ΔG* is in the notes)
        top = max(barriers)
        data.y_range = (-3.0 * top, 1.4 * top)
        if len(barriers) > 1 and min(barriers) < 0.05 * top:
            data.hints.append("The y scale is that of the largest barrier: a much smaller barrier is a bump near "
                              "0 (its ΔG* is listed above); zoom in with the mouse wheel to see it.")
    return data


# ====================================================================== profiles

PROTOCOL_TITLES = {
    "deposition": "Deposition transient (Na | host half cell)",
    "symmetric": "Symmetric-cell cycling",
    "ccd": "Critical-current-density ramp",
    "eis": "Impedance (Nyquist)",
    "arrhenius": "Arrhenius plot of the area-specific resistance",
    "ce": "Coulombic efficiency (reservoir protocol)",
}
from ..report.event_labels import CAUSE_WORDS, EVENT_LABELS, FAILURE_WORDS, SHORT_WORDS  # noqa: E402  (shared with the reports)
_PERCENT = {"average_ce", "engine_ce"}
_SKIP = {"failure_mode", "failure_cause", "short_mechanism", "hard_short_h", "predicted_lifetime_h", "test_duration_h"}


def _event(profile, key: str, i: int):
    try:
        v = np.asarray((getattr(profile, "events", {}) or {})[key])[i]
    except (KeyError, IndexError, TypeError):
        return None
    return v.item() if hasattr(v, "item") else v


def _event_text(profile, i: int, skip: set[str] = frozenset()) -> list[str]:
    parts = []
    for key in (getattr(profile, "events", {}) or {}):
        if key in skip:
            continue
        v = _event(profile, key, i)
        if v is None or (isinstance(v, float) and np.isnan(v)):
            continue
        label, unit = EVENT_LABELS.get(key, (label_of(key), unit_of(key)))
        if key in _PERCENT and isinstance(v, float):
            v = 100.0 * v
        parts.append(f"{label} = {fmt(v)} {unit}".rstrip())
    return parts


def _symmetric_words(profile, i: int) -> str:
    """The failure of a symmetric test in words (no “failure = none, failure cause = none”)."""
    mode, cause = _event(profile, "failure_mode", i), _event(profile, "failure_cause", i)
    life, test = _event(profile, "lifetime_h", i), _event(profile, "test_duration_h", i)
    if mode in (None, "none"):
        pred = _event(profile, "predicted_lifetime_h", i)
        beyond = f"; predicted onset at {fmt(pred)} h" if pred is not None and np.isfinite(pred) else ""
        return f"no failure within the {fmt(test)} h test{beyond}"
    if mode == "overpotential_limit" and life == 0:
        limit = (getattr(profile, "settings", {}) or {}).get("voltage_limit_mV", 1000.0)
        return (f"fails at t = 0: the overpotential at the start ({fmt(_event(profile, 'initial_overpotential_mV', i))} mV) "
                f"is above the cycler's voltage limit ({fmt(limit)} mV), so the test stops before the first half cycle; "
                "lower the current density or the resistances")
    words = FAILURE_WORDS.get(mode, str(mode))
    why = CAUSE_WORDS.get(cause, str(cause))
    short = _event(profile, "short_mechanism", i)
    if cause == "dendrite_risk" and short not in (None, "none"):
        why = f"{SHORT_WORDS.get(short, short)} (the lifetime model's earliest short)"
    at = "at t = 0 (the first half cycle cannot run)" if life == 0 else f"after {fmt(life)} h"
    hard = _event(profile, "hard_short_h", i)
    tail = f"; hard short at {fmt(hard)} h" if mode == "soft_short" and hard is not None and np.isfinite(hard) else ""
    return f"{words} {at}: {why}{tail}"


def _cycle_envelope(x: np.ndarray, y: np.ndarray, p: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per cycle (two half cycles of ``p`` points each): mid time, highest and lowest voltage
    (NaN where the cycle did not run). A cycle cut short by a failure keeps the points it has."""
    n = 2 * p
    if x.size == 0:
        return np.array([np.nan]), np.array([np.nan]), np.array([np.nan])
    pad = (-x.size) % n  # a last, incomplete cycle (the test stopped inside it) is padded with NaN
    xs = np.concatenate([x, np.full(pad, np.nan)]).reshape(-1, n)
    ys = np.concatenate([y, np.full(pad, np.nan)]).reshape(-1, n)
    ys = np.where(np.isfinite(ys), ys, np.nan)
    with warnings.catch_warnings():  # a cycle after the failure is all NaN: "empty slice"
        warnings.simplefilter("ignore", RuntimeWarning)
        mid = np.nanmean(xs, axis=1)
        top, bottom = np.nanmax(ys, axis=1), np.nanmin(ys, axis=1)
    return mid, top, bottom


#: the trace of a cycling test is drawn once the view holds at most this many cycles per 100 px of plot
#: width (about 8 px per cycle: below that the square wave is a filled band)
DETAIL_CYCLES_PER_100_PX = 12


def profile_data(rows: list, protocol: str, context: dict | None = None) -> PlotData:
    """Curves of simulate() Profiles with event notes; ``rows`` = [(profile, row index, design name)].

    ``context`` (optional) gives what the view adds: ``temperatures_C`` (operating T per row, Arrhenius).
    """
    context = context or {}
    curves, notes = [], []
    first = rows[0][0]
    data = PlotData(curves, first.x_label, first.x_unit, first.y_label, first.y_unit,
                    log_y=protocol == "arrhenius",
                    # the nucleation dip lasts milliseconds to seconds of an hour-long plating step: log time shows both
                    log_x=protocol == "deposition", equal_aspect=protocol == "eis", notes=notes)
    y_lo, y_hi = np.inf, -np.inf
    envelopes: list[Curve] = []  # drawn after (over) every design's curve, listed after them
    for k, (profile, i, name) in enumerate(rows):
        colour = COLOURS[k % len(COLOURS)]
        x = np.atleast_2d(np.asarray(profile.x, float))[i]
        y = np.atleast_2d(np.asarray(profile.y, float))[i]
        if protocol == "symmetric":
            # the voltage trace itself is drawn when zoomed in to a few cycles; the whole test shows each
            # cycle's highest and lowest voltage (the overpotential envelope), one point per cycle
            curves.append(Curve(x, y, name, colour, width=1.0, detail=True))
            p = int((getattr(profile, "settings", {}) or {}).get("points_per_half_cycle") or 20)
            mid, top, bottom = _cycle_envelope(x, y, p)
            # two curves (upper and lower): the plot's clipping and peak downsampling need increasing x
            envelopes.append(Curve(mid, top, f"{name}: highest voltage per cycle", colour, width=2.0, legend=False))
            envelopes.append(Curve(mid, bottom, f"{name}: lowest voltage per cycle", colour, width=2.0,
                                   style=Qt.PenStyle.DashLine, legend=False))
            notes.append(f"{_swatch(colour)} {rich_escape(name)}: {_symmetric_words(profile, i)}; "
                         + ", ".join(_event_text(profile, i, _SKIP | {"lifetime_h"})))
            continue
        curves.append(Curve(x, y, name, colour, width=1.5))
        parts = _event_text(profile, i)
        if protocol == "ce":
            ce = _event(profile, "engine_ce", i)
            if ce is not None and np.isfinite(ce):
                data.hlines.append((100.0 * ce, f"CE per plated coulomb = {fmt(100.0 * ce, 5)} %", colour))
                y_lo = min(y_lo, 100.0 * ce)
            if _event(profile, "reservoir_exhausted_cycle", i) is None or np.isnan(_event(profile, "reservoir_exhausted_cycle", i)):
                parts.append("the reservoir lasts the whole test (every cycle strips 100 %)")
            fin = y[np.isfinite(y)]
            if fin.size:
                y_lo, y_hi = min(y_lo, float(fin.min())), max(y_hi, float(fin.max()))
        if protocol == "ccd":
            read, engine = _event(profile, "ccd_mA_cm2", i), _event(profile, "engine_ccd_mA_cm2", i)
            top_j = np.nanmax(np.abs(np.atleast_2d(profile.series.get("current_density_mA_cm2"))[i])) \
                if "current_density_mA_cm2" in (profile.series or {}) else None
            t_short = _event(profile, "short_time_s", i)
            if t_short is not None and np.isfinite(t_short) and read is not None and np.isfinite(read):
                data.vlines.append((float(t_short), f"short: CCD = {fmt(read, 3)} mA cm⁻²", colour))
            if (read is None or not np.isfinite(read)) and engine is not None and top_j is not None and engine > top_j:
                parts.append(f"the ramp ends at {fmt(top_j)} mA cm⁻², below the score card's CCD of {fmt(engine)} "
                             "mA cm⁻²: no short within the ramp")
        if protocol == "eis":
            f = np.atleast_2d(np.asarray((profile.series or {}).get("frequency_Hz", np.full_like(x, np.nan)), float))[i]
            with np.errstate(divide="ignore", invalid="ignore"):
                lg = np.log10(f)
            dec = np.isfinite(lg) & (np.abs(lg - np.round(lg)) < 1e-9) & (np.round(lg) % 2 == 0)
            fin = x[np.isfinite(x)]
            span = float(fin.max() - fin.min()) if fin.size else 0.0
            last = None
            for xi, yi, li in zip(x[dec], y[dec], np.round(lg[dec]).astype(int)):
                if np.isfinite(xi) and np.isfinite(yi):
                    data.points.append((float(xi), float(yi), colour))
                    # one label where the arc has closed and the decades pile up on the axis
                    crowded = last is not None and abs(xi - last[0]) < 0.04 * span and abs(yi - last[1]) < 0.04 * span
                    if k == 0 and not crowded:
                        data.labels.append((float(xi), float(yi), f"10{_sup(li)} Hz", colour))
                        last = (xi, yi)
        notes.append(f"{_swatch(colour)} {rich_escape(name)}: " + ", ".join(parts))
    curves.extend(envelopes)
    if protocol == "symmetric":
        data.hints.append("Whole test: solid line, the highest voltage of each cycle; dashed, the lowest (the "
                          "overpotential envelope of plating and stripping). The voltage trace itself is drawn once "
                          "the view holds a few dozen cycles: zoom with the buttons, the mouse wheel or a drag with "
                          "the right button.")
        spans = [np.nanmax(c.x) for c in curves if c.legend and np.isfinite(c.x).any()]
        if spans:
            half = _first_half_cycle_h(rows)
            data.detail_period = 2.0 * half
            data.zooms = [("Whole test", None)]
            if half:
                data.zooms += [("First 3 cycles", (0.0, 6.0 * half)),
                               ("Last 3 cycles", (max(max(spans) - 6.0 * half, 0.0), max(spans)))]
    if protocol == "ce" and np.isfinite(y_lo) and np.isfinite(y_hi):
        pad = max(0.25 * (y_hi - y_lo), 0.02)
        data.y_range = (y_lo - pad, min(y_hi + pad, 100.0 + pad))
        data.hints.append("Per-cycle CE = 100 % while the Na reservoir makes up each cycle's loss; it drops to the "
                          "CE of every plated coulomb once the reservoir is used up (Adams et al. 2018).")
    if protocol == "eis":
        data.hints.append("Dots: every second frequency decade (labels on the current design). From the left: bulk, "
                          "grain-boundary (solid electrolytes) and interface arcs; above ≈ 10⁷ Hz an impedance "
                          "analyser no longer measures (the bulk arc of a ceramic at room temperature lies there).")
    if protocol == "arrhenius":
        _arrhenius_marks(data, rows, context.get("temperatures_C"))
    return data


_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def _sup(k: int) -> str:
    return str(k).translate(_SUPERSCRIPT)


def _first_half_cycle_h(rows) -> float:
    """Length of a half cycle of the first design [h] from its time axis (x at the second half cycle start)."""
    prof, i, _name = rows[0]
    p = int((getattr(prof, "settings", {}) or {}).get("points_per_half_cycle") or 20)
    x = np.atleast_2d(np.asarray(prof.x, float))[i]
    if x.size > p and np.isfinite(x[p]):
        return float(x[p - 1])  # the last point of the first half cycle is at t_half
    return 0.0


def _arrhenius_marks(data: PlotData, rows, temperatures_C) -> None:
    """Operating point (ASR at the design's T, read on the curve) and a °C axis on top."""
    xs = [c.x for c in data.curves if np.isfinite(c.x).any()]
    if not xs:
        return
    lo, hi = float(min(np.nanmin(x) for x in xs)), float(max(np.nanmax(x) for x in xs))
    ticks = []
    for t_c in (-40, -20, 0, 20, 40, 60, 80, 100):
        xv = 1000.0 / (t_c + ZERO_CELSIUS_K)
        if lo - 1e-9 <= xv <= hi + 1e-9:
            ticks.append((xv, f"{t_c}"))
    data.top_ticks, data.top_label = ticks, "T [°C]"
    for k, c in enumerate(data.curves):
        if temperatures_C is None or k >= len(temperatures_C):
            break
        t_op = float(temperatures_C[k])
        xv = 1000.0 / (t_op + ZERO_CELSIUS_K)
        x, y = np.asarray(c.x, float), np.asarray(c.y, float)
        ok = np.isfinite(x) & np.isfinite(y) & (y > 0)
        if ok.sum() < 2 or not (x[ok].min() <= xv <= x[ok].max()):
            continue
        order = np.argsort(x[ok])
        yv = float(10 ** np.interp(xv, x[ok][order], np.log10(y[ok][order])))
        data.points.append((xv, yv, c.colour))  # the panel draws points in data coordinates (log y handled there)
        data.labels.append((xv, yv, f"{fmt(t_op, 3)} °C: {fmt(yv, 3)} Ω cm²", c.colour))


# ====================================================================== what each view asks the simulator for

#: reservoir of the CE protocol [mAh cm⁻²] (CESettings default) and the most cycles a view runs
CE_RESERVOIR_mAh_cm2 = 5.0
CE_MAX_CYCLES = 20_000


def view_settings(key: str, designs: list, results: list) -> dict:
    """Protocol settings of a plot tab, chosen so that the plot shows the physics:

    * CE: enough cycles to see the reservoir run out, k = CE Q_T / (Q_C (1 − CE)) (× 1.3, 10 … 20,000);
    * Nyquist: 10⁻³ … 10¹² Hz, so the bulk and grain-boundary arcs of a ceramic close (their apex lies
      above the ≈ 10⁷ Hz an analyser reaches at room temperature) and the interface arc ends on the axis;
    * Arrhenius: −20 … 80 °C widened to include each design's operating temperature (within −100 … 97 °C).
    """
    if key == "ce":
        ks = []
        for d, r in zip(designs, results):
            ce = float(np.asarray(r.si["ce"])[0])
            q_c = d.conditions.areal_capacity_mAh_cm2
            if 0.0 < ce < 1.0 and q_c > 0:
                ks.append(ce * CE_RESERVOIR_mAh_cm2 / (q_c * (1.0 - ce)))
        cycles = int(min(max(np.ceil(1.3 * max(ks)) if ks else 10, 10), CE_MAX_CYCLES))
        return {"cycles": cycles, "reservoir_mAh_cm2": CE_RESERVOIR_mAh_cm2}
    if key == "eis":
        return {"f_min_Hz": 1e-3, "f_max_Hz": 1e12, "points_per_decade": 10}
    if key == "arrhenius":
        ts = [d.conditions.temperature_C for d in designs]
        lo = max(min([-20.0, *[t - 10.0 for t in ts]]), -100.0)
        hi = min(max([80.0, *[t + 10.0 for t in ts]]), 97.0)
        return {"t_min_C": lo, "t_max_C": hi, "points": 41}
    return {}
