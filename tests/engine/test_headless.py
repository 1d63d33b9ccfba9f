"""The engine never imports Qt: importing and running every engine command leaves PySide6 and pyqtgraph unloaded."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

ENGINE_MODULES = [
    "anodelab", "anodelab.cli", "anodelab.scoring", "anodelab.batch", "anodelab.design", "anodelab.metrics",
    "anodelab.materials", "anodelab.physics.nucleation", "anodelab.physics.solid_state", "anodelab.simulate",
    "anodelab.screening", "anodelab.validation", "anodelab.formatting",
]


def test_engine_commands_import_no_qt(tmp_path):
    code = (
        "import sys, importlib\n"
        f"for m in {ENGINE_MODULES!r}: importlib.import_module(m)\n"
        "from anodelab.cli import main\n"
        "ex = 'resources/examples/'\n"
        "assert main(['score', '--json', ex + 'na_nzsp.toml']) == 0\n"
        "assert main(['materials', 'list']) == 0\n"
        f"assert main(['simulate', ex + 'na_nzsp.toml', '--protocol', 'ccd', '--out', {str(tmp_path / 'p.csv')!r}]) == 0\n"
        "assert main(['simulate', ex + 'na_cunw_diglyme.toml', '--protocol', 'eis', '--json']) == 0\n"
        f"assert main(['screen', 'resources/screens/ether_hosts.toml', '--out', {str(tmp_path / 's.csv')!r}, '--quiet']) == 0\n"
        f"assert main(['report', ex + 'na_nzsp.toml', '--format', 'json', '--out', {str(tmp_path / 'r.json')!r}]) == 0\n"
        f"assert main(['report', ex + 'na_nzsp.toml', '--format', 'csv', '--out', {str(tmp_path / 'r.csv')!r}]) == 0\n"
        "assert main(['validate', '--json']) == 0\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'PyQt', 'shiboken'))]\n"
        "assert not bad, bad\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
