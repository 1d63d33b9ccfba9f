"""The engine never imports Qt: importing and running it leaves PySide6 and pyqtgraph unloaded."""

from __future__ import annotations

import subprocess
import sys

ENGINE_MODULES = [
    "anodelab", "anodelab.cli", "anodelab.scoring", "anodelab.batch", "anodelab.design", "anodelab.metrics",
    "anodelab.materials", "anodelab.physics.nucleation", "anodelab.physics.solid_state",
]


def test_engine_and_cli_import_no_qt():
    code = (
        "import sys, importlib\n"
        f"for m in {ENGINE_MODULES!r}: importlib.import_module(m)\n"
        "import anodelab.cli as c; c.build_parser()\n"
        "from anodelab import load_design, score\n"
        "score(load_design('resources/examples/na_nzsp.toml'))\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'PyQt'))]\n"
        "assert not bad, bad\n"
    )
    from pathlib import Path

    subprocess.run([sys.executable, "-c", code], check=True, cwd=Path(__file__).resolve().parents[2])
