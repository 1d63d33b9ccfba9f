"""``anodelab report DESIGN.toml --format {pdf,html,json,csv} --out FILE``."""

from __future__ import annotations

import sys
from pathlib import Path

from . import FORMATS, SUFFIX


def register(subparsers) -> None:
    p = subparsers.add_parser("report", help="write a design report (PDF, HTML, JSON or CSV score card)")
    p.add_argument("design", help="design file (TOML)")
    p.add_argument("--format", dest="fmt", default=None, metavar="{" + ",".join(FORMATS) + "}",
                   help="report format (default: from the --out suffix, else pdf)")
    p.add_argument("--out", "-o", default=None, help="output file (default: the design name with the format's suffix)")
    p.set_defaults(func=cmd_report)


def cmd_report(args) -> int:
    from ..design import load_design
    from ..errors import AnodeLabError
    from . import check_format, export

    fmt = args.fmt
    if fmt is None:
        suffix = Path(args.out).suffix.lower().lstrip(".") if args.out else ""
        fmt = suffix if suffix in FORMATS else "pdf"
    fmt = check_format(fmt)
    out = Path(args.out) if args.out else Path(args.design).with_suffix(SUFFIX[fmt])
    if out.resolve() == Path(args.design).resolve():
        raise AnodeLabError("the report would overwrite the design file; choose another --out", field="--out")
    design = load_design(args.design)
    from ..fileio import check_writable

    check_writable(out, field="--out")  # before the report is built
    if fmt in ("pdf", "html"):
        try:
            from .plots import ensure_qapp
        except ImportError as exc:  # PySide6 missing: JSON/CSV still work
            raise AnodeLabError(f"{fmt} reports need PySide6 and pyqtgraph ({exc}); json and csv work without",
                                field="format") from None
        ensure_qapp()
    data = export(design, fmt, out, design_file=args.design)
    print(f"wrote {out} ({len(data):,} bytes, {fmt})", file=sys.stderr)
    return 0
