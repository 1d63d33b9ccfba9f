"""Reading and drawing a 10⁶-point cycling file (issue 14 target: < 2 s).

    .venv/bin/python benchmarks/bench_data.py [--points 1000000] [--repeats 3]

Generates a symmetric-cell square wave of N points (time, Ewe, I, cycle, Ns) as an EC-Lab ``.mpt``
(Latin-1, decimal point, and once with decimal commas) and as a CSV, then times

* read: ``anodelab.data.read(path)`` (decode, header, pandas C parser, checks, SHA-256);
* draw: min/max decimation to ≤ 10⁴ points (report/decimate.py, as the Measurements dock does) and a
  synchronous render of a pyqtgraph PlotWidget (offscreen ``grab()``);

and prints a reference workload (sorting 10⁶ random float64, ×5) measured back to back, so figures from
the shared, drifting machine can be compared. Run it twice; quote the range.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def reference_s() -> float:
    rng = np.random.default_rng(0)
    x = rng.random(1_000_000)
    t = time.perf_counter()
    for _ in range(5):
        np.sort(x)
    return time.perf_counter() - t


def make_files(folder: Path, n: int) -> dict[str, Path]:
    from anodelab.data.model import checked_cycling
    from anodelab.data.writers import write_mpt

    half = 100  # points per half cycle
    k = np.arange(n)
    h = k // half
    sign = np.where(h % 2 == 0, 1.0, -1.0)
    t = k * 1.0
    v = sign * (0.012 + 2e-6 * h + 0.002 * np.sqrt((k % half) / half))
    i = sign * 1.13e-3
    m = checked_cycling("bench", "bench", "0", time_s=t, current_A=np.broadcast_to(i, t.shape), voltage_V=v,
                        cycle=h // 2 + 1, step=h + 1, area_cm2=1.13)
    out = {"mpt": folder / "big.mpt", "mpt_comma": folder / "big_comma.mpt", "csv": folder / "big.csv"}
    write_mpt(m, out["mpt"])
    write_mpt(m, out["mpt_comma"], decimal=",")
    with open(out["csv"], "w") as fh:
        fh.write("Time (s),Voltage (V),Current (mA),Cycle\n")
        np.savetxt(fh, np.column_stack([t, v, i * 1e3 * np.ones(n), h // 2 + 1]), fmt="%.9g", delimiter=",")
    return out


def draw(m, widget) -> float:
    from anodelab.report.decimate import MAX_POINTS, decimate

    t0 = time.perf_counter()
    x, y = decimate(m.time_h, m.voltage_mV, max_points=MAX_POINTS)
    widget.clear()
    widget.plot(x, y)
    widget.grab()  # synchronous render
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=1_000_000)
    ap.add_argument("--repeats", type=int, default=3)
    args = ap.parse_args()
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    from anodelab.data import read
    from anodelab.data.tabular import inspect_table, remember

    app = QApplication.instance() or QApplication([])
    widget = pg.PlotWidget()
    widget.resize(900, 500)
    widget.show()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ANODELAB_USER_DIR"] = tmp
        files = make_files(Path(tmp), args.points)
        lay = inspect_table(str(files["csv"]), files["csv"].read_text()[:10000])
        remember(lay, lay.guess)
        print(f"reference workload (sort 10^6 float64 ×5): {reference_s():.3f} s")
        for name, path in files.items():
            reads, draws = [], []
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                m = read(path)
                reads.append(time.perf_counter() - t0)
                draws.append(draw(m, widget))
            tot = [a + b for a, b in zip(reads, draws)]
            size = path.stat().st_size / 1e6
            print(f"{name:<10} {len(m):>8} points {size:6.1f} MB  read {min(reads):.3f}–{max(reads):.3f} s  "
                  f"draw {min(draws):.3f}–{max(draws):.3f} s  read+draw median {statistics.median(tot):.3f} s "
                  f"({'OK' if statistics.median(tot) < 2.0 else 'ABOVE'} the 2 s target)")
        print(f"reference workload (again):                {reference_s():.3f} s")
    app.processEvents()


if __name__ == "__main__":
    main()
