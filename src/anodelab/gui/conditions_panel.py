"""Operating conditions: spin boxes with units and the allowed ranges of the design model."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QLabel,
    QWidget,
)

from ..constants import ZERO_CELSIUS_K
from ..design import CONDITION_SPECS
from ..errors import AnodeLabError
from .document import DesignDocument
from .formatting import fmt, label_of, unit_of
from .editing import show_error
from .quantity_box import Limits, QuantityBox
from .sim_budget import max_cycles_in_memory


# ====================================================================== conditions


CONDITION_LABELS = {
    "current_density_mA_cm2": "J",
    "areal_capacity_mAh_cm2": "Q",
    "temperature_C": "T",
    "stack_pressure_MPa": "P",
    "cycles": "Cycles",
    "na_excess_mAh_cm2": "Na excess",
}
CONDITION_NAMES = {
    "current_density_mA_cm2": "Current density J",
    "areal_capacity_mAh_cm2": "Areal capacity Q (per half cycle)",
    "temperature_C": "Temperature T",
    "stack_pressure_MPa": "Stack pressure P",
    "cycles": "Cycles",
    "na_excess_mAh_cm2": "Na excess",
}
_STEPS = {"current_density_mA_cm2": 0.1, "areal_capacity_mAh_cm2": 0.1, "temperature_C": 1.0,
          "stack_pressure_MPa": 0.1, "cycles": 1.0, "na_excess_mAh_cm2": 0.1}

#: The temperatures the window accepts, in °C: narrower than the file format's (> −273.15 °C) because the
#: model holds for solid Na metal only (it melts at 97.8 °C) and its Arrhenius data are not extrapolated below
#: −100 °C (the limits of the Arrhenius protocol, simulate/settings.py). At −273 °C every activated rate is
#: 0 and the overpotentials are infinite: such a state has no physical reading.
OPERATING_T_C = (-100.0, 97.8)
T_WHY = "the model holds for solid Na, which melts at 97.8 °C, and is not extrapolated below −100 °C"


def condition_limits(name: str, temperature_unit: str = "C") -> tuple[str, Limits]:
    """Display unit and allowed values of a condition field (the design model's range, narrowed where the
    physics or the window's memory demands it)."""
    spec = CONDITION_SPECS[name]
    if name == "temperature_C":
        offset = ZERO_CELSIUS_K if temperature_unit == "K" else 0.0
        lo, hi = OPERATING_T_C
        return ("K" if temperature_unit == "K" else "°C"), Limits(lo + offset, hi + offset, True, False, why=T_WHY)
    if name == "cycles":
        high = min(spec.high, max_cycles_in_memory())
        return "", Limits(spec.low, high, spec.low_inclusive, True, integer=True,
                          why="the window simulates at most this many cycles in memory")
    return unit_of(name), Limits(spec.low, spec.high, spec.low_inclusive, True, integer=spec.integer)


class ConditionsPanel(QWidget):
    """Fields for the operating conditions, with units and the allowed ranges; a value that cannot be
    stored is refused with its reason (red border, tooltip, :attr:`message` for the status bar)."""

    #: a message for the status bar (a refused value and why)
    message = Signal(str)

    def __init__(self, doc: DesignDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.temperature_unit = "C"
        self.boxes: dict[str, QuantityBox] = {}
        from PySide6.QtWidgets import QGridLayout

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        for name in CONDITION_SPECS:
            unit, limits = condition_limits(name)
            box = QuantityBox(unit, limits, name=CONDITION_NAMES[name], step=_STEPS.get(name, 0.1))
            box.setAccelerated(True)
            box.setObjectName(name)
            box.valueChanged.connect(lambda v, n=name: self._changed(n, v))
            box.rejected.connect(self.message.emit)
            self.boxes[name] = box
            self._set_tip(name)
            i = len(self.boxes) - 1
            label = QLabel(CONDITION_LABELS.get(name, label_of(name)))
            label.setBuddy(box)
            grid.addWidget(label, i // 2, 2 * (i % 2))
            grid.addWidget(box, i // 2, 2 * (i % 2) + 1)
        doc.changed.connect(self.refresh)
        self.refresh()

    def _set_tip(self, name: str) -> None:
        box = self.boxes[name]
        spec = CONDITION_SPECS[name]
        units = {"temperature_C": " You may type “60 °C” or “333 K”.",
                 "current_density_mA_cm2": " You may type “2 mA cm-2” or “20 A m-2”.",
                 "stack_pressure_MPa": " You may type “5 bar” or “500 kPa”."}.get(name, "")
        box.setToolTip(f"{CONDITION_NAMES[name]}: {spec.meaning}; allowed: {box.limits().describe(box.unit())}."
                       f"{units}")

    # ------------------------------------------------------------------ preferred temperature unit
    #: offset added to °C for display in each temperature unit the user may prefer
    TEMPERATURE_UNITS = {"C": (0.0, "°C"), "K": (ZERO_CELSIUS_K, "K")}

    def set_temperature_unit(self, unit: str) -> None:
        """Show and edit the temperature in °C or K; the design file keeps ``temperature_C``."""
        if unit not in self.TEMPERATURE_UNITS:
            raise AnodeLabError("must be 'C' or 'K'", field="temperature unit")
        self.temperature_unit = unit
        label, limits = condition_limits("temperature_C", unit)
        self.boxes["temperature_C"].set_unit_and_limits(label, limits)
        self._set_tip("temperature_C")
        self.refresh()

    def refresh(self, *_args) -> None:
        cond = self.doc.design.conditions
        for name, box in self.boxes.items():
            value = getattr(cond, name)
            if name == "temperature_C":
                value += self.TEMPERATURE_UNITS[self.temperature_unit][0]
            box.set_value_silently(value)

    def _changed(self, name: str, value) -> None:
        spec = CONDITION_SPECS[name]
        value = int(value) if spec.integer else float(value)
        if name == "temperature_C":  # the box may show K; the design keeps °C
            value = round(value - self.TEMPERATURE_UNITS[self.temperature_unit][0], 9)
        problem = spec.check(value)
        try:
            if problem:
                raise AnodeLabError(problem, entry="conditions", field=name)
            new = self.doc.design.with_conditions(**{name: value})
            self.doc.apply(new, f"{CONDITION_NAMES[name]} = {fmt(value)} {unit_of(name)}".rstrip(),
                           merge_key=f"cond:{name}")
        except AnodeLabError as exc:
            show_error(self, "Invalid condition", exc)
            self.refresh()
