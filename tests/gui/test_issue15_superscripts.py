"""Issue 15, defect 7: "mAh cm⁻²" lost its ². Every text a person reads in the window — labels, table
cells and headers, number fields, plot axis titles — is collected on every tab at 1366×768 and 1600×1000
and checked: an areal unit is written with its superscript (never "cm-2", "cm2" or "cm^2"), and a text
holding one is shown whole in the space it gets (or visibly elided with "…" and the whole text in its
tooltip), so that the ² is never cut off silently.
"""

from __future__ import annotations

import re

import pyqtgraph as pg
import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QAbstractSpinBox, QApplication, QHeaderView, QLabel, QTableView

pytest.importorskip("anodelab.simulate")

#: an areal unit spelled without superscripts ("mA cm-2", "mAh cm2", "cm^2"); typed examples in quotes
#: (“2 mA cm-2”: what the user may type) are not units on display
PLAIN = re.compile(r"\bcm(?:-2|\^2|2)\b")
TAGS = re.compile(r"<[^>]+>")


def _plain(text: str) -> str:
    return re.sub(r"“[^”]*”", "", TAGS.sub("", text))


def _fits(fm, text: str, width: float) -> bool:
    return all(fm.horizontalAdvance(line) <= width for line in text.split("\n"))


def user_texts(w) -> list[tuple[str, str, bool, str]]:
    """(where, text, shown whole or visibly elided with the full text at hand, what was checked) of every
    visible text holding 'cm' and a unit exponent."""
    out = []
    for lab in w.findChildren(QLabel):
        if not lab.isVisible() or "cm" not in lab.text():
            continue
        text = _plain(lab.text())
        ok = lab.wordWrap() or _fits(lab.fontMetrics(), text, lab.contentsRect().width() + 1)
        out.append(("label", text, ok, f"{lab.contentsRect().width()} px"))
    for view in w.findChildren(QAbstractItemView):
        if not view.isVisible() or isinstance(view, QHeaderView):  # headers: below, with their table
            continue
        m = view.model()
        fm = view.fontMetrics()
        try:
            cols = m.columnCount(QModelIndex())
        except TypeError:
            cols = 1
        rows = m.rowCount(QModelIndex())
        elide = view.textElideMode() != Qt.TextElideMode.ElideNone
        for r in range(min(rows, 400)):
            for c in range(cols):
                if isinstance(view, QTableView) and (view.isColumnHidden(c) or view.columnSpan(r, c) > 1):
                    continue
                idx = m.index(r, c)
                t = m.data(idx)
                if not isinstance(t, str) or "cm" not in t:
                    continue
                width = view.columnWidth(c) - 6 if isinstance(view, QTableView) else view.viewport().width()
                tip = m.data(idx, Qt.ItemDataRole.ToolTipRole) or ""
                whole = _fits(fm, t, width)
                ok = whole or (elide and bool(re.search(r"cm⁻[¹²³]", _plain(tip))))
                out.append((f"cell {type(view).__name__}[{r},{c}]", t, ok, f"{width} px"))
        if isinstance(view, QTableView):
            for orient, header in ((Qt.Orientation.Horizontal, view.horizontalHeader()),
                                   (Qt.Orientation.Vertical, view.verticalHeader())):
                if not header.isVisible():
                    continue
                hfm = header.fontMetrics()
                n = cols if orient == Qt.Orientation.Horizontal else rows
                for s in range(min(n, 400)):
                    t = m.headerData(s, orient)
                    if not isinstance(t, str) or "cm" not in t:
                        continue
                    width = header.sectionSize(s) if orient == Qt.Orientation.Horizontal else header.width()
                    out.append((f"header {type(view).__name__}", t, _fits(hfm, t, width - 8), f"{width} px"))
    for box in w.findChildren(QAbstractSpinBox):
        if box.isVisible() and "cm" in box.text():
            le = box.lineEdit()
            out.append(("number field", box.text(), _fits(le.fontMetrics(), box.text(), le.width() - 4),
                        f"{le.width()} px"))
    for pw in w.findChildren(pg.PlotWidget):
        if not pw.isVisible():
            continue
        for name, axis in pw.getPlotItem().axes.items():
            a = axis["item"]
            label = a.label.toPlainText()
            if not a.isVisible() or not a.label.isVisible() or "cm" not in label:
                continue
            length = a.label.boundingRect().width()
            room = a.size().height() if a.orientation in ("left", "right") else a.size().width()
            out.append((f"axis {name}", label, length <= room + 1, f"{room:.0f} px"))
    return [(where, t, ok, note) for where, t, ok, note in out if re.search(r"cm(⁻|-|\^|2\b)", _plain(t))]


def check(w, place: str) -> list[str]:
    bad = []
    for where, text, ok, note in user_texts(w):
        plain = _plain(text)
        if PLAIN.search(plain):
            bad.append(f"{place} · {where}: {plain!r} spells the unit without superscripts")
        if re.search(r"cm⁻(?![¹²³])", plain):
            bad.append(f"{place} · {where}: {plain!r} has cm⁻ without its exponent")
        if not ok:
            bad.append(f"{place} · {where}: {plain!r} does not fit ({note}): its end is cut off")
    return bad


@pytest.mark.parametrize("width, height", [(1366, 768), (1600, 1000)])
def test_areal_units_keep_their_superscript_everywhere(qtbot, make_window, width, height):
    w = make_window()
    w.resize(width, height)
    w.pin_current()
    w.editor.use_material("cu-foil")
    QApplication.processEvents()
    bad = []
    for i in range(w.tabs.count()):
        w.tabs.setCurrentIndex(i)
        qtbot.waitUntil(lambda: not w.runner.is_running(), timeout=20000)
        QApplication.processEvents()
        bad += check(w, w.tabs.tabText(i))
    w.measurements_dock.raise_()
    QApplication.processEvents()
    bad += check(w, "Measurements")
    w.score_dock.raise_()
    for i in range(1, w.workspaces.count()):
        w.workspaces.setCurrentIndex(i)
        page = w.workspaces.widget(i)
        if page is w.validation_tab:
            qtbot.waitUntil(lambda: page.report is not None and not page.is_running(), timeout=30000)
        QApplication.processEvents()
        bad += check(w, w.workspaces.tabText(i))
    tab = w.screening_tab
    if tab is not None:  # the result table's columns hold "current density [mA cm⁻²]"
        w.workspaces.setCurrentWidget(tab)
        with qtbot.waitSignal(tab.screenFinished, timeout=60000):
            assert tab.start()
        qtbot.waitUntil(lambda: not tab.is_running(), timeout=60000)
        QApplication.processEvents()
        bad += check(w, "Screening (results)")
    assert not bad, "\n".join(sorted(set(bad)))


def test_a_fitted_ccd_axis_keeps_its_superscript():
    """The CCD-ramp fit (Measurements dock) labelled its axis "Current (mA cm2)" (the unit key with '_' → ' ').
    A synthetic ramp on 1 cm²: ±0.1 … ±0.6 mA steps of 60 s, |V| = J × 20 Ω cm² until 0.5 mA cm⁻², where
    the voltage collapses (a short)."""
    import numpy as np

    from anodelab.data.model import CyclingMeasurement, SourceFile
    from anodelab.fitting.cycling import fit_ccd

    t, i, v = [], [], []
    for k, j_mA in enumerate((0.1, 0.2, 0.3, 0.4, 0.5, 0.6)):
        for sign in (1.0, -1.0):
            tt = np.linspace(0.0, 59.0, 60) + 120.0 * k + (60.0 if sign < 0 else 0.0)
            volt = sign * j_mA * 20.0e-3 * (0.05 if j_mA >= 0.5 else 1.0)  # 20 Ω cm², shorted from 0.5
            t.append(tt)
            i.append(np.full(60, sign * j_mA * 1e-3))
            v.append(np.full(60, volt))
    t, i, v = (np.concatenate(a) for a in (t, i, v))
    m = CyclingMeasurement(time_s=t, current_A=i, voltage_V=v, cycle=np.ones_like(t, dtype=int),
                           step=np.zeros_like(t, dtype=int), source=SourceFile("ramp.csv", "0" * 64, "csv"),
                           area_cm2=1.0, area_origin="user")
    fit = fit_ccd(m)
    assert fit.curve is not None
    assert fit.curve.x_label == "Current (mA cm⁻²)"
    assert not any(PLAIN.search(msg) for msg in fit.messages)


def test_display_units_writes_exponents_and_leaves_numbers_alone():
    from anodelab.formatting import display_units

    assert display_units("estimate: 10 µm × 8.96 g cm-3 = 8.96 mg cm-2 (range 5.4–22.4)") == \
        "estimate: 10 µm × 8.96 g cm⁻³ = 8.96 mg cm⁻² (range 5.4–22.4)"
    assert display_units("30 A m-2, a 1.13 cm2 disc, cm^-2") == "30 A m⁻², a 1.13 cm² disc, cm⁻²"
    for same in ("20-60 mV", "Table-1", "doi:10.1021/acsaem.9b00250", "Na3Zr2Si2PO12", "item-2", "H2O"):
        assert display_units(same) == same


def test_the_report_sources_keep_their_superscripts():
    """The HTML / PDF report's property table printed the library's "1 mA cm-2"; the JSON keeps the text."""
    from anodelab.design import load_design
    from anodelab.paths import examples_dir
    from anodelab.report.content import build_content
    from anodelab.report.html import export

    content = build_content(load_design(examples_dir() / "na_cunw_diglyme.toml"), include_plots=False)
    assert any(PLAIN.search(p.source) for p in content.properties)  # the library writes "cm-2" …
    html = export(content).decode("utf-8")  # the PDF renders the same _sections template
    cells = re.findall(r'<td class="src">(.*?)</td>', html, flags=re.S)
    assert cells and not any(PLAIN.search(_plain(c)) for c in cells)  # … the report shows "cm⁻²"
    assert any("cm⁻²" in c for c in cells)
