"""A number field that never stores something else than what was typed.

:class:`QuantityBox` replaces QSpinBox / QDoubleSpinBox in the editors. A Qt spin box clamps to its
range and truncates text to its width and decimals without a word ("−5" → 5, "1e308" → 130,
"99999" → 999). This box accepts any text while typing and, on Return or leaving the field, either
stores the number (with its unit converted: "60 °C", "333 K", "2 A m-2") or rejects it: the stored
value stays, the field gets a red border, its tooltip says why, and :attr:`QuantityBox.rejected`
carries the reason to the status bar. Up/Down step within the allowed range.

:func:`parse_quantity` does the parsing without Qt, so it is tested on its own.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from PySide6.QtCore import QSize, Signal
from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QAbstractSpinBox, QWidget

from ..constants import ZERO_CELSIUS_K
from ..formatting import fmt_number

_NUMBER = re.compile(r"^\s*([+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?)\s*(.*?)\s*$")
_SUPER = str.maketrans({"⁻": "-", "²": "2", "³": "3", "¹": "1", "−": "-", "–": "-", "·": " ", "µ": "u", "μ": "u"})


def _norm_unit(text: str) -> str:
    t = text.translate(_SUPER).replace("^", "").replace("/", " per ").replace("*", " ")
    return " ".join(t.lower().split())


#: accepted units per display unit: normalised spelling → (factor, offset) so that
#: value_in_display_unit = typed × factor + offset
UNIT_ALIASES: dict[str, dict[str, tuple[float, float]]] = {
    "°C": {"°c": (1.0, 0.0), "c": (1.0, 0.0), "degc": (1.0, 0.0), "deg c": (1.0, 0.0), "celsius": (1.0, 0.0),
           "k": (1.0, -ZERO_CELSIUS_K), "kelvin": (1.0, -ZERO_CELSIUS_K)},
    "K": {"k": (1.0, 0.0), "kelvin": (1.0, 0.0), "°c": (1.0, ZERO_CELSIUS_K), "c": (1.0, ZERO_CELSIUS_K),
          "degc": (1.0, ZERO_CELSIUS_K), "deg c": (1.0, ZERO_CELSIUS_K), "celsius": (1.0, ZERO_CELSIUS_K)},
    "mA cm⁻²": {"ma cm-2": (1.0, 0.0), "ma per cm2": (1.0, 0.0), "ma cm2": (1.0, 0.0), "a m-2": (0.1, 0.0),
                "a per m2": (0.1, 0.0), "ua cm-2": (1e-3, 0.0), "ua per cm2": (1e-3, 0.0), "a cm-2": (1e3, 0.0),
                "a per cm2": (1e3, 0.0)},
    "mAh cm⁻²": {"mah cm-2": (1.0, 0.0), "mah per cm2": (1.0, 0.0), "mah cm2": (1.0, 0.0), "uah cm-2": (1e-3, 0.0),
                 "uah per cm2": (1e-3, 0.0), "c cm-2": (1 / 3.6, 0.0), "c per cm2": (1 / 3.6, 0.0)},
    "MPa": {"mpa": (1.0, 0.0), "kpa": (1e-3, 0.0), "pa": (1e-6, 0.0), "bar": (0.1, 0.0), "gpa": (1e3, 0.0),
            "atm": (0.101325, 0.0), "psi": (0.00689476, 0.0)},
    "mV": {"mv": (1.0, 0.0), "v": (1e3, 0.0), "uv": (1e-3, 0.0)},
    "h": {"h": (1.0, 0.0), "min": (1 / 60, 0.0), "s": (1 / 3600, 0.0), "d": (24.0, 0.0)},
}


@dataclass(frozen=True)
class Limits:
    """Allowed values: low < / ≤ x ≤ / < high, optionally whole numbers; ``why`` explains a physical limit."""

    low: float
    high: float
    low_inclusive: bool = True
    high_inclusive: bool = True
    integer: bool = False
    why: str = ""

    def describe(self, unit: str = "") -> str:
        lo = "≥" if self.low_inclusive else ">"
        hi = "≤" if self.high_inclusive else "<"
        kind = "a whole number" if self.integer else "a number"
        u = f" {unit}" if unit else ""
        return f"{kind} {lo} {fmt_number(self.low)}{u} and {hi} {fmt_number(self.high)}{u}"

    def problem(self, value: float, unit: str = "") -> str:
        if not math.isfinite(value):
            return f"must be {self.describe(unit)}, not {value}"
        ok_lo = value >= self.low if self.low_inclusive else value > self.low
        ok_hi = value <= self.high if self.high_inclusive else value < self.high
        if not (ok_lo and ok_hi):
            return f"must be {self.describe(unit)}" + (f" ({self.why})" if self.why else "")
        if self.integer and value != int(value):
            return f"must be {self.describe(unit)}"
        return ""


def parse_quantity(text: str, unit: str, limits: Limits) -> tuple[float | None, str]:
    """(value in ``unit``, '') or (None, reason) for the text a user typed.

    A bare number is in ``unit``; a number followed by a unit is converted if the unit is one of
    :data:`UNIT_ALIASES` for ``unit`` ("60 °C" or "333.15 K" in a °C field). Nothing is clamped,
    rounded or truncated: out-of-range, non-integer counts, NaN/∞ and unknown units are refused.
    """
    raw = text.strip()
    if not raw:
        return None, "is empty; type a number"
    m = _NUMBER.match(raw.translate(_SUPER))
    if not m:
        return None, f"“{raw}” is not a number"
    number, rest = m.group(1).replace(",", "."), m.group(2)
    try:
        value = float(number)
    except ValueError:
        return None, f"“{raw}” is not a number"
    if not math.isfinite(value):
        return None, f"“{raw}” is too large to store"
    if rest:
        aliases = UNIT_ALIASES.get(unit, {})
        key = _norm_unit(rest)
        if key == _norm_unit(unit):
            factor, offset = 1.0, 0.0
        elif key in aliases:
            factor, offset = aliases[key]
        else:
            known = sorted({unit, *[a for a in aliases if any(ch.isalpha() for ch in a)][:4]})
            return None, f"unknown unit “{rest}” (use {unit}" + (f", e.g. {', '.join(k for k in known if k != unit)}" if len(known) > 1 else "") + ")"
        value = value * factor + offset
    problem = limits.problem(value, unit)
    if problem:
        return None, f"{fmt_number(value)} {unit} {problem}".replace("  ", " ")
    return (float(int(round(value))) if limits.integer else value), ""


class QuantityBox(QAbstractSpinBox):
    """A spin-box-like field for one quantity: ``value()``, ``setValue()``, ``valueChanged``, ``suffix()``
    as QDoubleSpinBox, but it refuses (visibly) what it cannot store instead of changing it."""

    valueChanged = Signal(float)
    #: the typed text was refused; argument: the reason (for the status bar)
    rejected = Signal(str)

    def __init__(self, unit: str, limits: Limits, name: str = "", step: float = 1.0, digits: int = 6,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self._unit = unit
        self._limits = limits
        self._name = name
        self._step = step
        self._digits = digits
        self._value = max(limits.low, 0.0) if limits.low_inclusive else limits.low + step
        self._error = ""
        self._base_tip = ""
        self.setKeyboardTracking(False)
        self.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToPreviousValue)
        self.editingFinished.connect(self.commit_text)
        self._show()

    # ------------------------------------------------------------------ QDoubleSpinBox-like API
    def value(self) -> float:
        return int(self._value) if self._limits.integer else self._value

    def setValue(self, value: float) -> None:  # noqa: N802 - Qt API
        """Store ``value`` (emits valueChanged if it changed). Out-of-range values are refused
        (with the reason shown), never clamped."""
        v = float(value)
        problem = self._limits.problem(v, self._unit)
        if problem:
            self._reject(f"{fmt_number(v)} {self._unit} {problem}")
            return
        self._clear_error()
        changed = v != self._value
        self._value = v
        self._show()
        if changed:
            self.valueChanged.emit(self.value())

    def set_value_silently(self, value: float) -> None:
        """Show the model's value (no signal, no range check: a design file may hold any valid value)."""
        self._value = float(value)
        self._clear_error()
        self._show()

    def suffix(self) -> str:
        return " " + self._unit

    def unit(self) -> str:
        return self._unit

    def limits(self) -> Limits:
        return self._limits

    def set_unit_and_limits(self, unit: str, limits: Limits, value: float | None = None) -> None:
        self._unit, self._limits = unit, limits
        if value is not None:
            self._value = float(value)
        self._clear_error()
        self._show()

    def setToolTip(self, text: str) -> None:  # noqa: N802 - Qt API
        self._base_tip = text
        super().setToolTip(f"<b>Not stored:</b> {self._error}<br>{text}" if self._error else text)

    @property
    def error(self) -> str:
        """The reason the last typed text was refused ('' when the field holds what it shows)."""
        return self._error

    # ------------------------------------------------------------------ text ↔ value
    def text_for(self, value: float) -> str:
        if self._limits.integer:
            return f"{int(value)} {self._unit}".strip()
        return f"{fmt_number(value, self._digits)} {self._unit}".strip()

    def _show(self) -> None:
        self.lineEdit().setText(self.text_for(self._value))

    def validate(self, text: str, pos: int):  # noqa: D401 - Qt API
        # every keystroke is allowed; the text is judged once, on Return / leaving the field
        return QValidator.State.Acceptable, text, pos

    def fixup(self, text: str) -> str:
        return text

    def commit_text(self) -> None:
        text = self.lineEdit().text()
        if text == self.text_for(self._value):
            return
        value, reason = parse_quantity(text, self._unit, self._limits)
        if value is None:
            self._reject(reason)
            return
        self.setValue(value)

    def _reject(self, reason: str) -> None:
        label = self._name or "value"
        self._error = f"{label}: {reason}; kept {self.text_for(self._value)}"
        self.setStyleSheet("QAbstractSpinBox { border: 2px solid #d62728; }")
        super().setToolTip(f"<b>Not stored:</b> {self._error}<br>{self._base_tip}")
        self.rejected.emit(self._error)

    def _clear_error(self) -> None:
        if self._error:
            self._error = ""
            self.setStyleSheet("")
            super().setToolTip(self._base_tip)

    # ------------------------------------------------------------------ stepping
    def stepBy(self, steps: int) -> None:  # noqa: N802 - Qt API
        lim = self._limits
        v = self._value + steps * self._step
        lo = lim.low if lim.low_inclusive else lim.low + self._step * 1e-3
        hi = lim.high if lim.high_inclusive else lim.high - self._step * 1e-3
        v = min(max(v, lo), hi)
        v = round(v, 12)
        self.setValue(v)

    def stepEnabled(self):  # noqa: N802 - Qt API
        flags = QAbstractSpinBox.StepEnabledFlag.StepNone
        if self._value < self._limits.high:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepUpEnabled
        if self._value > self._limits.low:
            flags |= QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        return flags

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        fm = self.fontMetrics()
        return QSize(fm.horizontalAdvance(f"0000.000 {self._unit}") + 36, super().sizeHint().height())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        return self.sizeHint()
