"""Single-design score with 5–95 % intervals (anodelab.uncertainty.score_intervals): time per design.

Target (issue 13): under 50 ms per design (the GUI budget), with N = 256–512 Latin-hypercube samples.
Run: .venv/bin/python benchmarks/bench_intervals.py [--repeats R]

Three parameter files are timed back to back:
* ``shipped``: resources/model/parameters.toml as it is (its parameters with a ``range`` — model v2's failure
  parameters among them — are sampled with the default 32 parameter sets, the others fixed);
* ``ranged``: a temporary copy in which every parameter of kind estimate or calibrated with a positive
  value gets the range [value/2, 2·value] (a stand-in for the ranges issue 13 adds), sampled with the
  default 32 parameter sets;
* ``ranged, ungrouped``: the same with one parameter set per sample.

Every case is one scoring call of N rows: the sampled parameters go to the engine as one value per row
(ModelParameters.with_row_values). Before that, each parameter set was one call (32, or N ungrouped); the
``sets`` column gives the number of distinct parameter sets.

A risk weight or exponent of 0 or 1 would stay meaningful under ×½…×2 only loosely; the ranged case is a
timing workload, not a statement about those parameters' uncertainty.

The machine is shared and its speed drifts: the best and the median of R calls are printed with a
fixed numpy reference workload (small arrays, like a one-design score) timed before and after.
"""

from __future__ import annotations

import argparse
import re
import tempfile
import time
from pathlib import Path

import numpy as np

from anodelab.design import load_design
from anodelab.physics.parameters import load_parameters
from anodelab.uncertainty.intervals import score_intervals
from anodelab.uncertainty.tornado import sensitivity

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "resources" / "examples"
PARAMS = ROOT / "resources" / "model" / "parameters.toml"


def reference_workload() -> float:
    """Seconds (best of 5) for 3,000 element-wise numpy operations on 512-value arrays."""
    x = np.linspace(0.1, 2.0, 512)

    def run():
        for _ in range(1000):
            a = np.exp(-x)
            b = np.arcsinh(a * x)
            _ = np.where(x > 1.0, a, b)

    run()
    best = float("inf")
    for _ in range(5):
        t0 = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - t0)
    return best


def ranged_parameters_file(folder: Path) -> Path:
    """parameters.toml with range = [v/2, 2v] on every estimate / calibrated entry with v > 0 that has none yet."""
    import tomllib

    text = PARAMS.read_text(encoding="utf-8")
    params = load_parameters(PARAMS)
    with PARAMS.open("rb") as fh:
        has_range = {k for k, v in tomllib.load(fh)["parameters"].items() if "range" in v}
    for name, p in params.entries.items():
        if p.kind in ("estimate", "calibrated") and p.value > 0 and name not in has_range:  # keep shipped ranges
            pat = re.compile(rf"(\[parameters\.{re.escape(name)}\]\nvalue = [^\n]+\n)")
            text = pat.sub(lambda m, v=p.value: m.group(1) + f"range = [{v / 2!r}, {v * 2!r}]\n", text, count=1)
    out = folder / "parameters.toml"
    out.write_text(text, encoding="utf-8")
    return out


def timeit(fn, repeats: int) -> tuple[float, float]:
    fn()  # warm (imports, caches)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times), float(np.median(times))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=15)
    args = ap.parse_args()
    designs = [(p.stem, load_design(p)) for p in sorted(EXAMPLES.glob("*.toml"))]
    with tempfile.TemporaryDirectory() as tmp:
        ranged = ranged_parameters_file(Path(tmp))
        shipped_p, ranged_p = load_parameters(PARAMS), load_parameters(ranged)
        n_shipped = len(score_intervals(designs[0][1], samples=16).inputs.parameters)
        n_ranged = len(score_intervals(designs[0][1], samples=16, params=ranged_p, parameters_file=ranged)
                       .inputs.parameters)
        ref0 = reference_workload()
        print(f"reference workload (3,000 numpy ops on 512 values): {1e3 * ref0:.1f} ms before")
        print(f"{'design':<24} {'N':>4} {'parameters':<26} {'inputs':>6} {'sets':>5} {'best ms':>8} {'median ms':>9}")
        worst = worst_all = 0.0
        for name, d in designs:
            for n in (256, 512):
                cases = (
                    (f"shipped ({n_shipped}), 32 sets", shipped_p, PARAMS, 32),
                    (f"ranged ({n_ranged}), 32 sets", ranged_p, ranged, 32),
                    (f"ranged ({n_ranged}), ungrouped", ranged_p, ranged, n),
                )
                for label, p, path, groups in cases:
                    iv = score_intervals(d, samples=n, params=p, parameters_file=path, parameter_groups=groups)
                    best, med = timeit(lambda: score_intervals(d, samples=n, params=p, parameters_file=path,
                                                               parameter_groups=groups), args.repeats)
                    if groups <= 32:
                        worst = max(worst, med)
                    worst_all = max(worst_all, med)
                    print(f"{name:<24} {n:>4} {label:<26} {len(iv.inputs.uncertain):>6} {iv.parameter_groups:>5} "
                          f"{1e3 * best:>8.1f} {1e3 * med:>9.1f}")
        ref1 = reference_workload()
        print(f"reference workload: {1e3 * ref1:.1f} ms after")
        print(f"slowest median with ≤ 32 parameter sets: {1e3 * worst:.1f} ms (target < 50 ms); "
              f"slowest of all cases (one set per sample included): {1e3 * worst_all:.1f} ms")
        d = designs[0][1]
        best, med = timeit(lambda: sensitivity(d, "dendrite_risk"), 3)
        print(f"sensitivity (tornado + RBD-FAST, 512 samples, shipped parameters) of {designs[0][0]}: "
              f"best {1e3 * best:.0f} ms, median {1e3 * med:.0f} ms (runs on a worker thread; no target)")
        best, med = timeit(lambda: sensitivity(d, "dendrite_risk", params=ranged_p, parameters_file=ranged), 3)
        print(f"sensitivity with {n_ranged} ranged parameters (128 parameter sets): best {1e3 * best:.0f} ms, "
              f"median {1e3 * med:.0f} ms")


if __name__ == "__main__":
    main()
