"""Back-to-back speed of two engines in ONE process: the installed ``anodelab`` and an older copy imported as
``anodelab_old`` (e.g. ``git archive main | tar -x -C /tmp/main``; ``ln -s /tmp/main/src/anodelab
/tmp/old/anodelab_old``). Calls alternate (old, new, old, new …) on the same 32,768-row chunk and on 10⁶
designs, so that the machine's drift hits both alike.

Run: ANODELAB_OLD_RESOURCES=/tmp/main/resources PYTHONPATH=/tmp/old .venv/bin/python benchmarks/bench_compare_engines.py
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_scoring import make_batch  # noqa: E402

import anodelab.scoring as new  # noqa: E402


def _old():
    os.environ["ANODELAB_RESOURCES"] = os.environ.get("ANODELAB_OLD_RESOURCES", "")
    import anodelab_old.scoring as old  # noqa: PLC0415
    from anodelab_old.batch import DesignBatch as OldBatch  # noqa: PLC0415
    from anodelab_old.physics.parameters import default_parameters as old_params  # noqa: PLC0415

    old_params()  # cached with the old resources
    del os.environ["ANODELAB_RESOURCES"]
    return old, OldBatch


def main() -> None:
    old, OldBatch = _old()
    from anodelab.batch import DesignBatch
    from anodelab_old.batch import LayerTable as OldLayerTable

    rng = np.random.default_rng(0)
    b_new = make_batch(1_000_000, rng)
    arrays = b_new.as_dict()
    # the same arrays in each engine's own batch type (no layer table: layer terms per design in both)
    b_old_full = OldBatch(arrays)
    b_new_plain = DesignBatch(arrays)
    lt = b_new.layer_table  # as in bench_scoring.py: a few material stacks, layer terms once per stack
    b_old_lt = OldBatch(arrays, layer_table=OldLayerTable(OldBatch(lt.table.as_dict()), lt.index))
    small_new, small_old = b_new_plain.rows(0, 32768), b_old_full.rows(0, 32768)
    for name, call_old, call_new, reps in (
        ("32,768-row chunk", lambda: old.score(small_old), lambda: new.score(small_new), 30),
        ("10⁶ designs", lambda: old.score(b_old_full), lambda: new.score(b_new_plain), 7),
        ("10⁶ designs with a layer table (bench_scoring.py's headline)", lambda: old.score(b_old_lt),
         lambda: new.score(b_new), 7),
    ):
        call_old(), call_new()
        t_old, t_new = [], []
        # the chunk runs on this thread alone: its CPU time is less disturbed by other load than the wall clock
        clock = time.thread_time if "chunk" in name else time.perf_counter
        for _ in range(reps):
            t0 = clock(); call_old(); t_old.append(clock() - t0)
            t0 = clock(); call_new(); t_new.append(clock() - t0)
        bo, bn = min(t_old), min(t_new)
        print(f"{name} ({'thread CPU time' if clock is time.thread_time else 'wall clock'}): old best {bo * 1e3:.1f} ms (median {np.median(t_old) * 1e3:.1f}), new best {bn * 1e3:.1f} ms "
              f"(median {np.median(t_new) * 1e3:.1f}); new/old best {bn / bo:.2f}, median {np.median(t_new) / np.median(t_old):.2f}")


if __name__ == "__main__":
    main()
