"""Run a screen: chunked, in bounded memory, on both cores (threads) or on a Dask cluster.

``run_screen(spec, state) -> ScreenResult`` does no GUI work; it reports progress and checks for
cancellation only through ``state`` (an object with a ``cancelled`` attribute and a
``report_progress(fraction, message)`` method, see :class:`RunState`).

Each chunk is scored in one vectorised call and reduced to its own top-k rows and Pareto set
(:func:`evaluate_chunk`); reductions are merged associatively with ties broken by design index,
so the result is the same for any chunking, worker count or backend. Memory is bounded by the
chunk size × the number of workers in flight, whatever the size of the screen.
"""

from __future__ import annotations

import csv
import io
import os
import threading
import time
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from dataclasses import dataclass, field

import numpy as np

from ..errors import AnodeLabError, shown
from ..metrics import METRICS
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import score
from ..uncertainty.topk import chunk_sample_top, merge_sample_top, top_k_notes, top_k_probability
from .plan import COND_USER, ScreenPlan, build_plan, design_for_row
from .select import applicability_notes, constraint_mask, pareto_mask, top_k
from .spec import SCREEN_SLOTS, ScreenSpec

METRIC_KEYS = tuple(m.key for m in METRICS)
_KEY_POS = {k: i for i, k in enumerate(METRIC_KEYS)}
#: rows of one scoring call when uncertainty samples are stacked (designs × samples)
UNCERTAINTY_ROWS = 131_072
BAND_QUANTILES = (0.05, 0.95)


class RunState:
    """Progress and cancel channel between a long run and whoever started it (thread-safe enough:
    one writer per attribute). ``callback(fraction, message)`` is called on each report."""

    def __init__(self, callback=None):
        self.cancelled = False
        self.fraction = 0.0
        self.message = ""
        self._callback = callback

    def cancel(self) -> None:
        self.cancelled = True

    def report_progress(self, fraction: float, message: str = "") -> None:
        self.fraction, self.message = float(fraction), message
        if self._callback is not None:
            self._callback(self.fraction, message)


@dataclass
class ChunkResult:
    """The rows of a chunk (or of merged chunks) that can still be in the top-k or on the Pareto front."""

    index: np.ndarray  # design indices (int64)
    values: np.ndarray  # (m, n_metrics) nominal metrics, user units
    band: np.ndarray | None  # (m, n_metrics, 3): mean, p05, p95
    n_evaluated: int = 0
    n_feasible: int = 0
    #: per metric (METRIC_KEYS order), how many of the evaluated designs have it not applicable (NaN)
    n_not_applicable: np.ndarray = field(default_factory=lambda: np.zeros(len(METRIC_KEYS), np.int64))
    #: per uncertainty sample, the k best feasible designs (anodelab.uncertainty.topk.SampleTop) or None
    sample_top: object = None

    @staticmethod
    def empty(with_band: bool) -> "ChunkResult":
        n = len(METRIC_KEYS)
        return ChunkResult(np.zeros(0, np.int64), np.zeros((0, n)), np.zeros((0, n, 3)) if with_band else None)


# --------------------------------------------------------------------------- statistics


def _objective_values(values, band, metric: str, direction: str, rank_by: str) -> np.ndarray:
    """Per row, the value of ``metric`` to minimise (max objectives negated)."""
    j = _KEY_POS[metric]
    if band is None or rank_by == "nominal":
        v = values[:, j]
    elif rank_by == "mean":
        v = band[:, j, 0]
    else:  # pessimistic: the 95th percentile of a quantity to minimise, the 5th of one to maximise
        v = band[:, j, 2] if direction == "min" else band[:, j, 1]
    return v if direction == "min" else -v


def _select(plan: ScreenPlan, res: ChunkResult) -> ChunkResult:
    """Keep the feasible rows that are in the top-k or on the Pareto front (others can never return)."""
    spec = plan.spec
    if len(res.index) == 0:
        return res
    rank_by = spec.uncertainty.rank_by if spec.uncertainty else "nominal"
    vals = {c.metric: res.values[:, _KEY_POS[c.metric]] for c in spec.constraints}
    feasible = constraint_mask(vals, spec.constraints) if spec.constraints else np.ones(len(res.index), bool)
    fidx = np.flatnonzero(feasible)
    keep = np.zeros(len(res.index), dtype=bool)
    key = _objective_values(res.values[fidx], None if res.band is None else res.band[fidx],
                            spec.objective.metric, spec.objective.direction, rank_by)
    keep[fidx[top_k(key, res.index[fidx], spec.top_k)]] = True
    if spec.pareto:
        F = np.stack([_objective_values(res.values[fidx], None if res.band is None else res.band[fidx],
                                        o.metric, o.direction, rank_by) for o in spec.pareto], axis=1)
        keep[fidx[pareto_mask(F)]] = True
    sel = np.flatnonzero(keep)
    return ChunkResult(res.index[sel], res.values[sel], None if res.band is None else res.band[sel],
                       res.n_evaluated, res.n_feasible, res.n_not_applicable, res.sample_top)


def _band(stack: np.ndarray) -> np.ndarray:
    """(c, n_metrics, S) samples → (c, n_metrics, 3): mean, 5th and 95th percentile over the non-NaN samples.

    Percentiles by linear interpolation between order statistics (numpy's default 'linear' method).
    """
    s = np.sort(stack, axis=-1)  # NaN sorts last
    n_ok = np.sum(~np.isnan(stack), axis=-1)
    out = np.full(stack.shape[:-1] + (3,), np.nan)
    with np.errstate(invalid="ignore", divide="ignore"):
        out[..., 0] = np.where(n_ok > 0, np.nansum(stack, axis=-1) / n_ok, np.nan)
        for q_i, q in enumerate(BAND_QUANTILES, start=1):
            pos = q * (np.maximum(n_ok, 1) - 1)
            lo = np.floor(pos).astype(np.int64)
            hi = np.minimum(lo + 1, np.maximum(n_ok - 1, 0))
            w = pos - lo
            a = np.take_along_axis(s, lo[..., None], -1)[..., 0]
            b = np.take_along_axis(s, hi[..., None], -1)[..., 0]
            # a + w (b − a), but without inf − inf when both order statistics are infinite
            val = np.where(w > 0, a + w * (b - a), a)
            val = np.where(a == b, a, val)
            out[..., q_i] = np.where(n_ok > 0, val, np.nan)
    return out


def _metric_matrix(result) -> np.ndarray:
    return np.stack([result.value(k) for k in METRIC_KEYS], axis=1)


def evaluate_chunk(plan: ScreenPlan, start: int, stop: int, params: ModelParameters | None = None) -> ChunkResult:
    """Score designs ``start`` … ``stop − 1`` and reduce them to their top-k and Pareto rows."""
    params = params or default_parameters()
    index = np.arange(start, stop, dtype=np.int64)
    values = _metric_matrix(score(plan.batch(index), params))
    band = None
    obj_samples = None  # (designs, S) objective per uncertainty sample, for the top-k probability
    S = plan.n_samples
    if plan.spec.uncertainty is not None:
        band = np.empty(values.shape + (3,))
        if S == 0:  # nothing in the selection is uncertain: the band is the nominal value
            band[:] = values[..., None]
        else:
            step = max(1, UNCERTAINTY_ROWS // S)
            samples = np.arange(S)
            obj_samples = np.empty((len(index), S))
            for a in range(0, len(index), step):
                sub = index[a:a + step]
                m = _metric_matrix(score(plan.batch_samples(sub, samples), params))  # (S*c, n_metrics)
                stack = m.reshape(S, len(sub), -1).transpose(1, 2, 0)
                band[a:a + len(sub)] = _band(stack)
                obj_samples[a:a + len(sub)] = stack[:, _KEY_POS[plan.spec.objective.metric], :]
    res = ChunkResult(index, values, band, n_evaluated=len(index),
                      n_not_applicable=np.isnan(values).sum(axis=0).astype(np.int64))
    vals = {c.metric: values[:, _KEY_POS[c.metric]] for c in plan.spec.constraints}
    feasible = constraint_mask(vals, plan.spec.constraints) if plan.spec.constraints else np.ones(len(index), bool)
    res.n_feasible = int(feasible.sum())
    res.sample_top = chunk_sample_top(obj_samples, index, feasible, plan.spec.objective.direction, plan.spec.top_k)
    return _select(plan, res)


def merge(plan: ScreenPlan, a: ChunkResult, b: ChunkResult) -> ChunkResult:
    """Merge two reductions (associative and order-independent)."""
    band = None if a.band is None else np.concatenate([a.band, b.band])
    both = ChunkResult(np.concatenate([a.index, b.index]), np.concatenate([a.values, b.values]), band,
                       a.n_evaluated + b.n_evaluated, a.n_feasible + b.n_feasible,
                       a.n_not_applicable + b.n_not_applicable, merge_sample_top(a.sample_top, b.sample_top))
    return _select(plan, both)


# --------------------------------------------------------------------------- result


@dataclass
class ScreenResult:
    """The kept designs of a screen: the top-k by the objective and the Pareto set (their union).

    Rows are ordered by rank (top-k first), then the Pareto-only rows by design index. ``values``
    and ``band`` are keyed by METRICS key (user units); ``band[key]`` is (n, 3) mean, p05, p95.
    """

    plan: ScreenPlan
    index: np.ndarray
    values: dict[str, np.ndarray]
    band: dict[str, np.ndarray] | None
    rank: np.ndarray  # 0-based rank in the top-k, -1 if only on the Pareto front
    on_pareto: np.ndarray
    materials: dict[str, list[str]]
    conditions: dict[str, np.ndarray]
    n_total: int
    n_evaluated: int
    n_feasible: int
    cancelled: bool
    elapsed_s: float
    backend: str = "threads"
    extra: dict = field(default_factory=dict)
    #: one line per constraint / objective that does not apply (NaN metric) to some or all evaluated
    #: designs, with counts (see :func:`anodelab.screening.select.applicability_notes`); for the CLI and GUI
    notes: list[str] = field(default_factory=list)
    #: with uncertainty: per row, the share of uncertainty samples in which the design is among the k best
    #: (anodelab.uncertainty.topk); None without uncertainty
    top_k_probability: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.index)

    def row(self, i: int) -> dict:
        """Row ``i`` as a plain dict: material ids, conditions (user units) and nominal metrics."""
        out = {"design_index": int(self.index[i]), "rank": int(self.rank[i]), "pareto": bool(self.on_pareto[i])}
        out.update({s: self.materials[s][i] for s in SCREEN_SLOTS})
        out.update({k: float(v[i]) for k, v in self.conditions.items()})
        if self.plan.spec.cell is not None:  # full-cell screens: the cathode and the cell axes of the row
            out.update(self.plan.spec.cell.row_values(self._cell_variants([i])[0]))
        out.update({k: float(v[i]) for k, v in self.values.items()})
        return out

    def _cell_variants(self, rows) -> np.ndarray:
        """The cell variant (anodelab.cell.screen) of result rows ``rows``."""
        return self.plan.decode(self.index[np.asarray(rows, dtype=np.int64)])[0][:, 4]

    def design(self, i: int):
        """Row ``i`` as an :class:`anodelab.design.Design` (library values)."""
        design = design_for_row(self.row(i), name=f"{self.plan.spec.name} #{int(self.index[i])}")
        if self.plan.spec.cell is None:
            return design
        return self.plan.spec.cell.apply(design, self._cell_variants([i])[0])  # full-cell screens

    def ranking(self) -> np.ndarray:
        """Design indices of the top-k, best first."""
        sel = self.rank >= 0
        return self.index[sel][np.argsort(self.rank[sel])]

    def columns(self) -> list[str]:
        cell = () if self.plan.spec.cell is None else ("cathode", *self.plan.spec.cell.axis_names)
        cols = ["rank", "pareto", "design_index", *SCREEN_SLOTS, *COND_USER, *cell, *METRIC_KEYS]
        if self.band is not None:
            cols += [f"{k}_{s}" for k in METRIC_KEYS for s in ("mean", "p05", "p95")]
        if self.top_k_probability is not None:
            cols.append("top_k_probability")
        return cols

    def csv_text(self, rows=None) -> str:
        """The table as CSV text (rank 1-based; empty cells for n/a)."""
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(self.columns())
        rows = list(range(len(self)) if rows is None else rows)
        cell = self.plan.spec.cell
        variants = self._cell_variants(rows) if cell is not None and rows else []
        for j, i in enumerate(rows):
            line = [int(self.rank[i]) + 1 if self.rank[i] >= 0 else "", int(self.on_pareto[i]), int(self.index[i])]
            line += [self.materials[s][i] for s in SCREEN_SLOTS]
            line += [_num(self.conditions[c][i]) for c in COND_USER]
            if cell is not None:
                vals = cell.row_values(variants[j])
                line += [vals["cathode"], *(_num(vals[k]) for k in cell.axis_names)]
            line += [_num(self.values[k][i]) for k in METRIC_KEYS]
            if self.band is not None:
                line += [_num(self.band[k][i, j]) for k in METRIC_KEYS for j in range(3)]
            if self.top_k_probability is not None:
                line.append(_num(self.top_k_probability[i]))
            w.writerow(line)
        return buf.getvalue()

    def write_csv(self, path) -> None:
        from ..fileio import atomic_write_text

        atomic_write_text(path, self.csv_text())


def _num(x) -> str:
    x = float(x)
    return "" if np.isnan(x) else repr(x) if np.isfinite(x) else ("inf" if x > 0 else "-inf")


def _finish(plan: ScreenPlan, acc: ChunkResult, cancelled: bool, t0: float, backend: str) -> ScreenResult:
    spec = plan.spec
    rank_by = spec.uncertainty.rank_by if spec.uncertainty else "nominal"
    n = len(acc.index)
    rank = np.full(n, -1, dtype=np.int64)
    on_pareto = np.zeros(n, dtype=bool)
    if n:
        key = _objective_values(acc.values, acc.band, spec.objective.metric, spec.objective.direction, rank_by)
        top = top_k(key, acc.index, spec.top_k)
        rank[top] = np.arange(len(top))
        if spec.pareto:
            F = np.stack([_objective_values(acc.values, acc.band, o.metric, o.direction, rank_by) for o in spec.pareto], 1)
            on_pareto = pareto_mask(F)
    order = np.lexsort((acc.index, np.where(rank >= 0, rank, np.iinfo(np.int64).max)))
    index = acc.index[order]
    rows, cond = plan.decode(index)
    return ScreenResult(
        plan=plan,
        index=index,
        values={k: acc.values[order, j] for j, k in enumerate(METRIC_KEYS)},
        band=None if acc.band is None else {k: acc.band[order, j, :] for j, k in enumerate(METRIC_KEYS)},
        rank=rank[order],
        on_pareto=on_pareto[order],
        materials=plan.material_ids(rows),
        conditions=plan.conditions_user(cond),
        n_total=plan.n_designs,
        n_evaluated=acc.n_evaluated,
        n_feasible=acc.n_feasible,
        cancelled=cancelled,
        elapsed_s=time.perf_counter() - t0,
        backend=backend,
        notes=applicability_notes(spec, dict(zip(METRIC_KEYS, acc.n_not_applicable.tolist())), acc.n_evaluated)
        + top_k_notes(plan.n_samples, spec.top_k, spec.uncertainty is not None),
        top_k_probability=top_k_probability(index, acc.sample_top, rank[order], plan.n_samples,
                                            spec.uncertainty is not None),
    )


# --------------------------------------------------------------------------- running


class ChunkBounds:
    """(start, stop) of each chunk, made on demand: a screen of 10¹⁰ designs never lists its chunks."""

    def __init__(self, n: int, size: int):
        self.n, self.size = int(n), int(size)

    def __len__(self) -> int:
        return -(-self.n // self.size)

    def __getitem__(self, i: int) -> tuple[int, int]:
        if i < 0:
            i += len(self)
        if not 0 <= i < len(self):
            raise IndexError(i)
        a = i * self.size
        return a, min(a + self.size, self.n)

    def __iter__(self):
        for a in range(0, self.n, self.size):
            yield a, min(a + self.size, self.n)


def chunk_bounds(plan: ScreenPlan, chunk_size: int | None = None) -> ChunkBounds:
    """(start, stop) of each chunk, lazily. With uncertainty a chunk holds fewer designs (each is scored S times)."""
    size = chunk_size or plan.spec.chunk_size
    if plan.n_samples:
        size = max(64, (size * 4) // plan.n_samples)
    return ChunkBounds(plan.n_designs, size)


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


def run_screen(spec: ScreenSpec | ScreenPlan, state=None, *, workers: int | None = None, scheduler=None,
               params: ModelParameters | None = None, library=None, chunk_size: int | None = None) -> ScreenResult:
    """Run a screen and return its kept designs.

    Parameters
    ----------
    spec : ScreenSpec or ScreenPlan
    state : object with ``cancelled`` and ``report_progress(fraction, message)`` (optional)
    workers : threads of the local backend (default: the number of cores); ignored with ``scheduler``
    scheduler : None (local threads), a Dask scheduler address ``"tcp://host:8786"`` or a
        ``distributed.Client``; needs ``pip install anodelab[distributed]``
    params : model parameters (default: ``resources/model/parameters.toml``)

    On cancel the chunks already running finish, and the result holds every design evaluated so
    far (``cancelled=True``, ``n_evaluated < n_total``).
    """
    plan = spec if isinstance(spec, ScreenPlan) else build_plan(spec, library)
    params = params or default_parameters()
    state = state or RunState()
    bounds = chunk_bounds(plan, chunk_size)
    t0 = time.perf_counter()
    acc = ChunkResult.empty(plan.spec.uncertainty is not None)
    if scheduler is not None:
        return _run_dask(plan, bounds, state, scheduler, params, t0)
    workers = workers or default_workers()
    if workers < 1:
        raise AnodeLabError(f"workers must be ≥ 1, got {workers}", field="workers")
    total = plan.n_designs
    done = 0
    cancelled = False
    lock = threading.Lock()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="anodelab-screen") as pool:
        pending = set()
        it = iter(bounds)
        exhausted = False
        while True:
            while not exhausted and not state.cancelled and len(pending) < 2 * workers:
                try:
                    a, b = next(it)
                except StopIteration:
                    exhausted = True
                    break
                pending.add(pool.submit(evaluate_chunk, plan, a, b, params))
            if not pending:
                break
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for f in finished:
                r = f.result()
                with lock:
                    acc = merge(plan, acc, r)
                    done += r.n_evaluated
            _report(state, done, total, t0)
            if state.cancelled:
                cancelled = True
    cancelled = cancelled or (state.cancelled and done < total)
    return _finish(plan, acc, cancelled, t0, f"threads×{workers}")


def _report(state, done: int, total: int, t0: float) -> None:
    frac = done / total if total else 1.0
    el = time.perf_counter() - t0
    eta = el * (1 - frac) / frac if frac > 0 else float("nan")
    msg = f"{done:,} / {total:,} designs · {el:.1f} s" + (f" · ETA {eta:.0f} s" if frac < 1 and np.isfinite(eta) else "")
    state.report_progress(frac, msg)


def _run_dask(plan, bounds, state, scheduler, params, t0) -> ScreenResult:
    try:
        from distributed import Client, as_completed
    except ImportError:
        raise AnodeLabError("the Dask backend needs the optional dependency: pip install anodelab[distributed]",
                            field="scheduler") from None
    own = not isinstance(scheduler, Client)
    if own:
        check_scheduler(scheduler)
    try:
        client = Client(scheduler, timeout=f"{SCHEDULER_CONNECT_TIMEOUT_S:g}s") if own else scheduler
    except (OSError, TimeoutError, ValueError) as exc:
        raise AnodeLabError(f"cannot reach the Dask scheduler {shown(scheduler)} ({type(exc).__name__}: {exc})",
                            field="scheduler") from None
    try:
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        plan_f = client.scatter(plan, broadcast=True)
        params_f = client.scatter(params, broadcast=True)
        acc = ChunkResult.empty(plan.spec.uncertainty is not None)
        total, done = plan.n_designs, 0
        it = iter(bounds)
        window = 2 * n_workers
        first = [client.submit(evaluate_chunk, plan_f, a, b, params_f, pure=False) for a, b in _take(it, window)]
        ac = as_completed(first)
        for fut in ac:
            r = fut.result()
            acc = merge(plan, acc, r)
            done += r.n_evaluated
            _report(state, done, total, t0)
            if not state.cancelled:
                for a, b in _take(it, 1):
                    ac.add(client.submit(evaluate_chunk, plan_f, a, b, params_f, pure=False))
        return _finish(plan, acc, state.cancelled and done < total, t0, "dask")
    finally:
        if own:
            client.close()


#: Seconds to open a TCP connection to a remote scheduler, and to receive its handshake.
SCHEDULER_CONNECT_TIMEOUT_S = 10.0
SCHEDULER_HANDSHAKE_TIMEOUT_S = 10.0


def check_scheduler(address) -> tuple[str, int]:
    """Check a Dask scheduler address before connecting the client; return (host, port).

    Only ``tcp://host:port`` (or ``host:port``) is supported: ``tls://``, ``ucx://``, ``inproc://`` and
    other schemes are refused by name. The port must accept a TCP connection within
    :data:`SCHEDULER_CONNECT_TIMEOUT_S` and answer like a Dask scheduler: a scheduler writes its
    handshake first (an 8-byte little-endian frame length, then a frame count), so a silent service
    (a web server, an SSH daemon) is recognised within :data:`SCHEDULER_HANDSHAKE_TIMEOUT_S` instead of
    waiting for ever.
    """
    import socket
    import struct

    where = dict(field="--scheduler")
    if not isinstance(address, str) or not address.strip():
        raise AnodeLabError(f"must be an address like tcp://host:8786, got {shown(address)}", **where)
    text = address.strip()
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "tcp", text
    scheme = scheme.lower()
    if scheme != "tcp":
        named = {"tls": "TLS (tls://) needs certificates this command cannot take",
                 "ucx": "UCX (ucx://) needs the ucx-py transport, not part of AnodeLab",
                 "inproc": "inproc:// only works inside one process",
                 "ws": "websocket (ws://) schedulers are not supported", "wss": "websocket (wss://) schedulers are not supported"}
        why = named.get(scheme, f"the scheme {shown(scheme)} is unknown")
        raise AnodeLabError(f"{why}; use a tcp://host:port address (the scheduler's default port is 8786)", **where)
    host, colon, port_text = rest.rpartition(":")
    host = host.strip("[]")
    if not colon or not host or not port_text.isdigit() or not 0 < int(port_text) < 65536:
        raise AnodeLabError(f"must be tcp://host:port with a port from 1 to 65535, got {shown(address)}", **where)
    port = int(port_text)
    try:
        sock = socket.create_connection((host, port), timeout=SCHEDULER_CONNECT_TIMEOUT_S)
    except socket.timeout:
        raise AnodeLabError(f"no answer from {host}:{port} within {SCHEDULER_CONNECT_TIMEOUT_S:g} s "
                            "(is the scheduler running and the port open?)", **where) from None
    except OSError as exc:
        raise AnodeLabError(f"cannot connect to {host}:{port} ({exc.strerror or exc})", **where) from None
    try:
        sock.settimeout(SCHEDULER_HANDSHAKE_TIMEOUT_S)
        head = b""
        try:
            while len(head) < 16:
                part = sock.recv(16 - len(head))
                if not part:
                    break
                head += part
        except socket.timeout:
            pass
        except OSError as exc:
            raise AnodeLabError(f"{host}:{port} closed the connection ({exc.strerror or exc}); "
                                "it is not a Dask scheduler", **where) from None
    finally:
        sock.close()
    if len(head) < 16:
        raise AnodeLabError(f"{host}:{port} accepted the connection but sent no Dask handshake within "
                            f"{SCHEDULER_HANDSHAKE_TIMEOUT_S:g} s; it is not a Dask scheduler (start one with "
                            "'dask scheduler', default port 8786)", **where)
    length, n_frames = struct.unpack("<QQ", head)
    if not (16 <= length <= 1 << 26 and 1 <= n_frames <= 4096):
        raise AnodeLabError(f"{host}:{port} answered, but not with a Dask handshake "
                            f"(first bytes {shown(head[:8])}); it is not a Dask scheduler", **where)
    return host, port


def _take(it, n):
    out = []
    for _ in range(n):
        try:
            out.append(next(it))
        except StopIteration:
            break
    return out
