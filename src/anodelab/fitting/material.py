"""Fitted values become a material of the user library (or an override of the current design).

What each fit sets (the inverse of the engine's use of the property, scoring._score_batch):

* ``eis`` / ``arrhenius`` → the electrolyte. Liquid: the engine's interfacial ASR per geometric area is
  ``sei_asr / A_w`` (SEI on the host area the pore electrolyte reaches, A_w ≤ the host's ``surface_area_ratio``,
  itself a function of sei_asr and σ), so ``sei_asr_ohm_cm2`` (and for ``arrhenius`` the SEI activation energy
  behind the fitted apparent one) is solved from the engine (``_liquid_interface``); solid: ``interfacial_asr_ohm_cm2`` = fitted ASR / the interlayer's
  ``interfacial_asr_factor`` (1 without one). An ASR measured at T ≠ the material's reference temperature is
  moved there with ASR_ref = ASR(T) exp(−E_a/k_B (1/T − 1/T_ref)), E_a from the fit (arrhenius) or the
  material. ``arrhenius`` also sets ``sei_activation_energy_eV`` / ``interface_activation_energy_eV``.
* ``deposition`` → the surface Na nucleates on (coating if the design has one, else the host):
  ``nucleation_reference_current_mA_cm2`` = the measured current density, and ``nucleation_overpotential_mV``
  = fitted excess / k, with k the engine's excess per mV of library value for this design at that current
  (the engine scales the library value, e.g. by the host's surface-area ratio; checked to be proportional).
* ``ce`` → the liquid electrolyte's ``coulombic_efficiency_on_cu`` (the measurement must be on Cu for
  this to mean what the name says; the source records the file).

The new property's ``source`` reads ``fitted: <file>, sha256 <hash>, <method>, <date>, ±<half width> (95 %)``
and its ``range`` is the 95 % interval (clipped to the property's allowed values), so uncertainty
screening uses the measured spread.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import replace

from ..constants import BOLTZMANN_eV_K, ZERO_CELSIUS_K
from ..design import Design, Layer, resolve
from ..errors import AnodeLabError
from ..materials.library import ID_PATTERN, default_library, reset_default_library
from ..materials.schema import PROPERTIES
from ..paths import user_library_dir
from .result import FitResult, FittedValue


def provenance(fit: FitResult, v: FittedValue, note: str = "", scale: float = 1.0) -> str:
    """'fitted: file, sha256 …, method, date, ±interval' for one value (interval × ``scale`` when the property
    is the fitted value times a factor)."""
    files = "; ".join(f"{s.name}, sha256 {s.sha256}" for s in fit.sources)
    hw = None if v.half_width is None else abs(v.half_width * scale)
    interval = f"±{hw:.4g} (95 %)" if hw is not None else "no interval"
    date = _dt.date.today().isoformat()
    return f"fitted: {files}, {fit.method}, {date}, {interval}" + (f"; {note}" if note else "")


def _prop(name: str, value: float, v: FittedValue | None, source: str, scale: float = 1.0) -> dict:
    spec = PROPERTIES[name]
    out = {"value": float(value), "source": source}
    if v is not None and v.low is not None and v.high is not None and math.isfinite(v.high):
        lo, hi = sorted((v.low * scale, v.high * scale))
        lo = max(lo, spec.low) if spec.low_inclusive else max(lo, spec.low + 1e-12 * max(1.0, abs(spec.low)))
        hi = min(hi, spec.high) if spec.high_inclusive else min(hi, spec.high - 1e-12 * max(1.0, abs(spec.high)))
        if lo <= value <= hi:
            out["range"] = [float(lo), float(hi)]
    if spec.check(out["value"]):
        raise AnodeLabError(f"the fitted value {value:g} is outside what the library allows: {spec.check(value)}",
                            field=name)
    return out


def fitted_properties(fit: FitResult, design: Design) -> tuple[str, dict]:
    """(slot, {property: {value, source, range}}) that ``fit`` sets on ``design``'s materials."""
    if not fit.ok:
        raise AnodeLabError(f"this fit {fit.status()}: its values cannot become a material ({'; '.join(fit.messages)})",
                            field="fit")
    rd = resolve(design)
    p = fit.protocol
    if p == "arrhenius" and fit.extra.get("basis") == "symmetric":
        raise AnodeLabError("an Arrhenius fit of symmetric-cell overpotentials gives an apparent activation energy "
                            "of the whole cell (electrolyte + interfaces), not a material property; fit spectra",
                            field="protocol")
    if p in ("eis", "arrhenius"):
        el = rd.layers["electrolyte"]
        props = el.properties
        solid = el.cls == "solid_electrolyte"
        key = "interfacial_asr_per_electrode_ohm_cm2" if p == "eis" else "asr_ref_ohm_cm2"
        if key not in fit.values:
            raise AnodeLabError("the fit has no interfacial ASR (electrode area unknown? give --area-cm2)", field="area_cm2")
        v = fit.values[key]
        t_ref = float(props["reference_temperature_C"].value)
        ea_name = "interface_activation_energy_eV" if solid else "sei_activation_energy_eV"
        out = {}
        note = ""
        factor = 1.0
        if p == "eis":
            t_meas = fit.extra.get("temperature_C")
            ea = float(props[ea_name].value)
            if t_meas is None:
                note = f"measurement temperature unknown: taken as the reference {t_ref:g} °C"
            elif abs(t_meas - t_ref) > 0.05:
                factor = math.exp(-ea / BOLTZMANN_eV_K * (1 / (t_meas + ZERO_CELSIUS_K) - 1 / (t_ref + ZERO_CELSIUS_K)))
                note = f"measured at {t_meas:g} °C, moved to {t_ref:g} °C with E_a = {ea:g} eV"
        else:
            t_fit = fit.extra.get("reference_temperature_C", 25.0)
            if abs(t_fit - t_ref) > 0.05:
                raise AnodeLabError(f"the Arrhenius fit's reference is {t_fit:g} °C but the material's is {t_ref:g} °C: "
                                    "refit with that reference temperature", field="reference_temperature_C")
            ea_v = fit.values["activation_energy_eV"]
            out[ea_name] = _prop(ea_name, ea_v.value, ea_v, provenance(fit, ea_v))
        if solid:
            il = rd.layers.get("interlayer")
            k = float(il.properties["interfacial_asr_factor"].value) if il is not None else 1.0
            name, scale = "interfacial_asr_ohm_cm2", factor / k
            how = f"= fitted per-electrode ASR / interlayer factor {k:g}" if k != 1.0 else "= fitted per-electrode ASR"
        else:
            t_meas = fit.extra.get("temperature_C") if p == "eis" else None
            t_solve = t_ref if t_meas is None else float(t_meas)
            if abs(t_solve - t_ref) > 0.05:  # the engine moves ASR_SEI and the pore electrolyte's σ with their own E_a
                note = (f"measured at {t_solve:g} °C, moved to {t_ref:g} °C through the engine (ASR_SEI with "
                        f"E_a = {float(props[ea_name].value):g} eV, the pore electrolyte's σ with its own)")
            return "electrolyte", _liquid_interface(fit, design, v, t_solve, t_ref, note, out, ea_name)
        out[name] = _prop(name, v.value * scale, v, provenance(fit, v, "; ".join(x for x in (how, note) if x), scale), scale)
        return "electrolyte", out
    if p == "deposition":
        slot = "coating" if rd.layers.get("coating") is not None else "host"
        v = fit.values["nucleation_overpotential_mV"]
        j = fit.extra.get("current_density_mA_cm2")
        if j is None:
            raise AnodeLabError("the current density is unknown (electrode area?): give --area-cm2", field="area_cm2")
        j = abs(float(j))
        # the engine scales the library value to the design (current, surface-area ratio, wetting): invert it
        probe = design.with_conditions(current_density_mA_cm2=j)
        layer = probe.layer(slot)

        def excess_mV(x):
            from ..scoring import score

            ov = dict(layer.overrides, nucleation_overpotential_mV=float(x), nucleation_reference_current_mA_cm2=j)
            return float(score(probe.with_layer(slot, replace(layer, overrides=ov))).si["eta_excess_V"][0] * 1e3)

        k = excess_mV(1.0)
        if not (k > 0 and abs(excess_mV(2.0) - 2.0 * k) <= 1e-9 * max(1.0, k)):
            raise AnodeLabError("the engine's nucleation excess is not proportional to the library value for this "
                                "design: cannot invert it", field="nucleation_overpotential_mV")
        note = (f"library value = fitted excess / {k:.6g} (the engine's excess per mV of library value for this "
                f"design at {j:g} mA cm-2)")
        src = provenance(fit, v, note, 1.0 / k)
        return slot, {"nucleation_overpotential_mV": _prop("nucleation_overpotential_mV", v.value / k, v, src, 1.0 / k),
                      "nucleation_reference_current_mA_cm2": {"value": j, "source": src + "; the current density of that file"}}
    if p == "ce":
        el = rd.layers["electrolyte"]
        if el.cls != "liquid_electrolyte":
            raise AnodeLabError("a CE fit sets the liquid electrolyte's CE; this design has a solid electrolyte", field="protocol")
        v = fit.values.get("ce") or fit.values.get("average_ce")
        return "electrolyte", {"coulombic_efficiency_on_cu": _prop("coulombic_efficiency_on_cu", v.value, v, provenance(fit, v))}
    raise AnodeLabError(f"a '{p}' fit has no library property to set (its values are results of the model, "
                        "not inputs); save an eis, arrhenius, deposition or ce fit", field="protocol")


def save_fit_as_material(fit: FitResult, design: Design, material_id: str, name: str | None = None) -> tuple[str, Design]:
    """Write ``<user library>/<material_id>.toml``: the design's material of the fitted slot with the fitted
    properties replaced. Returns (path, the design using the new material). The library cache is reset."""
    import tomli_w

    from ..fileio import atomic_write_text

    if not ID_PATTERN.match(material_id or ""):
        raise AnodeLabError("material id must be lowercase letters, digits and hyphens", field="material_id")
    lib = default_library()
    existing = lib.materials.get(material_id)
    if existing is not None and existing.origin == "installed":
        raise AnodeLabError(f"'{material_id}' is an installed material; choose a new id", field="material_id")
    slot, props = fitted_properties(fit, design)
    base = resolve(design).layers[slot]
    raw_props = {}
    for pname, prop in base.properties.items():
        entry = {"value": prop.value, "source": prop.source}
        if prop.range:
            entry["range"] = list(prop.range)
        if prop.conditions:
            entry["conditions"] = prop.conditions
        raw_props[pname] = entry
    raw_props.update(props)
    files = ", ".join(s.name for s in fit.sources)
    doc = {"schema_version": 1, "materials": {material_id: {
        "name": name or f"{base.name} (fitted to {files})", "class": base.cls,
        "description": f"{base.name} with {', '.join(props)} fitted ({fit.protocol}) to {files}.",
        "properties": raw_props}}}
    folder = user_library_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{material_id}.toml"
    atomic_write_text(path, tomli_w.dumps(doc))
    reset_default_library()
    from ..materials.library import load_file

    load_file(path, origin="user")  # validates what we wrote (raises AnodeLabError naming the file)
    new_design = design.with_layer(slot, Layer(material_id))
    return str(path), new_design


def apply_fit_to_design(fit: FitResult, design: Design) -> Design:
    """The design with the fitted properties as overrides of its own layer (sources kept per property)."""
    slot, props = fitted_properties(fit, design)
    layer = design.layer(slot)
    overrides = dict(layer.overrides)
    sources = dict(layer.sources)
    for k, v in props.items():
        overrides[k] = v["value"]
        sources[k] = v["source"]
    return design.with_layer(slot, replace(layer, overrides=overrides, sources=sources))


def _engine_interface_asr_ohm_cm2(design: Design, sei_ohm_cm2: float, temperature_C: float, ea_eV=None) -> float:
    """The engine's liquid interfacial ASR per electrode (geometric area) with the electrolyte's SEI ASR (and SEI
    activation energy) set, at ``temperature_C``   [Ω cm²]."""
    from ..scoring import score

    el = design.electrolyte
    ov = dict(el.overrides, sei_asr_ohm_cm2=float(sei_ohm_cm2))
    if ea_eV is not None:
        ov["sei_activation_energy_eV"] = float(ea_eV)
    d = design.with_layer("electrolyte", replace(el, overrides=ov)).with_conditions(temperature_C=temperature_C)
    return float(score(d).si["asr_interface_ohm_m2"][0] * 1e4)


def _solve(f, target: float, lo: float, hi: float, what: str) -> float:
    """x in [lo, hi] with f(x) = target (f monotonic; scipy brentq)."""
    from scipy.optimize import brentq

    g = lambda x: f(x) - target  # noqa: E731
    if g(lo) * g(hi) > 0:
        raise AnodeLabError(f"no {what} in [{lo:g}, {hi:g}] reproduces the fitted value {target:g} on this design",
                            field=what)
    return float(brentq(g, lo, hi, xtol=1e-12, rtol=1e-10))


def _liquid_interface(fit, design, v, t_solve, t_ref, note, out, ea_name) -> dict:
    """The liquid electrolyte's ``sei_asr_ohm_cm2`` (and, for an Arrhenius fit, ``sei_activation_energy_eV``) that
    make the engine's interfacial ASR per electrode at the measurement temperature ``t_solve`` equal the fitted one: the engine has ASR_SEI / A_w with A_w the
    host area the pore electrolyte reaches (:func:`anodelab.physics.resistance.working_area_ratio`, itself a function
    of ASR_SEI and σ), so the inverse is solved numerically (monotonic in ASR_SEI; the 95 % interval maps end by end).
    A_w = the host's surface-area ratio when the pores reach all of it, and ASR_SEI = fitted ASR × that ratio."""
    name = "sei_asr_ohm_cm2"

    def inv(asr):
        return math.exp(_solve(lambda lx: math.log(_engine_interface_asr_ohm_cm2(design, math.exp(lx), t_solve)),
                               math.log(asr), math.log(1e-6), math.log(1e5), name))

    sei = inv(v.value)
    lo = inv(v.low) if v.low is not None and v.low > 0 else None
    hi = inv(v.high) if v.high is not None and math.isfinite(v.high) else None
    mapped = FittedValue(name, sei, None, lo, hi, v.meaning)
    ratio = float(resolve(design).layers["host"].properties["surface_area_ratio"].value)
    how = (f"= the SEI ASR whose engine interfacial ASR per electrode (ASR_SEI / A_w at {t_solve:g} °C, A_w the part "
           f"of the host surface-area ratio {ratio:g} the pore electrolyte reaches) equals the fitted {v.value:.4g} Ω cm²")
    out[name] = _prop(name, sei, mapped, provenance(fit, mapped, "; ".join(x for x in (how, note) if x)))
    if fit.protocol == "arrhenius":
        ea_v = fit.values["activation_energy_eV"]
        t1, t2 = t_ref + ZERO_CELSIUS_K, t_ref - 30.0 + ZERO_CELSIUS_K

        def apparent(e):  # E_a of the engine's interfacial ASR between t_ref − 30 K and t_ref
            r = _engine_interface_asr_ohm_cm2(design, sei, t_ref - 30.0, e) / _engine_interface_asr_ohm_cm2(design, sei, t_ref, e)
            return BOLTZMANN_eV_K * math.log(r) / (1.0 / t2 - 1.0 / t1)

        def inv_e(e_app):
            return _solve(apparent, e_app, 0.0, 5.0, ea_name)

        e = inv_e(ea_v.value)
        e_lo = inv_e(ea_v.low) if ea_v.low is not None and apparent(0.0) < ea_v.low else None
        e_hi = inv_e(ea_v.high) if ea_v.high is not None and ea_v.high < apparent(5.0) else None
        mapped_e = FittedValue(ea_name, e, None, e_lo, e_hi, ea_v.meaning)
        out[ea_name] = _prop(ea_name, e, mapped_e, provenance(
            fit, mapped_e, f"= the SEI activation energy whose engine interfacial ASR has the fitted apparent "
                           f"{ea_v.value:.4g} eV (the pore electrolyte's own activation enters A_w)"))
    return out

