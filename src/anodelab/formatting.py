"""How numbers and units are written for people: one place for the CLI, the GUI and the reports.

No Qt here. Units come from the suffix of a property or condition name (``thickness_um`` → µm).
"""

from __future__ import annotations

import math
import re

from .units import unit_suffix

#: Display form of every unit suffix used in property and condition names.
UNIT_DISPLAY = {
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
    "g_cm3": "g cm⁻³",
    "g_Ah": "g Ah⁻¹",
    "m2_g": "m² g⁻¹",
    "V": "V",
}
_SPECIAL_UNITS = {"cycles": "cycles", "indentation_load_N": "N"}


def unit_of(name: str) -> str:
    """Display unit of a property/condition name from its suffix ('' when dimensionless)."""
    if name in _SPECIAL_UNITS:
        return _SPECIAL_UNITS[name]
    if name.endswith("_C"):
        return "°C"
    suffix = unit_suffix(name)
    return UNIT_DISPLAY.get(suffix, suffix or "")


def label_of(name: str) -> str:
    """Human label of a property name without its unit suffix ('thickness_um' → 'thickness')."""
    suffix = unit_suffix(name)
    base = name[: -len(suffix) - 1] if suffix else name
    if name.endswith("_C") and not suffix:
        base = name[:-2]
    return base.replace("_", " ")


def fmt_number(value, digits: int = 4, *, missing: str = "n/a") -> str:
    """A number with ``digits`` significant digits, in exponent form outside [1e-3, 10^digits);
    ``missing`` for None/NaN, ∞ for infinity, yes/no for booleans, text unchanged. With 4 digits the
    exponent form starts at 1e4, where "g" formatting would otherwise switch to its own exponent style."""
    if value is None:
        return missing
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    v = float(value)
    if math.isnan(v):
        return missing
    if math.isinf(v):
        return "∞" if v > 0 else "−∞"
    if v == 0:
        return "0"
    if 1e-3 <= abs(v) < 10.0**digits:
        return f"{v:.{digits}g}"
    return f"{v:.{digits - 1}e}"


_EXPONENT = str.maketrans("-123", "⁻¹²³")
#: an exponent written in ASCII after cm or m in free text ("1 mA cm-2", "8.96 g cm-3", "A m^-2", "cm2")
_ASCII_UNIT = re.compile(r"(?<![\w\-/.])(cm|m)\^?(-?[1-3])(?![\w.])")


def display_units(text) -> str:
    """Free text (a material's source, a note from a file) with its ASCII unit exponents written as a person
    reads them: "1 mA cm-2" → "1 mA cm⁻²", "g cm-3" → "g cm⁻³", "cm2" → "cm²". Display only (GUI, HTML and
    PDF reports): files, designs and JSON keep the text as written. Numbers are never touched (the exponent
    must follow cm or m as a word)."""
    return _ASCII_UNIT.sub(lambda m: m.group(1) + m.group(2).translate(_EXPONENT), "" if text is None else str(text))


#: capitalised words that stay capitalised inside a sentence (names, and the unit-named Coulombic)
_PROPER_WORDS = frozenset({"Sand", "Young", "Coulombic", "Monroe", "Newman", "Arrhenius", "Nyquist", "Bode"})


def in_sentence(label: str) -> str:
    """A label as it reads inside a sentence: "Critical current density" → "critical current density", while
    symbols, acronyms and names keep their case ("Na | SSE contact fraction", "CCD, stripping (voids)",
    "N/P ratio", "Sand's time τ", "Coulombic efficiency"): the first letter is lowered only when the first word
    has at least three letters, no other capital, and is not a name (``str.lower()`` on the whole label wrote
    "na | sse contact fraction")."""
    m = re.match(r"[A-Za-z]+", label)
    word = m.group(0) if m else ""
    if len(word) < 3 or not word[1:].islower() or word in _PROPER_WORDS:
        return label
    return label[0].lower() + label[1:]
