"""Interfacial ASR and its activation energy from a temperature series of spectra (lmfit), or the apparent
activation energy of the whole-cell ASR from symmetric-cell cycling at several temperatures.

Each spectrum is fitted with the equivalent circuit (:func:`anodelab.fitting.eis.fit_spectrum`), giving
the interfacial ASR per electrode R_k ± σ_k at T_k. Then, weighted by 1/σ(ln R_k) = R_k/σ_k,

    ln R(T) = ln R_ref + (E_a / k_B) (1/T − 1/T_ref)          (the engine's ASR(T), simulate/arrhenius.py)

is fitted with lmfit for E_a [eV] and R_ref [Ω cm²] at T_ref (the material's reference temperature,
25 °C unless given). With fewer than 3 temperatures the interval has no degrees of freedom: reported as
not identifiable.
"""

from __future__ import annotations

import numpy as np

from ..constants import BOLTZMANN_eV_K, ZERO_CELSIUS_K
from ..errors import AnodeLabError
from .eis import DEFAULT_CIRCUIT, fit_spectrum
from .result import FitCurve, FitResult, lmfit_summary


def arrhenius_asr(t_K, asr_ref, ea_eV, t_ref_K):
    """R(T) = R_ref exp(E_a/k_B (1/T − 1/T_ref))."""
    return asr_ref * np.exp(ea_eV / BOLTZMANN_eV_K * (1.0 / np.asarray(t_K) - 1.0 / t_ref_K))


def fit_arrhenius(spectra, circuit: str = DEFAULT_CIRCUIT, reference_temperature_C: float = 25.0,
                  key: str | None = None) -> FitResult:
    """Fit every file, then E_a and R_ref of the Arrhenius law (see the module docstring).

    ``spectra`` are impedance spectra (interfacial ASR per electrode from the circuit), or symmetric-cell
    cycling files (the whole-cell effective ASR η_0/J of :func:`anodelab.fitting.cycling.fit_symmetric`:
    its E_a is an *apparent* one — electrolyte, interfaces and charge transfer together — and is not saved
    as a material property)."""
    import lmfit

    from ..data.model import CyclingMeasurement
    from .cycling import fit_symmetric

    if len(spectra) < 2:
        raise AnodeLabError("an Arrhenius fit needs files at ≥ 2 temperatures", field="files")
    cycling = all(isinstance(s, CyclingMeasurement) for s in spectra)
    key = key or ("effective_asr_ohm_cm2" if cycling else "interfacial_asr_per_electrode_ohm_cm2")
    for s in spectra:
        if s.temperature_C is None:
            raise AnodeLabError("the temperature of this file is unknown: give it (FILE@T or --temperature-c)",
                                file=s.source.path, field="temperature_C")
        if s.area_cm2 is None:
            raise AnodeLabError("the electrode area is unknown: give it (--area-cm2)", file=s.source.path,
                                field="area_cm2")
    fits = [fit_symmetric(s) if cycling else fit_spectrum(s, circuit) for s in spectra]
    t_k = np.array([s.temperature_C for s in spectra]) + ZERO_CELSIUS_K
    if np.unique(t_k).size < 2:
        raise AnodeLabError("all files are at the same temperature", field="temperature_C")
    r = np.array([f.values[key].value for f in fits])
    sd = np.array([f.values[key].stderr if f.values[key].stderr is not None else np.nan for f in fits])
    messages = [f"{f.source.name}: {m}" for f in fits for m in f.messages]
    if np.any(r <= 0):
        raise AnodeLabError("a fitted ASR is ≤ 0: check the circuit / the files", field="circuit")
    rel = np.where(np.isfinite(sd) & (sd > 0), sd / r, np.nanmedian(np.where(sd > 0, sd / r, np.nan)) if np.any(sd > 0) else 0.05)
    t_ref = reference_temperature_C + ZERO_CELSIUS_K
    x = 1.0 / t_k - 1.0 / t_ref

    def model(x, ln_r_ref, ea_eV):
        return ln_r_ref + ea_eV / BOLTZMANN_eV_K * x

    mod = lmfit.Model(model)
    params = mod.make_params(ln_r_ref=float(np.mean(np.log(r))), ea_eV=0.5)
    res = mod.fit(np.log(r), params, x=x, weights=1.0 / rel)
    dof = len(r) - 2
    names = {"ln_r_ref": ("ln_asr_ref", "ln R_ref"), "ea_eV": ("activation_energy_eV", "E_a of the interfacial ASR")}
    vals, corr, ident, msgs = lmfit_summary(res, names, dof=dof)
    if dof < 1:
        ident = False
        msgs.append("2 temperatures fix the line exactly: no interval (measure ≥ 3 temperatures)")
    lr = vals["ln_asr_ref"]
    from .result import FittedValue

    what = "whole-cell effective ASR η_0/J" if cycling else "interfacial ASR per electrode"
    asr_ref = FittedValue("asr_ref_ohm_cm2", float(np.exp(lr.value)), None if lr.stderr is None else float(np.exp(lr.value) * lr.stderr),
                          None if lr.low is None else float(np.exp(lr.low)), None if lr.high is None else float(np.exp(lr.high)),
                          f"{what} at {reference_temperature_C:g} °C")
    order = np.argsort(t_k)
    curve = FitCurve(x=1000.0 / t_k[order], y=r[order], y_fit=np.exp(res.best_fit[order]), x_label="1000/T (K⁻¹)",
                     y_label=("Effective ASR" if cycling else "Interfacial ASR") + " (Ω cm²)")
    return FitResult(
        protocol="arrhenius",
        method=("per-file symmetric-cell fits (η_0/J)" if cycling else f"per-spectrum {circuit} fits")
        + ", then lmfit weighted ln R vs 1/T",
        values={"activation_energy_eV": vals["activation_energy_eV"], "asr_ref_ohm_cm2": asr_ref},
        sources=tuple(s.source for s in spectra), correlations=corr, converged=bool(res.success),
        identifiable=ident and all(f.identifiable for f in fits), messages=tuple(msgs + messages),
        rms_residual=float(np.sqrt(np.mean(res.residual**2))), residual_unit="weighted ln R", curve=curve,
        extra={"basis": "symmetric" if cycling else "eis", "temperatures_C": (t_k - ZERO_CELSIUS_K).tolist(), "asr_ohm_cm2": r.tolist(), "asr_stderr_ohm_cm2": sd.tolist(),
               "reference_temperature_C": reference_temperature_C, "per_spectrum": [f.record() for f in fits]})
