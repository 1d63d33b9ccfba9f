"""``anodelab validate [--json] [--calibration [--write]]``."""

from __future__ import annotations

import json

from .text_report import _f


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
    from .cells import cell_section  # full-cell records (resources/literature/cells.toml)

    cells = cell_section()
    from .events import events_section  # failure events (resources/literature/lifetime_events.toml)

    events = events_section()
    from .ce_pairs import ce_pairs_section  # within-paper CE comparisons (resources/literature/ce_pairs.toml)

    ce_pairs = ce_pairs_section()
    if args.json:
        print(json.dumps({**report.as_dict(), "cells": cells, "lifetime_events": events, "ce_pairs": ce_pairs},
                         indent=2, ensure_ascii=False))
        return 0
    from .text_report import validation_lines

    print("\n".join(validation_lines(report, cells, events, points=args.points, ce_pairs=ce_pairs)))
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

