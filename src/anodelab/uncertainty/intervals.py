"""A 5–95 % interval on every metric of one design, propagated from the inputs' ranges.

Method (Monte Carlo with a Latin hypercube, vectorised):

1. The uncertain inputs are collected by :func:`~anodelab.uncertainty.inputs.collect_inputs`: the
   library properties with a ``range`` and the model parameters with a ``range``; everything else
   (inline overrides, properties and parameters without a range, the operating conditions) is fixed.
2. N points of a Latin hypercube in [0, 1)^K (seeded: the same seed gives the same numbers) are
   mapped onto the ranges, uniformly or log-uniformly for a range spanning ≥ a factor of 10
   (:mod:`anodelab.uncertainty.sampling`).
3. The design's batch row is repeated N times and the sampled material properties written into
   their fields: one :class:`~anodelab.batch.DesignBatch` of N rows. The model parameters take
   G ≤ N stratified values (their own Latin hypercube of G points); sample block g (N/G
   consecutive samples, whose material values are in random order) has parameter set g. Each
   sampled parameter is given to the engine as one value per row
   (:meth:`~anodelab.physics.parameters.ModelParameters.with_row_values`), so that the whole
   batch is scored in one call (the numbers of one call per group, to 1e-12: tests/uncertainty).
4. Per metric, the 5th, 50th and 95th percentiles over the samples where the metric applies
   (NaN samples are left out and counted; ±∞ is kept: an unbounded 95th percentile is ∞).
   Percentiles interpolate linearly between order statistics (numpy's default method).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..batch import DesignBatch, as_batch
from ..design import ResolvedDesign, resolve
from ..errors import AnodeLabError
from ..metrics import METRIC_BY_KEY, METRICS
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import score
from ..cell.energy import scale_cycled_capacity
from .inputs import SOURCES, InputSet, collect_inputs
from .sampling import map_unit, sample_unit

METRIC_KEYS = tuple(m.key for m in METRICS)
QUANTILES = (0.05, 0.50, 0.95)
QUANTILE_NAMES = ("p05", "p50", "p95")
DEFAULT_SAMPLES = 256
DEFAULT_SEED = 1
#: distinct model-parameter sets per run (all scored in one call, as per-row parameter values)
DEFAULT_PARAMETER_GROUPS = 32
MIN_SAMPLES = 16
MAX_SAMPLES = 65_536
MAX_SEED = 2**63 - 1


@dataclass(frozen=True)
class SampleSet:
    """The sampled inputs: ``values[i, k]`` is input k of sample i (user units); samples in
    ``group`` g share model-parameter set g (rows ``bounds[g]:bounds[g + 1]``)."""

    inputs: InputSet
    unit: np.ndarray  # (n, K) points in [0, 1)
    values: np.ndarray  # (n, K) user units
    bounds: np.ndarray  # (G + 1,) row bounds of the parameter groups

    def __len__(self) -> int:
        return int(self.unit.shape[0])


@dataclass
class IntervalResult:
    """Percentiles of every metric of one design (user units, METRICS order)."""

    design_name: str
    keys: tuple[str, ...]
    nominal: np.ndarray  # (m,) the design's score at the library / parameter values
    quantiles: np.ndarray  # (m, 3) p05, p50, p95; NaN where the metric applies to no sample
    n_valid: np.ndarray  # (m,) samples where the metric applies
    samples: int
    seed: int
    method: str
    parameter_groups: int
    inputs: InputSet
    sample_set: SampleSet | None = None  # kept with keep_samples=True
    metric_samples: np.ndarray | None = None  # (n, m) kept with keep_samples=True
    _pos: dict = field(default_factory=dict, repr=False)

    def __post_init__(self):
        self._pos = {k: i for i, k in enumerate(self.keys)}

    def interval(self, key: str) -> tuple[float, float, float]:
        """(p05, p50, p95) of metric ``key`` in user units."""
        q = self.quantiles[self._pos[key]]
        return float(q[0]), float(q[1]), float(q[2])

    def width(self, key: str) -> float:
        lo, _mid, hi = self.interval(key)
        return hi - lo

    def metrics_record(self) -> dict:
        """``{key: {"p05", "p50", "p95"}}`` JSON-ready (None where not applicable or unbounded)."""
        return {k: {n: _json(self.quantiles[i, j]) for j, n in enumerate(QUANTILE_NAMES)}
                for i, k in enumerate(self.keys)}

    def method_record(self) -> dict:
        """What was sampled and what was held fixed, for the JSON output and the reports."""
        fixed_params = [f.name for f in self.inputs.fixed if f.kind == "parameter"]
        return {
            "quantiles_percent": [5, 50, 95],
            "samples": self.samples,
            "seed": self.seed,
            "method": "latin hypercube" if self.method == "lhs" else "monte carlo",
            "parameter_groups": self.parameter_groups,
            "sampled": [u.record() for u in self.inputs.uncertain],
            "fixed_parameters": fixed_params,
            "fixed_materials": [{"key": f.key, "reason": f.reason} for f in self.inputs.fixed if f.kind == "material"],
            "unbounded": [k for i, k in enumerate(self.keys) if np.isinf(self.quantiles[i]).any()],
            "note": summary_text(self),
        }


def _json(x) -> float | None:
    x = float(x)
    return x if np.isfinite(x) else None


def summary_text(r: IntervalResult) -> str:
    """One sentence: what was sampled, how, and what was held fixed."""
    mats, pars = r.inputs.materials, r.inputs.parameters
    n_fixed_p = sum(1 for f in r.inputs.fixed if f.kind == "parameter")
    return (f"5–95 % over {r.samples} Latin-hypercube samples (seed {r.seed}) of {len(mats)} library "
            f"propert{'y' if len(mats) == 1 else 'ies'} with a range and {len(pars)} model "
            f"parameter{'' if len(pars) == 1 else 's'} with a range"
            + (f" ({r.parameter_groups} parameter sets)" if pars else "")
            + f"; fixed: the operating conditions, inline overrides, properties without a range and "
              f"{n_fixed_p} model parameters without a range.")


def check_samples(samples, seed) -> tuple[int, int]:
    if isinstance(samples, bool) or not isinstance(samples, (int, np.integer)) or not MIN_SAMPLES <= samples <= MAX_SAMPLES:
        raise AnodeLabError(f"must be an integer from {MIN_SAMPLES} to {MAX_SAMPLES}, got {samples!r}", field="samples")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or not 0 <= seed <= MAX_SEED:
        raise AnodeLabError(f"must be an integer from 0 to 2^63 − 1, got {seed!r}", field="seed")
    return int(samples), int(seed)


def draw_samples(inputs: InputSet, samples: int, seed: int, *, method: str = "lhs",
                 parameter_groups: int = DEFAULT_PARAMETER_GROUPS) -> SampleSet:
    """N sampled input vectors: a Latin hypercube of N points for the material properties and one
    of G points for the model parameters, G = min(parameter_groups, N) (1 without ranged parameters)."""
    mats = [i for i, u in enumerate(inputs.uncertain) if u.kind == "material"]
    pars = [i for i, u in enumerate(inputs.uncertain) if u.kind == "parameter"]
    K = len(inputs.uncertain)
    G = min(max(int(parameter_groups), 1), samples) if pars else 1
    unit = np.empty((samples, K))
    seeds = np.random.SeedSequence(seed).spawn(2)
    unit[:, mats] = sample_unit(method, samples, len(mats), seeds[0])
    bounds = (np.arange(G + 1) * samples) // G
    if pars:
        up = sample_unit(method, G, len(pars), seeds[1])  # (G, K_p)
        unit[:, pars] = np.repeat(up, np.diff(bounds), axis=0)
    lo = np.array([u.low for u in inputs.uncertain])
    hi = np.array([u.high for u in inputs.uncertain])
    logm = np.array([u.log for u in inputs.uncertain], dtype=bool)
    values = map_unit(unit, lo, hi, logm) if K else unit.copy()
    return SampleSet(inputs, unit, values, bounds)


def sampled_batch(base: DesignBatch, sample_set: SampleSet) -> DesignBatch:
    """``base`` (one design) repeated for every sample, with the sampled material properties."""
    n = len(sample_set)
    batch = base.take(np.zeros(n, dtype=np.int64))
    fields = {}
    for k, u in enumerate(sample_set.inputs.uncertain):
        for col in u.columns:
            fields[col.field] = col.to_si(sample_set.values[:, k])
    fields = scale_cycled_capacity(batch, fields)  # a full cell cycles at its DoD (anodelab.cell)
    return batch.replace(**fields) if fields else batch


def parameter_sets(params: ModelParameters, sample_set: SampleSet) -> list[ModelParameters]:
    """One :class:`ModelParameters` per parameter group (the per-group form of :func:`row_parameters`)."""
    pars = [(k, u) for k, u in enumerate(sample_set.inputs.uncertain) if u.kind == "parameter"]
    if not pars:
        return [params]
    starts = sample_set.bounds[:-1]
    return [params.with_values(**{u.name: float(sample_set.values[s, k]) for k, u in pars}) for s in starts]


def row_parameters(params: ModelParameters, sample_set: SampleSet) -> ModelParameters:
    """``params`` with every sampled model parameter as one value per sample (row of :func:`sampled_batch`)."""
    pars = {u.name: sample_set.values[:, k] for k, u in enumerate(sample_set.inputs.uncertain) if u.kind == "parameter"}
    return params.with_row_values(pars) if pars else params


def metric_matrix(result, keys=METRIC_KEYS) -> np.ndarray:
    """(n, len(keys)) metric values in user units, as :meth:`ScoreResult.value` gives them (NaN where a
    liquid-only metric meets a solid design and vice versa), in one stack instead of a call per metric."""
    specs = [METRIC_BY_KEY[k] for k in keys]
    absent = np.full(len(result), np.nan)  # cell metrics of a batch without a cathode (anodelab.cell)
    out = np.stack([result.si.get(m.si_key, absent) for m in specs], axis=1) / np.array([m.scale for m in specs])
    solid = np.asarray(result.is_solid, dtype=bool)
    liquid_only = np.array([m.liquid_only for m in specs])
    solid_only = np.array([m.solid_only for m in specs])
    out[np.ix_(solid, liquid_only)] = np.nan
    out[np.ix_(~solid, solid_only)] = np.nan
    return out


def evaluate(base: DesignBatch, params: ModelParameters, sample_set: SampleSet, keys=METRIC_KEYS,
             check: Callable[[], None] | None = None) -> np.ndarray:
    """(n, len(keys)) metric values (user units) of every sample, in one scoring call: the sampled model
    parameters go in as per-row values (:func:`row_parameters`). ``check()`` is called once before it."""
    batch = sampled_batch(base, sample_set)
    if check is not None:
        check()
    return metric_matrix(score(batch, row_parameters(params, sample_set)), keys)


def evaluate_grouped(base: DesignBatch, params: ModelParameters, sample_set: SampleSet, keys=METRIC_KEYS) -> np.ndarray:
    """:func:`evaluate` with one scoring call per parameter group (scalar parameters): the reference that the
    single call is tested against."""
    batch = sampled_batch(base, sample_set)
    out = np.empty((len(sample_set), len(keys)))
    for g, p in enumerate(parameter_sets(params, sample_set)):
        a, b = int(sample_set.bounds[g]), int(sample_set.bounds[g + 1])
        out[a:b] = metric_matrix(score(batch.rows(a, b), p), keys)
    return out


def nan_quantiles(Y: np.ndarray, qs=QUANTILES) -> tuple[np.ndarray, np.ndarray]:
    """Quantiles of each column of ``Y`` (n, m) over its non-NaN rows → ((m, len(qs)), n_valid (m,)).

    Linear interpolation between order statistics; where two neighbouring order statistics are
    equal (including both ±∞) that value is returned, so ∞ stays ∞ and never becomes NaN.
    """
    s = np.sort(Y, axis=0)  # NaN sorts last
    n_ok = np.sum(~np.isnan(Y), axis=0)
    out = np.full((Y.shape[1], len(qs)), np.nan)
    cols = np.arange(Y.shape[1])
    with np.errstate(invalid="ignore"):
        for j, q in enumerate(qs):
            pos = q * (np.maximum(n_ok, 1) - 1)
            lo = np.floor(pos).astype(np.int64)
            hi = np.minimum(lo + 1, np.maximum(n_ok - 1, 0))
            w = pos - lo
            a, b = s[lo, cols], s[hi, cols]
            val = np.where(w > 0, a + w * (b - a), a)
            val = np.where(a == b, a, val)
            out[:, j] = np.where(n_ok > 0, val, np.nan)
    return out, n_ok


def score_intervals(design, *, samples: int = DEFAULT_SAMPLES, seed: int = DEFAULT_SEED,
                    params: ModelParameters | None = None, library=None, sources=SOURCES,
                    parameter_groups: int = DEFAULT_PARAMETER_GROUPS, parameters_file=None, method: str = "lhs",
                    check: Callable[[], None] | None = None, keep_samples: bool = False) -> IntervalResult:
    """5th, 50th and 95th percentile of every metric of ``design`` (a Design or ResolvedDesign).

    ``check()`` is called before the samples are scored (a GUI task's cancel check); ``keep_samples`` keeps
    the sampled inputs and metric values (for sensitivity analysis and tests).
    """
    samples, seed = check_samples(samples, seed)
    params = params or default_parameters()
    rd = design if isinstance(design, ResolvedDesign) else resolve(design, library)
    inputs = collect_inputs(rd, params, library, sources=sources, parameters_file=parameters_file)
    base = as_batch(rd)
    keys = METRIC_KEYS
    nominal = metric_matrix(score(base, params), keys)[0]
    ss = draw_samples(inputs, samples, seed, method=method, parameter_groups=parameter_groups)
    Y = evaluate(base, params, ss, keys, check)
    q, n_ok = nan_quantiles(Y)
    return IntervalResult(
        design_name=rd.design.name, keys=keys, nominal=nominal, quantiles=q, n_valid=n_ok, samples=samples,
        seed=seed, method=method, parameter_groups=len(ss.bounds) - 1, inputs=inputs,
        sample_set=ss if keep_samples else None, metric_samples=Y if keep_samples else None)


def interval_text(result: IntervalResult | None, key: str, digits: int = 4) -> str:
    """'p05 – p95' formatted like every other number ('' without intervals, 'n/a' where not applicable).

    ``digits`` < 4 (the narrow GUI card) writes that many significant digits, but keeps 1000–9999 as
    plain integers rather than switching to the exponent form."""
    from ..formatting import fmt_number

    if result is None or key not in result._pos:
        return ""
    lo, _mid, hi = result.interval(key)
    if np.isnan(lo) or np.isnan(hi):
        return "n/a"

    def f(v):
        return fmt_number(v, 4 if digits < 4 and 1e3 <= abs(v) < 1e4 else digits)

    return f"{f(lo)} – {f(hi)}"


def spec_of(key: str):
    try:
        return METRIC_BY_KEY[key]
    except KeyError:
        raise AnodeLabError(f"unknown metric {key!r}; allowed: {', '.join(METRIC_KEYS)}", field="metric") from None


__all__ = ["score_intervals", "IntervalResult", "SampleSet", "draw_samples", "evaluate", "nan_quantiles",
           "interval_text", "DEFAULT_SAMPLES", "DEFAULT_SEED", "QUANTILES"]
