"""A/B speed of score(): this tree's engine against another tree's, interleaved in one process.

The machine is shared and its speed drifts minute to minute, so two engines timed in separate runs can
differ by 2× for no reason of their own. This script imports the other tree's package under another name
(its internal imports are relative), builds the same batch as ``bench_scoring.py`` with each engine and
times the two calls alternately, so that both see the same load. It prints the best and the median of each, and
bench_scoring.py's fixed numpy reference workload (2 threads × 1,200 element-wise operations on 32,768 values)
timed before and after, so that a run on a loaded machine can be told from a quiet one.

Run: .venv/bin/python benchmarks/bench_scoring_ab.py /path/to/other/src [N] [--rounds R] [--compare]
(e.g. the main branch: ``git archive main | tar -x -C /tmp/main`` then ``/tmp/main/src``).

``--compare`` also checks that both engines return the same numbers on the whole batch (for a speed change
measured against the tree before it): every ``si`` array, hazard, contribution, the warning bits and
``is_solid``, floats to rtol 1e-12 with NaN and ±∞ at the same places.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
import time
from pathlib import Path

import numpy as np


def load_as(src: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, src / "anodelab" / "__init__.py",
                                                  submodule_search_locations=[str(src / "anodelab")])
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def make(pkg_name: str, n: int, examples: Path):
    batch_mod = importlib.import_module(f"{pkg_name}.batch")
    design_mod = importlib.import_module(f"{pkg_name}.design")
    scoring = importlib.import_module(f"{pkg_name}.scoring")
    rng = np.random.default_rng(0)
    # anode-only examples, as bench_scoring.py: a full-cell example would add the cell terms to every row
    # of this tree's batch and make the comparison with an older tree unfair
    files = [p for p in sorted(examples.glob("*.toml")) if "[cathode]" not in p.read_text()]
    base = batch_mod.batch_from_designs([design_mod.load_design(p) for p in files])
    b = base.take(rng.integers(0, len(base), n))
    b = b.replace(current_density_A_m2=rng.uniform(1.0, 50.0, n), temperature_K=rng.uniform(273.0, 353.0, n))
    return scoring.score, b


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("other_src", type=Path)
    ap.add_argument("n", nargs="?", type=int, default=1_000_000)
    ap.add_argument("--rounds", type=int, default=9)
    ap.add_argument("--threads", type=int, default=None, help="worker threads of score() (default: all cores)")
    ap.add_argument("--compare", action="store_true", help="check that both engines give the same numbers")
    args = ap.parse_args()
    here = Path(__file__).resolve().parents[1]
    load_as(here / "src", "anodelab")
    load_as(args.other_src.resolve(), "anodelab_other")
    new_score, new_batch = make("anodelab", args.n, here / "resources" / "examples")
    old_score, old_batch = make("anodelab_other", args.n, args.other_src.resolve().parent / "resources" / "examples")
    kw = {"threads": args.threads} if args.threads else {}
    sys.path.insert(0, str(here / "benchmarks"))
    from bench_scoring import reference_workload

    ref_before = reference_workload()
    new_score(new_batch, **kw), old_score(old_batch, **kw)  # warm: map working memory, tune malloc
    t_new, t_old, c_new, c_old = [], [], [], []
    for _ in range(args.rounds):
        for fn, b, out, cpu in ((old_score, old_batch, t_old, c_old), (new_score, new_batch, t_new, c_new)):
            t0, c0 = time.perf_counter(), time.process_time()
            fn(b, **kw)
            out.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)
    ref_after = reference_workload()
    print(f"reference numpy workload (bench_scoring.py): {ref_before * 1e3:.0f} ms before, {ref_after * 1e3:.0f} ms after")
    for label, t, c in (("this tree ", t_new, c_new), ("other tree", t_old, c_old)):
        print(f"{label}: best {min(t) * 1e3:.0f} ms, median {np.median(t) * 1e3:.0f} ms over {args.rounds} calls "
              f"of {args.n:,} designs ({args.n / min(t):,.0f} designs/s at best); CPU time of all threads: "
              f"best {min(c) * 1e3:.0f} ms, median {np.median(c) * 1e3:.0f} ms")
    print(f"ratio this/other: best {min(t_new) / min(t_old):.3f}, median {np.median(t_new) / np.median(t_old):.3f}; "
          f"CPU time: best {min(c_new) / min(c_old):.3f}, median {np.median(c_new) / np.median(c_old):.3f} "
          f"(CPU time is less disturbed by other processes than wall time; both are printed)")
    if args.compare:
        compare(new_score(new_batch, **kw), old_score(old_batch, **kw))


def compare(new, old, rtol: float = 1e-12) -> None:
    """Print whether two ScoreResults hold the same numbers (floats to ``rtol``, NaN/±∞ at the same places)."""
    def arrays(r):
        out = {f"si/{k}": v for k, v in r.si.items()}
        out.update({f"hazard/{k}": v for k, v in r.hazards.items()})
        out.update({f"contribution/{k}": v for k, v in r.contributions.items()})
        out.update(warning_bits=r.warning_bits, is_solid=r.is_solid)
        return out

    a, b = arrays(new), arrays(old)
    bad = [f"only in one tree: {sorted(set(a) ^ set(b))}"] if a.keys() != b.keys() else []
    worst = 0.0
    for k in sorted(a.keys() & b.keys()):
        x, y = a[k], b[k]
        if x.dtype != y.dtype or x.shape != y.shape:
            bad.append(f"{k}: {x.dtype}{x.shape} vs {y.dtype}{y.shape}")
        elif x.dtype.kind != "f":
            if not np.array_equal(x, y):
                bad.append(f"{k}: {np.count_nonzero(x != y)} values differ")
        elif not (np.array_equal(np.isnan(x), np.isnan(y)) and np.array_equal(np.isposinf(x), np.isposinf(y))
                  and np.array_equal(np.isneginf(x), np.isneginf(y))):
            bad.append(f"{k}: NaN or ±∞ at other places")
        else:
            fin = np.isfinite(y)
            rel = np.abs(x[fin] - y[fin]) / np.maximum(np.abs(y[fin]), np.finfo(float).tiny)
            r = float(rel.max(initial=0.0))
            worst = max(worst, r)
            if np.any(np.abs(x[fin] - y[fin]) > rtol * np.abs(y[fin])):
                bad.append(f"{k}: largest relative difference {r:.3g}")
    print(f"same numbers: {'yes' if not bad else 'NO'} ({len(a)} arrays of {len(new):,} designs compared, "
          f"largest relative difference {worst:.3g}, rtol {rtol:g})")
    for line in bad:
        print("  " + line)


if __name__ == "__main__":
    main()
