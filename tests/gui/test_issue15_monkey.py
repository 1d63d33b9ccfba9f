"""Issue 15: 1,000 random actions on the real main window, as a new user would click and type.

Failures recorded: an exception (pytest-qt fails the test on one raised in a slot), an action that keeps
the GUI thread busy for more than 1 s (a freeze: the thread's own CPU time, so that a machine shared by many
processes does not fake one; on a machine not loaded beyond its cores the wall time counts too), the process's resident memory above 2 GB, a worker
thread left running, and undo back to the start not restoring the opened design.
"""

from __future__ import annotations

import os
import random
import time

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

ACTIONS = 1000
FREEZE_S = 1.0
RSS_CEILING_MB = 2048.0
MATERIALS = ("cu-foil", "na-foil", "cu-nanowire-cu", "carbon-felt", "al-foil", "nzsp", "napf6-diglyme-1m",
             "naclo4-ecpc-1m", "na15sn4-alloy", "al2o3-ald", "bare-contact", "na3zr2si2po12")
TYPED = {
    "current_density_mA_cm2": ["0.5", "2", "10 mA cm-2", "30 A m-2", "-5", "1e308", "99999", "abc", "0"],
    "areal_capacity_mAh_cm2": ["0.5", "1", "3", "4 mAh/cm2", "-1", "1e9"],
    "temperature_C": ["25", "60 °C", "333 K", "-273", "150", "0", "-20"],
    "stack_pressure_MPa": ["0", "1", "5 bar", "-3"],
    "cycles": ["10", "100", "2000", "50000", "1000000", "2.5", "99999999"],
    "na_excess_mAh_cm2": ["0", "5", "20", "-1"],
}


def rss_mb() -> float:
    """Resident set size of this process [MB] (Linux /proc; elsewhere the peak from resource)."""
    try:
        with open(f"/proc/{os.getpid()}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return float(line.split()[1]) / 1024.0
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


FIRST_SHOW_SCRIPT = r"""
import json, os, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from anodelab.gui.main_window import MainWindow
w = MainWindow(settings=QSettings(sys.argv[1], QSettings.Format.IniFormat), autosave_interval_ms=3_600_000)
w.resize(1366, 768)
w.show()
for _ in range(20):
    app.processEvents()
w.runner.wait()
salib_before = "SALib" in sys.modules
ticks = []  # (wall, GUI-thread CPU) every 20 ms while the tab computes
timer = QTimer()
timer.timeout.connect(lambda: ticks.append((time.monotonic(), time.thread_time())))
timer.start(20)
loop = QEventLoop()
tab = w.sensitivity_tab
tab.updated.connect(loop.quit)
QTimer.singleShot(90_000, loop.quit)
t0, c0 = time.monotonic(), time.thread_time()
ticks.append((t0, c0))
w.tabs.setCurrentWidget(tab)
show = (time.monotonic() - t0, time.thread_time() - c0)
loop.exec()
ticks.append((time.monotonic(), time.thread_time()))
gaps = [(b[0] - a[0], b[1] - a[1]) for a, b in zip(ticks, ticks[1:])]
print(json.dumps({"salib_before": salib_before, "salib_after": "SALib" in sys.modules,
                  "drawn": tab.result is not None, "status": tab.status.text()[:200],
                  "show_wall_s": show[0], "show_cpu_s": show[1],
                  "max_gap_wall_s": max(g[0] for g in gaps), "max_gap_cpu_s": max(g[1] for g in gaps),
                  "total_s": ticks[-1][0] - t0, "load": os.getloadavg()[0], "cpus": os.cpu_count()}))
tab.shutdown()
w.runner.shutdown()
"""


@pytest.mark.parametrize("run", range(3))
def test_sensitivity_first_show_does_not_freeze(tmp_path, run):
    """The first show of the Sensitivity tab imported SALib (scipy.signal, pandas) on the GUI thread:
    0.9–2.6 s frozen. In a fresh process (so the modules are really imported for the first time) the
    import and the computation run on the worker; the GUI thread never computes for 1 s between two
    20 ms timer ticks, and the tornado is drawn. Three fresh processes: an import on a worker thread
    must not crash PySide6's import hook either."""
    import json
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.run([sys.executable, "-c", FIRST_SHOW_SCRIPT, str(tmp_path / "settings.ini")],
                          capture_output=True, text=True, timeout=180, env=env)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    print(out)
    assert not out["salib_before"] and out["salib_after"], out  # a first import, done during this show
    assert out["drawn"], out["status"]
    assert out["show_cpu_s"] < 0.5 and out["max_gap_cpu_s"] < FREEZE_S, out
    if out["load"] < 1.5 * (out["cpus"] or 1):  # on a machine not shared beyond its cores the wall time counts too
        assert out["max_gap_wall_s"] < FREEZE_S, out


@pytest.mark.slow
def test_thousand_random_actions(qtbot, make_window):
    pytest.importorskip("anodelab.simulate")
    w = make_window()
    rng = random.Random(15)
    start = w.doc.design
    boxes = w.editor.conditions.boxes

    def type_into(name):
        box = boxes[name]
        box.setFocus()
        box.lineEdit().setText(rng.choice(TYPED[name]))
        qtbot.keyClick(box.lineEdit(), Qt.Key.Key_Return)

    actions = [
        ("type a condition", lambda: type_into(rng.choice(list(TYPED))), 30),
        ("step a condition", lambda: boxes[rng.choice(list(TYPED))].stepBy(rng.choice((-3, -1, 1, 5))), 10),
        ("use a material", lambda: w.editor.use_material(rng.choice(MATERIALS)), 15),
        ("plot tab", lambda: w.tabs.setCurrentIndex(rng.randrange(w.tabs.count())), 15),
        ("workspace", lambda: w.workspaces.setCurrentIndex(rng.choice((0, 0, 0, 1, 2))), 4),
        ("pin", lambda: w.pin_current(), 4),
        ("clear pins", lambda: w.compare.clear(), 1),
        ("undo", lambda: w.doc.undo_stack.undo(), 8),
        ("redo", lambda: w.doc.undo_stack.redo(), 4),
        ("rename", lambda: w.doc.rename(rng.choice(("", "Cell A", "  batch 7  "))), 2),
        ("large run anyway", lambda: w.panels["symmetric"].msg_button.isVisible() and w.panels["symmetric"].msg_button.click(), 2),
        ("zoom", lambda: w.panels["symmetric"].zoom(rng.choice(("Whole test", "First 3 cycles", "Last 3 cycles"))), 2),
    ]
    names, fns, weights = zip(*actions)
    freezes, slow_wall, peak, longest, busiest = [], [], rss_mb(), (0.0, ""), (0.0, "", "")
    t_start = time.monotonic()
    for k in range(ACTIONS):
        i = rng.choices(range(len(fns)), weights)[0]
        t0, c0 = time.monotonic(), time.thread_time()
        fns[i]()
        QApplication.processEvents()
        dt, cpu = time.monotonic() - t0, time.thread_time() - c0
        longest = max(longest, (dt, names[i]))
        busiest = max(busiest, (cpu, names[i], w.tabs.tabText(w.tabs.currentIndex())))
        where = (k, names[i], round(dt, 2), round(cpu, 2), w.tabs.tabText(w.tabs.currentIndex()),
                 w.workspaces.tabText(w.workspaces.currentIndex()), len(w.compare.designs))
        if cpu > FREEZE_S:
            freezes.append(where)  # the GUI thread itself computed for more than 1 s
        elif dt > FREEZE_S:
            slow_wall.append(where)
        if k % 10 == 0:
            peak = max(peak, rss_mb())
            assert peak < RSS_CEILING_MB, f"RSS {peak:.0f} MB after action {k} ({names[i]})"
        assert w.runner.threads_alive() <= 1, f"{w.runner.threads_alive()} simulation threads after action {k}"
    qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=30000)
    for tab in (w.screening_tab, w.validation_tab):
        if tab is not None and hasattr(tab, "shutdown"):
            tab.shutdown()
    peak = max(peak, rss_mb())
    elapsed = time.monotonic() - t_start
    print(f"\nmonkey: {ACTIONS} actions in {elapsed:.0f} s, peak RSS {peak:.0f} MB, longest action {longest[0]:.2f} s ({longest[1]}), "
          f"freezes > {FREEZE_S} s: {freezes}")
    print(f"busiest action on the GUI thread: {busiest[0]:.2f} s CPU ({busiest[1]} on {busiest[2]}); "
          f"wall > {FREEZE_S} s without GUI-thread work: {slow_wall}; load {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    assert not freezes, f"the window froze: {freezes}"
    if os.getloadavg()[0] < 1.5 * (os.cpu_count() or 1):  # on a machine not shared beyond its cores
        assert not slow_wall, f"the window did not respond for more than {FREEZE_S} s: {slow_wall}"
    assert peak < RSS_CEILING_MB
    while w.doc.undo_stack.canUndo():
        w.doc.undo_stack.undo()
    assert w.doc.design == start

