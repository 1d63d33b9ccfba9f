"""Provenance of the properties that move a ranking: the share of library values that are estimates.

A value counts as an estimate when its ``source`` starts with "estimate" (the library's convention); every other
value cites a paper (a DOI, a reference of Lu et al. 2022, or a handbook). Issue 13, item 6.
"""

from __future__ import annotations

from ..materials.library import Library

#: property → the material classes that carry it
RANKING_PROPERTIES = {
    "surface_area_ratio": ("host",),
    "sei_asr_ohm_cm2": ("liquid_electrolyte",),
    "coulombic_efficiency_on_cu": ("liquid_electrolyte",),
    "na_electrolyte_interfacial_energy_J_m2": ("liquid_electrolyte",),
    "diffusivity_cm2_s": ("liquid_electrolyte",),
    "transference_number": ("liquid_electrolyte",),
    "conductivity_mS_cm": ("liquid_electrolyte",),
    "exchange_current_density_mA_cm2": ("liquid_electrolyte",),
}


def estimate_shares(library: Library) -> dict[str, tuple[int, int]]:
    """{property: (estimates, values)} over the library's materials of the classes that carry it."""
    out = {}
    for prop, classes in RANKING_PROPERTIES.items():
        n = est = 0
        for mat in library.materials.values():
            if mat.cls not in classes or prop not in mat.properties:
                continue
            n += 1
            est += mat.properties[prop].source.strip().lower().startswith("estimate")
        out[prop] = (est, n)
    return out
