"""The command line as a user runs it: output, JSON, and one-line errors with exit status 2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from anodelab.cli import main

REPO = Path(__file__).resolve().parents[2]


def test_score_table(capsys, examples_dir):
    assert main(["score", str(examples_dir / "na_cunw_diglyme.toml")]) == 0
    out = capsys.readouterr().out
    assert "Sand's time" in out and "Dendrite risk" in out and "mA cm⁻²" in out


def test_score_json_has_the_promised_keys(capsys, examples_dir):
    assert main(["score", "--json", str(examples_dir / "na_nzsp.toml")]) == 0
    data = json.loads(capsys.readouterr().out)
    for key in ("ccd_mA_cm2", "dendrite_risk", "risk_factors", "warnings", "design_hash"):
        assert key in data
    assert data["ccd_mA_cm2"] > 0
    assert data["sand_time_s"] is None


def test_materials_list_and_show(capsys):
    assert main(["materials", "list"]) == 0
    out = capsys.readouterr().out
    assert "host:" in out and "cu-nanowire-cu" in out
    assert main(["materials", "show", "nzsp"]) == 0
    assert "source:" in capsys.readouterr().out


@pytest.mark.parametrize(
    "content, words",
    [
        ('format_version = 1\n[host]\nmaterial = "cu-foil"\n', "missing [electrolyte]"),
        ('format_version = 1\n[conditions]\ncurrent_density_mA_cm2 = -2\n[host]\nmaterial = "cu-foil"\n'
         '[electrolyte]\nmaterial = "napf6-diglyme-1m"\n', "current_density_mA_cm2: must be ≥ 1e-06"),
        ('format_version = 1\n[conditions]\ntemperature_C = -300\n[host]\nmaterial = "cu-foil"\n'
         '[electrolyte]\nmaterial = "napf6-diglyme-1m"\n', "temperature_C: must be ≥ -200"),
        ('format_version = 1\n[host]\nmaterial = "gold-sponge"\n[electrolyte]\nmaterial = "napf6-diglyme-1m"\n',
         "unknown material 'gold-sponge'"),
        ("this is [ not toml", "not a valid TOML"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path, content, words):
    f = tmp_path / "bad.toml"
    f.write_text(content)
    proc = subprocess.run(
        [sys.executable, "-m", "anodelab.cli", "score", str(f)], capture_output=True, text=True, cwd=REPO
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert words in lines[0] and "bad.toml" in lines[0]


def test_a_bad_user_library_file_warns_but_the_command_works(tmp_path, examples_dir):
    import os

    (tmp_path / "materials").mkdir()
    (tmp_path / "materials" / "bad.toml").write_bytes(b"\xff\xfe garbage")
    env = dict(os.environ, ANODELAB_USER_DIR=str(tmp_path))
    proc = subprocess.run([sys.executable, "-m", "anodelab.cli", "score", str(examples_dir / "na_nzsp.toml")],
                          capture_output=True, text=True, cwd=REPO, env=env)
    assert proc.returncode == 0
    assert "warning: skipped your library file" in proc.stderr and "bad.toml" in proc.stderr
    assert "Traceback" not in proc.stderr
