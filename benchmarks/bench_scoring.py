"""Designs scored per second: one vectorised call over 10⁶ designs vs a per-design Python loop.

Target (issue 2): ≥ 5 × 10⁶ designs/s on the 2-core reference machine.
Run: .venv/bin/python benchmarks/bench_scoring.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

from anodelab.batch import DesignBatch, batch_from_designs
from anodelab.design import load_design
from anodelab.scoring import score

EXAMPLES = Path(__file__).resolve().parents[1] / "resources" / "examples"


def make_batch(n: int, rng: np.random.Generator) -> DesignBatch:
    """N designs: the example designs tiled, with currents and temperatures varied."""
    base = batch_from_designs([load_design(p) for p in sorted(EXAMPLES.glob("*.toml"))])
    idx = rng.integers(0, len(base), n)
    b = base.take(idx)
    return b.replace(
        current_density_A_m2=rng.uniform(1.0, 50.0, n),
        temperature_K=rng.uniform(273.0, 353.0, n),
    )


def best_of(fn, repeats=3):
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = np.random.default_rng(0)
    batch = make_batch(n, rng)
    score(batch.take(np.arange(10)))  # warm up
    t_vec = best_of(lambda: score(batch))
    print(f"vectorised: {n:,} designs in {t_vec * 1e3:.0f} ms  → {n / t_vec:,.0f} designs/s (target ≥ 5,000,000)")
    n_loop = 2000
    singles = [batch.take(np.array([i])) for i in range(n_loop)]
    t_loop = best_of(lambda: [score(s) for s in singles], repeats=1)
    print(f"per-design Python loop: {n_loop:,} designs in {t_loop * 1e3:.0f} ms → {n_loop / t_loop:,.0f} designs/s")
    print(f"speed-up of the vectorised call: {(n / t_vec) / (n_loop / t_loop):,.0f}×")


if __name__ == "__main__":
    main()
