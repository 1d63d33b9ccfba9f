"""``anodelab simulate DESIGN.toml --protocol P [--out profile.csv] [--json] [--set key=value ...]``."""

from __future__ import annotations

import json
import sys

from ..errors import AnodeLabError
from .settings import ALL_PROTOCOLS, SPECS


def parse_set_options(items: list[str] | None) -> dict[str, str]:
    """``["key=value", ...]`` → dict; a malformed item raises AnodeLabError naming it."""
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        key = key.strip()
        if not sep or not key or not value.strip():
            raise AnodeLabError(f"--set expects key=value, got {item!r}", field="--set")
        if key in out:
            raise AnodeLabError(f"setting {key!r} is given twice", field=key)
        out[key] = value.strip()
    return out


def cmd_simulate(args) -> int:
    from ..design import load_design
    from ..fileio import atomic_write_text
    from . import simulate

    settings = parse_set_options(args.set)
    design = load_design(args.design)
    prof = simulate(design, args.protocol, **settings)
    text = prof.to_csv(0)
    if args.out:
        try:
            atomic_write_text(args.out, text)
        except OSError as exc:
            raise AnodeLabError(f"cannot write: {exc.strerror}", file=str(args.out)) from None
    record = {"design": design.name, "protocol": args.protocol, "settings": prof.settings, **prof.event_record(0)}
    if args.json:
        print(json.dumps(record, indent=2, ensure_ascii=False))
    elif not args.out:
        sys.stdout.write(text)
    else:
        print(f"{design.name}: {args.protocol} profile, {len(text.splitlines()) - 1} points → {args.out}")
        for key, value in prof.event_record(0).items():
            print(f"  {key:<36} {value if value is not None else 'n/a'}")
    return 0


def register(subparsers) -> None:
    allowed = "; ".join(f"{p}: {', '.join(SPECS[p])}" for p in ALL_PROTOCOLS)
    p = subparsers.add_parser("simulate", help="simulate a voltage profile / impedance / CE test of one design")
    p.add_argument("design", help="design file (TOML)")
    p.add_argument("--protocol", required=True, choices=ALL_PROTOCOLS)
    p.add_argument("--out", help="write the profile as CSV (header with units)")
    p.add_argument("--json", action="store_true", help="print the events as JSON")
    p.add_argument("--set", action="append", metavar="KEY=VALUE", help=f"protocol setting ({allowed})")
    p.set_defaults(func=cmd_simulate)
