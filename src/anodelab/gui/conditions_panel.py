"""Operating conditions: spin boxes with units and the allowed ranges of the design model."""

from __future__ import annotations

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QDoubleSpinBox,
    QLabel,
    QSpinBox,
    QWidget,
)

from ..constants import ZERO_CELSIUS_K
from ..design import CONDITION_SPECS
from ..errors import AnodeLabError
from .document import DesignDocument
from .formatting import fmt, label_of, unit_of
from .editing import show_error


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
_DECIMALS = {"current_density_mA_cm2": 3, "areal_capacity_mAh_cm2": 3, "temperature_C": 1,
             "stack_pressure_MPa": 2, "na_excess_mAh_cm2": 2}


class ConditionsPanel(QWidget):
    """Spin boxes for the operating conditions, with units and the allowed range of CONDITION_SPECS."""

    def __init__(self, doc: DesignDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.temperature_unit = "C"
        self.boxes: dict[str, QAbstractSpinBox] = {}
        from PySide6.QtWidgets import QGridLayout

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(6)
        grid.setVerticalSpacing(3)
        for name, spec in CONDITION_SPECS.items():
            if spec.integer:
                box: QAbstractSpinBox = QSpinBox()
                box.setRange(int(spec.low), int(min(spec.high, 2**31 - 1)))
            else:
                box = QDoubleSpinBox()
                box.setDecimals(_DECIMALS.get(name, 3))
                step = 10 ** -box.decimals()
                low = spec.low if spec.low_inclusive else spec.low + step
                box.setRange(low, spec.high)
                box.setSingleStep(1.0 if name == "temperature_C" else 0.1)
            box.setKeyboardTracking(False)
            box.setSuffix(" " + unit_of(name))
            box.setAccelerated(True)
            box.setToolTip(f"{CONDITION_NAMES[name]}: {spec.meaning}; allowed {spec.describe()} {unit_of(name)}")
            box.setObjectName(name)
            box.valueChanged.connect(lambda v, n=name: self._changed(n, v))
            self.boxes[name] = box
            i = len(self.boxes) - 1
            label = QLabel(CONDITION_LABELS.get(name, label_of(name)))
            label.setBuddy(box)
            grid.addWidget(label, i // 2, 2 * (i % 2))
            grid.addWidget(box, i // 2, 2 * (i % 2) + 1)
        doc.changed.connect(self.refresh)
        self.refresh()

    # ------------------------------------------------------------------ preferred temperature unit
    #: offset added to °C for display in each temperature unit the user may prefer
    TEMPERATURE_UNITS = {"C": (0.0, "°C"), "K": (ZERO_CELSIUS_K, "K")}

    def set_temperature_unit(self, unit: str) -> None:
        """Show and edit the temperature in °C or K; the design file keeps ``temperature_C``."""
        if unit not in self.TEMPERATURE_UNITS:
            raise AnodeLabError("must be 'C' or 'K'", field="temperature unit")
        self.temperature_unit = unit
        offset, label = self.TEMPERATURE_UNITS[unit]
        spec = CONDITION_SPECS["temperature_C"]
        box = self.boxes["temperature_C"]
        blocker = QSignalBlocker(box)
        box.setDecimals(2 if unit == "K" else _DECIMALS["temperature_C"])  # 298.15 K = 25.0 °C
        box.setRange(spec.low + offset + 10 ** -box.decimals(), spec.high + offset)
        box.setSuffix(" " + label)
        box.setToolTip(f"{CONDITION_NAMES['temperature_C']}: {spec.meaning}; allowed > "
                       f"{spec.low + offset:g} and ≤ {spec.high + offset:g} {label}")
        del blocker
        self.refresh()

    def refresh(self, *_args) -> None:
        cond = self.doc.design.conditions
        for name, box in self.boxes.items():
            blocker = QSignalBlocker(box)
            value = getattr(cond, name)
            if name == "temperature_C":
                value += self.TEMPERATURE_UNITS[self.temperature_unit][0]
            box.setValue(value)
            del blocker

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
            self.doc.apply(new, f"{CONDITION_NAMES[name]} = {fmt(value)} {unit_of(name)}", merge_key=f"cond:{name}")
        except AnodeLabError as exc:
            show_error(self, "Invalid condition", exc)
            self.refresh()
