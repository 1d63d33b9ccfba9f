"""anodelab.gui.selftest in-process: passes on this checkout, fails with one clear line (no traceback) otherwise."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import tomli_w

from anodelab.gui.selftest import run_selftest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((REPO / "resources" / "examples").glob("*.toml"))


def _user_material(folder: Path) -> str:
    """Write one valid user material (a renamed copy of the first installed coating); return its id."""
    with open(REPO / "resources" / "materials" / "coatings.toml", "rb") as fh:
        data = tomllib.load(fh)
    first = next(iter(data["materials"].values()))
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.toml").write_text(
        tomli_w.dumps({"schema_version": 1, "materials": {"my-test-coating": {**first, "name": "My coating"}}}),
        encoding="utf-8",
    )
    return "my-test-coating"


def test_selftest_passes_on_the_installed_resources(qapp, capsys):
    assert run_selftest() == 0
    out = capsys.readouterr().out
    assert "selftest: OK" in out
    assert "FAIL" not in out
    assert "library: " in out and " materials (" in out
    for path in EXAMPLES:  # every example design is scored and simulated
        # model v2: the risk is a probability in [0, 1] (1.000 for Na foil in a carbonate over 200 cycles)
        assert re.search(rf"score {re.escape(path.name)}: dendrite risk [01]\.\d{{3}} ", out), path.name
        assert f"simulate {path.name}: " in out
    assert "plot: rendered offscreen to PNG" in out


def test_selftest_counts_the_user_library(qapp, capsys, _isolated_user_dir):
    _user_material(_isolated_user_dir / "materials")
    run_selftest(render_plot=False)
    out = capsys.readouterr().out
    assert "installed, 1 user)" in out


def test_missing_simulation_package_fails_clearly(capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "anodelab.simulate", None)  # makes `from .simulate import …` fail
    assert run_selftest(render_plot=False) == 1
    out = capsys.readouterr().out
    assert "FAIL  simulate: anodelab.simulate is not available in this installation" in out
    assert "selftest: FAILED" in out
    assert "Traceback" not in out


def test_broken_example_fails_with_one_line_not_a_traceback(tmp_path, capsys, monkeypatch):
    resources = tmp_path / "resources"
    shutil.copytree(REPO / "resources", resources)
    (resources / "examples" / "zz_broken.toml").write_text('name = "broken"\n[host]\nmaterial = "no-such-host"\n')
    monkeypatch.setenv("ANODELAB_RESOURCES", str(resources))
    assert run_selftest(render_plot=False) == 1
    captured = capsys.readouterr()
    assert "FAIL  score zz_broken.toml:" in captured.out
    assert "score na_nzsp.toml: dendrite risk" in captured.out  # the other examples still ran
    assert "Traceback" not in captured.out + captured.err


def test_missing_resources_fail_clearly(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("ANODELAB_RESOURCES", str(tmp_path / "nowhere"))
    assert run_selftest(render_plot=False) == 1
    assert "selftest: FAILED" in capsys.readouterr().out


def test_importing_selftest_loads_no_qt():
    code = (
        "import sys, anodelab.gui.selftest\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))]\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)


def test_empty_simulated_curve_fails_unless_a_failure_mode_explains_it():
    import numpy as np

    from anodelab.gui.selftest import _check_simulation
    from anodelab.simulate import Profile

    nan = np.full((1, 5), np.nan)
    curve = Profile("symmetric", np.arange(5.0)[None, :], np.linspace(10, 20, 5)[None, :], "t", "h", "V", "mV")
    empty = Profile("symmetric", nan, nan, "t", "h", "V", "mV")
    stopped = Profile("symmetric", nan, nan, "t", "h", "V", "mV", events={"failure_mode": np.array(["short"])})
    assert _check_simulation(curve) == (None, "")
    problem, _ = _check_simulation(empty)
    assert problem == "the curve has 0 finite point(s) and no failure_mode explains it"
    assert _check_simulation(stopped) == (None, "stopped at once: short")
    assert _check_simulation(object())[0].startswith("result is not a profile")


def test_ccd_is_skipped_exactly_where_simulate_refuses_it():
    """The self-test's skip rule mirrors anodelab.simulate: ccd raises for liquid electrolytes only."""
    from anodelab import AnodeLabError, load_design
    from anodelab.design import resolve
    from anodelab.gui.selftest import SOLID_ONLY_PROTOCOLS
    from anodelab.simulate import simulate

    assert SOLID_ONLY_PROTOCOLS == {"ccd"}
    for path in EXAMPLES:
        design = load_design(path)
        if resolve(design).is_solid:
            simulate(design, "ccd")
        else:
            with pytest.raises(AnodeLabError):
                simulate(design, "ccd")
