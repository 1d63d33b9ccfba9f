"""Help → Getting started: one design, one screen and one report, step by step."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

GETTING_STARTED_HTML = """
<h2>Getting started with AnodeLab</h2>
<p>AnodeLab scores a sodium-metal anode, a stack of <b>host</b>, optional <b>coating</b>, <b>electrolyte</b>
(liquid or solid) and, on a solid electrolyte, an optional <b>interlayer</b>, at your operating conditions.
Every number comes from an equation of Lu et al., Energy Technol. 2022 (F1 lists them) and every material
value carries its source.</p>

<h3>1. One design (workspace <i>Design</i>)</h3>
<ol>
<li>The window opens on an untitled copy of the Cu-nanowire example; examples are never overwritten.</li>
<li><b>Choose materials:</b> double-click a material in the <i>Library</i> list (or drag it onto a slot of the
cell stack). Try <i>NZSP</i> for a solid electrolyte. The design's name follows its layers
(“Na on CuNW-Cu | NZSP”) until you type a name of your own in <i>Name</i>.</li>
<li><b>Set the conditions:</b> type into the fields of <i>Operating conditions</i>; units are accepted
(“2 mA cm-2”, “60 °C”, “333 K”). A value that cannot be stored is refused: the field turns red and the
status bar says why.</li>
<li><b>Read the score card</b> (right): each metric is rated good / warn / bad; hover over a row for its
equation. The plot tabs show the same numbers as curves: the deposition transient, symmetric cycling (use
<i>First 3 cycles</i> to zoom in), the CCD ramp, the Nyquist plot, the Arrhenius plot, the Coulombic
efficiency and the nucleation barrier ΔG(r).</li>
<li><b>Compare:</b> <i>Pin for comparison</i> (Ctrl+P) keeps the current design; change it and both appear in
every plot and in the <i>Compare</i> tab. Ctrl+Z undoes one edit at a time.</li>
<li><b>Save</b> (Ctrl+S) asks where the first time, in your own folder.</li>
</ol>

<h3>2. One screen (workspace <i>Screening</i>)</h3>
<ol>
<li>Tick candidate materials for each slot and give each condition a low / high value and a number of points.</li>
<li>Add constraints with the <i>Add</i> row (metric, operator, bound), e.g. “Total ASR ≤ 40”.</li>
<li>Choose what to rank by, press <i>Run screen</i>; the table and the Pareto plot fill as it runs
(Cancel keeps the partial result).</li>
<li>Double-click a row (or a point) to load that design into the Design workspace.</li>
</ol>

<h3>3. One report</h3>
<ol>
<li>In the Design workspace, <i>File → Export report…</i> writes the design, its score card, the plots and
the model's assumptions with sources as PDF, HTML or JSON.</li>
<li><i>Export summary…</i> in the Screening workspace writes the screen's definition, its best designs and
the Pareto plot.</li>
</ol>
<p>The <i>Validation</i> workspace compares the engine with the measured values of the review's Tables 1–2.</p>
"""


class GettingStartedDialog(QDialog):
    """A non-modal page with the walk-through above."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Getting started with AnodeLab")
        self.resize(720, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(GETTING_STARTED_HTML)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
