"""Model parameters the simulators need beyond those of the scoring engine.

Each entry has value, unit, kind and source exactly like ``resources/model/parameters.toml``.
They live in ``resources/model/parameters.toml`` with the engine's parameters (one source of truth).
"""

from __future__ import annotations

from ..physics.parameters import ModelParameters, Parameter

#: The simulation parameters (all in ``resources/model/parameters.toml``, with value, unit, kind, source).
SIM_PARAMETER_NAMES = (
    "double_layer_capacitance_uF_cm2",
    "deposition_growth_time_s",
    "dead_layer_macmullin",
    "soft_short_cycles",
    "soft_short_noise_fraction",
    "short_circuit_asr_ohm_cm2",
    "interface_capacitance_uF_cm2",
    "grain_boundary_capacitance_nF_cm2",
    "grain_boundary_asr_fraction",
    "dielectric_permittivity_F_m",
    "cpe_exponent_bulk",
    "cpe_exponent_grain_boundary",
    "cpe_exponent_interface",
    "cpe_exponent_coating",
)


def sim_parameter(params: ModelParameters, name: str) -> float:
    """The value of a simulation parameter from the model parameters."""
    return sim_parameter_entry(params, name).value


def sim_parameter_entry(params: ModelParameters, name: str) -> Parameter:
    try:
        return params.entries[name]
    except KeyError:
        raise KeyError(f"model parameter '{name}' is missing from resources/model/parameters.toml") from None
