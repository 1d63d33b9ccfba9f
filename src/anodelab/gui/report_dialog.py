"""File → Export report…: choose a file and a format, export with a progress dialog, show errors.

The export runs in the GUI thread: the PDF and the plots are painted by Qt widgets (pyqtgraph),
which must live in the GUI thread. The progress callback keeps the dialog responsive and lets the
user cancel between steps.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox, QProgressDialog

from ..errors import AnodeLabError
from ..report import SUFFIX, ExportCancelled, export

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

    def progress(fraction: float, message: str) -> bool:
        dialog.setLabelText(message[:1].upper() + message[1:] + "…")
        dialog.setValue(int(round(100 * min(max(fraction, 0.0), 1.0))))
        QApplication.processEvents()
        return not dialog.wasCanceled()

    try:
        export(design, fmt, out, results=results, progress=progress, design_file=file_path)
    except ExportCancelled:
        return None
    except AnodeLabError as exc:
        QMessageBox.critical(parent, "Export report", f"The report could not be written.\n\n{exc}")
        return None
    except Exception as exc:  # a bug of ours: still a message, not a crash of the window
        QMessageBox.critical(parent, "Export report", f"Internal error while writing the report:\n{type(exc).__name__}: {exc}")
        return None
    finally:
        dialog.close()
        dialog.deleteLater()
    return out
