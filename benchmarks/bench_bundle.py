"""Size and cold start time of the bundled AnodeLab (dist/anodelab from packaging/build.sh).

    .venv/bin/python benchmarks/bench_bundle.py [--drop-caches] [path/to/bundle]

Prints the bundle folder size, the archive sizes if built, and the wall time of
`anodelab --version` and `anodelab --selftest` (offscreen, `env -i`-style environment).
"Cold" = the first run after dropping the system's page cache with --drop-caches (needs root, and
slows everything else on the machine for a moment), otherwise simply the first run, which is only
cold if nothing read the bundle recently; the median of three warm runs is printed next to it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def drop_page_cache() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def timed(program: Path, args: list[str], home: str) -> tuple[float, int]:
    env = {"HOME": home, "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.perf_counter()
    proc = subprocess.run([str(program), *args], env=env, capture_output=True, text=True, timeout=300)
    return time.perf_counter() - t0, proc.returncode


def main() -> int:
    args = sys.argv[1:]
    drop = "--drop-caches" in args
    args = [a for a in args if a != "--drop-caches"]
    bundle = Path(args[0]) if args else REPO / "dist" / "anodelab"
    program = bundle / ("anodelab.exe" if os.name == "nt" else "anodelab")
    if not program.is_file():
        print(f"no bundle at {bundle}; build it with packaging/build.sh")
        return 0
    version = (bundle / "VERSION").read_text().strip() if (bundle / "VERSION").exists() else "?"
    print(f"bundle          {bundle}  (AnodeLab {version})")
    print(f"folder size     {folder_size(bundle) / 1e6:7.0f} MB  ({sum(1 for _ in bundle.rglob('*'))} files)")
    for archive in sorted(bundle.parent.glob(f"anodelab*{version}*")):
        if archive.is_file():
            print(f"archive         {archive.stat().st_size / 1e6:7.0f} MB  {archive.name}")

    with tempfile.TemporaryDirectory() as home:
        for run in (["--version"], ["--selftest"]):
            dropped = drop and drop_page_cache()
            cold, rc = timed(program, run, home)
            warm = [timed(program, run, home)[0] for _ in range(3)]
            kind = "cold (page cache dropped)" if dropped else "first run"
            status = "" if rc == 0 else f"  EXIT STATUS {rc}"
            print(f"{' '.join(run):<15} {kind}: {cold:5.2f} s   warm median: {statistics.median(warm):5.2f} s{status}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
