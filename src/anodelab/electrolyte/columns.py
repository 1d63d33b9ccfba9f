"""The one place the engine reads a parameterised electrolyte: its batch columns σ, D and t₊ at the design's c.

:func:`anodelab.batch.columns_for_layer` calls :func:`transport_columns` for the electrolyte slot. The
concentration is a property of the layer (library value or inline override), so σ(c), D(c), t₊(c) are
evaluated once per material (per resolved layer), never per design; the scorer's per-design temperature law is
unchanged: σ(T, c) = σ(c) exp(−E_a/k_B (1/T − 1/T_ref)), and D likewise.

Precedence: an inline override of ``conductivity_mS_cm``, ``diffusivity_cm2_s`` or ``transference_number`` wins
over the parameterisation (it is the user's value at T_ref); the others still follow c. ``transport_model = "none"``
switches the parameterisation off. A concentration outside its range is refused when the layer is resolved
(:func:`anodelab.materials.schema.missing_requirements`, with file, layer and field), and again here for layers
built without :func:`~anodelab.design.resolve`.
"""

from __future__ import annotations

import math

from ..constants import BOLTZMANN_eV_K, ZERO_CELSIUS_K
from ..errors import AnodeLabError
from ..units import SUFFIX_TO_SI
from .parameterisations import NO_MODEL, PARAMETERISATIONS, concentration_problem

#: property → batch field it fills (SI factor)
_FIELDS = {
    "conductivity_mS_cm": ("electrolyte_conductivity_S_m", SUFFIX_TO_SI["mS_cm"]),
    "diffusivity_cm2_s": ("diffusivity_m2_s", SUFFIX_TO_SI["cm2_s"]),
    "transference_number": ("transference_number", 1.0),
}


def transport_columns(layer) -> dict[str, float]:
    """Batch fields (SI) that a liquid electrolyte's ``transport_model`` sets; {} when it has none.

    ``layer`` is a :class:`~anodelab.design.ResolvedLayer` (properties in user units, ``overridden`` names).
    """
    if layer is None or layer.cls != "liquid_electrolyte":
        return {}
    model_id = layer.value("transport_model")
    if model_id is None or model_id == NO_MODEL:
        return {}
    model = PARAMETERISATIONS[model_id]  # the schema admits only known ids
    todo = [p for p in _FIELDS if p not in layer.overridden]
    if not todo:
        return {}
    c = float(layer.value("concentration_mol_L"))
    if not model.in_range(c):
        raise AnodeLabError(concentration_problem(model_id, c), entry=f"layer '{layer.slot}'", field="concentration_mol_L")
    sigma, diff, t_plus = (float(v) for v in model.at(c))
    # the parameterisation holds at its own reference temperature; the engine's Arrhenius law is anchored at the
    # material's reference_temperature_C: move the values there with the same law (a no-op when both are 25 °C)
    t_ref_K = float(layer.value("reference_temperature_C")) + ZERO_CELSIUS_K
    t_model_K = model.reference_temperature_C + ZERO_CELSIUS_K
    shift = 1.0
    if t_ref_K != t_model_K:
        ea = float(layer.value("conductivity_activation_energy_eV"))
        shift = math.exp(-ea / BOLTZMANN_eV_K * (1.0 / t_ref_K - 1.0 / t_model_K))
    values = {"conductivity_mS_cm": sigma * shift, "diffusivity_cm2_s": diff * shift, "transference_number": t_plus}
    return {_FIELDS[p][0]: values[p] * _FIELDS[p][1] for p in todo}


def model_values_user_units(model_id: str, c_mol_L: float) -> dict[str, float]:
    """σ [mS cm⁻¹], D [cm² s⁻¹], t₊ of a parameterisation at c and its reference temperature (for reports, tests)."""
    sigma, diff, t_plus = (float(v) for v in PARAMETERISATIONS[model_id].at(c_mol_L))
    return {"conductivity_mS_cm": sigma, "diffusivity_cm2_s": diff, "transference_number": t_plus}
