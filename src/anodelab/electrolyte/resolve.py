"""The one place a parameterised electrolyte enters a design: σ, D and t₊ at the layer's concentration.

:func:`anodelab.design.resolve` calls :func:`apply_transport_model` for every layer after merging the library
values with the inline overrides. For a liquid electrolyte with ``transport_model = "<id>"`` the resolved
``conductivity_mS_cm``, ``diffusivity_cm2_s`` and ``transference_number`` become the parameterisation's values at
the layer's ``concentration_mol_L`` (its source says so, with the DOI), so the engine's batch columns, the score
card, the reports and the uncertainty ranges all see the same numbers, and the concentration never needs a
per-design evaluation. The scorer's temperature law is unchanged: σ(T, c) = σ(c) exp(−E_a/k_B (1/T − 1/T_ref)),
D likewise.

Precedence: an inline override of one of the three wins (the user's value at T_ref); ``transport_model = "none"``
switches the parameterisation off. A concentration outside its range has been refused before this runs
(:func:`anodelab.materials.schema.missing_requirements`, naming file, layer, field and range).
"""

from __future__ import annotations

import math

from ..constants import BOLTZMANN_eV_K, ZERO_CELSIUS_K
from ..materials.library import Property
from .parameterisations import NO_MODEL, PARAMETERISATIONS

TRANSPORT_PROPERTIES = ("conductivity_mS_cm", "diffusivity_cm2_s", "transference_number")


def apply_transport_model(cls: str, props: dict[str, Property], overridden) -> dict[str, Property]:
    """``props`` with σ, D, t₊ from the layer's ``transport_model`` at its concentration (unchanged without one).

    A value's library ``range`` is carried over scaled by new/old value (the same relative uncertainty).
    """
    if cls != "liquid_electrolyte" or "transport_model" not in props:
        return props
    model_id = props["transport_model"].value
    todo = [p for p in TRANSPORT_PROPERTIES if p not in overridden and p in props]
    if model_id == NO_MODEL or not todo:
        return props
    model = PARAMETERISATIONS[model_id]  # the schema admits only known ids
    c = float(props["concentration_mol_L"].value)
    sigma, diff, t_plus = (float(v) for v in model.at(c))
    # the parameterisation holds at its own reference temperature, the engine's Arrhenius law is anchored at the
    # layer's reference_temperature_C: move σ and D there with the same law (a no-op when both are 25 °C)
    t_ref_C = float(props["reference_temperature_C"].value)
    shift = 1.0
    if t_ref_C != model.reference_temperature_C:
        ea = float(props["conductivity_activation_energy_eV"].value)
        shift = math.exp(-ea / BOLTZMANN_eV_K * (1.0 / (t_ref_C + ZERO_CELSIUS_K)
                                                  - 1.0 / (model.reference_temperature_C + ZERO_CELSIUS_K)))
    values = {"conductivity_mS_cm": sigma * shift, "diffusivity_cm2_s": diff * shift, "transference_number": t_plus}
    sources = {"conductivity_mS_cm": model.conductivity_source, "diffusivity_cm2_s": model.diffusivity_source,
               "transference_number": model.transference_source}
    where = f"{c:g} mol/L and {t_ref_C:g} °C" + ("" if shift == 1.0 else " (Arrhenius from 25 °C)")
    out = dict(props)
    for name in todo:
        old = props[name]
        new = values[name]
        rng = None
        if old.range is not None and isinstance(old.value, float) and old.value > 0:
            k = new / old.value
            rng = (old.range[0] * k, min(old.range[1] * k, 0.999) if name == "transference_number" else old.range[1] * k)
        out[name] = Property(value=new, source=f"transport_model '{model_id}' at {where}: {sources[name]}", range=rng,
                             conditions=old.conditions)
    return out
