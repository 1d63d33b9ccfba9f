"""``anodelab validate [--json] [--calibration [--write]]``."""

from __future__ import annotations

import json


def register(subparsers) -> None:
    p = subparsers.add_parser("validate", help="compare predictions with the review's Tables 1-2")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--points", action="store_true", help="also list every record's predicted vs reported value")
    p.add_argument("--calibration", action="store_true", help="re-run the solid-state calibration (fit + leave-one-reference-out) and print it")
    p.add_argument("--write", action="store_true",
                   help="with --calibration: write resources/model/calibration.toml and the calibrated parameter entries")
    p.set_defaults(func=cmd_validate)


def _f(x, fmt=".3g"):
    return "n/a" if x is None else format(x, fmt)


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
    report = validate()
    from .cells import cell_section, print_cell_section  # full-cell records (resources/literature/cells.toml)

    cells = cell_section()
    if args.json:
        print(json.dumps({**report.as_dict(), "cells": cells}, indent=2, ensure_ascii=False))
        return 0
    print("Predicted vs reported, Lu et al. 2022 Tables 1-2 (all records | records whose inputs come from other papers)")
    print(f"  {'quantity':<44} {'n':>3} {'Spearman':>9} {'fold err':>9}   {'n ind':>5} {'Spearman':>9} {'fold err':>9}")
    for s in report.stats:
        print(f"  {s.label + ' [' + s.unit + ']' if s.unit else s.label:<44} {s.n:>3} {_f(s.spearman, '+.2f'):>9} "
              f"{_f(s.median_fold_error, '.2f'):>9}   {s.n_independent:>5} {_f(s.spearman_independent, '+.2f'):>9} "
              f"{_f(s.median_fold_error_independent, '.2f'):>9}  {s.note}")
    print(f"  lifetime model: {report.lifetime_model}")
    cal = report.calibration
    if cal:
        print(f"  calibrated: {', '.join(cal['fitted'])} on {', '.join(cal['records_used'])} "
              f"(LOO RMS log10 error {cal['loo_rms_log10_error']:.3f})")
    from .solid import solid_section

    print("\n".join(solid_section(cal)))
    print_cell_section(cells)
    if args.points:
        for p in report.points:
            flag = "" if p.independent else "  (" + p.note + ")"
            print(f"  {p.record_id:<12} {p.quantity:<24} reported {p.reported:>9.4g}  predicted {p.predicted:>9.4g}{flag}")
    return 0
