"""Export of a plot panel: long-format CSV of every curve, PNG and SVG through pyqtgraph's exporters.

Mixed into :class:`anodelab.gui.plots.PlotPanel`, which provides ``data`` (a PlotData), ``plot``, ``key``,
``title``, ``message`` and the ``exported`` signal. A write that fails names the file; nothing is half written
(CSV goes through :func:`anodelab.fileio.atomic_write_text`).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
from PySide6.QtWidgets import QFileDialog

from ..errors import AnodeLabError
from ..fileio import atomic_write_text


class PlotExportMixin:
    """CSV / PNG / SVG export of the panel's current plot."""

    def csv_text(self) -> str:
        """Long-format CSV: design, x [unit], y [unit] – one row per point of every curve."""
        if self.data is None:
            raise AnodeLabError(f"nothing to export: {self.message or 'no data'}")
        d = self.data
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["design", f"{d.x_label} [{d.x_unit}]", f"{d.y_label} [{d.y_unit}]"])
        for c in d.curves:
            for x, y in zip(np.asarray(c.x, float), np.asarray(c.y, float)):
                if np.isfinite(x) and np.isfinite(y):
                    w.writerow([c.name, repr(float(x)), repr(float(y))])
        return buf.getvalue()

    def export(self, path: str | Path, fmt_: str | None = None) -> Path:
        """Export the plot to PNG / SVG / CSV (chosen by ``fmt_`` or the file suffix)."""
        import pyqtgraph.exporters as pgexp

        path = Path(path)
        fmt_ = (fmt_ or path.suffix.lstrip(".")).lower()
        if self.data is None:
            raise AnodeLabError(f"nothing to export: {self.message or 'no data'}", file=str(path))
        try:
            if fmt_ == "csv":
                atomic_write_text(path, self.csv_text())
            elif fmt_ == "png":
                ex = pgexp.ImageExporter(self.plot.getPlotItem())
                ex.parameters()["width"] = max(1200, self.plot.width())
                ex.export(str(path))
            elif fmt_ == "svg":
                pgexp.SVGExporter(self.plot.getPlotItem()).export(str(path))
            else:
                raise AnodeLabError("unknown export format (png, svg or csv)", file=str(path))
        except OSError as exc:
            raise AnodeLabError(f"cannot write ({exc.strerror or exc})", file=str(path)) from None
        self.exported.emit(str(path))
        return path

    def export_interactive(self, fmt_: str) -> None:
        filters = {"png": "PNG image (*.png)", "svg": "SVG vector image (*.svg)", "csv": "CSV table (*.csv)"}
        path, _ = QFileDialog.getSaveFileName(self, f"Export {self.title}", f"{self.key}.{fmt_}", filters[fmt_])
        if not path:
            return
        if not path.lower().endswith("." + fmt_):
            path += "." + fmt_
        try:
            self.export(path, fmt_)
        except AnodeLabError as exc:
            from .editing import show_error

            show_error(self, "Export failed", exc)


