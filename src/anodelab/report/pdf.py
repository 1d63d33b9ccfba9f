"""PDF design report with Qt's own PDF writer (no browser).

Layout: the text (Jinja2 HTML laid out by ``QTextDocument``) is painted page by page into a
``QPdfWriter`` at 96 dpi, then the figure pages — the stack drawing (``QSvgRenderer``) and the
pyqtgraph plots (``scene.render``) — are painted straight into the same writer, so every figure is
vector graphics (at 96 dpi pyqtgraph scales correctly, see PLATFORM-NOTES), then the appendix
(input properties, model parameters, references). Each page has a footer with the design hash
and the page number.
"""

from __future__ import annotations

import re

from .content import ReportContent
from .html import css, environment
from .stack_drawing import cell_stack_svg, stack_svg

DPI = 96
PAGE_W, PAGE_H = 794, 1123  # A4 at 96 dpi
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = 56, 52, 64
CONTENT_W = PAGE_W - 2 * MARGIN_X
CONTENT_H = PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
CAPTION_H = 66  # the least room under a figure for its caption (five lines of 8 pt); a longer caption gets its height
FIGURE_GAP = 18


def _font(points: float, bold: bool = False):
    """DejaVu Sans without ligatures: 'ﬀ' in 'Effective' would break copy and search in the PDF."""
    from PySide6.QtGui import QFont

    font = QFont("DejaVu Sans")
    font.setPointSizeF(points)
    font.setBold(bold)
    for tag in ("liga", "clig", "dlig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def _document(html: str, writer):
    from PySide6.QtCore import QSizeF
    from PySide6.QtGui import QTextDocument

    def build(text: str):
        doc = QTextDocument()
        doc.documentLayout().setPaintDevice(writer)
        doc.setDefaultFont(_font(9))
        doc.setDefaultStyleSheet(css())
        doc.setDocumentMargin(0)
        doc.setHtml(text)
        doc.setPageSize(QSizeF(CONTENT_W, CONTENT_H))
        return doc

    # QTextDocument has no keep-with-next: a heading with less room below it than itself plus three
    # lines of text (a "Model assumptions" heading stranded at a page foot) starts the next page instead
    moved: set[int] = set()
    doc = build(html)
    for _round in range(40):
        k = _stranded_heading(doc, moved)
        if k is None:
            break
        moved.add(k)
        doc = build(_break_before_headings(html, moved))
    return doc


_HEADING_TAG = re.compile(r"<h([1-6])(?=[\s>])")


def _stranded_heading(doc, moved: set[int], lines_after: int = 3) -> int | None:
    """Index (in document order) of the first heading too close to a page foot, or None."""
    line = doc.defaultFont().pointSizeF() * DPI / 72.0 * 1.4
    layout = doc.documentLayout()
    block, k = doc.begin(), -1
    while block.isValid():
        if block.blockFormat().headingLevel() > 0:
            k += 1
            rect = layout.blockBoundingRect(block)
            room = (int(rect.top() // CONTENT_H) + 1) * CONTENT_H - rect.top()
            if k not in moved and rect.top() % CONTENT_H > 1.0 and room < rect.height() + lines_after * line:
                return k
        block = block.next()
    return None


def _break_before_headings(html: str, indices: set[int]) -> str:
    """``html`` with ``page-break-before: always`` on the headings number ``indices`` (document order)."""
    count = [-1]

    def sub(m):
        count[0] += 1
        return m.group(0) + (' style="page-break-before: always"' if count[0] in indices else "")

    return _HEADING_TAG.sub(sub, html)


def _figures(content: ReportContent) -> list[tuple[str, object, int, str]]:
    """(kind, payload, height, caption) for every figure, in order."""
    figs = [
        (
            "svg",
            stack_svg(content.layers, title="Cell stack (per electrode)", width=CONTENT_W, stack_height=250),
            0,
            "Figure 1. Cross-section of the cell stack (one electrode side), electrolyte on top.",
        )
    ]
    if content.cell_layers:  # a full cell (anodelab.cell): its repeat unit to scale
        figs[0] = ("svg", cell_stack_svg(content.cell_layers, width=CONTENT_W, stack_height=250), 0,
                   "Figure 1. The cell's repeat unit to scale (charged state), Al collector on top.")
    for i, p in enumerate(content.plots):
        caption = f"Figure {i + 2}. {p.title} (anodelab.simulate, protocol \"{p.protocol}\")."
        if p.decimated:  # before the events: a long events line is what the caption box may clip
            caption += f" Drawn from {len(p.x):,} of {p.points_total:,} points (min/max envelope)."
        if p.events:
            caption += f" Events: {p.events_text()}."
        figs.append(("plot", p, 360, caption))
    return figs


def _svg_height(svg: str) -> int:
    import re

    m = re.search(r'height="(\d+)"', svg)
    return int(m.group(1)) if m else 300


def caption_height_function(writer):
    """height(caption) [px at :data:`DPI`] of a figure caption wrapped to the content width in the 8 pt caption
    font on ``writer`` (the PDF's paint device)."""
    from PySide6.QtCore import QRectF, Qt
    from PySide6.QtGui import QFontMetricsF

    metrics = QFontMetricsF(_font(8), writer)
    flags = int(Qt.AlignmentFlag.AlignLeft) | int(Qt.TextFlag.TextWordWrap)

    def height(text: str) -> float:
        return metrics.boundingRect(QRectF(0, 0, CONTENT_W, 10 * PAGE_H), flags, text).height()

    return height


def _paginate(figs, caption_height=None) -> list[list[tuple[str, object, int, str, float]]]:
    """Figures to pages: [(kind, payload, height, caption, caption height)] per page. ``caption_height(caption)`` is
    the wrapped caption's height [px at :data:`DPI`] (default :data:`CAPTION_H`); a caption is never clipped: the
    CCD(T) figure of a solid design lists every literature point and needs eight lines."""
    pages, page, used = [], [], 32  # 32: the "Figures" heading
    for kind, payload, h, caption in figs:
        if kind == "svg":
            h = _svg_height(payload)
        cap_h = max(CAPTION_H, caption_height(caption) + 6) if caption_height else CAPTION_H
        need = h + cap_h + FIGURE_GAP
        if page and used + need > CONTENT_H:
            pages.append(page)
            page, used = [], 0
        page.append((kind, payload, h, caption, cap_h))
        used += need
    if page:
        pages.append(page)
    return pages


def export(content: ReportContent, path=None, *, progress=None) -> bytes:
    tpl = environment().get_template("design_pdf.html.j2")
    sections = [
        ("html", tpl.render(c=content, part="main")),
        ("figures", _figures(content)),
        ("html", tpl.render(c=content, part="appendix")),
    ]
    footer = f"AnodeLab {content.version} · {content.design_name} · design hash {content.design_hash}"
    return write_pdf(sections, title=content.title, creator=f"AnodeLab {content.version}", footer=footer,
                     progress=progress)


def write_pdf(sections, *, title: str, creator: str, footer: str, progress=None) -> bytes:
    """Paint ``sections`` — ``("html", text)`` laid out by QTextDocument, or ``("figures", figs)`` with
    ``figs`` = [(kind "svg" | "plot", payload, height, caption)] painted as vector — into one A4 PDF."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QRectF, Qt
    from PySide6.QtGui import QColor, QPageLayout, QPageSize, QPainter, QPdfWriter, QPen
    from PySide6.QtSvg import QSvgRenderer

    from ..errors import AnodeLabError
    from . import plots as plotting

    plotting.ensure_qapp()
    data = QByteArray()
    buf = QBuffer(data)
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF(0, 0, 0, 0))
    )
    writer.setTitle(title)
    writer.setCreator(creator)

    caption_font = _font(8)
    caption_height = caption_height_function(writer)
    laid_out = []
    for kind, payload in sections:
        if kind == "html":
            doc = _document(payload, writer)
            laid_out.append(("html", doc, doc.pageCount()))
        else:
            pages = _paginate(payload, caption_height)
            laid_out.append(("figures", pages, len(pages)))
    total = sum(n for _k, _p, n in laid_out)

    painter = QPainter()
    if not painter.begin(writer):
        raise AnodeLabError("Qt could not start the PDF writer", field="format")
    page_no = 0
    footer_font = _font(7)
    heading_font = _font(12, bold=True)

    def draw_footer():
        painter.save()
        painter.setFont(footer_font)
        painter.setPen(QColor("#555555"))
        y = PAGE_H - MARGIN_BOTTOM + 22
        painter.drawLine(MARGIN_X, y - 6, PAGE_W - MARGIN_X, y - 6)
        painter.drawText(QRectF(MARGIN_X, y, CONTENT_W * 0.8, 16), Qt.AlignmentFlag.AlignLeft, footer)
        painter.drawText(QRectF(MARGIN_X, y, CONTENT_W, 16), Qt.AlignmentFlag.AlignRight, f"page {page_no} of {total}")
        painter.restore()

    def new_page():
        nonlocal page_no
        if page_no > 0:
            writer.newPage()
        page_no += 1

    def draw_document(doc):
        for i in range(doc.pageCount()):
            new_page()
            painter.save()
            painter.translate(MARGIN_X, MARGIN_TOP - i * CONTENT_H)
            doc.drawContents(painter, QRectF(0, i * CONTENT_H, CONTENT_W, CONTENT_H))
            painter.restore()
            draw_footer()

    def draw_figures(fig_pages):
        n_figs = sum(len(p) for p in fig_pages)
        done = 0
        for k, page in enumerate(fig_pages):
            new_page()
            y = MARGIN_TOP
            if k == 0:
                painter.setFont(heading_font)
                painter.setPen(QColor("#1f3a60"))
                painter.drawText(QRectF(MARGIN_X, y, CONTENT_W, 24), Qt.AlignmentFlag.AlignLeft, "Figures")
                y += 32
            for kind, payload, h, caption, cap_h in page:
                if progress:
                    progress(0.6 + 0.35 * done / max(n_figs, 1), f"drawing figure {done + 1} of {n_figs}")
                rect = QRectF(MARGIN_X, y, CONTENT_W, h)
                if kind == "svg":
                    QSvgRenderer(payload.encode("utf-8")).render(painter, rect)
                else:
                    plotting.render_plot(painter, rect, payload)
                painter.setPen(QPen(QColor("#333333")))
                painter.setFont(caption_font)
                painter.drawText(
                    QRectF(MARGIN_X, y + h + 4, CONTENT_W, cap_h - 4),
                    Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
                    caption,
                )
                y += h + cap_h + FIGURE_GAP
                done += 1
            draw_footer()

    try:
        if progress:
            progress(0.55, "laying out the PDF text")
        for kind, payload, _n in laid_out:
            if kind == "html":
                draw_document(payload)
            else:
                draw_figures(payload)
    finally:
        painter.end()
    buf.close()
    return bytes(data.data())
