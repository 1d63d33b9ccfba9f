"""File → Export report…: choose a file and a format, export with a progress dialog, show errors.

The slow part — scoring, literature matching and the simulations of :func:`report.content.build_content`
— runs on a worker thread (:class:`~.tasks.TaskRunner`) while a local event loop keeps the window
and the progress dialog live (Cancel stops the worker at its next progress step). JSON and CSV need
no Qt and are rendered and written on the worker too. The PDF and HTML figures are painted with
pyqtgraph *widgets*, which Qt only allows on the GUI thread: that last step (≤ 10⁴ points per curve,
see :mod:`anodelab.report.decimate`) runs here with ``processEvents`` between figures, as before.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from ..errors import AnodeLabError
from ..report import PLOTTED, SUFFIX, ExportCancelled, export
from .plain_text import rich_message
from .tasks import TaskRunner

#: file-dialog filter → report format
FILTERS = {
    "PDF report (*.pdf)": "pdf",
    "HTML report, self-contained (*.html)": "html",
    "JSON report, loadable back into a design (*.json)": "json",
    "CSV score card (*.csv)": "csv",
}


def _default_name(design, file_path) -> str:
    if file_path:
        return str(Path(file_path).with_suffix(".pdf"))
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in design.name).strip("_") or "design"
    return safe[:60] + ".pdf"


def export_report_interactive(parent, design, file_path=None, *, results=None) -> Path | None:
    """Ask for a file and format, export the report for ``design``; return the written path or None.

    ``file_path``: the design's own file (shown in the report header and used for the default name).
    Errors are shown in a message box (never raised); cancelling returns None.
    """
    filters = ";;".join(FILTERS)
    path, chosen = QFileDialog.getSaveFileName(
        parent, "Export design report", _default_name(design, file_path), filters, next(iter(FILTERS))
    )
    if not path:
        return None
    fmt = FILTERS.get(chosen) or Path(path).suffix.lower().lstrip(".")
    if fmt not in SUFFIX:
        fmt = "pdf"
    out = Path(path)
    if out.suffix.lower() != SUFFIX[fmt]:
        out = out.with_name(out.name + SUFFIX[fmt])

    dialog = QProgressDialog("Preparing the report…", "Cancel", 0, 100, parent)
    dialog.setWindowTitle("Export report")
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setValue(0)
    try:
        return _run(parent, dialog, design, fmt, out, results, file_path)
    finally:
        dialog.close()
        dialog.deleteLater()


def gather_task(inputs, state):
    """Worker: the report content (no Qt); JSON/CSV are also rendered and written here.
    Returns the content for the GUI thread to paint (PDF/HTML), or None when the file is written."""
    from ..report.content import build_content

    design, fmt, out, results, file_path = inputs
    content = build_content(design, results, design_file=file_path, include_plots=fmt in PLOTTED,
                            progress=state.progress)
    if fmt in ("json", "csv"):
        export(design, fmt, out, content=content, progress=state.progress)
        return None
    state.progress(0.5, "drawing the figures")
    return content


def _run(parent, dialog: QProgressDialog, design, fmt: str, out: Path, results, file_path) -> Path | None:
    def show(fraction: float, message: str) -> None:
        if message:
            dialog.setLabelText(message[:1].upper() + message[1:] + "…")
        dialog.setValue(max(dialog.value(), int(round(100 * min(max(fraction, 0.0), 1.0)))))  # never backwards

    runner = TaskRunner(dialog)
    loop = QEventLoop()
    outcome: dict = {}

    def on_progress(fraction: float, message: str) -> None:
        show(fraction, message)
        if dialog.wasCanceled():
            cancel()

    def cancel() -> None:
        if "state" not in outcome:
            outcome["state"] = "cancelled"
            dialog.setLabelText("Cancelling…")
            runner.cancel()  # the worker stops at its next progress step; `idle` follows

    def done(state: str, value=None) -> None:
        outcome.setdefault("state", state)
        outcome.setdefault("value", value)

    runner.progress.connect(on_progress)
    runner.finished.connect(lambda content: done("finished", content))
    runner.failed.connect(lambda message: done("failed", message))
    def stopped() -> None:
        outcome["stopped"] = True
        loop.quit()

    runner.idle.connect(stopped)
    dialog.canceled.connect(cancel)
    runner.start(gather_task, (design, fmt, out, results, file_path), label="report")
    if not outcome.get("stopped"):  # `idle` comes through the event loop, so it cannot have passed yet
        loop.exec()  # the window stays live; returns once the worker thread has stopped
    runner.wait()

    state = outcome.get("state")
    if state == "failed":
        QMessageBox.critical(parent, "Export report", rich_message(f"The report could not be written.\n\n{outcome['value']}"))
        return None
    if state != "finished":
        return None
    content = outcome["value"]
    if content is None:  # JSON / CSV: written by the worker
        show(1.0, "done")
        return out

    def progress(fraction: float, message: str) -> bool:  # GUI thread: painting the PDF / HTML figures
        show(fraction, message)
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        export(design, fmt, out, results=results, progress=progress, design_file=file_path, content=content)
    except ExportCancelled:
        return None
    except AnodeLabError as exc:
        QMessageBox.critical(parent, "Export report", rich_message(f"The report could not be written.\n\n{exc}"))
        return None
    except Exception as exc:  # a bug of ours: still a message, not a crash of the window
        QMessageBox.critical(parent, "Export report", rich_message(f"Internal error while writing the report:\n{type(exc).__name__}: {exc}"))
        return None
    return out
