"""CCD against temperature and against stack pressure for one solid-state design, with literature points.

Engine functions behind the GUI's solid-state views and the report (model v2, :mod:`anodelab.physics.solid`):
each curve is one vectorised re-score of the design at ``points`` temperatures (or pressures), giving the CCD
and both of its limits; the design's own conditions are the operating point; the literature points are the
measured CCDs on the same solid electrolyte (Table 2 of Lu et al. 2022 and resources/literature/solid_state.toml),
each with its temperature, pressure and reference.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..batch import as_batch
from ..constants import ZERO_CELSIUS_K
from ..design import Design
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import score
from ..units import SUFFIX_TO_SI

_MA_CM2 = SUFFIX_TO_SI["mA_cm2"]
_MPA = SUFFIX_TO_SI["MPa"]


@dataclass(frozen=True)
class LiteraturePoint:
    record_id: str
    reference: str
    x: float  # temperature [°C] or stack pressure [MPa]
    ccd_mA_cm2: float
    quantity: str  # which CCD the paper measured (ccd_mA_cm2, ccd_stripping_mA_cm2, ccd_penetration_mA_cm2)
    same_stack: bool  # same interlayer as the design (else: same electrolyte only)
    #: the record's other condition: its stack pressure [MPa] on a CCD(T) plot, its temperature [°C] on a CCD(P)
    other: float = float("nan")
    #: "equal" (a measured CCD), "at_least" (the cell sustained this current: the CCD is ≥ it) or "at_most" (the cell
    #: had already failed at it: the CCD is ≤ it); views draw a bound as a triangle pointing where the CCD lies
    comparison: str = "equal"

    @property
    def bound_sign(self) -> str:
        """'≥', '≤' or '' (a measured value)."""
        return {"at_least": "≥", "at_most": "≤"}.get(self.comparison, "")


@dataclass(frozen=True)
class AsrPoint:
    """A measured interfacial ASR (per Na | SSE interface) on the design's solid electrolyte."""

    record_id: str
    reference: str
    x: float  # temperature [°C] or stack pressure [MPa]
    asr_ohm_cm2: float
    same_stack: bool  # same interlayer as the design
    pressure_stated: bool  # False: the paper gives no stack pressure (the record holds 0 or an assumed value)


@dataclass(frozen=True)
class CCDCurve:
    """CCD(x) of one design; x is temperature [°C] or stack pressure [MPa]."""

    variable: str  # "temperature_C" or "stack_pressure_MPa"
    x: np.ndarray
    ccd_mA_cm2: np.ndarray
    stripping_mA_cm2: np.ndarray
    plating_mA_cm2: np.ndarray
    contact_fraction: np.ndarray
    operating_x: float
    operating_ccd_mA_cm2: float
    literature: tuple[LiteraturePoint, ...]
    #: CCD(T) only: −k_B d ln CCD / d(1/T), least squares over the curve's temperatures (as the Arrhenius
    #: profile's ``ccd_activation_energy_eV``, anodelab.simulate.arrhenius)
    apparent_activation_eV: float = float("nan")
    #: interfacial ASR = R_int(T) / f_c(P, T) per interface [Ω cm²] along the same x, at the operating point, and the
    #: measured ASRs on the same electrolyte
    asr_ohm_cm2: np.ndarray = field(default_factory=lambda: np.empty(0))
    operating_asr_ohm_cm2: float = float("nan")
    asr_literature: tuple[AsrPoint, ...] = ()
    #: the design's condition held fixed along the curve: stack pressure [MPa] on CCD(T), temperature [°C] on CCD(P)
    other_value: float = float("nan")

    @property
    def x_label(self) -> str:
        return "Temperature" if self.variable == "temperature_C" else "Stack pressure"

    @property
    def x_unit(self) -> str:
        return "°C" if self.variable == "temperature_C" else "MPa"


def _curve(design: Design, variable: str, x: np.ndarray, params, library) -> CCDCurve:
    p = params or default_parameters()
    base = as_batch(design, library)
    if base.is_solid[0] < 0.5:
        from ..errors import AnodeLabError

        raise AnodeLabError("CCD curves need a solid electrolyte; this design's electrolyte is liquid", field="electrolyte")
    rep = base.take(np.zeros(len(x), dtype=int))
    if variable == "temperature_C":
        rep = rep.replace(temperature_K=x + ZERO_CELSIUS_K)
        op, other = design.conditions.temperature_C, design.conditions.stack_pressure_MPa
    else:
        rep = rep.replace(stack_pressure_Pa=x * _MPA)
        op, other = design.conditions.stack_pressure_MPa, design.conditions.temperature_C
    r = score(rep, p)
    r0 = score(base, p)
    ea = float("nan")
    ccd = r.value("ccd_mA_cm2")
    if variable == "temperature_C" and len(x) >= 2 and np.all(np.isfinite(ccd) & (ccd > 0)):
        from .arrhenius import fit_activation_energy_eV

        e, _r2 = fit_activation_energy_eV((1.0 / (x + ZERO_CELSIUS_K))[None, :], 1.0 / ccd[None, :])
        ea = float(e[0])
    return CCDCurve(
        variable=variable, x=np.asarray(x, float), ccd_mA_cm2=ccd, stripping_mA_cm2=r.value("ccd_stripping_mA_cm2"),
        plating_mA_cm2=r.value("ccd_penetration_mA_cm2"), contact_fraction=r.value("contact_fraction"),
        operating_x=float(op), operating_ccd_mA_cm2=float(r0.value("ccd_mA_cm2")[0]),
        literature=literature_points(design, variable), apparent_activation_eV=ea,
        asr_ohm_cm2=r.value("interfacial_asr_ohm_cm2"), operating_asr_ohm_cm2=float(r0.value("interfacial_asr_ohm_cm2")[0]),
        asr_literature=asr_literature_points(design, variable), other_value=float(other),
    )


def ccd_vs_temperature(design: Design, t_min_C: float = 0.0, t_max_C: float = 95.0, points: int = 40,
                       params: ModelParameters | None = None, library=None) -> CCDCurve:
    """CCD(T) at the design's stack pressure and capacity per half cycle (below Na's melting point, 97.8 °C)."""
    return _curve(design, "temperature_C", np.linspace(t_min_C, t_max_C, points), params, library)


def ccd_vs_pressure(design: Design, p_max_MPa: float = 10.0, points: int = 41,
                    params: ModelParameters | None = None, library=None) -> CCDCurve:
    """CCD(P) from 0 to ``p_max_MPa`` at the design's temperature and capacity per half cycle."""
    return _curve(design, "stack_pressure_MPa", np.linspace(0.0, p_max_MPa, points), params, library)


def _interlayer_id(material: str | None) -> str:
    """An interlayer's library id, "" for none: ``bare-contact`` is the same physical cell as no interlayer."""
    return "" if not material or material == "bare-contact" else material


def _electrolyte_and_interlayer(design: Design) -> tuple[str, str]:
    """(solid electrolyte id, interlayer id) of a design, as literature records name them ("" when absent)."""
    sse = design.electrolyte.material if design.electrolyte else ""
    return sse, _interlayer_id(design.interlayer.material if design.interlayer else None)


def literature_points(design: Design, variable: str) -> tuple[LiteraturePoint, ...]:
    """Measured CCDs on the design's solid electrolyte, at their temperature or stack pressure."""
    from ..literature import load_records, load_solid_state_records

    sse, il = _electrolyte_and_interlayer(design)
    out = []
    for rec in load_records():
        ccd = rec.data.get("reported", {}).get("ccd_mA_cm2")
        if rec.table != 2 or ccd is None or rec.layers.get("electrolyte") != sse:
            continue
        ril = _interlayer_id(rec.layers.get("interlayer"))
        x, o = (rec.temperature_C, rec.stack_pressure_MPa) if variable == "temperature_C" else \
            (rec.stack_pressure_MPa, rec.temperature_C)
        out.append(LiteraturePoint(rec.id, f"Lu 2022 ref [{rec.reference}]", x, float(ccd), "ccd_mA_cm2", ril == il, o))
    for rec in load_solid_state_records():
        if rec.quantity not in ("ccd_mA_cm2", "ccd_stripping_mA_cm2", "ccd_penetration_mA_cm2"):
            continue
        if rec.layers.get("electrolyte") != sse:
            continue
        x, o = (rec.temperature_C, rec.stack_pressure_MPa) if variable == "temperature_C" else \
            (rec.stack_pressure_MPa, rec.temperature_C)
        out.append(LiteraturePoint(rec.id, f"doi:{rec.doi}", x, rec.value, rec.quantity,
                                   _interlayer_id(rec.layers.get("interlayer")) == il, o, rec.comparison))
    return tuple(out)


def asr_literature_points(design: Design, variable: str) -> tuple[AsrPoint, ...]:
    """Measured interfacial ASRs on the design's solid electrolyte (Table 2 and solid_state.toml), at their
    temperature or stack pressure. Table 2 gives no stack pressures (its records hold 0 = not stated)."""
    from ..literature import load_records, load_solid_state_records

    sse, il = _electrolyte_and_interlayer(design)
    out = []
    for rec in load_records():
        asr = rec.data.get("reported", {}).get("interfacial_asr_ohm_cm2")
        if rec.table != 2 or asr is None or rec.layers.get("electrolyte") != sse:
            continue
        ril = _interlayer_id(rec.layers.get("interlayer"))
        x = rec.temperature_C if variable == "temperature_C" else rec.stack_pressure_MPa
        out.append(AsrPoint(rec.id, f"Lu 2022 ref [{rec.reference}]", x, float(asr), ril == il, rec.stack_pressure_MPa > 0))
    for rec in load_solid_state_records():
        if rec.quantity != "interfacial_asr_ohm_cm2" or rec.layers.get("electrolyte") != sse:
            continue
        x = rec.temperature_C if variable == "temperature_C" else rec.stack_pressure_MPa
        out.append(AsrPoint(rec.id, f"doi:{rec.doi}", x, rec.value, _interlayer_id(rec.layers.get("interlayer")) == il,
                            rec.stack_pressure_stated))
    return tuple(out)


LIMIT_NAMES = {1: "stripping (voids)", 2: "plating (penetration)"}


def ccd_limit_name(result, i: int = 0) -> str:
    """'stripping (voids)' or 'plating (penetration)': the limit that sets design ``i``'s CCD; '' for a liquid design."""
    if not bool(result.is_solid[i]):
        return ""
    return LIMIT_NAMES.get(int(result.si["ccd_limit"][i]), "")


def ccd_explanation(result, i: int = 0, stack_pressure_MPa: float = 0.0) -> str:
    """Both CCD limits of design ``i`` of a ScoreResult, which one limits and why, in one line (user units),
    built from the engine's numbers (``ScoreResult.si``); '' for a liquid design. E.g.

    "limited by stripping voids: replenishment 0.688 mA cm⁻² at 0 MPa (contact 0.41 × J_vac + creep 0)
    → 0.734 mA cm⁻²; plating penetration limit 3.88 mA cm⁻² (η_c 77.6 mV over 20 Ω cm²)".

    The stripping limit is the replenishment plus the voids a half cycle may open, f_c J_void; the plating
    limit is η_c / ASR_interface. ``stack_pressure_MPa`` is the design's (the result does not carry it).
    """
    si = result.si
    if not bool(result.is_solid[i]):
        return ""
    strip, pen = si["ccd_strip_A_m2"][i] / _MA_CM2, si["ccd_pen_A_m2"][i] / _MA_CM2
    rep, creep_ = si["j_replenish_A_m2"][i] / _MA_CM2, si["j_creep_A_m2"][i] / _MA_CM2
    f_c = si["contact_fraction"][i]
    eta_mV = si["eta_penetration_V"][i] * 1e3
    asr = si["asr_interface_ohm_m2"][i] / SUFFIX_TO_SI["ohm_cm2"]
    s_txt = (f"stripping voids: replenishment {rep:.3g} mA cm⁻² at {stack_pressure_MPa:g} MPa "
             f"(contact {f_c:.2f} × J_vac + creep {creep_:.2g})")
    p_txt = f"plating penetration: η_c {eta_mV:.3g} mV over {asr:.3g} Ω cm²"
    if strip <= pen:
        return f"limited by {s_txt} → {strip:.3g} mA cm⁻²; plating penetration limit {pen:.3g} mA cm⁻² (η_c {eta_mV:.3g} mV over {asr:.3g} Ω cm²)"
    return (f"limited by {p_txt} → {pen:.3g} mA cm⁻²; stripping voids limit {strip:.3g} mA cm⁻² (replenishment "
            f"{rep:.3g} mA cm⁻² at {stack_pressure_MPa:g} MPa, contact {f_c:.2f}, creep {creep_:.2g})")
