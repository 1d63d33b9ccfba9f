"""The data and fitting packages never import Qt; the text parsers answer any byte string with data or one
AnodeLabError (hypothesis), and the .mpt writer/reader round trip keeps every number."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from anodelab.data.model import checked_impedance
from anodelab.data.mpt import read_mpt
from anodelab.data.tabular import ColumnMapping, read_table
from anodelab.data.writers import mpt_text
from anodelab.errors import AnodeLabError

REPO = Path(__file__).resolve().parents[2]


def test_data_and_fitting_import_no_qt(tmp_path):
    spectrum = REPO / "tests/data/realdata/eis/exampleDataBioLogic.mpt"
    code = (
        "import sys\n"
        "from anodelab.cli import main\n"
        f"assert main(['data', 'show', {str(spectrum)!r}, '--json']) == 0\n"
        f"assert main(['data', 'fit', {str(spectrum)!r}, '--protocol', 'eis', '--json']) in (0, 1)\n"
        "import anodelab.data.overlay, anodelab.data.synthetic, anodelab.fitting.material, anodelab.fitting.cycling\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph', 'PyQt', 'shiboken'))]\n"
        "assert not bad, bad\n"
    )
    env = {"ANODELAB_USER_DIR": str(tmp_path), "PATH": "/usr/bin:/bin", "MPLBACKEND": ""}
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=300,
                          env={**env, "HOME": str(tmp_path)})
    assert proc.returncode == 0, proc.stderr[-2000:]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=600))
def test_mpt_parser_never_raises_anything_else(raw):
    head = b"EC-Lab ASCII FILE\r\nNb header lines : 4\r\n\r\nfreq/Hz\tRe(Z)/Ohm\t-Im(Z)/Ohm\r\n"
    for data in (raw, head + raw):
        try:
            read_mpt("fuzz.mpt", "0", data)
        except AnodeLabError as exc:
            assert "fuzz.mpt" in str(exc)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="0123456789.,;\t-eE\n x", max_size=400))
def test_table_parser_never_raises_anything_else(text):
    mapping = ColumnMapping("impedance", {"frequency": ("column 1", "Hz"), "z_real": ("column 2", "Ohm"),
                                          "z_imag": ("column 3", "Ohm")})
    try:
        m = read_table("fuzz.csv", "0", text.encode(), mapping)
    except AnodeLabError as exc:
        assert "fuzz.csv" in str(exc)
    else:
        assert np.all(np.isfinite(m.frequency_Hz)) and np.all(m.frequency_Hz > 0)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(1e-3, 1e7), st.floats(-1e6, 1e6), st.floats(-1e6, 1e6)), min_size=3, max_size=40),
       st.sampled_from([".", ","]))
def test_mpt_round_trip_keeps_every_number(rows, decimal):
    f = np.array([r[0] for r in rows])
    z = np.array([complex(r[1], r[2]) for r in rows])
    m = checked_impedance("x", "t", "0", f, z, area_cm2=0.785)
    back = read_mpt("x.mpt", "0", mpt_text(m, decimal).encode("latin-1"))
    np.testing.assert_allclose(back.frequency_Hz, f, rtol=1e-10)
    np.testing.assert_allclose(back.impedance_ohm.real, z.real, rtol=1e-10, atol=1e-300)
    np.testing.assert_allclose(back.impedance_ohm.imag, z.imag, rtol=1e-10, atol=1e-300)
    assert back.area_cm2 == 0.785
