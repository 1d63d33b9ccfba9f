"""Equivalent-circuit fits of impedance spectra (impedance.py ``CustomCircuit``) with a Lin-KK check.

Default circuit of a symmetric Na | electrolyte | Na cell: ``R0-p(R1,CPE1)``,

    Z(ω) = R0 + R1 / (1 + R1 Q (jω)^α)     [Ω]

R0 the bulk (electrolyte) resistance, R1 the two interfaces in series, Q [F s^(α−1)] and α the CPE
(the same element as :func:`anodelab.simulate.eis.r_cpe`). With the electrode area A [cm²] the areal
values are R A [Ω cm²]; the interfacial ASR *per electrode* of a symmetric cell is R1 A / 2 (the score
card's ``interfacial_asr`` convention, Eq. 9 "symmetric cell halved").

The fit (best of up to 5 starts: the initial guess, then — unless it fits to < 2 % rms — its capacitances
× 10^±1, 10^±2) minimises the
modulus-weighted residual Σ |Z_fit − Z|² / |Z|² (impedance.py
``weight_by_modulus=True``: decades of |Z| count alike). The covariance is (JᵀJ)⁻¹ s² of that weighted
residual at the optimum (J by central differences, per relative parameter change so that the
conditioning does not depend on the parameters' units; cond(JᵀJ) > 10¹² = not identifiable), giving σ, the 95 % interval and the correlations.

Validity: the Lin-KK test (impedance.py ``validation.linKK``, Schönleber et al., Electrochim. Acta 2014,
131, 20, doi:10.1016/j.electacta.2014.01.034) fits M Voigt elements (μ criterion c = 0.85); the
spectrum is *Kramers-Kronig consistent* when the rms of the relative residuals (Z − Z_KK)/|Z| of real
and imaginary parts is ≤ 1 % (the authors' rule of thumb). A failed check is reported with the fit,
never hidden: a drifting or noisy cell gives an inconsistent spectrum whose fit means little.
"""

from __future__ import annotations

import dataclasses
import math
import re
import warnings

import numpy as np

from ..data.model import ImpedanceMeasurement
from ..errors import AnodeLabError
from .result import FitCurve, FitResult, FittedValue, MAX_CORRELATION, value_from

DEFAULT_CIRCUIT = "R0-p(R1,CPE1)"
#: Circuits tried, in order, when the user names none: one arc (CPE, then ideal C); one arc and a
#: blocking/diffusion tail; two arcs (e.g. grain boundary and interface). The first that fits to < 2 % rms and is identifiable is
#: kept; otherwise the identifiable fit of lowest BIC = n ln(RSS/n) + k ln n (weighted residuals) wins.
CANDIDATE_CIRCUITS = ("R0-p(R1,CPE1)", "R0-p(R1,C1)", "R0-p(R1,CPE1)-CPE2", "R0-p(R1,CPE1)-p(R2,CPE2)")
KK_RMS_LIMIT = 0.01
GOOD_ENOUGH = 0.02  # rms relative residual below which no further start is tried


def _eval_kk(elements: np.ndarray, ts: np.ndarray, f: np.ndarray, add_cap: bool) -> np.ndarray:
    """Z of the Lin-KK circuit: R0 + Σ R_k / (1 + jωτ_k) + jωL (+ 1/(jωC)); elements = [R0, R_1…R_M, (1/C), L]."""
    w = 2.0 * np.pi * f
    m = ts.size
    z = elements[0] + (elements[1:m + 1][None, :] / (1.0 + 1j * w[:, None] * ts[None, :])).sum(axis=1)
    z = z + 1j * w * elements[-1]
    if add_cap:
        z = z - 1j * elements[-2] / w
    return z


def kk_check(f: np.ndarray, z: np.ndarray, c: float = 0.85, add_cap: bool = True) -> dict:
    """Lin-KK validity check (Schönleber 2014): M Voigt elements with time constants spread over 1/f, M raised
    from 1 until the under/over-fit measure μ < c; verdict from the rms of the relative residuals.

    Uses impedance.py's ``validation.get_tc_distribution`` and ``fit_linKK`` (complex fit); the circuit is
    evaluated here, because impedance.py 1.7's ``eval_linKK`` builds a string that numpy 2 scalars break.
    """
    from impedance.validation import fit_linKK, get_tc_distribution

    max_m = min(50, max(1, (f.size - 3) // 2))
    mu, m = 1.0, 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        while mu > c and m < max_m:
            m += 1
            ts = get_tc_distribution(f, m)
            elements, mu = fit_linKK(f, ts, m, z, "complex", add_cap)
    z_kk = _eval_kk(np.asarray(elements, float), np.asarray(ts, float), f, add_cap)
    mod = np.abs(z)
    res = np.concatenate([(z.real - z_kk.real) / mod, (z.imag - z_kk.imag) / mod])
    rms = float(np.sqrt(np.mean(res**2)))
    return {"M": int(m), "mu": float(mu), "rms_residual": rms, "max_residual": float(np.max(np.abs(res))),
            "consistent": bool(rms <= KK_RMS_LIMIT), "rule": f"rms of (Z - Z_KK)/|Z| <= {KK_RMS_LIMIT:.0%}",
            "z_kk": z_kk}


def initial_guess(circuit: str, f: np.ndarray, z: np.ndarray) -> list[float]:
    """Starting values from the spectrum: the first R = Z′ at the highest frequency, the other Rs share the
    arc(s) width, C/Q = 1/(2π f_apex R) at the frequency of the largest −Z″, α = 0.9, Warburg (R, 1 s)."""
    from impedance.models.circuits.elements import get_element_from_name

    hi = int(np.argmax(f))
    r_hf = max(float(z.real[hi]), 1e-9 * float(np.abs(z).max()))
    width = max(float(z.real.max() - z.real.min()), 1e-6 * abs(r_hf) + 1e-12)
    elements = re.findall(r"[A-Za-z]+_?\d+", circuit)
    n_r = sum(1 for e in elements if re.match(r"^R\d", e))
    f_apex = float(f[int(np.argmax(-z.imag))])
    r_arc = width / max(n_r - 1, 1)
    guess: list[float] = []
    first_r = True
    for e in elements:
        kind = re.match(r"[A-Za-z]+", e).group(0)
        if kind == "R":
            guess.append(r_hf if first_r else r_arc)
            first_r = False
        elif kind == "C":
            guess.append(1.0 / (2 * math.pi * f_apex * r_arc))
        elif kind == "CPE":
            guess += [1.0 / (2 * math.pi * f_apex * r_arc), 0.9]
        elif kind in ("Wo", "Ws"):
            guess += [r_arc, 1.0]
        elif kind == "W":
            guess.append(r_arc)
        elif kind == "L":
            guess.append(1e-7)
        else:
            n = get_element_from_name(kind).num_params if hasattr(get_element_from_name(kind), "num_params") else 1
            guess += [1.0] * n
    return guess


def _jacobian(fun, p, h=1e-6):
    cols = []
    for k in range(p.size):
        step = h * max(abs(p[k]), 1e-12)
        hi, lo = p.copy(), p.copy()
        hi[k] += step
        lo[k] -= step
        cols.append((fun(hi) - fun(lo)) / (2 * step))
    return np.column_stack(cols)


def fit_spectrum(m: ImpedanceMeasurement, circuit: str | None = None, guess: list[float] | None = None,
                 symmetric_cell: bool = True) -> FitResult:
    """Fit ``circuit`` to a spectrum; values, 95 % intervals, correlations, the Lin-KK verdict.

    Without a circuit, :data:`CANDIDATE_CIRCUITS` are tried (see there) and the choice is stated in the
    result's messages and ``extra["circuit_selection"]``.
    """
    if circuit is None:
        return _fit_best_circuit(m, symmetric_cell)
    try:
        from impedance.models.circuits import CustomCircuit
        from impedance.models.circuits.fitting import wrapCircuit
    except ImportError as exc:  # impedance.py's circuits module imports matplotlib at import time
        raise AnodeLabError(f"equivalent-circuit fits need impedance.py and its dependency {exc.name or 'matplotlib'}, "
                            "which this build lacks", field="protocol") from None

    f, z = m.frequency_Hz, m.impedance_ohm
    where = m.source.path
    try:
        p0 = guess or initial_guess(circuit, f, z)
        cc = CustomCircuit(circuit, initial_guess=p0)
    except Exception as exc:
        raise AnodeLabError(f"bad circuit {circuit!r}: {exc}", file=where, field="circuit") from None
    names, units = cc.get_param_names()
    if f.size <= len(names):
        raise AnodeLabError(f"{f.size} frequencies cannot fix the {len(names)} parameters of {circuit}", file=where)
    messages, converged = [], False
    # multi-start: the given guess, then (without a user guess) the capacitive parameters (C, CPE Q) scaled by
    # 10^±1, 10^±2 — the apex frequency of a spectrum with a diffusion tail misleads a single start
    starts = [list(p0)]
    if guess is None:
        cap = [i for i, n in enumerate(names) if re.match(r"^(C\d+|CPE\d+_0)$", n)]
        for k in (0.01, 0.1, 10.0, 100.0):
            q = list(p0)
            for i in cap:
                q[i] *= k
            starts.append(q)
    best, best_cost, errors = None, np.inf, []
    mod_all = np.concatenate([np.abs(z), np.abs(z)])
    for q in starts:
        trial = CustomCircuit(circuit, initial_guess=q)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                trial.fit(f, z, weight_by_modulus=True, maxfev=3000)
            except RuntimeError as exc:  # curve_fit: "Optimal parameters not found"
                errors.append(str(exc))
                continue
            except Exception as exc:
                raise AnodeLabError(f"the circuit fit failed: {type(exc).__name__}: {exc}", file=where) from None
        zp = trial.predict(f)
        cost = float(np.sum((np.concatenate([zp.real - z.real, zp.imag - z.imag]) / mod_all) ** 2))
        if np.isfinite(cost) and cost < best_cost:
            best, best_cost, best_warn = trial, cost, [str(w.message) for w in caught]
        if best is not None and np.sqrt(best_cost / mod_all.size) < GOOD_ENOUGH:
            break  # the first start already fits to < 2 % rms: the others would cost time, not accuracy
    if best is None:
        messages.append(f"the fit did not converge from {len(starts)} starts: {errors[-1] if errors else ''}")
    else:
        cc, converged = best, True
        messages += [f"optimiser: {w}" for w in best_warn]
    p = np.asarray(cc.parameters_ if converged else p0, dtype=float)
    model = wrapCircuit(cc.circuit, {})
    mod = np.concatenate([np.abs(z), np.abs(z)])
    data = np.concatenate([z.real, z.imag])

    def wres(x):
        return (np.asarray(model(f, *x)) - data) / mod

    r = wres(p)
    dof = data.size - p.size
    s2 = float(r @ r) / max(dof, 1)
    # Jacobian per relative change of each parameter (scale-free: Q ~ 1e-6 and R ~ 1e2 alike)
    J = _jacobian(wres, p) * p[None, :]
    identifiable = True
    cov = None
    with np.errstate(all="ignore"):
        try:
            jtj = J.T @ J
            if np.all(p != 0) and np.linalg.cond(jtj) < 1e12:
                cov = np.linalg.inv(jtj) * s2 * np.outer(p, p)
        except np.linalg.LinAlgError:
            cov = None
    if cov is None or not np.all(np.isfinite(np.diag(cov))) or np.any(np.diag(cov) < 0):
        identifiable = False
        messages.append("the covariance could not be estimated: not identifiable (the circuit has more parameters than the spectrum fixes)")
        sd = np.full(p.size, np.nan)
        corr = {}
    else:
        sd = np.sqrt(np.diag(cov))
        rr = cov / np.outer(sd, sd)
        corr = {f"{names[i]}|{names[j]}": float(rr[i, j]) for i in range(p.size) for j in range(i + 1, p.size)}
        for key, val in corr.items():
            if abs(val) > MAX_CORRELATION:
                identifiable = False
                messages.append(f"{key.replace('|', ' and ')} correlate with r = {val:.4f}: not separately identifiable")
    params = {}
    for i, (n, u) in enumerate(zip(names, units)):
        params[n] = value_from(f"{n} [{u}]" if u else n, p[i], sd[i] if math.isfinite(sd[i]) else None, dof)
    for i, v in enumerate(params.values()):
        if v.stderr is not None and v.stderr > abs(v.value):
            messages.append(f"{v.name} is poorly determined (σ > |value|)")
    values: dict[str, FittedValue] = {}
    r_names = [n for n in names if re.match(r"^R\d+$", n)]
    if r_names:
        values["bulk_resistance_ohm"] = _rename(params[r_names[0]], "bulk_resistance_ohm", "R of the high-frequency intercept")
    if len(r_names) >= 2:
        values["interface_resistance_ohm"] = _rename(params[r_names[1]], "interface_resistance_ohm", "R of the first arc")
    if m.area_cm2 is not None:
        a = m.area_cm2
        for key, new, meaning, k in (("bulk_resistance_ohm", "bulk_asr_ohm_cm2", "R0 A", a),
                                     ("interface_resistance_ohm", "interface_asr_ohm_cm2", "R1 A", a),
                                     ("interface_resistance_ohm", "interfacial_asr_per_electrode_ohm_cm2",
                                      "R1 A / 2 (symmetric cell: two interfaces)", a / 2.0)):
            if key in values and (symmetric_cell or new != "interfacial_asr_per_electrode_ohm_cm2"):
                values[new] = _scale(values[key], new, k, meaning)
    kk = kk_check(f, z)
    if not kk["consistent"]:
        messages.append(f"Lin-KK: rms residual {kk['rms_residual']:.2%} > {KK_RMS_LIMIT:.0%}: the spectrum is not "
                        "Kramers-Kronig consistent (drift, noise or non-linearity); read the fit with care")
    z_fit = cc.predict(f) if converged else np.asarray(model(f, *p)[: f.size]) + 1j * np.asarray(model(f, *p)[f.size:])
    curve = FitCurve(x=z.real, y=-z.imag, y_fit=-z_fit.imag, x_label="Z′ (Ω)", y_label="−Z″ (Ω)")
    kk_out = {k: v for k, v in kk.items() if k != "z_kk"}
    return FitResult(
        protocol="eis", method=f"impedance.py CustomCircuit {circuit}, modulus-weighted least squares",
        values=values, nuisance=params, sources=(m.source,), correlations=corr, converged=converged,
        identifiable=identifiable, messages=tuple(messages), rms_residual=float(np.sqrt(np.mean(r**2))),
        residual_unit="relative to |Z|", curve=curve,
        extra={"lin_kk": kk_out, "circuit": circuit, "frequency_Hz": f.tolist(), "z_fit_real_ohm": z_fit.real.tolist(),
               "z_fit_imag_ohm": z_fit.imag.tolist(), "temperature_C": m.temperature_C, "area_cm2": m.area_cm2})


def _bic(result: FitResult, m: ImpedanceMeasurement) -> float:
    """BIC = n ln(RSS/n) + k ln n of the modulus-weighted residuals (n = 2 × frequencies, k = parameters)."""
    n = 2 * m.frequency_Hz.size
    k = len(result.nuisance)
    rss = max(result.rms_residual, 1e-300) ** 2 * n
    return float(n * math.log(rss / n) + k * math.log(n))


def _fit_best_circuit(m: ImpedanceMeasurement, symmetric_cell: bool) -> FitResult:
    tried: list[tuple[str, FitResult, float]] = []
    for candidate in CANDIDATE_CIRCUITS:
        try:
            res = fit_spectrum(m, candidate, symmetric_cell=symmetric_cell)
        except AnodeLabError:
            continue  # e.g. too few frequencies for this circuit's parameters
        tried.append((candidate, res, _bic(res, m)))
        if res.converged and res.identifiable and res.rms_residual < GOOD_ENOUGH:
            break
    if not tried:
        raise AnodeLabError(f"{m.frequency_Hz.size} frequencies are too few for any equivalent circuit",
                            file=m.source.path)
    usable = [t for t in tried if t[1].converged and t[1].identifiable] or [t for t in tried if t[1].converged] or tried
    chosen, best, _ = min(usable, key=lambda t: t[2])
    summary = "; ".join(f"{c}: BIC {b:.1f}{'' if r.identifiable else ' (not identifiable)'}" for c, r, b in tried)
    note = (f"circuit {chosen} chosen automatically ({'the first identifiable fit under 2 % rms' if len(tried) == 1 else 'lowest BIC of the identifiable fits'}; "
            f"tried {summary}); give --circuit to fix it")
    return dataclasses.replace(best, messages=(note,) + tuple(best.messages),
                               extra={**best.extra, "circuit_selection": [{"circuit": c, "bic": b, "identifiable": r.identifiable}
                                                                          for c, r, b in tried]})


def _rename(v: FittedValue, name: str, meaning: str) -> FittedValue:
    return FittedValue(name, v.value, v.stderr, v.low, v.high, meaning)


def _scale(v: FittedValue, name: str, k: float, meaning: str) -> FittedValue:
    return FittedValue(name, v.value * k, None if v.stderr is None else v.stderr * k,
                       None if v.low is None else v.low * k, None if v.high is None else v.high * k, meaning)
