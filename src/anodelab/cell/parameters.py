"""Parameters of the full-cell lifetime model, each with its kind and source (SI values).

They live here, not in resources/model/parameters.toml, because only :mod:`anodelab.cell` uses them;
each is an estimate with its reasoning and a range for sensitivity studies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CellParameter:
    name: str
    value: float
    unit: str
    kind: str
    source: str
    range: tuple[float, float]


@dataclass(frozen=True)
class CellParameters:
    #: Electrolyte mass consumed per mol of Na lost to the SEI, kg mol⁻¹.
    electrolyte_consumed_kg_per_mol_na: float = 0.090
    #: Share of the per-cycle Na inventory loss that is SEI (consumes electrolyte); the rest is
    #: electronically isolated ("dead") Na metal, which does not.
    sei_share_of_na_loss: float = 0.5
    #: Capacity retention that ends the cycle life (80 %).
    end_of_life_retention: float = 0.8


CELL_PARAMETERS: tuple[CellParameter, ...] = (
    CellParameter(
        "electrolyte_consumed_kg_per_mol_na", 0.090, "kg mol⁻¹", "estimate",
        "estimate: about one solvent molecule reduced per Na⁺ trapped in the SEI (EC 88, DME 90, diglyme "
        "134 g mol⁻¹; salt anions add to it), so 0.09 kg mol⁻¹ with a range of half to three times that",
        (0.045, 0.27),
    ),
    CellParameter(
        "sei_share_of_na_loss", 0.5, "", "estimate",
        "estimate: titration gas chromatography separates Na⁰ (dead metal) from Na⁺ in the SEI and finds both "
        "large, their ratio depending on the electrolyte (Sayahpour et al., arXiv:2309.16006, 'Quantitative "
        "analysis of sodium metal deposition and interphase in Na metal batteries'); half of each, range 0.2-0.9",
        (0.2, 0.9),
    ),
    CellParameter(
        "end_of_life_retention", 0.8, "", "literature",
        "the usual end-of-life criterion (80 % of the initial capacity), as in the issue", (0.8, 0.8),
    ),
)


def default_cell_parameters() -> CellParameters:
    return CellParameters()
