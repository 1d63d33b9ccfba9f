"""``anodelab`` command line: a thin face over the engine. Qt is never imported here.

Sub-commands: ``score``, ``materials``; and, from their own packages, ``simulate``, ``screen``,
``validate`` and ``report`` (each package exposes ``register(subparsers)``).
Bad input exits with status 2 and one line on stderr, never a traceback (``--debug`` shows one).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import sys

from . import __version__
from .errors import AnodeLabError, terminal_safe as _safe
from .formatting import fmt_number as _fmt

#: Feature packages that add sub-commands: module path → attribute with ``register(subparsers)``.
FEATURE_COMMANDS = (
    "anodelab.simulate.cli",
    "anodelab.screening.cli",
    "anodelab.validation.cli",
    "anodelab.report.cli",
    "anodelab.data.cli",
    "anodelab.uncertainty.cli",
)


def cmd_score(args) -> int:
    from .design import load_design
    from .metrics import METRICS
    from .scoring import score
    from .uncertainty.cli import add_to_record, score_intervals_for
    from .uncertainty.intervals import interval_text

    design = load_design(args.design)
    result = score(design)
    intervals = score_intervals_for(design, args)  # None without --intervals
    record = result.record(0)
    record = add_to_record({"design": design.name, "design_hash": design.content_hash(), **record}, intervals)
    if design.cathode is not None:  # full cell: mass and volume per layer (anodelab.cell)
        from .cell.report import layer_table

        record["cell_layers"] = layer_table(design, result)
    if args.json:
        print(json.dumps(record, indent=2, ensure_ascii=False))
        return 0
    print(f"{_safe(design.name)}  ({_safe(args.design)})")
    if intervals is not None:
        print(f"  last column: 5–95 % interval. {intervals.method_record()['note']}")
    width = max(len(m.label) for m in METRICS) + 2
    for m in METRICS:
        value = float(result.value(m.key)[0])  # raw: ∞ prints as ∞, n/a only where it does not apply
        if math.isnan(value) and (m.liquid_only or m.solid_only or m.cell_only):
            continue
        text, rating = m.cell(value)
        band = f"  {interval_text(intervals, m.key):>23}" if intervals is not None else ""
        print(f"  {m.label:<{width}} {text:>12} {m.unit:<9} {rating:<4}{band}".rstrip())
    if "cell_layers" in record:
        from .cell.report import layer_lines

        print("\n".join(layer_lines(record["cell_layers"])))
    mech = record.get("failure_mechanism") or "none"
    life = record.get("cell_cycle_life_cycles")
    if life is None or not math.isfinite(life):  # no cathode (or an unbounded cell life): the lifetime model's
        print(f"  Earliest failure: {mech} (anodelab.lifetime)")
    else:  # full cell: the anode's mechanism and what ends the cell (with the cathode's fade) may differ
        from .cell.energy import CELL_LIFE_MECHANISMS, cell_life_mechanism

        cell = cell_life_mechanism(result.si, 0)
        words = CELL_LIFE_MECHANISMS[cell] + (f" ({mech})" if cell == "short" else "")
        print(f"  Earliest failure: {mech} (anodelab.lifetime: the anode's lifetime, no cathode fade)")
        print(f"  Cell cycle life ended by: {words} (anodelab.cell.energy)")
    print("  Risk factors (contribution to the dendrite risk):")
    for name, contrib in sorted(record["risk_factors"].items(), key=lambda kv: -(kv[1] or 0)):
        print(f"    {name:<18} {_fmt(contrib):>10}")
    if record["warnings"]:
        print("  Warnings:")
        for w in record["warnings"]:
            print(f"    - {w}")
    return 0


def cmd_materials_list(args) -> int:
    from .materials.library import default_library

    lib = default_library()
    mats = sorted(lib.materials.values(), key=lambda m: (m.cls, m.id))
    if args.cls:
        mats = [m for m in mats if m.cls == args.cls]
    if args.json:
        print(json.dumps([{"id": m.id, "class": m.cls, "name": m.name, "origin": m.origin} for m in mats], indent=2))
        return 0
    current = None
    for m in mats:
        if m.cls != current:
            current = m.cls
            print(f"{current}:")
        origin = "  (user)" if m.origin == "user" else ""
        print(f"  {m.id:<32} {_safe(m.name)}{origin}")
    return 0


def cmd_materials_show(args) -> int:
    from .materials.library import default_library

    m = default_library().get(args.id)
    print(f"{m.id}: {_safe(m.name)}  [{m.cls}]  ({_safe(m.file)})")
    if m.description:
        print(f"  {_safe(m.description)}")
    for name, p in m.properties.items():
        rng = f"  range {p.range[0]:g}–{p.range[1]:g}" if p.range else ""
        print(f"  {name:<40} {_fmt(p.value):>10}{rng}")
        print(f"      source: {_safe(p.source)}")
    return 0


def _warn_about_user_library() -> None:
    """One stderr line per skipped user library file and per installed material a user file replaces."""
    from .materials.library import default_library

    lib = default_library()
    for problem in lib.problems:
        print(f"anodelab: warning: {_safe(problem, 2000)}", file=sys.stderr)
    for mid, path in lib.overrides.items():
        print(f"anodelab: note: your file {_safe(path)} replaces the installed material '{mid}'", file=sys.stderr)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="anodelab", description="Design and screen sodium-metal anodes.")
    parser.add_argument("--version", action="version", version=f"AnodeLab {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    p = sub.add_parser("score", help="score one design file")
    p.add_argument("design", help="design file (TOML)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--intervals", action="store_true", help="add 5–95 %% intervals from the library and parameter ranges")
    p.add_argument("--samples", type=int, metavar="N", help="with --intervals: Latin-hypercube samples (default 256)")
    p.add_argument("--seed", type=int, metavar="S", help="with --intervals: random seed (default 1)")
    p.set_defaults(func=cmd_score)

    p = sub.add_parser("materials", help="the materials library")
    msub = p.add_subparsers(dest="materials_command", metavar="ACTION")
    msub.required = True
    pl = msub.add_parser("list", help="list materials")
    pl.add_argument("--class", dest="cls", choices=["host", "coating", "liquid_electrolyte", "solid_electrolyte", "interlayer",
                                                    "cathode"])
    pl.add_argument("--json", action="store_true")
    pl.set_defaults(func=cmd_materials_list)
    ps = msub.add_parser("show", help="show one material with sources")
    ps.add_argument("id")
    ps.set_defaults(func=cmd_materials_show)

    for modname in FEATURE_COMMANDS:
        try:
            mod = importlib.import_module(modname)
        except ModuleNotFoundError as exc:
            if exc.name and modname.startswith(exc.name):
                continue  # feature package not installed in this build
            raise
        mod.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        _warn_about_user_library()
        return int(args.func(args) or 0)
    except AnodeLabError as exc:
        if args.debug:
            raise
        print(f"anodelab: error: {_safe(str(exc), 2000)}", file=sys.stderr)
        return 2
    except RecursionError:  # deeply nested input that slipped past a limit: still a named error
        if args.debug:
            raise
        print("anodelab: error: the input is nested too deeply to process (limit: "
              "20 levels of tables/arrays)", file=sys.stderr)
        return 2
    except MemoryError:
        if args.debug:
            raise
        print("anodelab: error: not enough memory for this input; see 'Limits' in the README for the "
              "stated sizes (use --top, a coarser grid or fewer points)", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("anodelab: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug of ours: still one line, with a way to see more
        if args.debug:
            raise
        print(f"anodelab: internal error: {type(exc).__name__}: {_safe(str(exc), 500)} (run with --debug for details)",
              file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
