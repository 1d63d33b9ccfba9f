"""Benchmarks of the simulators (prints figures; targets from issue 3).

* symmetric cycling of 10⁴ designs × 2,000 time points   (target < 1 s)
* one design's 1,000-cycle symmetric profile              (target < 50 ms)

Run: .venv/bin/python benchmarks/bench_simulate.py
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from anodelab.batch import as_batch
from anodelab.design import load_design
from anodelab.physics.parameters import default_parameters
from anodelab.scoring import score
from anodelab.simulate import simulate
from anodelab.simulate.settings import parse_settings
from anodelab.simulate.symmetric import simulate_symmetric

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"


def best_of(fn, repeat):
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), float(np.median(times)), out


def main() -> None:
    designs = [load_design(p) for p in sorted(EXAMPLES.glob("*.toml"))]
    base = as_batch(designs)
    rng = np.random.default_rng(0)
    n = 10_000
    idx = rng.integers(0, len(base), n)
    batch = base.take(idx).replace(
        current_density_A_m2=10.0 ** rng.uniform(0.0, 1.5, n),  # 0.1–3 mA cm⁻²
        cycles=np.full(n, 50.0),
    )
    params = default_parameters()
    s = parse_settings("symmetric", {"cycles": 50, "points_per_half_cycle": 20})  # 100 half cycles × 20 = 2,000 points

    best, med, prof = best_of(lambda: simulate(batch, "symmetric", cycles=50, points_per_half_cycle=20), 3)
    print(f"symmetric, {n} designs × {prof.x.shape[1]} points, including scoring: best {best:.3f} s, median {med:.3f} s (target < 1 s)")
    result = score(batch, params)
    best, med, _ = best_of(lambda: simulate_symmetric(batch, result, params, s), 3)
    print(f"symmetric, {n} designs × 2000 points, profile only (ScoreResult given): best {best:.3f} s, median {med:.3f} s")
    modes, counts = np.unique(prof.events["failure_mode"].astype(str), return_counts=True)
    print("  failure modes:", dict(zip(modes.tolist(), counts.tolist())))

    one = designs[0]
    best, med, p1 = best_of(lambda: simulate(one, "symmetric", cycles=1000), 20)
    print(f"one design, 1000 cycles × 2 × 20 points = {p1.x.shape[1]} points, including scoring: best {best * 1e3:.1f} ms, "
          f"median {med * 1e3:.1f} ms (target < 50 ms)")
    for protocol, kw in (("deposition", {}), ("ce", {"cycles": 100}), ("eis", {}), ("arrhenius", {})):
        best, med, _ = best_of(lambda: simulate(batch.take(np.arange(1000)), protocol, **kw), 3)
        print(f"{protocol:<10} 1000 designs: best {best * 1e3:.1f} ms")
    solid = base.take(np.flatnonzero(base.is_solid > 0.5))
    solid = solid.take(rng.integers(0, len(solid), 1000))
    best, med, pc = best_of(lambda: simulate(solid, "ccd"), 3)
    print(f"ccd        1000 designs × {pc.x.shape[1]} points: best {best * 1e3:.1f} ms")


if __name__ == "__main__":
    main()
