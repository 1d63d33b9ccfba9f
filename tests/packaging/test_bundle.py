"""The PyInstaller bundle starts and passes its self-test with no Python environment around it.

Builds dist/anodelab/ once with packaging/build.sh --bundle-only (~30-60 s on 2 cores), or reuses a
bundle newer than every source, resource and packaging file. The bundled program then runs with an
`env -i`-style environment: only HOME (a fresh temp folder), PATH=/usr/bin:/bin and QT_QPA_PLATFORM.
"""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import pytest
import tomli_w

import anodelab

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "dist" / "anodelab"
PROGRAM = BUNDLE / "anodelab"
STAMP = BUNDLE / "VERSION"  # written by build.sh after the bundle is complete
INPUTS = [REPO / "src" / "anodelab", REPO / "resources", REPO / "packaging", REPO / "pyproject.toml"]


def _newest_input() -> float:
    newest = 0.0
    for root in INPUTS:
        files = [root] if root.is_file() else (p for p in root.rglob("*") if p.is_file())
        for p in files:
            if "__pycache__" not in p.parts:
                newest = max(newest, p.stat().st_mtime)
    return newest


@pytest.fixture(scope="module")
def bundle() -> Path:
    if not (PROGRAM.is_file() and STAMP.is_file() and STAMP.stat().st_mtime > _newest_input()):
        proc = subprocess.run(
            [str(REPO / "packaging" / "build.sh"), "--bundle-only"],
            cwd=REPO, capture_output=True, text=True, timeout=900,
        )
        assert proc.returncode == 0, f"build failed:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    assert PROGRAM.is_file() and os.access(PROGRAM, os.X_OK)
    return BUNDLE


@pytest.fixture
def home(tmp_path) -> Path:
    h = tmp_path / "home"
    h.mkdir()
    return h


def _run(args, home: Path, cwd: Path, timeout=120):
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([str(PROGRAM), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout)


def test_bundle_version(bundle, home, tmp_path):
    proc = _run(["--version"], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"AnodeLab {anodelab.__version__}"
    assert (bundle / "VERSION").read_text().strip() == anodelab.__version__


def test_bundle_selftest_uses_its_own_resources(bundle, home, tmp_path):
    proc = _run(["--selftest"], home, tmp_path)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    out = proc.stdout
    assert "self-test (bundled)" in out
    assert f"resources: {bundle / '_internal' / 'resources'}" in out  # not the repository's folder
    assert "selftest: OK" in out and "FAIL" not in out
    for example in sorted((REPO / "resources" / "examples").glob("*.toml")):
        assert f"score {example.name}: dendrite risk" in out
        assert f"simulate {example.name}: " in out
    assert "plot: rendered offscreen to PNG" in out
    assert "Traceback" not in proc.stderr


def test_bundle_reads_the_user_library(bundle, home, tmp_path):
    with open(REPO / "resources" / "materials" / "coatings.toml", "rb") as fh:
        first = next(iter(tomllib.load(fh)["materials"].values()))
    folder = home / ".local" / "share" / "AnodeLab" / "materials"  # platformdirs' default on Linux
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text(
        tomli_w.dumps({"schema_version": 1, "materials": {"my-bundle-coating": {**first, "name": "Mine"}}})
    )
    proc = _run(["materials", "list", "--class", "coating"], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "my-bundle-coating" in proc.stdout and "(user)" in proc.stdout


def test_bundle_command_line_scores_a_design(bundle, home, tmp_path):
    example = REPO / "resources" / "examples" / "na_nzsp.toml"
    proc = _run(["score", str(example), "--json"], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    import json

    risk = json.loads(proc.stdout)["dendrite_risk"]  # model v2: a probability, ≈ 0 here (below both CCDs)
    assert 0.0 <= risk <= 1.0
    bad = _run(["score", str(tmp_path / "missing.toml")], home, tmp_path)
    assert bad.returncode == 2 and bad.stderr.startswith("anodelab: error:") and "Traceback" not in bad.stderr


def test_bundle_fits_a_real_impedance_spectrum(bundle, home, tmp_path):
    """impedance.py's circuits (which import matplotlib) are in the bundle: an EIS fit works there."""
    spectrum = REPO / "tests" / "data" / "realdata" / "eis" / "exampleDataGamry.DTA"
    proc = _run(["data", "fit", str(spectrum), "--protocol", "eis", "--json"], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert '"parameters"' in proc.stdout or '"values"' in proc.stdout, proc.stdout[:2000]


def test_bundle_desktop_entry_installs_for_the_user(bundle, home, tmp_path):
    data = tmp_path / "xdg-data"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "XDG_DATA_HOME": str(data)}
    subprocess.run([str(bundle / "install-desktop-entry.sh")], env=env, check=True, capture_output=True, timeout=30)
    entry = (data / "applications" / "anodelab.desktop").read_text()
    assert f'Exec="{PROGRAM}" %f' in entry
    assert "Icon=anodelab" in entry
    assert (data / "icons" / "hicolor" / "scalable" / "apps" / "anodelab.svg").stat().st_size > 500


def test_bundle_writes_a_pdf_report_from_its_templates(bundle, home, tmp_path):
    example = REPO / "resources" / "examples" / "na_cunw_diglyme.toml"
    proc = _run(["report", str(example), "--out", "r.pdf"], home, tmp_path)
    assert proc.returncode == 0, proc.stderr
    pdf = (tmp_path / "r.pdf").read_bytes()
    assert pdf.startswith(b"%PDF-") and len(pdf) > 10_000


#: Libraries the bundle takes from the system on purpose (glibc, the GPU driver's GL/EGL, the X client
#: library libGL itself links to); they are the .deb's Depends and the README's apt-get line.
SYSTEM_LIBS = ("ld-linux", "libc.so", "libm.so", "libdl.so", "libpthread.so", "librt.so", "libutil.so",
               "libEGL.so", "libGL.so", "libGLX.so", "libGLdispatch.so", "libOpenGL.so", "libxcb.so.1")


def test_bundle_carries_the_libraries_of_qts_display_plugins(bundle):
    """Qt's X11 and offscreen plugins find everything else inside the bundle (a target machine needs
    only libgl1, libegl1, libxcb1, fontconfig and fonts), so a missing system library at build time
    cannot slip through unnoticed."""
    internal = bundle / "_internal"
    plugins = internal / "PySide6" / "Qt" / "plugins" / "platforms"
    env = {"PATH": "/usr/bin:/bin", "LD_LIBRARY_PATH": str(internal)}
    for plugin in ("libqxcb.so", "libqoffscreen.so"):
        out = subprocess.run(["ldd", str(plugins / plugin)], env=env, capture_output=True, text=True, check=True).stdout
        outside = []
        for line in out.splitlines():
            if "=>" not in line:
                continue
            name, target = line.split("=>")[0].strip(), line.split("=>")[1].strip()
            if "not found" in target or not target.startswith(str(internal)):
                if not name.startswith(SYSTEM_LIBS):
                    outside.append(f"{name} => {target}")
        assert not outside, f"{plugin} needs libraries from outside the bundle: {outside}"


def test_bundle_opens_the_main_window_and_keeps_running(bundle, home, tmp_path):
    if not (REPO / "src" / "anodelab" / "gui" / "app.py").exists():
        pytest.skip("anodelab.gui.app is not in this checkout yet")
    example = REPO / "resources" / "examples" / "na_cunw_diglyme.toml"
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.Popen([str(PROGRAM), str(example)], env=env, cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        exited = proc.wait(timeout=8)  # a GUI that is up keeps running; a crash ends it
    except subprocess.TimeoutExpired:
        exited = None
    finally:
        if proc.poll() is None:
            proc.terminate()
        out, err = proc.communicate(timeout=30)
    assert exited is None, f"the GUI exited with status {exited}:\n{out}\n{err}"
    assert "Traceback" not in err, err
