"""Which inputs move a chosen metric of one design most: a tornado analysis.

For every uncertain input (see :mod:`anodelab.uncertainty.inputs`) two numbers:

* the **swing**, one at a time: the metric with that input at the low and at the high end of its
  range, every other input at its nominal value (the bars of a tornado chart). Inputs are ranked
  by |metric(high) − metric(low)|; it is exact and hand-checkable, but it ignores interactions;
* the **first-order index S1** (share of the metric's variance explained by that input alone),
  estimated with RBD-FAST (Tarantola, Gatelli & Mara 2006, doi:10.1016/j.ress.2005.06.003;
  bias correction of Tissot & Prieur 2012, doi:10.1016/j.ress.2012.06.010) from SALib
  (``SALib.analyze.rbd_fast``, Herman & Usher, JOSS 2017, doi:10.21105/joss.00097) on the same
  Latin-hypercube samples as the intervals, with a bootstrap 95 % confidence half-width. A metric
  that is positive and spans more than a factor of 10 over the samples is analysed as log10.

The model parameters take up to :data:`SENSITIVITY_PARAMETER_GROUPS` distinct sets (128, against the
intervals' 32): a finer stratification for the index, at one scoring call per set.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ..batch import DesignBatch, as_batch
from ..design import ResolvedDesign, resolve
from ..errors import AnodeLabError
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import score
from ..cell.energy import scale_cycled_capacity
from .inputs import SOURCES, UncertainInput, collect_inputs
from .intervals import DEFAULT_SEED, check_samples, draw_samples, evaluate, spec_of

DEFAULT_SENSITIVITY_SAMPLES = 512
SENSITIVITY_PARAMETER_GROUPS = 128
#: interference parameter of RBD-FAST (harmonics summed); SALib's default
RBD_HARMONICS = 10


@dataclass(frozen=True)
class SensitivityRow:
    input: UncertainInput
    metric_low: float  # metric with this input at input.low (others nominal), user units
    metric_high: float  # … at input.high
    swing: float  # |metric_high − metric_low| (NaN if either does not apply)
    s1: float  # RBD-FAST first-order index (NaN when it cannot be estimated)
    s1_conf: float  # bootstrap 95 % confidence half-width of s1

    def record(self) -> dict:
        out = self.input.record()
        out.update({"metric_at_low": _json(self.metric_low), "metric_at_high": _json(self.metric_high),
                    "swing": _json(self.swing), "s1": _json(self.s1), "s1_conf": _json(self.s1_conf)})
        return out


@dataclass(frozen=True)
class SensitivityResult:
    design_name: str
    metric: str
    label: str
    unit: str
    nominal: float
    rows: tuple[SensitivityRow, ...]  # ranked, largest swing first
    samples: int
    seed: int
    s1_scale: str  # "linear" or "log10"
    n_fixed_parameters: int

    def record(self) -> dict:
        return {
            "design": self.design_name, "metric": self.metric, "label": self.label, "unit": self.unit,
            "value": _json(self.nominal), "samples": self.samples, "seed": self.seed,
            "method": ("one-at-a-time swing between each input's range bounds (others nominal), ranked by |swing|; "
                       f"first-order index S1 by RBD-FAST (SALib) on {self.samples} Latin-hypercube samples, "
                       f"metric on a {self.s1_scale} scale"),
            "fixed_parameters": self.n_fixed_parameters,
            "inputs": [r.record() for r in self.rows],
        }


def _json(x):
    x = float(x)
    return x if np.isfinite(x) else None


def one_at_a_time(base: DesignBatch, params: ModelParameters, inputs, metric: str,
                  check: Callable[[], None] | None = None) -> np.ndarray:
    """(K, 2) metric values with input k at its low / high bound, all others at their nominal value.

    Material properties: one scoring call over 2 K_m rows; model parameters: one call per bound.
    """
    out = np.full((len(inputs), 2), np.nan)
    mats = [k for k, u in enumerate(inputs) if u.kind == "material"]
    if mats:
        n = 2 * len(mats)
        batch = base.take(np.zeros(n, dtype=np.int64))
        fields: dict[str, np.ndarray] = {}
        for r, k in enumerate(mats):
            u = inputs[k]
            for col in u.columns:
                arr = fields.setdefault(col.field, np.array(getattr(batch, col.field), dtype=float))
                arr[2 * r] = col.to_si(u.low)
                arr[2 * r + 1] = col.to_si(u.high)
        fields = scale_cycled_capacity(batch, fields)  # a full cell cycles at its DoD (anodelab.cell)
        v = score(batch.replace(**fields), params).value(metric)
        out[mats] = v.reshape(-1, 2)
    for k, u in enumerate(inputs):
        if u.kind != "parameter":
            continue
        if check is not None:
            check()
        for j, x in enumerate((u.low, u.high)):
            out[k, j] = score(base, params.with_values(**{u.name: x})).value(metric)[0]
    return out


def first_order(X: np.ndarray, y: np.ndarray, names, seed: int) -> tuple[np.ndarray, np.ndarray, str]:
    """RBD-FAST S1 and its confidence half-width per input column of X (SALib)."""
    from SALib.analyze import rbd_fast

    K = X.shape[1]
    nan = np.full(K, np.nan)
    ok = np.isfinite(y)
    scale = "linear"
    if ok.sum() < 4 * RBD_HARMONICS or K == 0:
        return nan, nan, scale
    X, y = X[ok], y[ok]
    if np.all(y > 0) and y.max() / y.min() > 10.0:
        y, scale = np.log10(y), "log10"
    if np.ptp(y) == 0:
        return np.zeros(K), np.zeros(K), scale
    bounds = [[float(a), float(b)] if b > a else [float(a), float(a) + 1.0]
              for a, b in zip(X.min(axis=0), X.max(axis=0))]
    problem = {"num_vars": K, "names": list(names), "bounds": bounds}
    with warnings.catch_warnings():
        # SALib / scipy.signal may warn about a constant column; the index is then 0 (set below)
        warnings.simplefilter("ignore", RuntimeWarning)
        res = rbd_fast.analyze(problem, X, y, M=RBD_HARMONICS, num_resamples=100, seed=seed)
    s1 = np.asarray(res["S1"], dtype=float)
    conf = np.asarray(res["S1_conf"], dtype=float)
    const = np.ptp(X, axis=0) == 0
    s1[const], conf[const] = 0.0, 0.0
    return s1, conf, scale


def sensitivity(design, metric: str = "dendrite_risk", *, samples: int = DEFAULT_SENSITIVITY_SAMPLES,
                seed: int = DEFAULT_SEED, params: ModelParameters | None = None, library=None, sources=SOURCES,
                parameters_file=None, check: Callable[[], None] | None = None) -> SensitivityResult:
    """Rank the uncertain inputs of ``design`` by how much they move ``metric`` (a METRICS key)."""
    spec = spec_of(metric)
    samples, seed = check_samples(samples, seed)
    params = params or default_parameters()
    rd = design if isinstance(design, ResolvedDesign) else resolve(design, library)
    base = as_batch(rd)
    nominal = float(score(base, params).value(metric)[0])
    if np.isnan(nominal):
        kind = "solid" if rd.is_solid else "liquid"
        raise AnodeLabError(f"'{metric}' does not apply to this design ({kind} electrolyte)", field="metric")
    inputs = collect_inputs(rd, params, library, sources=sources, parameters_file=parameters_file)
    unc = inputs.uncertain
    oat = one_at_a_time(base, params, unc, metric, check)
    ss = draw_samples(inputs, samples, seed, parameter_groups=SENSITIVITY_PARAMETER_GROUPS)
    y = evaluate(base, params, ss, (metric,), check)[:, 0]
    s1, conf, scale = first_order(ss.values, y, [u.key for u in unc], seed)
    with np.errstate(invalid="ignore"):
        swing = np.abs(oat[:, 1] - oat[:, 0])
    swing = np.where(np.isnan(oat).any(axis=1), np.nan, swing)
    # largest swing first; NaN swings last; ties by S1 then by key (deterministic)
    order = sorted(range(len(unc)), key=lambda k: (np.isnan(swing[k]), -np.nan_to_num(swing[k], nan=0.0),
                                                    -np.nan_to_num(s1[k], nan=-1.0), unc[k].key))
    rows = tuple(SensitivityRow(unc[k], float(oat[k, 0]), float(oat[k, 1]), float(swing[k]), float(s1[k]),
                                float(conf[k])) for k in order)
    return SensitivityResult(rd.design.name, metric, spec.label, spec.unit, nominal, rows, samples, seed, scale,
                             sum(1 for f in inputs.fixed if f.kind == "parameter"))
