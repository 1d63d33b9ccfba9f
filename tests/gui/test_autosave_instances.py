"""Autosave per instance: two windows never share or delete each other's file; orphans of dead
processes are offered at start-up, live ones are not."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from PySide6.QtWidgets import QMessageBox

from anodelab.design import load_design, save_design
from anodelab.gui.project_files import orphaned_autosaves, process_alive

pytestmark = pytest.mark.gui


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def edit(window, value: float) -> None:
    window.editor.conditions.boxes["na_excess_mAh_cm2"].setValue(value)
    assert window.doc.is_modified


def write_orphan(folder, design, pid: int, name: str):
    folder.mkdir(parents=True, exist_ok=True)
    toml_path = folder / f"{pid}-{name}.toml"
    save_design(design, toml_path)
    meta = {"pid": pid, "path": "", "time": "2024-01-01 12:00:00", "name": design.name}
    (folder / f"{pid}-{name}.json").write_text(json.dumps(meta))
    return toml_path


def test_process_alive():
    assert process_alive(os.getpid())
    assert not process_alive(dead_pid())
    assert not process_alive(0)


def test_two_windows_keep_their_own_autosaves(qtbot, make_window, dialogs):
    a, b = make_window(), make_window()
    a_toml, a_meta = a.autosave_paths()
    b_toml, b_meta = b.autosave_paths()
    assert a_toml != b_toml and a_toml.parent == b_toml.parent
    assert a_toml.stem.startswith(f"{os.getpid()}-")
    edit(a, 11.0)
    edit(b, 22.0)
    assert a.autosave() and b.autosave()
    assert load_design(a_toml) == a.doc.design and load_design(b_toml) == b.doc.design  # no overwriting
    assert json.loads(a_meta.read_text())["pid"] == os.getpid()
    # a running instance's autosave is not an orphan: b is not offered a's file
    assert b.orphaned_autosaves() == []
    assert not b.offer_recovery()
    assert not dialogs.texts("question")
    # a clean exit of a removes only its own file
    a.doc.undo_stack.setClean()
    assert a.close()
    assert not a_toml.exists() and not a_meta.exists()
    assert b_toml.exists() and b_meta.exists()
    b.doc.undo_stack.setClean()
    assert b.close()
    assert not b_toml.exists()


def test_orphan_of_a_crashed_process_is_recovered(qtbot, make_window, dialogs, examples_dir, output_dir):
    live = make_window()
    edit(live, 33.0)
    assert live.autosave()
    folder = live.autosave_dir()
    crashed = load_design(examples_dir / "nasn_nzsp.toml").with_conditions(temperature_C=61.0)
    orphan = write_orphan(folder, crashed, dead_pid(), "deadbeef0001")
    assert [t for t, _m, _meta in orphaned_autosaves(folder)] == [orphan]  # live's own file is not listed

    w = make_window()
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w.offer_recovery()
    assert len(dialogs.texts("question")) == 1 and crashed.name in dialogs.texts("question")[0]
    assert w.doc.design == crashed and w.isWindowModified()
    assert not orphan.exists() and not orphan.with_suffix(".json").exists()  # taken over by w
    assert live.autosave_paths()[0].exists()  # the running instance's file is untouched
    w.grab().save(str(output_dir / "main_window_recovered_autosave.png"))
    # w now autosaves the recovered design as its own; a crash of w would leave it recoverable again
    assert w.autosave() and load_design(w.autosave_paths()[0]) == crashed
    live.doc.undo_stack.setClean()
    w.doc.undo_stack.setClean()


def test_every_orphan_is_offered_and_declined_ones_are_deleted(qtbot, make_window, dialogs, examples_dir):
    folder = make_window().autosave_dir()
    d1 = load_design(examples_dir / "na_cunw_diglyme.toml").with_conditions(temperature_C=41.0)
    d2 = load_design(examples_dir / "nasn_nzsp.toml").with_conditions(temperature_C=42.0)
    o1 = write_orphan(folder, d1, dead_pid(), "aaaa")
    o2 = write_orphan(folder, d2, dead_pid(), "bbbb")
    os.utime(o1, (1_000_000, 1_000_000))  # o1 is the older one: offered first
    w = make_window()
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w.offer_recovery()
    assert len(dialogs.texts("question")) == 2
    assert w.doc.design == d1
    (extra,) = w._recovered_windows  # the second design opens in a window of its own
    qtbot.addWidget(extra)
    assert extra.doc.design == d2 and extra.isWindowModified()
    assert not o1.exists() and not o2.exists()
    extra.doc.undo_stack.setClean()
    extra.close()
    w.doc.undo_stack.setClean()

    o3 = write_orphan(folder, d2, dead_pid(), "cccc")
    dialogs.answer = QMessageBox.StandardButton.No
    w3 = make_window()
    assert not w3.offer_recovery()
    assert not o3.exists() and not o3.with_suffix(".json").exists()


def test_autosave_of_an_older_version_is_offered(qtbot, make_window, dialogs, examples_dir):
    folder = make_window().autosave_dir()
    folder.mkdir(parents=True, exist_ok=True)
    old = load_design(examples_dir / "nasn_nzsp.toml")
    save_design(old, folder / "autosave.toml")  # the single fixed file of earlier versions, no pid
    w = make_window()
    dialogs.answer = QMessageBox.StandardButton.Yes
    assert w.offer_recovery() and w.doc.design == old
    assert not (folder / "autosave.toml").exists()
    w.doc.undo_stack.setClean()
