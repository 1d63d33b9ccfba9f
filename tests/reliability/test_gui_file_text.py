"""Text from a file is data in the GUI: never rendered as rich text, never loaded as an image.

d_gui_img_dev_zero_crash.toml: a custom layer named ``<img src='/dev/zero'>`` made the inspector title
allocate 4.3 GB and abort; a name pointing at a FIFO froze the window.
"""

from __future__ import annotations

import os
import threading

import pytest

from tests.gui.conftest import dialogs, make_window, settings  # noqa: F401  (fixtures)

from tests.conftest import _isolated_user_dir  # noqa: F401

from .conftest import REPRO

pytestmark = pytest.mark.gui


def _rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def test_img_dev_zero_layer_name_is_shown_as_text(qtbot, make_window, dialogs, output_dir):
    from PySide6.QtWidgets import QMessageBox

    w = make_window()
    before = _rss_mb()
    assert w.open_file(REPRO / "d_gui_img_dev_zero_crash.toml")
    insp = w.editor.inspector
    insp.set_slot("host")
    title = insp.title.text()
    assert "&lt;img src='/dev/zero'&gt;" in title and "<img" not in title
    w.grab().save(str(output_dir / "reliability_img_name_inspector.png"))
    qtbot.wait(50)
    assert _rss_mb() - before < 400  # was 4.3 GB and std::bad_alloc
    # the unsaved-changes dialog names the design: escaped too
    from dataclasses import replace

    w.doc.apply(replace(w.doc.design, name="<img src='/dev/zero'> design"), "rename")
    dialogs.answer = QMessageBox.StandardButton.Cancel
    assert not w.maybe_save()
    text = dialogs.texts("question")[-1]
    assert "&lt;img src='/dev/zero'&gt; design" in text and "<img" not in text
    # the score card's summary shows the design name as text
    qtbot.waitUntil(lambda: "&lt;img" in w.score_card.summary.text(), timeout=5000)
    assert "<img" not in w.score_card.summary.text()
    # no label anywhere in the window holds the raw tag (plot notes, status, titles)
    from PySide6.QtWidgets import QLabel

    for label in w.findChildren(QLabel):
        assert "<img" not in label.text() and "<img" not in label.toolTip(), label.text()[:100]
    w.doc.undo_stack.setClean()


def test_a_layer_name_naming_a_fifo_does_not_freeze_the_window(qtbot, make_window, tmp_path):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    src = (REPRO / "d_gui_img_dev_zero_crash.toml").read_text().replace("/dev/zero", str(fifo))
    path = tmp_path / "fifo_name.toml"
    path.write_text(src)
    unblocked = []

    def watchdog():  # if anything opened the FIFO for reading, release it so that the test can fail
        import time

        time.sleep(8)
        try:
            fd = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:
            return
        unblocked.append(True)
        os.close(fd)

    threading.Thread(target=watchdog, daemon=True).start()
    w = make_window()
    assert w.open_file(path)
    w.editor.inspector.set_slot("host")
    w.grab()
    qtbot.wait(50)
    assert not unblocked
    w.doc.undo_stack.setClean()


def test_error_dialog_of_a_file_with_markup_is_plain(qtbot, make_window, dialogs, tmp_path):
    """An unknown material named with a tag: the warning shows the tag as text."""
    path = tmp_path / "tag.toml"
    path.write_text('format_version = 1\n[host]\nmaterial = "<img src=\'/dev/zero\'>"\n[electrolyte]\nmaterial = "nzsp"\n')
    w = make_window()
    assert not w.open_file(path)
    text = dialogs.texts("warning")[-1]
    assert "&lt;img src='/dev/zero'&gt;" in text and "<img" not in text


def test_library_palette_tooltip_escapes_user_material_names(qtbot, make_window, _isolated_user_dir):
    from anodelab.materials.library import reset_default_library

    folder = _isolated_user_dir / "materials"
    folder.mkdir()
    (folder / "x.toml").write_text((REPRO / "d_xss_user_material.toml").read_text())
    reset_default_library()
    w = make_window()
    tips = []
    tree = w.editor.palette_widget.tree
    it = tree.invisibleRootItem()
    stack = [it]
    while stack:
        node = stack.pop()
        for i in range(node.childCount()):
            child = node.child(i)
            stack.append(child)
            if child.toolTip(0):
                tips.append(child.toolTip(0))
    evil = [t for t in tips if "material name" in t]
    assert evil and all("<script>" not in t and "&lt;script&gt;" in t for t in evil)
