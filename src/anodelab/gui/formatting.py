"""Display helpers shared by the widgets: units from property names, numbers, rating colours.

No Qt here so the helpers are testable without a QApplication.
"""

from __future__ import annotations

import math

from ..units import unit_suffix

#: Display form of every unit suffix used in property and condition names.
SUFFIX_DISPLAY = {
    "mA_cm2": "mA cm⁻²",
    "mAh_cm2": "mAh cm⁻²",
    "mAh_g": "mAh g⁻¹",
    "ohm_cm2": "Ω cm²",
    "mV": "mV",
    "um": "µm",
    "nm": "nm",
    "mg_cm2": "mg cm⁻²",
    "mS_cm": "mS cm⁻¹",
    "cm2_s": "cm² s⁻¹",
    "mol_L": "mol L⁻¹",
    "J_m2": "J m⁻²",
    "GPa": "GPa",
    "MPa": "MPa",
    "MPa_m05": "MPa m½",
    "eV": "eV",
    "deg": "°",
    "umol_cm2": "µmol cm⁻²",
    "h": "h",
    "s": "s",
}
_EXTRA = {"temperature_C": "°C", "reference_temperature_C": "°C", "cycles": "cycles"}

#: Background colours of the ratings (light, readable with black text).
RATING_COLOURS = {"good": "#c8ecc9", "warn": "#fbe7a6", "bad": "#f6c1bd", "": ""}


def unit_of(name: str) -> str:
    """Display unit of a property/condition name from its suffix ('' for dimensionless)."""
    if name in _EXTRA:
        return _EXTRA[name]
    if name.endswith("_C"):
        return "°C"
    suffix = unit_suffix(name)
    return SUFFIX_DISPLAY.get(suffix, suffix or "")


def label_of(name: str) -> str:
    """Human label of a property name without its unit suffix ('thickness_um' → 'thickness')."""
    suffix = unit_suffix(name)
    base = name[: -len(suffix) - 1] if suffix else name
    if name.endswith("_C") and not suffix:
        base = name[:-2]
    return base.replace("_", " ")


def fmt(value, digits: int = 4) -> str:
    """A number with ``digits`` significant digits; '—' for None/NaN, '∞' for infinity."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return value
    v = float(value)
    if math.isnan(v):
        return "—"
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"
    a = abs(v)
    if a >= 1e5 or a < 1e-3:
        return f"{v:.{digits - 1}e}"
    return f"{v:.{digits}g}"
