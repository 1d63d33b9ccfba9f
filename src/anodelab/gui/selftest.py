"""``anodelab --selftest``: prove that an installation (wheel, venv or PyInstaller bundle) works.

The self-test runs the whole chain a user relies on, with the files that were actually installed:

1. load the materials library (installed ``resources/materials`` plus the user's folder) and count it;
2. load and score every example design in ``resources/examples`` (prints the dendrite risk);
3. simulate every example with every protocol of :data:`anodelab.simulate.PROTOCOLS` that applies
   (``ccd`` only for solid electrolytes);
4. render one pyqtgraph plot offscreen to a PNG in a temporary folder and check the image has content.

It prints one line per check and a summary, and returns 0 when everything passed, 1 otherwise.
It never lets a traceback escape: a failure is one line naming the step and the error.
Qt is imported inside :func:`run_selftest` only, so importing this module keeps the engine Qt-free.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

#: Protocols that need a solid electrolyte (the critical current density is a solid-state quantity).
SOLID_ONLY_PROTOCOLS = frozenset({"ccd"})


class _Report:
    """Collects pass/fail lines; every check goes through :meth:`step` so nothing raises past it."""

    def __init__(self, out) -> None:
        self.out = out
        self.failures: list[str] = []
        self.passed = 0

    def line(self, text: str) -> None:
        print(text, file=self.out, flush=True)

    def ok(self, text: str) -> None:
        self.passed += 1
        self.line(f"  ok    {text}")

    def fail(self, what: str, exc: BaseException | str) -> None:
        message = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
        self.failures.append(f"{what}: {message}")
        self.line(f"  FAIL  {what}: {message}")


def _check_simulation(profile) -> tuple[str | None, str]:
    """Check a :class:`~anodelab.simulate.Profile` of one design: ``(problem, note)``.

    ``problem`` is None when the profile holds a real curve, or when the cell stopped at once and the
    profile says why (``note`` then names the failure mode)."""
    import numpy as np

    try:
        x, y = np.asarray(profile.x, dtype=float), np.asarray(profile.y, dtype=float)
    except (AttributeError, TypeError, ValueError) as exc:
        return f"result is not a profile with numeric x and y ({type(profile).__name__}: {exc})", ""
    if x.ndim != 2 or x.shape[0] != 1 or x.shape != y.shape:
        return f"expected x and y of shape (1, points), got {x.shape} and {y.shape}", ""
    points = int(np.count_nonzero(np.isfinite(x) & np.isfinite(y)))
    if points >= 2:
        return None, ""
    # A cell can legitimately stop before its first point (an anode-free symmetric cell has no sodium
    # to strip); then the protocol must say why in its events instead of returning an empty curve.
    mode = getattr(profile, "events", {}).get("failure_mode")
    if mode is not None and len(mode) and str(mode[0]):
        return None, f"stopped at once: {mode[0]}"
    return f"the curve has {points} finite point(s) and no failure_mode explains it", ""


def _render_plot(risks: list[float], folder: Path) -> Path:
    """Draw the examples' dendrite risk as a bar chart offscreen and export it as PNG."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import pyqtgraph as pg
    import pyqtgraph.exporters  # noqa: F401  (registers ImageExporter)
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "anodelab"])
    widget = pg.PlotWidget(title="Dendrite risk of the example designs")
    try:
        widget.resize(640, 400)
        xs = list(range(len(risks)))
        widget.addItem(pg.BarGraphItem(x=xs, height=risks, width=0.6, brush="#3b7dd8"))
        widget.getPlotItem().getAxis("bottom").setTicks([[(x, str(x + 1)) for x in xs]])
        widget.setLabel("left", "dendrite risk")
        widget.setLabel("bottom", "example")
        widget.setYRange(0, 1)
        app.processEvents()
        path = folder / "selftest_plot.png"
        exporter = pg.exporters.ImageExporter(widget.getPlotItem())
        exporter.parameters()["width"] = 640
        exporter.export(str(path))
    finally:
        widget.close()
        widget.deleteLater()
        app.processEvents()

    if not path.is_file() or path.stat().st_size == 0:
        raise RuntimeError(f"no PNG written at {path}")
    image = QImage(str(path))
    if image.isNull() or image.width() < 100 or image.height() < 50:
        raise RuntimeError(f"PNG unreadable or too small ({image.width()}x{image.height()})")
    # A blank export is one colour; a drawn plot has background, axes, text and bars.
    colours = {
        image.pixel(x, y)
        for x in range(0, image.width(), max(1, image.width() // 64))
        for y in range(0, image.height(), max(1, image.height() // 64))
    }
    if len(colours) < 3:
        raise RuntimeError(f"PNG looks blank ({len(colours)} distinct colours)")
    return path


def run_selftest(render_plot: bool = True, out=None) -> int:
    """Run every check; print a line per check and a summary. Returns 0 if all passed, else 1."""
    out = out if out is not None else sys.stdout
    rep = _Report(out)
    t0 = time.perf_counter()
    try:
        _run(rep, render_plot)
    except BaseException as exc:  # noqa: BLE001 – the self-test must end with a verdict, not a traceback
        if isinstance(exc, KeyboardInterrupt):
            rep.line("selftest: interrupted")
            return 1
        rep.fail("selftest", exc)
    elapsed = time.perf_counter() - t0
    if rep.failures:
        rep.line(f"selftest: FAILED – {len(rep.failures)} failure(s), {rep.passed} check(s) passed, {elapsed:.1f} s")
        for f in rep.failures:
            rep.line(f"  - {f}")
        return 1
    rep.line(f"selftest: OK – {rep.passed} checks passed in {elapsed:.1f} s")
    return 0


def _run(rep: _Report, render_plot: bool) -> None:
    from .. import __version__
    from ..paths import resources_dir, user_library_dir

    frozen = " (bundled)" if getattr(sys, "frozen", False) else ""
    rep.line(f"AnodeLab {__version__} self-test{frozen}, Python {sys.version.split()[0]}")
    try:
        res = resources_dir()
    except Exception as exc:
        rep.fail("resources folder", exc)
        return
    present = sorted(p.name for p in res.iterdir() if p.is_dir())
    rep.line(f"resources: {res} ({', '.join(present)})")
    rep.line(f"user library: {user_library_dir()}")

    # 1. library
    try:
        from ..materials.library import default_library

        lib = default_library()
        n_user = sum(1 for m in lib.materials.values() if m.origin == "user")
        if len(lib) == 0:
            rep.fail("library", "no materials loaded")
        else:
            rep.ok(f"library: {len(lib)} materials ({len(lib) - n_user} installed, {n_user} user)")
        for problem in lib.problems:  # a bad user file is skipped, not fatal: say so
            rep.line(f"warning: {problem}")
    except Exception as exc:
        rep.fail("library", exc)
        return

    # 2. examples: load and score
    from ..design import load_design, resolve
    from ..scoring import score

    paths = sorted((res / "examples").glob("*.toml"))
    if not paths:
        rep.fail("examples", f"no example designs in {res / 'examples'}")
        return
    designs = []  # (file name, design, is_solid)
    risks: list[float] = []
    for path in paths:
        try:
            design = load_design(path)
            solid = resolve(design).is_solid
            risk = score(design).record(0)["dendrite_risk"]
            if risk is None or not 0.0 <= risk <= 1.0:
                rep.fail(f"score {path.name}", f"dendrite risk {risk!r} is not in [0, 1]")
                continue
            rep.ok(f"score {path.name}: dendrite risk {risk:.3f}  ({design.name})")
            designs.append((path.name, design, solid))
            risks.append(float(risk))
        except Exception as exc:
            rep.fail(f"score {path.name}", exc)

    # 3. simulate
    try:
        from ..simulate import PROTOCOLS, simulate
    except ImportError as exc:
        rep.fail("simulate", f"anodelab.simulate is not available in this installation ({exc})")
    else:
        for name, design, solid in designs:
            done, skipped = [], []
            for protocol in PROTOCOLS:
                if protocol in SOLID_ONLY_PROTOCOLS and not solid:
                    skipped.append(protocol)
                    continue
                try:
                    problem, note = _check_simulation(simulate(design, protocol))
                except Exception as exc:
                    rep.fail(f"simulate {name} {protocol}", exc)
                    continue
                if problem:
                    rep.fail(f"simulate {name} {protocol}", problem)
                else:
                    done.append(f"{protocol} ({note})" if note else protocol)
            if done:
                note = f" (skipped {', '.join(skipped)}: liquid electrolyte)" if skipped else ""
                rep.ok(f"simulate {name}: {', '.join(done)}{note}")

    # 4. plot
    if render_plot:
        if not risks:
            rep.fail("plot", "nothing to plot: no example scored")
            return
        try:
            with tempfile.TemporaryDirectory(prefix="anodelab-selftest-") as tmp:
                png = _render_plot(risks, Path(tmp))
                rep.ok(f"plot: rendered offscreen to PNG ({png.stat().st_size} bytes)")
        except Exception as exc:
            rep.fail("plot", exc)
