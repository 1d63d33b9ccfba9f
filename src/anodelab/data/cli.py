"""``anodelab data show FILE [--json]`` and ``anodelab data fit FILE --protocol P [--json] [--save-material ID]``."""

from __future__ import annotations

import json

from ..errors import AnodeLabError


def _split_temperature(path: str) -> tuple[str, float | None]:
    """'spectrum.mpt@60' → ('spectrum.mpt', 60.0) when the file 'spectrum.mpt@60' itself does not exist."""
    from pathlib import Path

    head, sep, tail = path.rpartition("@")
    if sep and not Path(path).exists():
        try:
            return head, float(tail)
        except ValueError:
            pass
    return path, None


def _read(args, path):
    from . import read
    from .tabular import parse_mapping

    path, t_at = _split_temperature(path)
    if t_at is not None:
        args = _with(args, temperature_c=t_at)

    columns = parse_mapping(args.columns, path) if getattr(args, "columns", None) else None
    try:
        m = read(path, area_cm2=args.area_cm2, temperature_C=getattr(args, "temperature_c", None),
                 instrument=args.instrument, columns=columns)
    except AnodeLabError as exc:
        from .tabular import MappingNeeded, remember

        if isinstance(exc, MappingNeeded) and getattr(args, "confirm_columns", False) and exc.layout.guess:
            remember(exc.layout, exc.layout.guess, path)
            m = read(path, area_cm2=args.area_cm2, temperature_C=getattr(args, "temperature_c", None),
                     instrument=args.instrument)
        else:
            raise
    if columns is not None:
        from pathlib import Path

        from .tabular import inspect_table, remember
        from .text import decode

        text, _ = decode(Path(path).read_bytes(), path)
        remember(inspect_table(path, text), columns, path)
    return m


def _with(args, **kw):
    import argparse

    d = dict(vars(args))
    d.update(kw)
    return argparse.Namespace(**d)


def cmd_show(args) -> int:
    from .recognise import recognise

    m = _read(args, args.file)
    rec = recognise(m)
    out = m.summary()
    out["recognised"] = {"protocol": rec.protocol, "variant": rec.variant, "reason": rec.reason}
    out["metadata"] = {k: v for k, v in m.metadata.items() if isinstance(v, (str, int, float, bool)) or v is None}
    if args.json:
        print(json.dumps(out, indent=2, ensure_ascii=False, default=str))
        return 0
    print(f"{m.source.path}  [{m.source.format}]  sha256 {m.source.sha256[:16]}…")
    for k, v in out.items():
        if k in ("file", "format", "sha256", "metadata", "recognised"):
            continue
        print(f"  {k:<32} {v}")
    print(f"  recognised as: {rec.protocol or 'unknown'}{' (' + rec.variant + ')' if rec.variant else ''} — {rec.reason}")
    return 0


def cmd_fit(args) -> int:
    from ..fitting import fit

    files = [_read(args, f) for f in args.file]
    options = {}
    if args.circuit:
        if args.protocol not in ("eis", "arrhenius"):
            raise AnodeLabError("--circuit applies to --protocol eis or arrhenius", field="--circuit")
        options["circuit"] = args.circuit
    if args.protocol == "arrhenius" and args.reference_temperature_c is not None:
        options["reference_temperature_C"] = args.reference_temperature_c
    result = fit(files if args.protocol == "arrhenius" else files[0] if len(files) == 1 else files, args.protocol, **options)
    record = result.record()
    if args.save_material:
        if not args.design:
            raise AnodeLabError("--save-material needs --design DESIGN.toml (whose material the fit replaces)",
                                field="--save-material")
        from ..design import load_design
        from ..fitting.material import save_fit_as_material

        path, _ = save_fit_as_material(result, load_design(args.design), args.save_material)
        record["saved_material"] = {"id": args.save_material, "file": path}
    if args.report:
        if not args.design:
            raise AnodeLabError("--report needs --design DESIGN.toml (the simulation next to the measurement)",
                                field="--report")
        from ..design import load_design
        from ..fitting.report import export_fit_report
        from .overlay import overlay, overlay_arrhenius

        design = load_design(args.design)
        ovs = [overlay_arrhenius(files, design, result)] if args.protocol == "arrhenius" else [
            overlay(f, design, args.protocol) for f in files]
        try:
            export_fit_report(result, ovs, design, args.report)
        except OSError as exc:
            raise AnodeLabError(f"cannot write: {exc.strerror}", file=str(args.report)) from None
        record["report"] = str(args.report)
    if args.json:
        print(json.dumps(record, indent=2, ensure_ascii=False, default=str))
        return 0 if result.ok else 1
    print(f"{args.protocol} fit of {', '.join(f.source.name for f in files)}: {result.status()}  ({result.method})")
    for key, v in result.values.items():
        print(f"  {key:<40} {v.value:.6g}   {v.interval_text()}")
    if result.correlations:
        strong = sorted(result.correlations.items(), key=lambda kv: -abs(kv[1]))[:6]
        print("  correlations: " + ", ".join(f"{k} {r:+.3f}" for k, r in strong))
    if "lin_kk" in result.extra:
        kk = result.extra["lin_kk"]
        print(f"  Lin-KK: {'consistent' if kk['consistent'] else 'NOT consistent'} (rms {kk['rms_residual']:.2%}, "
              f"M = {kk['M']}, rule {kk['rule']})")
    for msg in result.messages:
        print(f"  note: {msg}")
    if "report" in record:
        print(f"  report → {record['report']}")
    if "saved_material" in record:
        print(f"  saved material '{args.save_material}' → {record['saved_material']['file']}")
    return 0 if result.ok else 1


def _common(p) -> None:
    p.add_argument("--area-cm2", type=float, help="electrode area in cm² (overrides the file's)")
    p.add_argument("--instrument", help="impedance instrument of a .txt export (autolab, chinstruments, parstat …)")
    p.add_argument("--columns", help="table columns: role=column:unit,… (e.g. time=Time:s,current=I:mA,voltage=Ewe:V); "
                                     "remembered for files of that layout")
    p.add_argument("--confirm-columns", action="store_true", help="accept and remember the guessed table columns")
    p.add_argument("--json", action="store_true", help="print JSON")


def register(subparsers) -> None:
    from ..fitting import FIT_PROTOCOLS

    p = subparsers.add_parser("data", help="read measurement files, fit the model to them")
    sub = p.add_subparsers(dest="data_command", metavar="ACTION")
    sub.required = True
    ps = sub.add_parser("show", help="what a file holds (quantities, units, recognised protocol)")
    ps.add_argument("file")
    ps.add_argument("--temperature-c", type=float, help="measurement temperature in °C")
    _common(ps)
    ps.set_defaults(func=cmd_show)
    pf = sub.add_parser("fit", help="fit a protocol's model to a file (several spectra for arrhenius)")
    pf.add_argument("file", nargs="+", help="measurement file(s); FILE@T gives a spectrum's temperature in °C")
    pf.add_argument("--protocol", required=True, choices=FIT_PROTOCOLS)
    pf.add_argument("--circuit", help="equivalent circuit (impedance.py syntax); default: chosen by BIC among R0-p(R1,CPE1), R0-p(R1,C1), R0-p(R1,CPE1)-CPE2, R0-p(R1,CPE1)-p(R2,CPE2)")
    pf.add_argument("--temperature-c", type=float, help="measurement temperature in °C (one file)")
    pf.add_argument("--reference-temperature-c", type=float, help="Arrhenius reference temperature (default 25)")
    pf.add_argument("--design", help="design whose material --save-material replaces")
    pf.add_argument("--save-material", metavar="ID", help="write the fitted values as user material ID")
    pf.add_argument("--report", metavar="OUT.html", help="measured-vs-simulated figure and fit table (needs --design)")
    _common(pf)
    pf.set_defaults(func=cmd_fit)
