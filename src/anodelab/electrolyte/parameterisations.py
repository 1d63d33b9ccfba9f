"""Typed parameter sets of liquid-electrolyte transport, one per electrolyte with a primary parameterisation.

A set gives σ(c), D(c) and t₊(c) at its reference temperature (25 °C), with the DOI of the data, how the
numbers were obtained (the fit, its data file and residual), and where it holds in c and T. A library
material opts in with ``transport_model = "<id>"`` (see :mod:`anodelab.electrolyte.resolve`); the engine's
temperature law (Arrhenius with the material's activation energy) then applies to σ(c) and D(c).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import forms


@dataclass(frozen=True)
class CasteelAmis:
    """σ(c) = σ_max (c/μ)^a exp(b (c − μ)² − a (c − μ)/μ) at the set's reference temperature (mS cm⁻¹, mol L⁻¹)."""

    sigma_max_mS_cm: float
    mu_mol_L: float
    a: float
    b_L2_mol2: float

    def __call__(self, c_mol_L):
        return forms.casteel_amis_mS_cm(c_mol_L, self.sigma_max_mS_cm, self.mu_mol_L, self.a, self.b_L2_mol2)


@dataclass(frozen=True)
class LogQuadraticDiffusivity:
    """D(c) = D_ref exp(k₁ (c − c_ref) + k₂ (c² − c_ref²))  (cm² s⁻¹, mol L⁻¹)."""

    d_ref_cm2_s: float
    c_ref_mol_L: float
    k1_L_mol: float
    k2_L2_mol2: float

    def __call__(self, c_mol_L):
        return forms.log_quadratic_diffusivity_cm2_s(c_mol_L, self.d_ref_cm2_s, self.c_ref_mol_L, self.k1_L_mol,
                                                     self.k2_L2_mol2)


@dataclass(frozen=True)
class LinearTransference:
    """t₊(c) = t_ref + s (c − c_ref)."""

    t_ref: float
    c_ref_mol_L: float
    slope_L_mol: float = 0.0

    def __call__(self, c_mol_L):
        return forms.linear_transference(c_mol_L, self.t_ref, self.c_ref_mol_L, self.slope_L_mol)


@dataclass(frozen=True)
class TransportParameterisation:
    """σ(c), D(c), t₊(c) of one electrolyte at ``reference_temperature_C``, with provenance and validity."""

    id: str
    name: str
    doi: tuple[str, ...]
    conductivity: CasteelAmis
    diffusivity: LogQuadraticDiffusivity
    transference: LinearTransference
    valid_concentration_mol_L: tuple[float, float]
    reference_temperature_C: float
    conductivity_source: str
    diffusivity_source: str
    transference_source: str
    #: the measured points the fits reproduce (resources/literature/electrolyte_transport.toml, this id)
    data_record: str
    temperature_note: str

    def at(self, c_mol_L) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(σ [mS cm⁻¹], D [cm² s⁻¹], t₊) at concentration c [mol L⁻¹] and the reference temperature."""
        return self.conductivity(c_mol_L), self.diffusivity(c_mol_L), self.transference(c_mol_L)

    def in_range(self, c_mol_L: float) -> bool:
        lo, hi = self.valid_concentration_mol_L
        return lo <= c_mol_L <= hi


_CHAYAMBUKA = ("10.1016/j.electacta.2021.139726", "10.1016/j.electacta.2021.139764")

#: NaPF6 in EC:PC (1:1), 25 °C: Chayambuka, Mulder, Danilov, Notten, Electrochim. Acta 2022, 404, 139726 (part I,
#: experimental parameter determination) and 139764 (part II); points as digitised in PyBaMM's Chayambuka2022
#: parameter set (pybamm-team/PyBaMM, input/parameters/sodium_ion/data/sigma_e.csv, D_e.csv).
NAPF6_EC_PC_CHAYAMBUKA2022 = TransportParameterisation(
    id="napf6-ec-pc-chayambuka2022",
    name="NaPF6 in EC:PC (1:1), Chayambuka et al. 2022",
    doi=_CHAYAMBUKA,
    # lmfit least squares on relative error of the 5 points 0.15-2 M: RMS 0.32 %, σ_max ± 0.6 %, μ ± 1.3 %
    conductivity=CasteelAmis(sigma_max_mS_cm=8.8828, mu_mol_L=1.18379, a=0.577621, b_L2_mol2=-0.0930619),
    # shape: ln D quadratic in c fitted to the 13 points 0-2.47 M (max deviation 1.6 %); scale: 2.5061e-10 m² s⁻¹
    # at 1 M (PyBaMM's test of this set; its data file lists values 10× lower, see diffusivity_source)
    diffusivity=LogQuadraticDiffusivity(d_ref_cm2_s=2.5061e-6, c_ref_mol_L=1.0, k1_L_mol=-0.601159, k2_L2_mol2=0.103551),
    transference=LinearTransference(t_ref=0.45, c_ref_mol_L=1.0, slope_L_mol=0.0),
    valid_concentration_mol_L=(0.15, 2.0),
    reference_temperature_C=25.0,
    conductivity_source=(
        "Chayambuka et al., Electrochim. Acta 2022, 404, 139726 / 139764 (doi:10.1016/j.electacta.2021.139726): "
        "NaPF6 in EC:PC 1:1 at 25 °C, 0.15-2 M (8.83 mS cm-1 at 1 M, maximum near 1.2 M); Casteel-Amis fit "
        "σ_max 8.883 mS cm-1 at μ = 1.184 M, a 0.578, b -0.0931 M-2 (RMS 0.3 %)"),
    diffusivity_source=(
        "Chayambuka et al. 2022 (doi:10.1016/j.electacta.2021.139726): salt diffusivity of NaPF6 in EC:PC 1:1, "
        "25 °C, falling 40 % from 0.1 to 2 M (ln D quadratic fit, ≤ 1.6 %); 2.51e-6 cm2 s-1 at 1 M as PyBaMM's test "
        "of the set states, while its digitised file lists 2.49e-7 (a factor-10 disagreement inside the source); "
        "the Nernst-Einstein bound from the same paper's σ and t+ (ideal salt, 1.2e-6 cm2 s-1) supports the larger "
        "value, so the range spans 1.2e-6 to 3.5e-6"),
    transference_source=(
        "Chayambuka et al. 2022 (doi:10.1016/j.electacta.2021.139764): t+ = 0.45 for NaPF6 in EC:PC, "
        "no concentration dependence reported"),
    data_record="napf6-ec-pc-chayambuka2022",
    temperature_note=("25 °C data only: σ(T) and D(T) use the library's Arrhenius activation energy "
                      "(an estimate) around 25 °C"),
)

#: Every parameterisation, by id (the choices of the library property ``transport_model``, with :data:`NO_MODEL`).
PARAMETERISATIONS: dict[str, TransportParameterisation] = {p.id: p for p in (NAPF6_EC_PC_CHAYAMBUKA2022,)}
#: ``transport_model = "none"``: the material's own σ, D, t₊ at its concentration (no concentration law)
NO_MODEL = "none"


def concentration_problem(model_id: str, c_mol_L: float) -> str | None:
    """None when ``c_mol_L`` lies in the parameterisation's range (or there is none), else a one-line message."""
    model = PARAMETERISATIONS.get(model_id)
    if model is None or model.in_range(c_mol_L):
        return None
    lo, hi = model.valid_concentration_mol_L
    return (f"concentration_mol_L = {c_mol_L:g} is outside {lo:g}-{hi:g} mol/L, where transport_model '{model_id}' "
            f"({model.name}) holds; use a concentration in that range, or set transport_model = \"none\" and give "
            f"conductivity_mS_cm, diffusivity_cm2_s and transference_number for this concentration")
