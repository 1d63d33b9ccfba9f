"""``anodelab sensitivity DESIGN --metric KEY [--json]`` and the interval part of ``anodelab score --intervals``.

Nothing heavy is imported at module level (the CLI builds its parser on every start).
"""

from __future__ import annotations

import json


def register(subparsers) -> None:
    p = subparsers.add_parser("sensitivity", help="which uncertain inputs move a metric of one design most (tornado)")
    p.add_argument("design", help="design file (TOML)")
    p.add_argument("--metric", default="dendrite_risk", metavar="KEY",
                   help="a metric key of 'anodelab score --json' (default: dendrite_risk)")
    p.add_argument("--samples", type=int, default=None, metavar="N",
                   help="Latin-hypercube samples for the first-order indices (default 512)")
    p.add_argument("--seed", type=int, default=None, metavar="S", help="random seed (default 1)")
    p.add_argument("--top", type=int, default=None, metavar="K", help="print only the K inputs that move it most")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.set_defaults(func=cmd_sensitivity)


def interval_options(args) -> dict:
    """samples / seed of ``score --intervals`` (they need --intervals; AnodeLabError otherwise)."""
    from ..errors import AnodeLabError
    from .intervals import DEFAULT_SAMPLES, DEFAULT_SEED

    if not getattr(args, "intervals", False):
        for flag in ("samples", "seed"):
            if getattr(args, flag, None) is not None:
                raise AnodeLabError("needs --intervals", field=f"--{flag}")
        return {}
    return {"samples": DEFAULT_SAMPLES if args.samples is None else args.samples,
            "seed": DEFAULT_SEED if args.seed is None else args.seed}


def score_intervals_for(design, args):
    """The :class:`IntervalResult` for ``anodelab score --intervals`` (None without --intervals)."""
    opts = interval_options(args)
    if not opts:
        return None
    from ..errors import AnodeLabError
    from .intervals import score_intervals

    try:
        return score_intervals(design, **opts)
    except AnodeLabError as exc:  # name the command-line flag rather than the Python argument
        if exc.field in ("samples", "seed"):
            raise AnodeLabError(exc.detail, field=f"--{exc.field}") from None
        raise


def add_to_record(record: dict, intervals) -> dict:
    """``score --json --intervals``: per metric {p05, p50, p95} and what was sampled."""
    if intervals is not None:
        record["intervals"] = intervals.metrics_record()
        record["uncertainty"] = intervals.method_record()
    return record


def cmd_sensitivity(args) -> int:
    from ..design import load_design
    from ..errors import AnodeLabError
    from ..formatting import fmt_number
    from .intervals import DEFAULT_SEED
    from .tornado import DEFAULT_SENSITIVITY_SAMPLES, sensitivity

    if args.top is not None and args.top < 1:
        raise AnodeLabError(f"must be ≥ 1, got {args.top}", field="--top")
    design = load_design(args.design)
    samples = DEFAULT_SENSITIVITY_SAMPLES if args.samples is None else args.samples
    seed = DEFAULT_SEED if args.seed is None else args.seed
    try:
        res = sensitivity(design, args.metric, samples=samples, seed=seed)
    except AnodeLabError as exc:
        if exc.field in ("samples", "seed", "metric"):
            raise AnodeLabError(exc.detail, field=f"--{exc.field}") from None
        raise
    rows = res.rows[: args.top] if args.top else res.rows
    if args.json:
        rec = res.record()
        rec["inputs"] = [r.record() for r in rows]
        print(json.dumps({"design_hash": design.content_hash(), **rec}, indent=2, ensure_ascii=False))
        return 0
    unit = f" {res.unit}" if res.unit else ""
    print(f"{design.name}  ({args.design})")
    print(f"  {res.label}: {fmt_number(res.nominal)}{unit}; inputs ranked by the swing between their range bounds "
          f"(others nominal); S1 = RBD-FAST first-order index ({res.samples} samples, seed {res.seed}, "
          f"{res.s1_scale} scale)")
    if not rows:
        print("  no input of this design has a range: nothing to rank")
        return 0
    w = max(len(r.input.label) for r in rows) + 2
    print(f"  {'#':>3}  {'input':<{w}} {'range':<24} {'at low':>11} {'at high':>11} {'swing':>11} {'S1':>13}")
    for i, r in enumerate(rows, 1):
        s1 = "n/a" if r.s1 != r.s1 else f"{r.s1:.2f} ± {r.s1_conf:.2f}"
        print(f"  {i:>3}  {r.input.label:<{w}} {r.input.range_text():<24} {fmt_number(r.metric_low):>11} "
              f"{fmt_number(r.metric_high):>11} {fmt_number(r.swing):>11} {s1:>13}")
    print(f"  fixed: the operating conditions, inline overrides, properties without a range and "
          f"{res.n_fixed_parameters} model parameters without a range")
    return 0
