"""Screening speed with full cells (anodelab.cell) against the anode-only screen, back to back.

Runs, alternating, in fresh processes: (a) the anode screen of bench_screening.py (10⁶ designs) with the
baseline code (``--baseline-src``, e.g. a checkout of main's ``src``; default: this code), (b) the same
screen with this code, (c) the same screen with a ``[cell]`` table (every design a full cell with an NVP
cathode, the cell metrics computed; objective cell Wh/kg, Pareto Wh/kg vs dendrite risk), (d) a screen that
varies the cell itself: 2 cathodes × 2 loadings × 2 N/P × 2 E/C × 2 separator thicknesses (32 cell variants)
around the same anodes at 5 current densities (985 600 designs; objective cell Wh/kg, Pareto Wh/kg vs cell
cycle life). Prints best and median of each, designs/s and the ratios; the target: (c) and (d) within 20 % of
(a) in time per design.

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


CELL_AXES = """
[cell]
cathode = ["nvp-c", "nfm111"]
cathode_overrides = { areal_loading_mg_cm2 = { values = [10.0, 16.0] } }
np_ratio = { values = [0.0, 1.0] }
electrolyte_to_capacity_g_Ah = { values = [2.5, 4.0] }
separator_thickness_um = { values = [12.0, 25.0] }
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
    if kind == "cellaxes":  # 32 cell variants × the anode combinations × 5 current densities
        text = BASE.format(nj=5, nq=1).replace("temperature_C = { values = [25.0, 60.0] }", "temperature_C = 25.0")
        text = text.replace("na_excess_mAh_cm2 = 5.0\n", "").replace("[objective]", CELL_AXES + "\n[objective]")
        text = text.replace('metric = "dendrite_risk"', 'metric = "cell_specific_energy_Wh_kg"\ndirection = "max"')
        text = text.replace('objectives = ["dendrite_risk min", "cell_overpotential_mV min", "anode_specific_capacity_mAh_g max"]',
                            'objectives = ["cell_specific_energy_Wh_kg max", "cell_cycle_life_cycles max"]')
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
    times: dict[str, list[float]] = {"baseline anode": [], "this anode": [], "this cell": [], "this cell axes": []}
    n = {}
    for _ in range(a.repeats):
        for label, kind, src in (("baseline anode", "anode", a.baseline_src), ("this anode", "anode", None),
                                 ("this cell", "cell", None), ("this cell axes", "cellaxes", None)):
            r = run(kind, src)
            times[label].append(r["seconds"])
            n[label] = r["designs"]
    base = min(times["baseline anode"])
    print(f"baseline: {a.baseline_src or 'this code'}; {a.repeats} alternating runs, 2 threads, fresh processes")
    for label, ts in times.items():
        print(f"  {label:<15} {n[label]:>10,} designs: best {min(ts):.2f} s, median {statistics.median(ts):.2f} s, "
              f"{n[label] / min(ts):,.0f} designs/s; best vs baseline best ×{min(ts) / base:.2f}")
    per = {k: [t / n[k] for t in ts] for k, ts in times.items()}  # seconds per design
    for label in ("this cell", "this cell axes"):
        ratio = min(per[label]) / min(per["baseline anode"])
        med = statistics.median(per[label]) / statistics.median(per["baseline anode"])
        runs = sorted(p / q for p, q in zip(per[label], per["baseline anode"]))
        print(f"{label} vs baseline anode screen, time per design: best ×{ratio:.2f}, medians ×{med:.2f}, "
              f"run pairs ×{runs[0]:.2f}–×{runs[-1]:.2f} — target ≤ 1.20 {'met' if ratio <= 1.2 else 'MISSED'} (best)")


if __name__ == "__main__":
    main()
