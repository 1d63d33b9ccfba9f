"""Crash recovery that survives a second crash, and orphans that a reused pid cannot hide.

d_recovery_lost_after_second_crash.sh: recovery deleted the orphan right after restoring it and the
window wrote its own autosave only at the next 60 s tick, so a second crash lost the work.
d_recovery_hidden_by_pid_reuse.sh: an orphan was not offered while any process held its pid.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from anodelab.design import load_design, save_design
from tests.gui.conftest import dialogs, make_window, settings  # noqa: F401  (fixtures)

from .conftest import REPO, REPRO

EXAMPLE = REPO / "resources" / "examples" / "na_nzsp.toml"


def _dead_pid() -> int:
    p = subprocess.Popen([sys.executable, "-c", "pass"])
    p.wait()
    return p.pid


def _orphan(folder, design, pid, stem="aaaaaaaaaaaa", meta_extra=None):
    folder.mkdir(parents=True, exist_ok=True)
    toml = folder / f"{pid}-{stem}.toml"
    save_design(design, toml)
    meta = {"pid": pid, "path": "", "time": "2026-01-01 00:00:00", "name": design.name, **(meta_extra or {})}
    (folder / f"{pid}-{stem}.json").write_text(json.dumps(meta))
    return toml


@pytest.mark.gui
def test_recovered_work_is_autosaved_at_once_and_survives_a_second_crash(qtbot, make_window, dialogs):
    from PySide6.QtWidgets import QMessageBox

    from anodelab.gui.project_files import orphaned_autosaves

    crashed = load_design(EXAMPLE).with_conditions(temperature_C=42.5)
    w = make_window()
    folder = w.autosave_dir()
    orphan = _orphan(folder, crashed, _dead_pid())
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w.offer_recovery()
    own_toml, own_meta = w.autosave_paths()
    # before any autosave timer tick, the window's own autosave holds the recovered design …
    assert own_toml.exists() and load_design(own_toml) == crashed
    assert json.loads(own_meta.read_text())["start"]
    # … and only then was the orphan removed
    assert not orphan.exists() and not orphan.with_suffix(".json").exists()
    assert not list(folder.glob("*.lock"))[:0]  # lock files are allowed; the claimed one is gone:
    assert {p.stem for p in folder.glob("*.lock")} == {own_toml.stem}
    # second crash: the process dies, so does its lock → the next start offers the work again
    w._autosave_lock.release()
    again = orphaned_autosaves(folder)
    assert [t for t, _m, _meta in again] == [own_toml]
    w2 = make_window()
    assert w2.offer_recovery() and w2.doc.design == crashed
    w.doc.undo_stack.setClean()
    w2.doc.undo_stack.setClean()


def _driver(phase, env, *args):
    return subprocess.run([sys.executable, str(REPRO / "gui_driver.py"), phase, *map(str, args)],
                          env=env, capture_output=True, text=True, timeout=120)


def test_second_crash_right_after_recovery_keeps_the_work(tmp_path):
    """The reproducer's real sequence with the real app: recover, die at once (os._exit), start again."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ANODELAB_USER_DIR=str(tmp_path / "user"),
               XDG_CONFIG_HOME=str(tmp_path / "cfg"))
    design = tmp_path / "d.toml"
    design.write_bytes(EXAMPLE.read_bytes())
    _orphan(tmp_path / "user" / "autosave", load_design(EXAMPLE).with_conditions(temperature_C=42.5), _dead_pid())
    for attempt in (1, 2):  # attempt 2 is the start after the second crash
        r = _driver("recover", env, design)
        assert "QUESTION" in r.stdout, (attempt, r.stdout, r.stderr[-2000:])
        started = json.loads(r.stdout.split("STARTED ", 1)[1].splitlines()[0])
        assert started["T"] == 42.5, (attempt, started)


def test_orphan_is_offered_although_an_unrelated_process_has_its_pid(tmp_path):
    """The reproducer: a `sleep` holds the pid recorded in an orphan's JSON (no lock, old format)."""
    from anodelab.gui.project_files import orphaned_autosaves

    folder = tmp_path / "autosave"
    sleeper = subprocess.Popen(["sleep", "60"])
    try:
        d = load_design(EXAMPLE).with_conditions(temperature_C=42.5)
        toml = _orphan(folder, d, sleeper.pid)
        assert [t for t, _m, _meta in orphaned_autosaves(folder)] == [toml]
        # with the process start time recorded (this version), a different start time means another process
        toml.unlink()
        toml.with_suffix(".json").unlink()
        toml = _orphan(folder, d, sleeper.pid, meta_extra={"start": "12345.00"})
        assert [t for t, _m, _meta in orphaned_autosaves(folder)] == [toml]
    finally:
        sleeper.kill()
        sleeper.wait()


def test_a_live_lock_holder_is_never_an_orphan_and_its_death_makes_one(tmp_path):
    from anodelab.gui.project_files import orphaned_autosaves

    folder = tmp_path / "autosave"
    d = load_design(EXAMPLE)
    folder.mkdir(parents=True, exist_ok=True)
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(folder / 'x-bbbbbbbbbbbb.lock')!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX)\nprint('LOCKED', flush=True)\ntime.sleep(60)\n")],
        stdout=subprocess.PIPE, text=True)
    try:
        toml = folder / "x-bbbbbbbbbbbb.toml"
        save_design(d, toml)
        (folder / "x-bbbbbbbbbbbb.json").write_text(json.dumps({"pid": _dead_pid(), "name": d.name}))
        assert holder.stdout.readline().strip() == "LOCKED"
        # the JSON even names a dead pid: the held lock wins (a live owner)
        assert orphaned_autosaves(folder) == []
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    t0 = time.time()
    assert [t for t, _m, _meta in orphaned_autosaves(folder)] == [toml]
    assert time.time() - t0 < 1
