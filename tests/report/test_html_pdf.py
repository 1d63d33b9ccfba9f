"""HTML parses and embeds its images; the PDF carries the design, every score-card value, the references
and vector figures. The PDF pages are rendered to PNG in test-output/ for a person to look at."""

from __future__ import annotations

import re
import subprocess
import zlib
from html.parser import HTMLParser
from xml.etree import ElementTree

import pytest

from anodelab.report import export
from anodelab.report.content import build_content



class _Collector(HTMLParser):
    VOID = {"meta", "br", "img", "hr", "link", "input", "col"}

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: dict[str, int] = {}
        self.sources: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        a = dict(attrs)
        for key in ("src", "href"):
            if key in a and tag in ("img", "script", "link", "image", "use"):
                self.sources.append(a[key])
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def test_html_parses_and_is_self_contained(solid_design, qapp, output_dir):
    data = export(solid_design, "html", output_dir / "report_nasn.html", design_file="nasn_nzsp.toml")
    html = data.decode("utf-8")
    p = _Collector()
    p.feed(html)
    p.close()
    assert not p.errors, p.errors[:5]
    assert p.stack == []
    # every image is embedded: inline <svg> or data: URIs, nothing fetched from a path or the web
    assert p.tags.get("svg", 0) >= 1
    assert all(s.startswith("data:") for s in p.sources), p.sources
    text = re.sub(r"\s+", " ", "".join(p.text))
    assert solid_design.name in text
    c = build_content(solid_design, include_plots=False)
    for m in c.metrics:
        assert m.label in text and m.text in text
    assert "Critical current density" in text  # solid-only metric shown for a solid electrolyte
    # each inline SVG is well-formed XML
    for svg in re.findall(r"<svg.*?</svg>", html, flags=re.S):
        ElementTree.fromstring(svg)


def _streams(pdf: bytes) -> list[bytes]:
    out = []
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, flags=re.S):
        try:
            out.append(zlib.decompress(m.group(1)))
        except zlib.error:
            out.append(m.group(1))
    return out


@pytest.mark.parametrize("name, fixture", [("cunw", "liquid_design"), ("nasn", "solid_design")])
def test_pdf_content_figures_and_pages(name, fixture, request, qapp, output_dir, pdf_text):
    design = request.getfixturevalue(fixture)
    path = output_dir / f"report_{name}.pdf"
    data = export(design, "pdf", path, design_file=f"{name}.toml")
    assert data.startswith(b"%PDF-")
    text = pdf_text(path)
    assert design.name in text
    assert design.content_hash() in text
    c = build_content(design)
    for m in c.metrics:  # every metric shown on the score card, next to its value
        assert f"{m.label} {m.text}" in text, m.label
    squeezed = re.sub(r"\s+", "", text)  # pdftotext breaks "Y. Li" after a kerned "Y"
    for label, citation, _doi in c.references:
        assert re.sub(r"\s+", "", citation) in squeezed, label
    for rec in c.literature:
        assert rec.record_id in text
    # figure pages: the stack drawing is vector (its labels are text) …
    assert "Figure 1. Cross-section of the cell stack" in text
    for layer in c.layers:
        assert layer.name in text
    # … and painted as paths: the figure page's content stream fills rectangles/paths
    ops = b"".join(_streams(data))
    assert ops.count(b" re\n") + ops.count(b" l\n") > 20
    pages = int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout).group(1))
    assert f"page {pages} of {pages}" in text
    # the simulated plots: all protocols that apply, each with its caption and text (vector) axis labels
    expected = ["deposition", "symmetric", "eis", "arrhenius"] + (
        ["ccd", "ccd_vs_temperature_C", "ccd_vs_stack_pressure_MPa", "asr_vs_temperature_C", "asr_vs_stack_pressure_MPa"]
        if c.electrolyte_kind == "solid" else [])
    assert sorted(p.protocol for p in c.plots) == sorted(expected)
    for i, p in enumerate(c.plots):
        assert f"Figure {i + 2}. {p.title}" in text
        assert p.x_label in text and p.y_label in text
    # every figure is vector: no raster image object anywhere in the PDF
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2, images  # the two header lines only
    # PNG pages for a human to inspect
    for old in output_dir.glob(f"report_{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "70", "-png", str(path), str(output_dir / f"report_{name}")], check=True)
    assert len(list(output_dir.glob(f"report_{name}-*.png"))) == pages


def test_pdf_captions_are_whole_and_units_follow_values(examples_dir, qapp, output_dir, pdf_text):
    """Na | NCBB lists eight literature points under its CCD(T) figure: eight lines of 8 pt, more than the five a
    caption box held (its legend, the caption's last words, was cut off). Every caption is printed whole, and a
    figure event written as words has its unit after the value ("operating point = 25 °C")."""
    from anodelab.design import Layer, load_design
    from anodelab.report.event_labels import event_text

    design = load_design(examples_dir / "na_nzsp.toml").with_layer("electrolyte", Layer("ncbb"))
    path = output_dir / "report_ncbb.pdf"
    export(design, "pdf", path, design_file="ncbb.toml")
    text = pdf_text(path)
    c = build_content(design)
    ccd_t = next(p for p in c.plots if p.protocol == "ccd_vs_temperature_C")
    assert len(ccd_t.marks["measured"]) >= 8
    tail = re.sub(r"\s+", " ", ccd_t.events["legend"])[-40:]  # the caption's last words
    assert tail in text
    # the layout reserves the caption's wrapped height (the text of a clipped caption is still in the file, so the
    # room is checked on the layout): more than the fixed five-line box, and the next figure starts below it
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QPdfWriter

    from anodelab.report import pdf

    buf = QBuffer(QByteArray())
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(pdf.DPI)
    height = pdf.caption_height_function(writer)
    pages = pdf._paginate(pdf._figures(c), height)
    entry = next(e for page in pages for e in page if "CCD against temperature" in e[3])
    assert height(entry[3]) + 6 > pdf.CAPTION_H and entry[4] >= height(entry[3]) + 6
    for page in pages:
        assert sum(h + cap + pdf.FIGURE_GAP for _k, _p, h, _c, cap in page) <= pdf.CONTENT_H + pdf.FIGURE_GAP
    assert "operating point = 25 °C" in text and "operating point °C" not in text
    assert event_text("operating_ccd_mA_cm2", 0.5) == "CCD at the operating point = 0.5 mA cm⁻²"
    assert event_text("operating_stack_pressure_MPa", 2.0) == "operating point = 2 MPa"
    assert event_text("ccd_activation_fit_range_C", "25–80") == "activation fitted over = 25–80 °C"
    assert event_text("measured_ccd_mA_cm2", "x") == "measured on the same electrolyte (CCD in mA cm⁻²) = x"
