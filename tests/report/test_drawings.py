"""Stack drawing (pure SVG) and the plot renderer (pyqtgraph → SVG / PNG / vector PDF)."""

from __future__ import annotations

import re
import subprocess
from xml.etree import ElementTree

import numpy as np
import pytest

from anodelab.errors import AnodeLabError
from anodelab.report.content import LayerInfo, PlotData
from anodelab.report.stack_drawing import stack_svg


LAYERS = [
    LayerInfo("host", "na-foil", "Na foil", "host", 500e-6, "500 µm"),
    LayerInfo("coating", "x", "Thin coating", "coating", 5e-9, "5 nm"),
    LayerInfo("electrolyte", "nzsp", "NZSP", "solid_electrolyte", 800e-6, "800 µm"),
]


def _band_heights(svg: str) -> list[float]:
    root = ElementTree.fromstring(svg)
    rects = [r for r in root.iter("{http://www.w3.org/2000/svg}rect")][1:]  # [0] is the background
    return [float(r.get("height")) for r in rects]


def test_log_stack_keeps_thin_layers_visible_and_ordered():
    svg = stack_svg(LAYERS, scale="log", stack_height=260)
    h_el, h_coat, h_host = _band_heights(svg)  # drawn electrolyte on top → host at the bottom
    assert h_el + h_coat + h_host == pytest.approx(260, abs=1e-6)
    # heights ∝ log10(t / 0.1 nm) + 0.5: 5 nm → 2.199, 500 µm → 7.199, 800 µm → 7.403
    assert h_coat / h_host == pytest.approx((np.log10(50) + 0.5) / (np.log10(5e6) + 0.5), rel=1e-3)
    assert h_el > h_host > h_coat > 20
    assert "5 nm" in svg and "800 µm" in svg and "log scale" in svg


def test_linear_stack_is_to_scale_with_a_minimum_band():
    svg = stack_svg(LAYERS, scale="linear", stack_height=260)
    h_el, h_coat, h_host = _band_heights(svg)
    assert h_coat == pytest.approx(2.0)
    assert h_el / h_host == pytest.approx(800 / 500, rel=1e-3)


def test_bad_scale_names_the_option():
    with pytest.raises(AnodeLabError, match="scale.*log, linear"):
        stack_svg(LAYERS, scale="broken")


def _plot(protocol="deposition", log_y=False):
    t = np.linspace(0.0, 600.0, 121)
    # an analytic test curve for the renderer only (not a simulated profile)
    return PlotData(protocol, "test curve", t.tolist(), (20.0 + 15.0 * np.exp(-t / 30.0)).tolist(),
                    "Time / s", "Voltage / mV", log_y=log_y)


def test_plot_svg_is_xml_with_axis_labels(qapp):
    from anodelab.report.plots import plot_svg

    svg = plot_svg(_plot())
    root = ElementTree.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "Voltage / mV" in svg and "Time / s" in svg


def test_plot_png(qapp):
    from anodelab.report.plots import plot_png

    png = plot_png(_plot("arrhenius", log_y=True), 400, 300)
    assert png.startswith(b"\x89PNG")


def test_plot_with_too_few_points_is_a_user_error(qapp):
    from anodelab.report.plots import make_plot_widget

    with pytest.raises(AnodeLabError, match="eis"):
        make_plot_widget(PlotData("eis", "x", [1.0], [2.0], "a", "b"))


def test_plot_rendered_into_pdf_is_vector(qapp, tmp_path, pdf_text):
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPdfWriter

    from anodelab.report.plots import render_plot

    path = tmp_path / "plot.pdf"
    writer = QPdfWriter(str(path))
    writer.setResolution(96)
    painter = QPainter(writer)
    render_plot(painter, QRectF(50, 50, 600, 360), _plot())
    painter.end()
    text = pdf_text(path)
    assert "Voltage / mV" in text and "Time / s" in text  # axis labels are text, not pixels
    images = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout
    assert len(images.strip().splitlines()) == 2  # no raster image at all
    assert re.search(r"\b600\b", text)  # tick labels are text too
