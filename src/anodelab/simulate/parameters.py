"""Model parameters the simulators need beyond those of the scoring engine.

Each entry has value, unit, kind and source exactly like ``resources/model/parameters.toml``.
They are looked up in :func:`anodelab.physics.parameters.default_parameters` first (one source of
truth once the lead has moved them there); until then this table is their only home.
"""

from __future__ import annotations

from ..physics.parameters import ModelParameters, Parameter

_P = Parameter

#: Simulation parameters (name → Parameter). Units are in the names.
SIM_PARAMETERS: dict[str, Parameter] = {
    p.name: p
    for p in (
        _P("double_layer_capacitance_uF_cm2", 20.0, "uF cm-2", "estimate",
           "estimate: double-layer capacitance of a metal | organic electrolyte interface per true area, "
           "10-40 µF cm-2 (Bard & Faulkner, Electrochemical Methods, 2nd ed. 2001, ch. 13); charges the "
           "host before Na nucleates (deposition transient)"),
        _P("deposition_growth_time_s", 2.0, "s", "estimate",
           "estimate: time constant of the relaxation from the nucleation dip -η_n to the plating plateau -η_p "
           "as nuclei grow and coalesce; seconds, the order of the dip width in Na-on-Cu transients "
           "(Lu et al. 2022 Fig. 1b, ref [31]); not fitted"),
        _P("dead_layer_macmullin", 10.0, "1", "estimate",
           "estimate: MacMullin number (σ_bulk/σ_eff) of the porous dead-Na/SEI layer built from the lost "
           "inventory; its ASR is N h_lost / σ_electrolyte with h_lost = Q_lost V_m / F (dense-equivalent "
           "thickness); 10 ≈ a layer of porosity 0.3 with tortuosity 3"),
        _P("soft_short_cycles", 5.0, "cycles", "estimate",
           "estimate: cycles between the first soft short (voltage noise, falling overpotential) and the "
           "hard short in symmetric cycling; soft shorts are usually seen for a few to tens of cycles"),
        _P("soft_short_noise_fraction", 0.3, "1", "estimate",
           "estimate: amplitude (standard deviation) of the soft-short voltage noise relative to the "
           "healthy overpotential at the middle of the soft-short window"),
        _P("short_circuit_asr_ohm_cm2", 0.1, "ohm cm2", "estimate",
           "estimate: area-specific resistance of the metallic Na filament(s) of a hard short; the voltage "
           "collapses to J times this value"),
        _P("short_charge_reference_mAh_cm2", 1500.0, "mAh cm-2", "calibrated",
           "calibrated: cumulative plated charge per area to the first (soft) short of a design with dendrite "
           "risk 1/2, Q_short = Q_ref (1 - risk)/risk; least-squares fit of ln(J t_life) - ln odds on the 28 "
           "symmetric-cell lifetimes of Table 1 (Lu et al. 2022; Na excess assumed 5 mAh cm-2): 1504 mAh cm-2, "
           "rounded; RMS residual 0.82 decades (a factor ~6.6). Many Table 1 lifetimes are test lengths "
           "(censored), so this is biased low. Fit: anodelab.simulate.calibration.fit_short_charge_reference; "
           "tests/simulate recompute it"),
        _P("interface_capacitance_uF_cm2", 5.0, "uF cm-2", "estimate",
           "estimate: capacitance of the Na | SEI (liquid, per true area) or Na | solid-electrolyte interface "
           "(per geometric area), 1-10 µF cm-2 typical of the mid-frequency arc of Na symmetric cells"),
        _P("grain_boundary_capacitance_nF_cm2", 10.0, "nF cm-2", "estimate",
           "estimate: grain-boundary capacitance of a ceramic pellet per area, 1e-9 to 1e-8 F cm-2 "
           "(brick-layer model; Irvine, Sinclair & West, Adv. Mater. 1990, 2, 132)"),
        _P("grain_boundary_asr_fraction", 0.3, "1", "estimate",
           "estimate: share of a solid electrolyte's ASR from grain boundaries (the library gives the total "
           "conductivity only); 0.3 is typical of dense NASICON at room temperature"),
        _P("dielectric_permittivity_F_m", 8.854e-11, "F m-1", "estimate",
           "estimate: permittivity ε0 εr with εr ≈ 10 of electrolyte bulk and coatings; sets the geometric "
           "capacitance ε/L of the bulk and coating elements"),
        _P("cpe_exponent_bulk", 1.0, "1", "estimate", "estimate: ideal geometric capacitance of the bulk"),
        _P("cpe_exponent_grain_boundary", 0.9, "1", "estimate",
           "estimate: CPE exponent of grain-boundary arcs, 0.8-0.95 typical of ceramics"),
        _P("cpe_exponent_interface", 0.85, "1", "estimate",
           "estimate: CPE exponent of the interface arc (rough, inhomogeneous SEI or contact), 0.8-0.9 typical"),
        _P("cpe_exponent_coating", 0.95, "1", "estimate", "estimate: thin dense coating, near-ideal capacitor"),
    )
}


def sim_parameter(params: ModelParameters, name: str) -> float:
    """The value of a simulation parameter: from ``params`` if it defines it, else from :data:`SIM_PARAMETERS`."""
    entry = params.entries.get(name) or SIM_PARAMETERS[name]
    return entry.value


def sim_parameter_entry(params: ModelParameters, name: str) -> Parameter:
    return params.entries.get(name) or SIM_PARAMETERS[name]
