"""F1 help: where every number comes from – metrics with equations and thresholds, model
parameters with their kind and source, and how the material library carries provenance."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from .. import __version__
from ..metrics import METRICS
from ..physics.parameters import default_parameters
from ..scoring import WARNINGS
from .formatting import display_units

SHORTCUTS = (
    ("Ctrl+N", "new design"), ("Ctrl+O", "open a design file"), ("Ctrl+S", "save"),
    ("Ctrl+Shift+S", "save as"), ("Ctrl+Z", "undo"), ("Ctrl+Shift+Z / Ctrl+Y", "redo"),
    ("Ctrl+P", "pin the current design for comparison"), ("F1", "this help"),
)


def help_html() -> str:
    e = html.escape
    parts = [
        f"<h2>AnodeLab {e(__version__)}</h2>",
        "<p>AnodeLab scores sodium-metal anode designs (host, optional coating, liquid or solid electrolyte, "
        "optional interlayer, operating conditions) with closed-form models from the review "
        "<i>Lu et al., Energy Technol. 2022</i> (equation numbers below refer to it). "
        "Every material value shown in the property inspector carries its source; values you edit are "
        "marked ● and saved in the design file as overrides.</p>",
        "<h3>Metrics</h3><table border='1' cellspacing='0' cellpadding='3'>"
        "<tr><th>Metric</th><th>Unit</th><th>Equation</th><th>Rating</th></tr>",
    ]
    for m in METRICS:
        scope = " (liquid only)" if m.liquid_only else " (solid only)" if m.solid_only else ""
        parts.append(
            f"<tr><td>{e(m.label)}{scope}</td><td>{e(m.unit)}</td><td><code>{e(m.equation)}</code></td>"
            f"<td>{e(m.describe_thresholds())}</td></tr>"
        )
    parts.append("</table><h3>Warnings</h3><ul>")
    parts += [f"<li><b>{e(code)}</b>: {e(msg)}</li>" for _bit, code, msg in WARNINGS]
    parts.append("</ul><h3>Model parameters</h3><p>From <code>resources/model/parameters.toml</code>; "
                 "kind = literature, estimate or calibrated.</p><table border='1' cellspacing='0' cellpadding='3'>"
                 "<tr><th>Parameter</th><th>Value</th><th>Unit</th><th>Kind</th><th>Source</th></tr>")
    try:
        params = default_parameters().entries.values()
    except Exception as exc:  # a broken parameter file must not break the help
        params = []
        parts.append(f"<tr><td colspan='5'>cannot read the parameters: {e(str(exc))}</td></tr>")
    for p in params:
        parts.append(f"<tr><td>{e(p.name)}</td><td>{p.value:g}</td><td>{e(p.unit)}</td><td>{e(p.kind)}</td>"
                     f"<td>{e(display_units(p.source))}</td></tr>")
    parts.append("</table><h3>Keyboard shortcuts</h3><ul>")
    parts += [f"<li><b>{e(k)}</b>: {e(v)}</li>" for k, v in SHORTCUTS]
    parts.append("</ul>")
    return "\n".join(parts)


class HelpDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("AnodeLab help – equations and sources")
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addWidget(self.browser)
        lay.addWidget(buttons)
        self.resize(900, 650)
