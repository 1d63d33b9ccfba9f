"""Display helpers shared by the widgets: units from property names, numbers, rating colours.

The unit and number formats are the engine's (:mod:`anodelab.formatting`), so the GUI, the CLI and
the reports write a value the same way. No Qt here so the helpers are testable without a QApplication.
"""

from __future__ import annotations

from ..formatting import display_units, fmt_number, label_of, unit_of  # noqa: F401

#: Background colours of the ratings (light, readable with black text).
RATING_COLOURS = {"good": "#c8ecc9", "warn": "#fbe7a6", "bad": "#f6c1bd", "": ""}

def fmt(value, digits: int = 4) -> str:
    """A number as the widgets show it: the engine's format, with '—' for a missing value. Whole numbers
    below 10⁵ keep their digits ("1000 µm", not "1.00e+03 µm" at 3 significant digits)."""
    import math

    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        if 10**digits <= abs(value) < 1e5:
            digits = len(str(int(abs(value))))
    return fmt_number(value, digits, missing="—")

