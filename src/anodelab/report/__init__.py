"""Design reports: PDF, HTML, JSON and CSV from one gathered :class:`~.content.ReportContent`.

    from anodelab.report import export
    pdf = export(design, "pdf")                      # bytes, nothing written
    export(design, "html", "report.html")            # also written atomically to the path

Qt is only imported by the PDF exporter and by the plot rendering (HTML plots), so JSON and CSV
work without Qt. ``progress(fraction, message)`` is called as work proceeds; if it returns
``False`` the export stops with :class:`ExportCancelled`.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import AnodeLabError

FORMATS = ("pdf", "html", "json", "csv")
SUFFIX = {"pdf": ".pdf", "html": ".html", "json": ".json", "csv": ".csv"}
#: formats whose content includes the simulated plots
PLOTTED = ("pdf", "html", "json")


class ExportCancelled(AnodeLabError):
    """The user cancelled the export from the progress dialog."""


def check_format(fmt) -> str:
    f = str(fmt).lower().lstrip(".") if isinstance(fmt, str) else fmt
    if f not in FORMATS:
        raise AnodeLabError(f"unknown report format {fmt!r}; allowed: {', '.join(FORMATS)}", field="format")
    return f


def _guarded(progress):
    if progress is None:
        return None

    def report(fraction: float, message: str) -> None:
        if progress(float(fraction), message) is False:
            raise ExportCancelled("report export cancelled", field="progress")

    return report


def export(design, fmt: str, path=None, *, results=None, progress=None, design_file=None, content=None) -> bytes:
    """Render the design report as ``fmt`` and return its bytes; write them to ``path`` if given.

    ``results``: a :class:`~anodelab.scoring.ScoreResult` of ``design`` (scored here if None).
    ``design_file``: the design's file name shown in the header. ``content``: a pre-built
    :class:`~.content.ReportContent` (to export several formats from one gathering).
    """
    from .content import build_content

    fmt = check_format(fmt)
    report = _guarded(progress)
    if content is None:
        content = build_content(
            design, results, design_file=design_file, include_plots=fmt in PLOTTED, progress=report
        )
    if fmt == "pdf":
        from .pdf import export as run
    elif fmt == "html":
        from .html import export as run
    elif fmt == "json":
        from .json_export import export as run
    else:
        from .csv_export import export as run
    data = run(content, path, progress=report) if fmt in ("pdf", "html") else run(content, path)
    if path is not None:
        from ..fileio import atomic_write_bytes

        try:
            atomic_write_bytes(Path(path), data)
        except OSError as exc:
            raise AnodeLabError(f"cannot write the report ({exc.strerror or exc})", file=str(path)) from None
        except AnodeLabError as exc:  # e.g. the folder does not exist
            raise AnodeLabError(f"cannot write the report ({exc.detail})", file=str(path)) from None
    if report:
        report(1.0, "done")
    return data

