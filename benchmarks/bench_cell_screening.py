"""Screening speed with full cells (anodelab.cell) against the anode-only screen, back to back.

Runs, alternating, in fresh processes: (a) the anode screen of bench_screening.py (10⁶ designs) with the
baseline code (``--baseline-src``, e.g. a checkout of main's ``src``; default: this code), (b) the same
screen with this code, (c) the same screen with a ``[cell]`` table (every design a full cell with an NVP
cathode, the cell metrics computed; objective cell Wh/kg, Pareto Wh/kg vs dendrite risk). Prints best and
median of each and the ratios; the target: (c) within 20 % of (a).

Run: .venv/bin/python benchmarks/bench_cell_screening.py [--repeats 5] [--baseline-src /path/to/main/src]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

CELL = """
[cell]
cathode = "nvp-c"
separator_thickness_um = 25.0
"""


def child(kind: str) -> None:
    sys.path.insert(0, os.path.dirname(__file__))
    from bench_screening import BASE  # noqa: E402

    from anodelab.screening import build_plan, loads_screen, run_screen

    n_combos = len(build_plan(loads_screen(BASE.format(nj=1, nq=1))).combo)
    per = 1_000_000 // n_combos + 1
    nj, nq = (per // 2 + 1) // 2 + 1, 2
    text = BASE.format(nj=nj, nq=nq)
    if kind == "cell":
        text = text.replace("[objective]", CELL + "\n[objective]")
        text = text.replace('metric = "dendrite_risk"', 'metric = "cell_specific_energy_Wh_kg"\ndirection = "max"')
        text = text.replace('objectives = ["dendrite_risk min", "cell_overpotential_mV min", "anode_specific_capacity_mAh_g max"]',
                            'objectives = ["cell_specific_energy_Wh_kg max", "dendrite_risk min"]')
    plan = build_plan(loads_screen(text))
    run_screen(build_plan(loads_screen(BASE.format(nj=1, nq=1))), workers=2)  # warm-up (imports, allocator)
    t = time.perf_counter()
    res = run_screen(plan, workers=2)
    dt = time.perf_counter() - t
    print(json.dumps({"seconds": dt, "designs": res.n_evaluated, "kept": len(res)}))


def run(kind: str, src: str | None) -> dict:
    env = dict(os.environ)
    if src:
        env["PYTHONPATH"] = src + os.pathsep + env.get("PYTHONPATH", "")
    out = subprocess.run([sys.executable, __file__, "--child", kind], capture_output=True, text=True, env=env,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--child")
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--baseline-src", default=None)
    a = ap.parse_args()
    if a.child:
        child(a.child)
        return
    times: dict[str, list[float]] = {"baseline anode": [], "this anode": [], "this cell": []}
    n = {}
    for _ in range(a.repeats):
        for label, kind, src in (("baseline anode", "anode", a.baseline_src), ("this anode", "anode", None),
                                 ("this cell", "cell", None)):
            r = run(kind, src)
            times[label].append(r["seconds"])
            n[label] = r["designs"]
    base = min(times["baseline anode"])
    print(f"baseline: {a.baseline_src or 'this code'}; {a.repeats} alternating runs, 2 threads, fresh processes")
    for label, ts in times.items():
        print(f"  {label:<15} {n[label]:>10,} designs: best {min(ts):.2f} s, median {statistics.median(ts):.2f} s, "
              f"{n[label] / min(ts):,.0f} designs/s; best vs baseline best ×{min(ts) / base:.2f}")
    ratio = min(times["this cell"]) / base
    print(f"cell screen vs baseline anode screen (best of each): ×{ratio:.2f} — target ≤ 1.20 "
          f"{'met' if ratio <= 1.2 else 'MISSED'}; medians ×{statistics.median(times['this cell']) / statistics.median(times['baseline anode']):.2f}")


if __name__ == "__main__":
    main()
