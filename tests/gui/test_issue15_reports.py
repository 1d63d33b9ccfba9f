"""Issue 15, defect 10: reports name a design file only when it holds what the report shows, keep
headings with their text, and caption plots in words."""

from __future__ import annotations

import re

import pytest

from anodelab.design import load_design
from anodelab.paths import examples_dir


def test_a_never_saved_design_is_not_called_a_design_file(qtbot, window, monkeypatch):
    from anodelab.gui import report_dialog

    seen = []
    monkeypatch.setattr(report_dialog, "export_report_interactive",
                        lambda parent, design, file_path=None, **k: seen.append(file_path))
    window.open_file(examples_dir() / "na_nzsp.toml")  # an untitled copy of a shipped example
    window.export_report()
    assert seen[-1] is None


def test_a_modified_design_is_not_reported_as_its_file(qtbot, window, monkeypatch, tmp_path):
    from anodelab.design import save_design
    from anodelab.gui import report_dialog

    seen = []
    monkeypatch.setattr(report_dialog, "export_report_interactive",
                        lambda parent, design, file_path=None, **k: seen.append(file_path))
    save_design(load_design(examples_dir() / "na_nzsp.toml"), tmp_path / "mine.toml")
    window.open_file(tmp_path / "mine.toml")
    window.export_report()
    assert seen[-1] == tmp_path / "mine.toml"
    window.editor.conditions.boxes["cycles"].setValue(7)
    window.export_report()
    assert seen[-1] is None


@pytest.mark.parametrize("example", ["na_cunw_diglyme.toml", "na_nzsp.toml"])
def test_pdf_headings_are_not_stranded_at_a_page_foot(qtbot, example):
    from PySide6.QtGui import QPdfWriter
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    from anodelab.report import pdf
    from anodelab.report.content import build_content

    content = build_content(load_design(examples_dir() / example), include_plots=False)
    buf = QBuffer(QByteArray())
    buf.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buf)
    writer.setResolution(pdf.DPI)
    tpl = pdf.environment().get_template("design_pdf.html.j2")
    for part in ("main", "appendix"):
        doc = pdf._document(tpl.render(c=content, part=part), writer)
        assert pdf._stranded_heading(doc, set()) is None
    # and a synthetic document with headings at every height of a page
    html = "".join(f"<h2>Heading {k}</h2>" + "<p>text line</p>" * (k % 7 + 3) for k in range(60))
    doc = pdf._document(html, writer)
    assert pdf._stranded_heading(doc, set()) is None and doc.pageCount() > 3


def test_plot_captions_use_words_not_keys():
    from anodelab.report.event_labels import event_text

    assert event_text("average_ce", 0.9955) == "mean CE = 99.55 %"
    assert event_text("failure_cause", "none") == ""
    assert event_text("engine_ccd_mA_cm2", 1.5) == "engine CCD at the ramp's half-cycle time (the card's is at the design's J and Q) = 1.5 mA cm⁻²"


def test_report_captions_have_no_raw_event_keys(qtbot):
    from anodelab.report.content import build_content

    c = build_content(load_design(examples_dir() / "na_cunw_diglyme.toml"), include_plots=True)
    for p in c.plots:
        text = p.events_text()
        assert not re.search(r"\b[a-z]+_[a-z0-9_]+\b", text), text


def test_symmetric_notes_name_the_short_of_the_lifetime_model():
    """Na | NZSP below its CCD shorts by voids: the Cycling notes say so instead of a generic "dendrite growth"."""
    from anodelab.design import load_design
    from anodelab.gui.plot_data import _symmetric_words
    from anodelab.simulate import simulate
    from tests.conftest import EXAMPLES

    # 0.3 mA cm-2: below the example's 0 MPa CCD (0.47 mA cm-2 after the pressure-profiled refit), so the
    # short comes from the void model (~269 h) rather than from running above the CCD (the example's 0.5).
    design = load_design(EXAMPLES / "na_nzsp.toml").with_conditions(current_density_mA_cm2=0.3)
    prof = simulate(design, "symmetric", cycles=200, points_per_half_cycle=10)
    words = _symmetric_words(prof, 0)
    assert words.startswith("hard short after") and "voids at the stripping interface" in words
    assert "lifetime model's earliest short" in words
