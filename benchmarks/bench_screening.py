"""Screening throughput. Prints: 10⁶ designs without uncertainty (target < 1 s) and
10⁵ designs × 100 uncertainty samples (target < 30 s, peak RSS < 2 GB).

Run: .venv/bin/python benchmarks/bench_screening.py [--quick]
"""

from __future__ import annotations

import resource
import sys
import time

from anodelab.screening import build_plan, loads_screen, run_screen

BASE = """
format_version = 1
name = "bench"
top_k = 100
constraints = ["total_asr_ohm_cm2 <= 50"]
[materials]
host = ["all hosts"]
coating = ["none", "all coatings"]
electrolyte = ["all electrolytes"]
interlayer = ["none", "all interlayers"]
[conditions]
current_density_mA_cm2 = {{ low = 0.1, high = 10.0, n = {nj}, scale = "log" }}
areal_capacity_mAh_cm2 = {{ low = 0.5, high = 5.0, n = {nq} }}
temperature_C = {{ values = [25.0, 60.0] }}
na_excess_mAh_cm2 = 5.0
[objective]
metric = "dendrite_risk"
[pareto]
objectives = ["dendrite_risk min", "cell_overpotential_mV min", "anode_specific_capacity_mAh_g max"]
"""


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0  # Linux: kB


def bench(text: str, label: str, target_s: float, workers=None) -> None:
    plan = build_plan(loads_screen(text))
    t = time.perf_counter()
    res = run_screen(plan, workers=workers)
    dt = time.perf_counter() - t
    ok = "OK" if dt < target_s else "MISSED"
    print(f"{label}: {res.n_evaluated:,} designs"
          + (f" × {plan.n_samples} samples" if plan.n_samples else "")
          + f" in {dt:.2f} s ({res.backend}; {res.n_evaluated / dt:,.0f} designs/s) — target < {target_s:g} s {ok};"
          f" kept {len(res)} rows, Pareto {int(res.on_pareto.sum())}; peak RSS so far {peak_rss_mb():.0f} MB")


def main() -> None:
    quick = "--quick" in sys.argv
    # 20 hosts × 11 coating choices × 17 liquids + 20 hosts × 11 solids × 11 interlayer choices = 6160 combos
    n_combos = len(build_plan(loads_screen(BASE.format(nj=1, nq=1))).combo)
    per = 1_000_000 // n_combos + 1
    nj, nq = (per // 2 + 1) // 2 + 1, 2  # × 2 temperatures
    text = BASE.format(nj=nj, nq=nq)
    n = len(build_plan(loads_screen(text)).combo) * nj * nq * 2
    print(f"material combinations: {n_combos}; conditions per combination: {nj * nq * 2}; designs: {n:,}")
    bench(text, "warm-up (1 worker)", 1e9, workers=1) if quick else None
    for w in (1, 2):
        bench(text, f"no uncertainty, {w} thread(s)", 1.0, workers=w)
    if quick:
        return
    # 10⁵ designs × 100 uncertainty samples
    text_u = BASE.format(nj=5, nq=2).replace("[objective]", "[uncertainty]\nmethod = \"lhs\"\nsamples = 100\nseed = 1\n\n[objective]")
    text_u = text_u.replace('values = [25.0, 60.0]', 'values = [25.0, 40.0]')
    bench(text_u, "uncertainty (LHS)", 30.0)
    print(f"peak RSS of the whole run: {peak_rss_mb():.0f} MB (target < 2048 MB)")


if __name__ == "__main__":
    main()
