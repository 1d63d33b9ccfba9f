"""Unit conversion at the edges: user units (mA cm⁻², mAh cm⁻², °C, Ω cm², mV …) ↔ SI.

Each user-facing property name ends in its unit suffix; :data:`SUFFIX_TO_SI` maps the
suffix to the factor that converts the user value to SI (``si = user * factor``),
except for temperatures, which are offset (see :func:`celsius_to_kelvin`).
"""

from __future__ import annotations

import numpy as np

from .constants import ZERO_CELSIUS_K

# factor such that SI value = user value * factor
SUFFIX_TO_SI: dict[str, float] = {
    "mA_cm2": 10.0,  # mA cm⁻² → A m⁻²
    "mAh_cm2": 3.6e4,  # mAh cm⁻² → C m⁻² (1 mAh = 3.6 C; 1 cm⁻² = 1e4 m⁻²)
    "mAh_g": 3.6e3,  # mAh g⁻¹ → C kg⁻¹
    "ohm_cm2": 1e-4,  # Ω cm² → Ω m²
    "mV": 1e-3,  # mV → V
    "um": 1e-6,  # µm → m
    "nm": 1e-9,  # nm → m
    "mg_cm2": 1e-2,  # mg cm⁻² → kg m⁻²
    "mS_cm": 0.1,  # mS cm⁻¹ → S m⁻¹
    "cm2_s": 1e-4,  # cm² s⁻¹ → m² s⁻¹
    "mol_L": 1e3,  # mol L⁻¹ → mol m⁻³
    "J_m2": 1.0,  # J m⁻²
    "GPa": 1e9,  # GPa → Pa
    "MPa": 1e6,  # MPa → Pa
    "MPa_m05": 1e6,  # MPa m^½ → Pa m^½
    "eV": 1.0,  # activation energies stay in eV (used as E / k_B T)
    "deg": np.pi / 180.0,  # degree → rad
    "umol_cm2": 1e-2,  # µmol cm⁻² → mol m⁻²
    "uF_cm2": 1e-2,  # µF cm⁻² → F m⁻²
    "nF_cm2": 1e-5,  # nF cm⁻² → F m⁻²
    "h": 3600.0,  # h → s
    "s": 1.0,
    # full cell (anodelab.cell)
    "g_cm3": 1e3,  # g cm⁻³ → kg m⁻³
    "g_Ah": 1e-3 / 3600.0,  # g Ah⁻¹ → kg C⁻¹
    "m2_g": 1e3,  # m² g⁻¹ → m² kg⁻¹ (a cathode's particle surface per gram)
    "V": 1.0,
}


def unit_suffix(name: str) -> str | None:
    """The unit suffix of a property name (``"current_density_mA_cm2"`` → ``"mA_cm2"``)."""
    for suffix in sorted(SUFFIX_TO_SI, key=len, reverse=True):
        if name.endswith("_" + suffix):
            return suffix
    return None


def to_si(value, suffix: str):
    """Convert a user value with the given unit suffix to SI."""
    return np.multiply(value, SUFFIX_TO_SI[suffix])


def from_si(value, suffix: str):
    """Convert an SI value to the user unit of the given suffix."""
    return np.divide(value, SUFFIX_TO_SI[suffix])


def celsius_to_kelvin(t_C):
    """°C → K."""
    return np.asarray(t_C, dtype=float) + ZERO_CELSIUS_K


def kelvin_to_celsius(t_K):
    """K → °C."""
    return np.asarray(t_K, dtype=float) - ZERO_CELSIUS_K
