"""Test set-up shared by every test: Qt offscreen, user data and settings redirected to a temp folder."""

from __future__ import annotations

import os
from pathlib import Path

# Qt aborts without a display unless told to render offscreen; set it before anything imports Qt.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "resources" / "examples"
#: Screenshots and rendered reports land here for a human to look at.
OUTPUT = REPO / "test-output"


@pytest.fixture(autouse=True)
def _isolated_user_dir(tmp_path, monkeypatch):
    """Every test gets its own empty user data folder (user library, autosave, settings)."""
    user = tmp_path / "userdata"
    user.mkdir()
    monkeypatch.setenv("ANODELAB_USER_DIR", str(user))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    from anodelab.materials.library import reset_default_library

    reset_default_library()
    yield user
    reset_default_library()


@pytest.fixture
def output_dir():
    """Folder for screenshots and rendered artefacts that a person inspects after the run."""
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


@pytest.fixture
def examples_dir():
    return EXAMPLES


@pytest.fixture(autouse=True)
def _automatic_gc_after_each_test():
    """A main window moves cyclic GC onto a GUI-thread timer (anodelab/gui/gc_guard.py); after each test
    (its windows closed and workers stopped) automatic collection comes back, so that tests without an
    event loop never run with the collector off. Nothing is imported unless a window installed it."""
    yield
    import sys

    guard = sys.modules.get("anodelab.gui.gc_guard")
    if guard is not None:
        guard.restore_automatic_collection()
