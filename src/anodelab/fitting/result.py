"""Fit results: each value with its 95 % interval, the parameter correlations, and what it was fitted on.

Intervals are value ± t₀.₉₇₅(dof) σ, with σ the standard error from the fit's covariance (lmfit's
``stderr``, i.e. (JᵀJ)⁻¹ s² at the optimum, s² = χ²/dof). A fit is flagged *not identifiable* when its
covariance cannot be estimated or two fitted parameters correlate with |r| > 0.99 (the data cannot tell
them apart); *not converged* when the optimiser says so.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..data.model import SourceFile

CONFIDENCE = 0.95
MAX_CORRELATION = 0.99


def t_factor(dof: int, confidence: float = CONFIDENCE) -> float:
    """Two-sided Student-t quantile for ``dof`` degrees of freedom (normal for dof ≤ 0 is not allowed)."""
    from scipy.stats import t

    return float(t.ppf(0.5 + confidence / 2.0, max(int(dof), 1)))


@dataclass(frozen=True)
class FittedValue:
    """One fitted (or derived) quantity; the unit is in ``name``. ``low``/``high`` bound the 95 % interval
    (None when it could not be estimated)."""

    name: str
    value: float
    stderr: float | None
    low: float | None
    high: float | None
    meaning: str = ""

    @property
    def half_width(self) -> float | None:
        return None if self.low is None or self.high is None else 0.5 * (self.high - self.low)

    def interval_text(self) -> str:
        if self.low is None:
            return "interval not estimable"
        return f"95 % interval [{self.low:.6g}, {self.high:.6g}]"

    def record(self) -> dict:
        def f(x):
            return None if x is None or not math.isfinite(x) else float(x)

        return {"value": f(self.value), "stderr": f(self.stderr), "ci95_low": f(self.low), "ci95_high": f(self.high),
                "meaning": self.meaning}


def value_from(name: str, value: float, stderr: float | None, dof: int, meaning: str = "") -> FittedValue:
    """A FittedValue with the t-interval value ± t σ (no interval when σ is None/NaN)."""
    if stderr is None or not math.isfinite(stderr):
        return FittedValue(name, float(value), None, None, None, meaning)
    k = t_factor(dof)
    return FittedValue(name, float(value), float(stderr), float(value - k * stderr), float(value + k * stderr), meaning)


@dataclass(frozen=True)
class FitCurve:
    """Measured and fitted curve on the same x (for the overlay and residual plots)."""

    x: np.ndarray
    y: np.ndarray
    y_fit: np.ndarray
    x_label: str
    y_label: str

    @property
    def residual(self) -> np.ndarray:
        return self.y - self.y_fit


@dataclass(frozen=True)
class FitResult:
    """Outcome of one fit. ``values`` are the quantities of interest, ``nuisance`` the other fitted
    parameters; ``correlations`` maps "a|b" → r for the fitted parameters."""

    protocol: str
    method: str
    values: dict
    sources: tuple
    nuisance: dict = field(default_factory=dict)
    correlations: dict = field(default_factory=dict)
    converged: bool = True
    identifiable: bool = True
    messages: tuple = ()
    rms_residual: float | None = None
    residual_unit: str = ""
    curve: FitCurve | None = None
    extra: dict = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.converged and self.identifiable

    @property
    def source(self) -> SourceFile:
        return self.sources[0]

    def status(self) -> str:
        if not self.converged:
            return "did not converge"
        if not self.identifiable:
            return "not identifiable"
        return "ok"

    def record(self) -> dict:
        """JSON-ready summary."""
        return {
            "protocol": self.protocol, "method": self.method, "status": self.status(),
            "files": [{"path": s.path, "sha256": s.sha256, "format": s.format} for s in self.sources],
            "values": {k: v.record() for k, v in self.values.items()},
            "nuisance": {k: v.record() for k, v in self.nuisance.items()},
            "correlations": {k: float(v) for k, v in self.correlations.items()},
            "messages": list(self.messages),
            "rms_residual": self.rms_residual, "residual_unit": self.residual_unit,
            **({"extra": self.extra} if self.extra else {}),
        }


def lmfit_summary(res, names: dict, dof: int | None = None):
    """(FittedValues keyed by our names, correlations "a|b" → r, identifiable, messages) from an lmfit
    MinimizerResult/ModelResult. ``names`` maps lmfit parameter name → (our name, meaning)."""
    dof = res.nfree if dof is None else dof
    out, messages = {}, []
    covar_ok = getattr(res, "covar", None) is not None and getattr(res, "errorbars", False)
    for pname, (ours, meaning) in names.items():
        p = res.params[pname]
        if not p.vary:
            out[ours] = FittedValue(ours, float(p.value), None, None, None, meaning + " (held fixed)")
            continue
        out[ours] = value_from(ours, p.value, p.stderr if covar_ok else None, dof, meaning)
    corr = {}
    identifiable = covar_ok
    if not covar_ok:
        messages.append("the covariance could not be estimated: the parameters are not identifiable from these data")
    varying = [n for n in names if res.params[n].vary]
    for i, a in enumerate(varying):
        for b in varying[i + 1:]:
            r = (res.params[a].correl or {}).get(b) if covar_ok else None
            if r is None:
                continue
            corr[f"{names[a][0]}|{names[b][0]}"] = float(r)
            if abs(r) > MAX_CORRELATION:
                identifiable = False
                messages.append(f"{names[a][0]} and {names[b][0]} correlate with r = {r:.4f}: not separately "
                                "identifiable from these data")
    return out, corr, identifiable, messages
