"""``anodelab validate [--json] [--calibration [--write]]``."""

from __future__ import annotations

import json


def register(subparsers) -> None:
    p = subparsers.add_parser("validate", help="compare predictions with the review's Tables 1-2")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--points", action="store_true", help="also list every record's predicted vs reported value")
    p.add_argument("--overpotential", action="store_true",
                   help="print the symmetric-cell overpotential of every Table 1 record with its predicted parts")
    p.add_argument("--calibration", action="store_true", help="re-run the solid-state calibration (fit + leave-one-reference-out) and print it")
    p.add_argument("--write", action="store_true",
                   help="with --calibration: write resources/model/calibration.toml and the calibrated parameter entries")
    p.set_defaults(func=cmd_validate)


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


def cmd_validate(args) -> int:
    from ..errors import AnodeLabError
    from .calibration import calibrate, write_calibration
    from .core import validate

    if args.write and not args.calibration:
        raise AnodeLabError("--write only goes with --calibration", field="--write")
    if args.calibration:
        rep = calibrate()
        if args.write:
            write_calibration(rep)
        if args.json:
            print(json.dumps(rep, indent=2))
            return 0
        from .solid import solid_section

        print("\n".join(solid_section(rep)))
        print(f"  {rep['identifiability']}")
        print("  written to resources/model/calibration.toml and parameters.toml" if args.write
              else "  (not written; add --write to store it)")
        return 0
    if args.overpotential:
        _print_overpotential(args.json)
        return 0
    report = validate()
    from .cells import cell_section, print_cell_section  # full-cell records (resources/literature/cells.toml)

    cells = cell_section()
    from .events import events_lines, events_section  # failure events (resources/literature/lifetime_events.toml)

    events = events_section()
    if args.json:
        print(json.dumps({**report.as_dict(), "cells": cells, "lifetime_events": events}, indent=2, ensure_ascii=False))
        return 0
    print("Predicted vs reported, Lu et al. 2022 Tables 1-2 (all records | records whose inputs come from other papers)")
    print(f"  {'quantity':<44} {'n':>3} {'Spearman':>9} {'fold err':>9}   {'n ind':>5} {'Spearman':>9} {'fold err':>9}")
    for s in report.stats:
        print(f"  {s.label + ' [' + s.unit + ']' if s.unit else s.label:<44} {s.n:>3} {_f(s.spearman, '+.2f'):>9} "
              f"{_f(s.median_fold_error, '.2f'):>9}   {s.n_independent:>5} {_f(s.spearman_independent, '+.2f'):>9} "
              f"{_f(s.median_fold_error_independent, '.2f'):>9}  {s.note}")
    print(f"  lifetime model: {report.lifetime_model}")
    print("Held out, per quantity (headline: independent records, not flagged by a physical bound)")
    print(f"  {'quantity':<44} {'n ind':>5} {'train/test':>10} {'ρ or C':>12} {'fold err':>9}  note")
    for h in report.held_out:
        print(f"  {'Symmetric-cell overpotential [mV]':<44} {h['n_independent']:>5} {str(h['n_train']) + '/' + str(h['n_test']):>10} "
              f"{'ρ ' + _f(h['spearman_loro_independent'], '+.2f'):>12} {_f(h['fold_error_loro_independent'], '.2f'):>9}  "
              f"LORO (leave one reference out); fixed split test ρ {_f(h['spearman_test'], '+.2f')} on "
              f"{h['n_test_independent']} independent, train ρ {_f(h['spearman_train'], '+.2f')}; fitted "
              + ", ".join(f"{k} = {v:.3g}" for k, v in h["fitted"].items()))
    for line in _held_out_other_rows(report):  # CE, ASR (nothing fitted) and the calibrated CCD (LORO)
        print(line)
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
        print(f"  {s.label + (' [' + s.unit + ']' if s.unit else ''):<44} {s.n_independent:>5} {'0/' + str(s.n):>10} "
              f"{c_text:>12} {fold:>9}  {s.n_censored} of {s.n} censored, {s.c_index_pairs} comparable pairs; "
              f"C if every reported life were a failure {_f(s.c_index_if_events, '.2f')}{cc}")
    for line in events_lines(events):  # (a) failure events alone, (b) events + Table 1 censored lifetimes
        print(line)
    flagged = [p for p in report.points if p.bound_note]
    for p in flagged:
        print(f"  flagged {p.record_id} {p.quantity}: {p.bound_note}")
    if report.provenance:
        print("  estimates among the library values that move a ranking: " + ", ".join(
            f"{k} {e}/{n}" for k, (e, n) in report.provenance.items()))
        from ..literature import installed_library
        from .provenance import estimate_problems

        problems = estimate_problems(installed_library())
        print("  every estimate that remains gives a range and a reasoning line" if not problems else
              f"  {len(problems)} estimate(s) without a range or a reasoning line: " + "; ".join(problems))
    cal = report.calibration
    if cal:
        print(f"  calibrated: {', '.join(cal['fitted'])} on {', '.join(cal['records_used'])} "
              f"(LOO RMS log10 error {cal['loo_rms_log10_error']:.3f})")
    from .solid import solid_section

    print("\n".join(solid_section(cal)))
    from .solid_lifetimes import solid_lifetime_lines  # Table 2 lifetimes per record (below/above the CCD)

    print("\n".join(solid_lifetime_lines()))
    print_cell_section(cells)
    if args.points:
        for p in report.points:
            flag = "" if p.independent else "  (" + p.note + ")"
            print(f"  {p.record_id:<12} {p.quantity:<24} reported {p.reported:>9.4g}  predicted {p.predicted:>9.4g}{flag}")
    return 0


def _print_overpotential(as_json: bool) -> None:
    """``anodelab validate --overpotential``: per record η reported / predicted / LORO and the predicted parts."""
    from .core import breakdown_groups, overpotential_breakdown

    rows = overpotential_breakdown()
    if as_json:
        print(json.dumps({"records": rows, "groups": breakdown_groups(rows)}, indent=2, ensure_ascii=False))
        return
    print("Symmetric-cell overpotential, Table 1 (mV; parts sum to 'pred'; nucl = first-cycle peak above the plateau, "
          "not compared)")
    print(f"  {'record':<8} {'ind':>3} {'host':<22} {'electrolyte':<24} {'coating':<16} {'J':>5} {'Q':>5} {'T':>4} "
          f"{'A':>5} {'A_w':>5} {'rep':>6} {'pred':>6} {'LORO':>6} {'ohmic':>6} {'SEI':>6} {'coat':>6} {'BV':>6} "
          f"{'conc':>6} {'nucl':>5}")
    for r in rows:
        ind = "F" if r["flag"] else ("yes" if r["independent"] else "no")
        print(f"  {r['record_id']:<8} {ind:>3} {r['host'][:22]:<22} {r['electrolyte'][:24]:<24} {r['coating'][:16]:<16} "
              f"{r['current_density_mA_cm2']:>5.2f} {r['areal_capacity_mAh_cm2']:>5.2f} {r['temperature_C']:>4.0f} "
              f"{r['surface_area_ratio']:>5.1f} {r['working_area_ratio']:>5.1f} {r['reported_mV']:>6.1f} "
              f"{r['predicted_mV']:>6.1f} {_f(r['loro_mV'], '.1f'):>6} {r['ohmic_mV']:>6.1f} {r['sei_mV']:>6.1f} "
              f"{r['coating_mV']:>6.1f} {r['charge_transfer_mV']:>6.1f} {r['concentration_mV']:>6.1f} "
              f"{r['nucleation_excess_mV']:>5.1f}")
    print("  J mA cm⁻², Q mAh cm⁻², T °C; A host surface-area ratio, A_w the share of it the pore electrolyte reaches; "
          "ind: F = flagged by a physical bound")
    print("  median predicted/reported (unfitted engine), independent records:")
    for g, n, med in breakdown_groups(rows):
        print(f"    {g:<18} n {n:>2}  ×{med:.2f}")

