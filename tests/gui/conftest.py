"""Fixtures for the GUI tests: a real MainWindow with settings in a temp INI file, message boxes
and file dialogs replaced by recorders (a modal dialog would block an offscreen test run)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox


class DialogRecorder:
    """Stands in for the static QMessageBox functions; records every call, answers as told."""

    def __init__(self):
        self.calls: list[tuple[str, str, str]] = []
        self.answer = QMessageBox.StandardButton.Discard

    def make(self, kind):
        def fn(parent, title, text, *args, **kwargs):
            self.calls.append((kind, title, text))
            return self.answer if kind == "question" else QMessageBox.StandardButton.Ok

        return fn

    def texts(self, kind=None) -> list[str]:
        return [t for k, _title, t in self.calls if kind is None or k == kind]


@pytest.fixture
def dialogs(monkeypatch):
    rec = DialogRecorder()
    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(rec.make(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: rec.calls.append(("about", "", ""))))
    return rec


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_window(qtbot, settings, dialogs):
    from anodelab.gui.main_window import MainWindow

    made = []

    def make(**kwargs):
        kwargs.setdefault("settings", settings)
        kwargs.setdefault("autosave_interval_ms", 3_600_000)
        w = MainWindow(**kwargs)
        qtbot.addWidget(w)
        w.resize(1366, 768)
        w.show()
        qtbot.waitExposed(w)
        w.activateWindow()  # keyboard shortcuts need the active window
        qtbot.waitUntil(lambda: QApplication.activeWindow() is w, timeout=3000)
        made.append(w)
        return w

    yield make
    for w in made:
        w.runner.shutdown()
        assert w.runner.threads_alive() == 0, "a worker thread was left running"
        w.doc.undo_stack.setClean()
        w.close()


@pytest.fixture
def window(make_window):
    return make_window()


@pytest.fixture
def save_dialog(monkeypatch):
    """Make QFileDialog.getSaveFileName / getOpenFileName return the path put in ``box['path']``."""
    box = {"path": ""}
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (box["path"], "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (box["path"], "")))
    return box
