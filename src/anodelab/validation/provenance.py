"""Provenance of the properties that move a ranking: the share of library values that are estimates.

A value counts as an estimate when its ``source`` starts with "estimate" (the library's convention, also
"estimate (Li analogue): …"); every other value cites a paper (a DOI, a reference of Lu et al. 2022, or a
handbook). Issue 13, item 6: every property that moves a ranking carries a primary source where one exists, and
an estimate that remains gives its reasoning and a range. :func:`estimate_problems` checks the second half: an
estimate of a ranking property without a ``range``, or whose source says no more than the word "estimate" and a
few words (fewer than :data:`MIN_REASONING_CHARS` characters after the prefix), is reported.
"""

from __future__ import annotations

from ..materials.library import Library, Property

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
#: the library's marker of an estimate (case-insensitive, at the start of ``source``)
ESTIMATE_PREFIX = "estimate"
#: fewest characters of reasoning an estimate gives after its prefix ("estimate: as HCE" is not a reasoning line)
MIN_REASONING_CHARS = 40


def is_estimate(prop: Property) -> bool:
    """True when the value's source marks it as an estimate."""
    return prop.source.strip().lower().startswith(ESTIMATE_PREFIX)


def reasoning(prop: Property) -> str:
    """The estimate's reasoning: its source without the prefix and the separator after it ('' for a citation)."""
    if not is_estimate(prop):
        return ""
    return prop.source.strip()[len(ESTIMATE_PREFIX):].lstrip(" :;,-–").strip()


def _ranking_values(library: Library):
    """(property, material, Property) for every ranking property the library's materials carry."""
    for prop, classes in RANKING_PROPERTIES.items():
        for mat in library.materials.values():
            if mat.cls in classes and prop in mat.properties:
                yield prop, mat, mat.properties[prop]


def estimate_shares(library: Library) -> dict[str, tuple[int, int]]:
    """{property: (estimates, values)} over the library's materials of the classes that carry it."""
    out = {prop: (0, 0) for prop in RANKING_PROPERTIES}
    for prop, _mat, p in _ranking_values(library):
        est, n = out[prop]
        out[prop] = (est + is_estimate(p), n + 1)
    return out


def estimate_problems(library: Library) -> list[str]:
    """One message per estimate of a ranking property that lacks a range or a reasoning line ([] if none)."""
    out = []
    for prop, mat, p in _ranking_values(library):
        if not is_estimate(p):
            continue
        if p.range is None:
            out.append(f"{mat.id}.{prop}: an estimate without a range")
        if len(reasoning(p)) < MIN_REASONING_CHARS:
            out.append(f"{mat.id}.{prop}: an estimate without a reasoning line ({p.source!r})")
    return out
