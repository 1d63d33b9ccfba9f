"""The text of ``anodelab validate`` as lines: printed by the CLI, shown by the desktop app's Validation tab (one
source, so that both say the same): the Tables 1-2 comparisons, the held-out rows (headline), the failure events,
the provenance of estimates, the solid-state model's records, the Table 2 lifetimes and the full cells."""

from __future__ import annotations


def _f(x, fmt=".3g"):
    return "n/a" if x is None else format(x, fmt)


def _held_out_other_rows(report) -> list[str]:
    """Held-out rows of the quantities besides overpotential and lifetime (issue 13: every quantity printed).

    CE and ASR: nothing is fitted on them, so every independent record is held out (train 0). CCD: the two
    solid-state parameters are fitted on 9 records of 7 references; each is predicted by the fit without its
    reference (leave-one-reference-out), ρ and median fold error over those predictions."""
    import numpy as np
    from scipy.stats import spearmanr

    rows = []
    for s in report.stats:
        label = s.label + (" [" + s.unit + "]" if s.unit else "")
        if s.quantity in ("coulombic_efficiency", "interfacial_asr_ohm_cm2"):
            note = ("nothing fitted on these records" if s.n_independent else
                    "no independent record: the library's inputs come from these same papers (not evidence)")
            rho = "ρ " + _f(s.spearman_independent, "+.2f") if s.spearman_independent is not None else "n/a"
            rows.append(f"  {label:<44} {s.n_independent:>5} {'0/' + str(s.n):>10} {rho:>12} "
                        f"{_f(s.median_fold_error_independent, '.2f'):>9}  {note}")
        elif s.quantity == "ccd_mA_cm2" and report.calibration:
            cal = report.calibration
            train = [r for r in cal["record"] if r["role"] == "train" and r.get("loro_predicted") is not None]
            if len(train) < 3:
                continue
            rep = np.array([r["reported"] for r in train], float)
            pred = np.array([r["loro_predicted"] for r in train], float)
            rho = float(spearmanr(rep, pred).statistic)
            fold = float(np.median(10.0 ** np.abs(np.log10(pred / rep))))
            rows.append(f"  {label:<44} {len(train):>5} {str(len(train)) + '/LORO':>10} {'ρ ' + format(rho, '+.2f'):>12} "
                        f"{fold:>9.2f}  calibrated: each of the {len(train)} fitted records predicted by the fit without "
                        f"its reference ({len(cal['references_used'])} references); LORO RMS log10 "
                        f"{cal['loo_rms_log10_error']:.3f}; n counts held-out records, of which only {s.n_independent} of the "
                        f"{s.n} Table 2 CCDs take their inputs from other papers")
    return rows


def validation_lines(report, cells: list[dict], events: dict, points: bool = False, library=None,
                     ce_pairs: dict | None = None) -> list[str]:
    """Every line of ``anodelab validate`` (text mode) for ``report`` (:func:`anodelab.validation.core.validate`),
    ``cells`` (:func:`.cells.cell_section`), ``events`` (:func:`.events.events_section`) and ``ce_pairs``
    (:func:`.ce_pairs.ce_pairs_section`, optional); ``points`` adds each record's predicted vs reported value."""
    from .cells import cell_lines
    from .events import events_lines

    out: list[str] = []
    out.append("Predicted vs reported, Lu et al. 2022 Tables 1-2 (all records | records whose inputs come from other papers)")
    out.append(f"  {'quantity':<44} {'n':>3} {'Spearman':>9} {'fold err':>9}   {'n ind':>5} {'Spearman':>9} {'fold err':>9}")
    for s in report.stats:
        out.append(f"  {s.label + ' [' + s.unit + ']' if s.unit else s.label:<44} {s.n:>3} {_f(s.spearman, '+.2f'):>9} "
                   f"{_f(s.median_fold_error, '.2f'):>9}   {s.n_independent:>5} {_f(s.spearman_independent, '+.2f'):>9} "
                   f"{_f(s.median_fold_error_independent, '.2f'):>9}  {s.note}")
    out.append(f"  lifetime model: {report.lifetime_model}")
    out.append("Held out, per quantity (headline: independent records, not flagged by a physical bound)")
    out.append(f"  {'quantity':<44} {'n ind':>5} {'train/test':>10} {'ρ or C':>12} {'fold err':>9}  note")
    for h in report.held_out:
        out.append(f"  {'Symmetric-cell overpotential [mV]':<44} {h['n_independent']:>5} {str(h['n_train']) + '/' + str(h['n_test']):>10} "
                   f"{'ρ ' + _f(h['spearman_loro_independent'], '+.2f'):>12} {_f(h['fold_error_loro_independent'], '.2f'):>9}  "
                   f"LORO (leave one reference out); fixed split test ρ {_f(h['spearman_test'], '+.2f')} on "
                   f"{h['n_test_independent']} independent, train ρ {_f(h['spearman_train'], '+.2f')}; fitted "
                   + ", ".join(f"{k} = {v:.3g}" for k, v in h["fitted"].items()))
    for line in _held_out_other_rows(report):  # CE, ASR (nothing fitted) and the calibrated CCD (LORO)
        out.append(line)
    for s in report.stats:
        if not s.quantity.startswith("lifetime_h"):
            continue
        c_text = "C " + _f(s.c_index, ".2f") if s.c_index is not None else "C n/a"
        fold = "n/a" if s.quantity.startswith("lifetime_h_risk") else _f(s.median_fold_error_independent, ".2f")
        cc = (f"; censored consistency {_f(s.censored_consistency, '.2f')} (predicted ≥ reported test length)"
              if s.censored_consistency is not None else "")
        if s.risk_consistency is not None:
            cc = (f"; risk within {s.common_time_h:.4g} h (median test length); censored consistency "
                  f"{_f(s.risk_consistency, '.2f')} (risk of failing before the record's own test length < 0.5)")
        out.append(f"  {s.label + (' [' + s.unit + ']' if s.unit else ''):<44} {s.n_independent:>5} {'0/' + str(s.n):>10} "
                   f"{c_text:>12} {fold:>9}  {s.n_censored} of {s.n} censored, {s.c_index_pairs} comparable pairs; "
                   f"C if every reported life were a failure {_f(s.c_index_if_events, '.2f')}{cc}")
    for line in events_lines(events):  # (a) failure events alone, (b) events + Table 1 censored lifetimes
        out.append(line)
    flagged = [p for p in report.points if p.bound_note]
    for p in flagged:
        out.append(f"  flagged {p.record_id} {p.quantity}: {p.bound_note}")
    if report.provenance:
        out.append("  estimates among the library values that move a ranking: " + ", ".join(
                   f"{k} {e}/{n}" for k, (e, n) in report.provenance.items()))
        from ..literature import installed_library
        from .provenance import estimate_problems

        problems = estimate_problems(library or installed_library())
        out.append("  every estimate that remains gives a range and a reasoning line" if not problems else
                   f"  {len(problems)} estimate(s) without a range or a reasoning line: " + "; ".join(problems))
    cal = report.calibration
    if cal:
        out.append(f"  calibrated: {', '.join(cal['fitted'])} on {', '.join(cal['records_used'])} "
                   f"(LOO RMS log10 error {cal['loo_rms_log10_error']:.3f})")
    if ce_pairs is not None:  # within-paper CE comparisons: host vs planar, CE vs current density
        from .ce_pairs import ce_pairs_lines

        out.extend(ce_pairs_lines(ce_pairs, points=points))
    from .solid import solid_section

    out.extend(solid_section(cal))
    from .solid_lifetimes import solid_lifetime_lines  # Table 2 lifetimes per record (below/above the CCD)

    out.extend(solid_lifetime_lines(library=library))
    out.extend(cell_lines(cells))
    if points:
        for p in report.points:
            flag = "" if p.independent else "  (" + p.note + ")"
            out.append(f"  {p.record_id:<12} {p.quantity:<24} reported {p.reported:>9.4g}  predicted {p.predicted:>9.4g}{flag}")
    return out
