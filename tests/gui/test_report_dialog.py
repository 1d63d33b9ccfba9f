"""File → Export report…: format from the dialog's filter, a progress dialog, errors in a message box."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFileDialog, QProgressDialog

from anodelab.design import load_design
from anodelab.gui import report_dialog
from anodelab.gui.report_dialog import FILTERS, export_report_interactive
from anodelab.report.json_export import design_from_report


class RecordingProgress(QProgressDialog):
    """The real progress dialog, recording its values; optionally cancelled after ``cancel_after`` steps."""

    made: list["RecordingProgress"] = []
    cancel_after: int | None = None
    shot_path = None

    def __init__(self, *args):
        super().__init__(*args)
        self.values: list[int] = []
        self.labels: list[str] = []
        RecordingProgress.made.append(self)

    def setValue(self, v):
        # recorded in call order: a modal QProgressDialog processes events inside setValue, so a later step can
        # complete inside an earlier one's call (recorded after the call, 5 came after 50 when the worker was fast)
        self.values.append(v)
        super().setValue(v)
        if RecordingProgress.shot_path is not None and len(self.values) == 3:
            self.grab().save(str(RecordingProgress.shot_path))

    def setLabelText(self, text):
        super().setLabelText(text)
        self.labels.append(text)

    def wasCanceled(self):
        n = RecordingProgress.cancel_after
        return (n is not None and len(self.values) > n) or super().wasCanceled()


@pytest.fixture
def progress_spy(monkeypatch):
    RecordingProgress.made = []
    RecordingProgress.cancel_after = None
    RecordingProgress.shot_path = None
    monkeypatch.setattr(report_dialog, "QProgressDialog", RecordingProgress)
    return RecordingProgress


@pytest.fixture
def design(examples_dir):
    return load_design(examples_dir / "nasn_nzsp.toml")


def _answer(monkeypatch, path, chosen):
    calls = []

    def fake(parent, caption, directory, filters, selected):
        calls.append((caption, directory, filters, selected))
        return str(path), chosen

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return calls


def test_pdf_export_with_progress(qtbot, monkeypatch, tmp_path, design, examples_dir, progress_spy, dialogs, output_dir):
    calls = _answer(monkeypatch, tmp_path / "report", "PDF report (*.pdf)")
    progress_spy.shot_path = output_dir / "report_dialog_progress.png"
    out = export_report_interactive(None, design, examples_dir / "nasn_nzsp.toml")
    assert out == tmp_path / "report.pdf"  # suffix added from the chosen format
    assert out.read_bytes().startswith(b"%PDF-")
    assert calls[0][1].endswith("nasn_nzsp.pdf")  # default name from the design file
    assert all(f in calls[0][2] for f in FILTERS)
    (dlg,) = progress_spy.made
    assert dlg.values[0] == 0 and dlg.values[-1] == 100
    assert dlg.values == sorted(dlg.values)  # monotonic
    assert any("Drawing figure" in t for t in dlg.labels)
    assert dialogs.calls == []
    assert progress_spy.shot_path.exists()


def test_json_export_round_trips(qtbot, monkeypatch, tmp_path, design, progress_spy, dialogs):
    _answer(monkeypatch, tmp_path / "r.json", "JSON report, loadable back into a design (*.json)")
    out = export_report_interactive(None, design)
    assert json.loads(out.read_bytes())["design_file"] == "(not saved to a file)"
    assert design_from_report(out) == design


def test_dialog_cancel_writes_nothing(qtbot, monkeypatch, tmp_path, design, progress_spy, dialogs):
    _answer(monkeypatch, "", "")
    assert export_report_interactive(None, design) is None
    assert progress_spy.made == []
    assert list(tmp_path.iterdir()) == [tmp_path / "userdata"]


def test_cancel_during_export(qtbot, monkeypatch, tmp_path, design, progress_spy, dialogs):
    _answer(monkeypatch, tmp_path / "r.html", "HTML report, self-contained (*.html)")
    progress_spy.cancel_after = 2
    assert export_report_interactive(None, design) is None
    assert not (tmp_path / "r.html").exists()
    assert dialogs.calls == []


def test_write_error_shown_in_a_message_box(qtbot, monkeypatch, tmp_path, design, progress_spy, dialogs):
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    _answer(monkeypatch, blocker / "r.csv", "CSV score card (*.csv)")
    assert export_report_interactive(None, design) is None
    (text,) = dialogs.texts("critical")
    assert "cannot write the report" in text and "r.csv" in text


# ---------------------------------------------------------------- off the GUI thread


@pytest.fixture
def long_design(design):
    return design.with_conditions(cycles=100_000)  # ~4 M points per simulated cycling record


def test_content_is_gathered_off_the_gui_thread_and_the_window_stays_live(
        qtbot, monkeypatch, tmp_path, long_design, progress_spy, dialogs):
    import threading
    import time

    from PySide6.QtCore import QTimer

    from anodelab.report import content as content_mod

    threads = []
    real = content_mod.build_content

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(content_mod, "build_content", spy)
    ticks = []
    timer = QTimer()
    timer.setInterval(20)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    _answer(monkeypatch, tmp_path / "long.json", "JSON report, loadable back into a design (*.json)")
    t0 = time.monotonic()
    out = export_report_interactive(None, long_design)
    elapsed = time.monotonic() - t0
    timer.stop()
    assert out == tmp_path / "long.json" and out.stat().st_size < 3_000_000
    assert threads and threads[0] is not threading.main_thread()
    # the GUI thread kept running its event loop while the worker simulated 10⁵ cycles
    assert len(ticks) >= 0.3 * elapsed / 0.02, (len(ticks), elapsed)
    assert max(b - a for a, b in zip([t0, *ticks], ticks)) < 0.5
    (dlg,) = progress_spy.made
    assert dlg.values[-1] == 100 and dlg.values == sorted(dlg.values)
    assert dialogs.calls == []


def test_pdf_figures_are_painted_on_the_gui_thread_after_the_worker(
        qtbot, monkeypatch, tmp_path, design, progress_spy, dialogs):
    import threading

    from anodelab.report import plots as plots_mod

    threads = []
    real = plots_mod.render_plot

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(plots_mod, "render_plot", spy)
    _answer(monkeypatch, tmp_path / "r.pdf", "PDF report (*.pdf)")
    out = export_report_interactive(None, design)
    assert out.read_bytes().startswith(b"%PDF-")
    assert threads and all(t is threading.main_thread() for t in threads)


def test_cancel_while_the_worker_simulates(qtbot, monkeypatch, tmp_path, long_design, progress_spy, dialogs):
    _answer(monkeypatch, tmp_path / "r.pdf", "PDF report (*.pdf)")
    progress_spy.cancel_after = 1  # the first progress report from the worker finds Cancel pressed
    assert export_report_interactive(None, long_design) is None
    assert not (tmp_path / "r.pdf").exists()
    assert dialogs.calls == []
    (dlg,) = progress_spy.made
    assert max(dlg.values) < 55  # stopped before the figures


def test_worker_error_shown_in_a_message_box(qtbot, monkeypatch, tmp_path, design, progress_spy, dialogs):
    from anodelab.errors import AnodeLabError
    from anodelab.report import content as content_mod

    def broken(*_a, **_k):
        raise AnodeLabError("the library has no 'unobtainium'", field="host")

    monkeypatch.setattr(content_mod, "build_content", broken)
    _answer(monkeypatch, tmp_path / "r.html", "HTML report, self-contained (*.html)")
    assert export_report_interactive(None, design) is None
    (text,) = dialogs.texts("critical")
    assert "unobtainium" in text
    assert not (tmp_path / "r.html").exists()
