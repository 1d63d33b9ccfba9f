"""Text of the solid-state comparisons: why a record is missed (from the engine's numbers) and the lines of
``anodelab validate`` (:func:`solid_section`). The numbers themselves come from :mod:`anodelab.validation.solid`."""

from __future__ import annotations

import math

from .solid_errors import MISS_EV, MISS_LOG10, _error


def _numbers(r, i: int) -> dict:
    """The engine's numbers behind design ``i`` of a ScoreResult, in user units."""
    ma, ohm = 10.0, 1e-4  # A m⁻² → mA cm⁻², Ω m² → Ω cm² (divide)
    f_c = float(r.si["contact_fraction"][i])
    asr = float(r.si["asr_interface_ohm_m2"][i]) / ohm
    return {"strip": float(r.si["ccd_strip_A_m2"][i]) / ma, "pen": float(r.si["ccd_pen_A_m2"][i]) / ma,
            "f_c": f_c, "asr": asr, "r_int": asr * f_c, "eta_mV": float(r.si["eta_penetration_V"][i]) * 1e3,
            "creep": float(r.si["j_creep_A_m2"][i]) / ma, "rep": float(r.si["j_replenish_A_m2"][i]) / ma}


def why(c, r, i: int, predicted: float, pressure_range: tuple[float, float, float] | None = None) -> str:
    """Why the model gives what it gives for comparison ``c`` (designs from index ``i`` of ScoreResult ``r``),
    built from the engine's numbers; '' when the prediction is within ×2 (or 0.05 eV) of the measurement.
    ``pressure_range`` = (low, high, p_max_MPa) for a record whose stack pressure is not stated: the text then
    starts with the range the model gives over 0–p_max and explains the design at the record's stated value."""
    err = _error(c.quantity, predicted, c.reported, c.comparison)
    if not math.isfinite(err) or abs(err) <= (MISS_EV if c.quantity == "ccd_activation_eV" else MISS_LOG10):
        return ""
    head = ""
    if pressure_range is not None:
        lo, hi, p_max = pressure_range
        head = (f"pressure not stated: {lo:.3g}–{hi:.3g} over 0–{p_max:g} MPa; at "
                f"{c.designs[0].conditions.stack_pressure_MPa:g} MPa: ")
    return head + _why_body(c, r, i, predicted)


def _why_body(c, r, i: int, predicted: float) -> str:
    n = _numbers(r, i)
    if c.quantity == "interfacial_asr_ohm_cm2":
        floor = n["r_int"]
        text = (f"ASR = R_int / f_c = {floor:.3g} / {n['f_c']:.2f} Ω cm²; ")
        if c.reported < floor:
            text += (f"the measured {c.reported:g} Ω cm² is below the model's full-contact floor R_int = {floor:.3g} Ω cm² "
                     f"(×{floor / c.reported:.3g}): no contact (pressure) explains it, the interface resistance itself differs "
                     "from the library's sample")
        elif n["f_c"] >= 0.99:  # full contact already: a worse contact cannot be the model's missing term
            text += (f"the contact is already full, so the measured {c.reported:g} Ω cm² (×{c.reported / floor:.3g}) "
                     "needs a larger interface resistance R_int than the library's, not less contact")
        else:
            text += (f"the measured {c.reported:g} Ω cm² needs a contact of {floor / c.reported:.2f} (the model's "
                     f"{n['f_c']:.2f}) at the library's R_int, or a larger R_int")
        return text
    if c.quantity == "asr_ratio":
        m = _numbers(r, i + 1)
        return (f"ratio = (R_int,with / R_int,without) · (f_c,without / f_c,with) = ({n['r_int']:.3g} / {m['r_int']:.3g}) · "
                f"({m['f_c']:.2f} / {n['f_c']:.2f}); the measured {c.reported:.3g} needs the bare cell's contact (or its "
                f"interface resistance) ×{predicted / c.reported:.3g} worse than the model's {m['f_c']:.2f} at assembly")
    if c.quantity == "ccd_activation_eV":
        m = _numbers(r, i + 1)
        lim = "plating" if n["pen"] < n["strip"] else "stripping"
        return (f"{lim}-limited at {c.designs[0].conditions.temperature_C:g} °C ({min(n['strip'], n['pen']):.3g} mA cm⁻²) "
                f"and {'plating' if m['pen'] < m['strip'] else 'stripping'}-limited at "
                f"{c.designs[1].conditions.temperature_C:g} °C ({min(m['strip'], m['pen']):.3g}); contact "
                f"{n['f_c']:.2f} → {m['f_c']:.2f} (creep) adds to the activation of J_vac")
    if n["strip"] <= n["pen"]:
        return (f"stripping-limited: {n['strip']:.3g} mA cm⁻² = contact {n['f_c']:.2f} × (J_vac + J_void) + creep "
                f"{n['creep']:.2g}; the electrolyte enters only through the contact fraction (plating limit "
                f"{n['pen']:.3g})")
    return (f"plating-limited: {n['pen']:.3g} mA cm⁻² = η_c {n['eta_mV']:.3g} mV / ASR_interface {n['asr']:.3g} Ω cm² "
            f"(stripping limit {n['strip']:.3g})")



def solid_section(report: dict) -> list[str]:
    """Text lines of the solid-state comparisons for ``anodelab validate`` (from a calibration report)."""
    if not report or report.get("schema_version") != 2:
        return ["  solid-state v2: no calibration report (run `anodelab validate --calibration --write`)"]
    s = report["summary"]

    def f(x, fmt):
        return "n/a" if x is None or (isinstance(x, float) and not math.isfinite(x)) else format(x, fmt)

    lines = [
        "Solid-state model v2 (anodelab.physics.solid): CCD, CCD(T) activation, interlayer ASR ratio",
        f"  fitted on {report['n']} train records of {len(report['references_used'])} references: "
        + ", ".join(f"{k} = {v:.4g}" for k, v in report["fitted"].items()),
        f"  fitted RMS log10 {f(s['fitted_rms_log10_error'], '.3f')}; leave-one-reference-out RMS log10 "
        f"{f(s['loro_rms_log10_error'], '.3f')} (×{f(10 ** s['loro_rms_log10_error'], '.2f')}); not fitted (test) RMS log10 "
        f"{f(s['not_fitted_rms_log10_error'], '.3f')} (CCDs only {f(s.get('not_fitted_ccd_rms_log10_error'), '.3f')}); "
        f"activation energies (input, not evidence) RMS {f(s['input_activation_rms_eV'], '.3f')} eV"
        + (f"; bounds honoured {s['bounds_honoured']} of {s['bounds']} (not in the RMS)" if s.get("bounds") else ""),
        f"  {'record':<19} {'quantity':<23} {'role':<6} {'reported':>9} {'predicted':>11} {'error':>8} {'LORO pred':>10} {'LORO err':>9}  limit",
    ]
    for group, roles in (("fitted", ("train", "input")), ("not fitted", ("test",))):
        lines.append(f"  -- {group} --")
        for r in report["record"]:
            if r["role"] not in roles:
                continue
            unit_err = " eV" if r["quantity"] == "ccd_activation_eV" else ""
            bound = {"at_least": "≥", "at_most": "≤"}.get(r.get("comparison", "equal"), "")
            pred = (f"{r['predicted_low']:.3g}–{r['predicted_high']:.3g}" if "predicted_low" in r
                    else format(r["predicted"], ".3g"))
            lines.append(
                f"  {r['id']:<19} {r['quantity']:<23} {r['role']:<6} {bound + format(r['reported'], '.3g'):>9} {pred:>11} "
                f"{f(r['error'], '+.3f'):>8}{unit_err} {f(r.get('loro_predicted'), '.3g'):>10} {f(r.get('loro_error'), '+.3f'):>9}"
                f"  {r['active_limit']}")
            if r.get("why"):
                lines.append(f"      why: {r['why']}")
            if r.get("flag"):
                lines.append(f"      flag: {r['flag']}")
    lines.append("  error: log10(predicted/reported) for CCDs, ASRs and ratios, predicted − reported for activation energies;"
                 " 'why' (from the engine's numbers) on every record missed by more than ×2 (0.05 eV), 'flag' = a known"
                 " outside reason (resources/literature/solid_state.toml); ≥ / ≤: a bound (the cell sustained / had already"
                 " failed at that value): error 0 when the prediction honours it; a range lo–hi: the paper states no stack"
                 f" pressure, the model's value over 0–{report.get('unstated_pressure_MPa', [0, 0])[1]:g} MPa, the error"
                 " taken to the nearer end (0 inside)")
    sens = report.get("pressure_sensitivity") or {}
    if sens:
        lines.append("  unknown-pressure upper end, sensitivity of the fit: " + "; ".join(
            f"{p}: " + ", ".join(f"{k} = {v:.3g}" for k, v in vals.items() if k != "rms_log10_error")
            + f" (RMS {vals['rms_log10_error']:.3f})" for p, vals in sens.items()))
    return lines
