"""Solid-state Na | electrolyte interfaces: mechanics that the layers alone decide, and the v2 model's names.

The contact, creep and CCD physics live in :mod:`anodelab.physics.solid` (model v2, issue 12); this
module keeps the names other code imports: Eq. 13 (fracture toughness from indentation), the
Monroe–Newman ratio, and the penetration functions (re-exported from :mod:`anodelab.physics.solid.ccd`).
"""

from __future__ import annotations

import numpy as np

from ..constants import NA_SHEAR_MODULUS_Pa, VICKERS_K
from .solid.ccd import (  # noqa: F401  (re-exported)
    crack_opening_pressure_Pa,
    penetration_ccd_A_m2,
    penetration_overpotential_V,
    stripping_ccd_A_m2,
)
from .solid.contact import contact_fraction, interfacial_asr_ohm_m2  # noqa: F401  (re-exported)


def fracture_toughness_from_indentation(youngs_Pa, hardness_Pa, load_N, crack_length_m):
    """Eq. 13 (Anstis et al. 1981, ref [112]): K_IC = k (E/H)^½ P / c^{3/2}, k = 0.016   [Pa m^½]."""
    return VICKERS_K * np.sqrt(youngs_Pa / hardness_Pa) * load_N / crack_length_m**1.5


def monroe_newman_ratio(shear_modulus_Pa):
    """G_electrolyte / G_Na with G_Na = 3.3 GPa; ≥ 2 satisfies the Monroe–Newman criterion."""
    return shear_modulus_Pa / NA_SHEAR_MODULUS_Pa
