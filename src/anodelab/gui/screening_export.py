"""Export from the Screening tab: the visible result rows as CSV and the screening summary report.

Mixed into :class:`anodelab.gui.screening_tab.ScreeningTab`, which provides ``result`` (a ScreenResult or
None), ``model`` (the table model, whose ``view`` is the filtered display order) and ``status`` (a QLabel).
Failures are shown in the status line with the file named, never raised into Qt.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from ..errors import AnodeLabError


class ScreeningExportMixin:
    """CSV of the visible rows and the PDF/HTML/JSON summary of a finished screen."""

    def export_csv(self, path) -> None:
        """Write the visible rows (filter applied, in display order) as CSV."""
        if self.result is None:
            raise AnodeLabError("nothing to export: run a screen first")
        from ..fileio import atomic_write_text

        atomic_write_text(path, self.result.csv_text(rows=self.model.view))

    def export_summary(self, path) -> Path:
        """Write the screening summary report; the format follows the file suffix (.pdf, .html, .json)."""
        if self.result is None:
            raise AnodeLabError("nothing to export: run a screen first")
        from ..report.screen import export_screen_summary

        path = Path(path)
        fmt = path.suffix.lstrip(".").lower() or "pdf"
        if fmt not in ("pdf", "html", "json"):
            raise AnodeLabError(f"unknown report format '.{fmt}' (use .pdf, .html or .json)", field="file name")
        export_screen_summary(self.result.plan.spec, self.result, fmt, path)
        return path

    def _summary_dialog(self):
        path, _ = QFileDialog.getSaveFileName(self, "Export screening summary", "screen-summary.pdf",
                                              "PDF report (*.pdf);;HTML report (*.html);;JSON (*.json)")
        if path:
            try:
                written = self.export_summary(path)
                self.status.setText(f"Summary report written to {written}")
            except (AnodeLabError, OSError) as exc:
                self.status.setText(f"⚠ {exc}")

    def _export_dialog(self):
        path, _ = QFileDialog.getSaveFileName(self, "Export screening results", "screen.csv", "CSV (*.csv)")
        if path:
            try:
                self.export_csv(path)
                self.status.setText(f"Exported {len(self.model.view)} rows to {path}")
            except (AnodeLabError, OSError) as exc:
                self.status.setText(f"⚠ {exc}")
