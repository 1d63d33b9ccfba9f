"""The cathode's voltage–state-of-charge curve (library ``voltage_curve``) and its window means."""

from __future__ import annotations

import numpy as np


def curve_arrays(material=None, average_voltage_V: float | None = None) -> tuple[np.ndarray, np.ndarray]:
    """(SOC, V) of a library cathode; a custom cathode without a curve gets a flat line at its mean."""
    curve = getattr(material, "voltage_curve", None)
    if curve is not None:
        return np.asarray(curve.state_of_charge), np.asarray(curve.voltage_V)
    if average_voltage_V is None:
        raise ValueError("a cathode without a voltage_curve needs its average_voltage_V")
    return np.array([0.0, 1.0]), np.array([average_voltage_V, average_voltage_V])


def cathode_voltage_V(soc_points, soc, volt) -> np.ndarray:
    """V(SOC) by linear interpolation of the curve (SOC 0 = discharged, 1 = charged)   [V]."""
    return np.interp(np.clip(soc_points, 0.0, 1.0), soc, volt)


def window_mean_V(soc, volt, depth_of_discharge: float) -> float:
    """Mean discharge voltage over SOC ∈ [1 − DoD, 1]: (1/DoD) ∫ V dSOC   [V] (the full window = the curve mean)."""
    lo = 1.0 - depth_of_discharge
    x = np.linspace(lo, 1.0, 401)
    return float(np.trapezoid(cathode_voltage_V(x, soc, volt), x) / depth_of_discharge)
