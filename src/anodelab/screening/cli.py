"""``anodelab screen SCREEN.toml --out results.csv [--top K] [--workers N] [--scheduler ADDRESS]``."""

from __future__ import annotations

import dataclasses
import math
import sys


def register(subparsers) -> None:
    p = subparsers.add_parser("screen", help="screen many designs (see resources/screens/ for examples)")
    p.add_argument("screen", help="screen definition (TOML)")
    p.add_argument("--out", help="write the kept designs (top-k ∪ Pareto set) as CSV")
    p.add_argument("--top", type=int, metavar="K", help="keep the K best designs (overrides top_k of the file)")
    p.add_argument("--workers", type=int, metavar="N", help="local threads (default: number of cores)")
    p.add_argument("--scheduler", metavar="ADDRESS", help="run on a Dask cluster, e.g. tcp://host:8786")
    p.add_argument("--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(func=cmd_screen)


def cmd_screen(args) -> int:
    from ..errors import AnodeLabError
    from .runner import RunState, run_screen
    from .spec import MAX_TOP_K, load_screen

    spec = load_screen(args.screen)
    if args.top is not None:
        if not 1 <= args.top <= MAX_TOP_K:
            raise AnodeLabError(f"must be from 1 to {MAX_TOP_K}, got {args.top}", field="--top")
        spec = dataclasses.replace(spec, top_k=args.top)
    if args.workers is not None and args.workers < 1:
        raise AnodeLabError(f"must be ≥ 1, got {args.workers}", field="--workers")
    if args.out:  # before the screen runs: a bad --out must not cost the whole run
        from ..fileio import check_writable

        check_writable(args.out, field="--out")
    if args.scheduler is not None:  # scheme, connect timeout and handshake before any planning
        from .runner import check_scheduler

        check_scheduler(args.scheduler)

    def progress(frac, msg):
        if not args.quiet:
            print(f"\r  {100 * frac:5.1f} %  {msg}    ", end="", file=sys.stderr, flush=True)

    state = RunState(progress)
    try:
        result = run_screen(spec, state, workers=args.workers, scheduler=args.scheduler)
    except KeyboardInterrupt:
        raise
    if not args.quiet:
        print(file=sys.stderr)
    obj = spec.objective
    print(f"{spec.name}: {result.n_evaluated:,} of {result.n_total:,} designs in {result.elapsed_s:.2f} s "
          f"({result.backend}); {result.n_feasible:,} pass the constraints"
          + (f" [{', '.join(c.text for c in spec.constraints)}]" if spec.constraints else ""))
    if result.cancelled:
        print("  cancelled: partial results")
    for note in result.notes:
        print(f"  note: {note}")
    shown = [i for i in range(len(result)) if result.rank[i] >= 0][:10]
    print(f"  best by {obj.text}:" + ("" if shown else " none (no design that passes the constraints has a value for it)"))
    for i in shown:
        r = result.row(i)
        mats = " | ".join(r[s] for s in ("host", "coating", "electrolyte", "interlayer") if r[s])
        if spec.cell is not None:  # full cells: the cathode and the cell axes of the row
            mats += " | " + " ".join([r["cathode"], *(f"{k}={r[k]:g}" for k in spec.cell.axis_names)])
        band = ""
        if result.band is not None:
            m, lo, hi = result.band[obj.metric][i]
            band = f" (mean {m:.4g}, 5–95 % {lo:.4g}–{hi:.4g})"
            if result.top_k_probability is not None and math.isfinite(result.top_k_probability[i]):
                band += f" P(top {spec.top_k}) {result.top_k_probability[i]:.2f}"
        print(f"  {r['rank'] + 1:>4}. {r[obj.metric]:.4g}{band}  {mats}  J={r['current_density_mA_cm2']:g} mA/cm² "
              f"Q={r['areal_capacity_mAh_cm2']:g} mAh/cm² T={r['temperature_C']:g} °C P={r['stack_pressure_MPa']:g} MPa")
    if spec.pareto:
        print(f"  Pareto set ({', '.join(o.text for o in spec.pareto)}): {int(result.on_pareto.sum())} designs")
    if args.out:
        write_or_rescue(args.out, result.csv_text(), what=f"{len(result)} rows")
    return 0


def write_or_rescue(path, text: str, *, what: str) -> None:
    """Write ``text`` to ``path``; if that fails after the work, keep it in a file whose name is said."""
    from ..errors import AnodeLabError
    from ..fileio import atomic_write_text

    try:
        atomic_write_text(path, text)
    except AnodeLabError as exc:
        import tempfile

        fd, rescue = tempfile.mkstemp(prefix="anodelab-results-", suffix=".csv")
        with open(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        raise AnodeLabError(f"{exc.detail}; the results were kept in {rescue}", file=str(path)) from None
    print(f"  wrote {what} to {path}")
