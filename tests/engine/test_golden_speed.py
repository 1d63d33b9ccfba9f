"""Golden outputs of score(): a speed-up of the engine must reproduce every number (issue 12/13/16 speed work).

``tests/engine/data/golden_scores.npz`` holds, for a few batches, the engine's *inputs* (every batch field in
SI, the layer table where the batch has one, the model-parameter values) and its *outputs* (every
``ScoreResult.si`` array, the hazards, the contributions, the warning bits and ``is_solid``), written by the
engine as it was before the optimisation. The test scores the stored inputs again and requires every stored
output to be reproduced: floats to rtol 1e-12 (no absolute tolerance: a 0 stays 0), NaN at the same
positions, ±∞ at the same positions with the same sign, integers and booleans exactly.

The inputs are stored, not rebuilt from the library and the examples, so that a change to a material value
or a parameter file does not touch this test: only a change of the engine's arithmetic does. When the
physics changes on purpose, rewrite the file from the new engine with

    .venv/bin/python tests/engine/test_golden_speed.py --write

and say so in the commit. A key the engine gains later is not checked here until the file is rewritten.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

GOLDEN = Path(__file__).resolve().parent / "data" / "golden_scores.npz"
REPO = Path(__file__).resolve().parents[2]
RTOL = 1e-12


# --- the batches (used only to write the file) ---------------------------------------------------------------

def _conditions(b, rng, n, *, wide=True):
    """Random operating conditions over (and beyond) the ranges users screen."""
    excess = rng.uniform(0.0, 10.0, n) * 3.6e4
    excess[rng.random(n) < 0.15] = 0.0  # anode-free rows
    return b.replace(
        current_density_A_m2=10 ** rng.uniform(-1.0, 2.5 if wide else 1.7, n),
        temperature_K=rng.uniform(230.0 if wide else 273.0, 373.0 if wide else 353.0, n),
        areal_capacity_C_m2=10 ** rng.uniform(-1.0, 1.0, n) * 3.6e4,
        stack_pressure_Pa=np.where(rng.random(n) < 0.3, 0.0, rng.uniform(0.0, 10.0, n) * 1e6),
        cycles=np.round(10 ** rng.uniform(0.0, 3.5, n)),
        na_excess_C_m2=excess,
    )


def build_cases() -> dict:
    """name → DesignBatch: the benchmark's batch, library combinations, Tables 1-2, the examples."""
    from anodelab.batch import batch_from_designs
    from anodelab.design import Design, Layer, load_design
    from anodelab.literature import installed_library, load_records, record_design

    lib = installed_library()
    examples = [load_design(p, lib) for p in sorted((REPO / "resources" / "examples").glob("*.toml"))]
    anode_only = [d for d in examples if d.cathode is None]
    rng = np.random.default_rng(20261201)
    cases = {}

    # bench_scoring.py's batch (anode-only examples tiled, J and T varied), small
    base = batch_from_designs(anode_only, lib)
    n = 2000
    b = base.take(rng.integers(0, len(base), n))
    cases["bench"] = b.replace(current_density_A_m2=rng.uniform(1.0, 50.0, n), temperature_K=rng.uniform(273.0, 353.0, n))

    # library combinations: liquid (host × electrolyte × coating) and solid (electrolyte × interlayer, foil host)
    of = {c: [m.id for m in lib.of_class(c)] for c in ("host", "coating", "interlayer", "liquid_electrolyte",
                                                      "solid_electrolyte")}
    designs = []
    for i, host in enumerate(of["host"]):
        for j, el in enumerate(of["liquid_electrolyte"]):
            coat = [None, *of["coating"]][(i + 3 * j) % (len(of["coating"]) + 1)]
            designs.append(Design("c", Layer(host), Layer(el), coating=Layer(coat) if coat else None))
    for j, el in enumerate(of["solid_electrolyte"]):
        for k, il in enumerate([None, *of["interlayer"]]):
            host = ("na-foil", "sno2-nzsp-framework", "cu-foil")[(j + k) % 3]
            designs.append(Design("s", Layer(host), Layer(el), interlayer=Layer(il) if il else None))
    designs += [record_design(rec, lib) for rec in load_records()]  # Tables 1-2 as the validation builds them
    combos = batch_from_designs(designs, lib)
    n = 3000
    cases["screen"] = _conditions(combos.take(rng.integers(0, len(combos), n)), rng, n)
    cases["examples"] = batch_from_designs(examples, lib)  # as loaded, the full-cell ones included
    cases["one_solid"] = batch_from_designs([examples[[d.name for d in examples].index(
        next(d.name for d in examples if "NZSP" in d.name))]], lib)
    return cases


def _batch_arrays(b) -> dict:
    out = {f"in/{k}": np.ascontiguousarray(v) for k, v in b.as_dict().items()}
    lt = b.layer_table
    if lt is not None:
        out.update({f"table/{k}": np.ascontiguousarray(v) for k, v in lt.table.as_dict().items()})
        out["table_index"] = np.asarray(lt.index)
    return out


def _result_arrays(r) -> dict:
    out = {f"si/{k}": v for k, v in r.si.items()}
    out.update({f"hazard/{k}": v for k, v in r.hazards.items()})
    out.update({f"contribution/{k}": v for k, v in r.contributions.items()})
    out["warning_bits"] = r.warning_bits
    out["is_solid"] = r.is_solid
    return out


def write_golden(path: Path = GOLDEN) -> None:
    from anodelab.physics.parameters import default_parameters
    from anodelab.scoring import score

    p = default_parameters()
    arrays = {"param_names": np.array(sorted(p.entries)), "param_values": np.array([p.entries[k].value for k in sorted(p.entries)])}
    cases = build_cases()
    arrays["cases"] = np.array(list(cases))
    for name, b in cases.items():
        arrays.update({f"{name}:{k}": v for k, v in _batch_arrays(b).items()})
        arrays.update({f"{name}:{k}": v for k, v in _result_arrays(score(b, p)).items()})
    path.parent.mkdir(exist_ok=True)
    np.savez_compressed(path, **arrays)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.2f} MB): " + ", ".join(f"{k} ({len(b)} rows)" for k, b in cases.items()))


# --- the check ------------------------------------------------------------------------------------------------

def assert_same(name: str, got: np.ndarray, want: np.ndarray) -> None:
    """``got`` reproduces ``want``: dtype and shape; floats to RTOL with NaN and ±∞ where they were."""
    assert got.dtype == want.dtype and got.shape == want.shape, (name, got.dtype, want.dtype, got.shape, want.shape)
    if want.dtype.kind != "f":
        np.testing.assert_array_equal(got, want, err_msg=name)
        return
    nan_g, nan_w = np.isnan(got), np.isnan(want)
    assert np.array_equal(nan_g, nan_w), f"{name}: NaN at {np.flatnonzero(nan_g != nan_w)[:5]}"
    inf_w = np.isinf(want)
    assert np.array_equal(np.isinf(got), inf_w), f"{name}: ±∞ at {np.flatnonzero(np.isinf(got) != inf_w)[:5]}"
    assert np.array_equal(got[inf_w], want[inf_w]), f"{name}: sign of ∞"
    fin = ~(nan_w | inf_w)
    err = np.abs(got[fin] - want[fin])
    bad = err > RTOL * np.abs(want[fin])
    assert not bad.any(), (f"{name}: {bad.sum()} values off by more than rtol {RTOL:g}, worst rel. "
                           f"{np.max(err[bad] / np.abs(want[fin][bad])):.3g}")


def _load():
    if not GOLDEN.exists():
        pytest.fail(f"{GOLDEN} is missing: write it with `.venv/bin/python {Path(__file__).relative_to(REPO)} --write`")
    return np.load(GOLDEN)


def _stored_batch(g, name):
    from anodelab.batch import DesignBatch, LayerTable

    fields = {k.split("/", 1)[1]: g[k] for k in g.files if k.startswith(f"{name}:in/")}
    table = {k.split("/", 1)[1]: g[k] for k in g.files if k.startswith(f"{name}:table/")}
    lt = LayerTable(DesignBatch(table), g[f"{name}:table_index"]) if table else None
    return DesignBatch(fields, lt)


def _stored_parameters(g):
    """The model parameters the outputs were computed with (a parameter removed since is used by no engine code;
    one added since takes its default value)."""
    from anodelab.physics.parameters import default_parameters

    p = default_parameters()
    stored = dict(zip(g["param_names"].tolist(), g["param_values"].tolist()))
    return p.with_values(**{k: v for k, v in stored.items() if k in p.entries})


def _check(g, name, result, rows=None) -> int:
    """Every stored output of case ``name`` (its ``rows`` only, if given) against ``result``; the count checked."""
    got = _result_arrays(result)
    prefix = f"{name}:"
    keys = [k[len(prefix):] for k in g.files if k.startswith(prefix) and not k[len(prefix):].startswith(("in/", "table"))]
    missing = [k for k in keys if k not in got]
    assert not missing, f"{name}: the engine no longer returns {missing}"
    for k in keys:
        want = g[prefix + k]
        assert_same(f"{name}:{k}", got[k], want if rows is None else want[rows])
    return len(keys)


@pytest.fixture(scope="module")
def golden():
    return _load()


def test_golden_covers_liquid_solid_cells_and_layer_tables(golden):
    cases = golden["cases"].tolist()
    assert {"bench", "screen", "examples", "one_solid"} <= set(cases)
    solid = golden["screen:is_solid"]
    assert 0.2 < solid.mean() < 0.8
    assert golden["one_solid:is_solid"].all()
    assert np.any(golden["examples:in/has_cathode"] > 0.5)
    assert "screen:table_index" in golden.files and "bench:table_index" in golden.files


@pytest.mark.parametrize("name", ["bench", "screen", "examples", "one_solid"])
def test_score_reproduces_the_golden_outputs(golden, name):
    from anodelab.scoring import score

    b = _stored_batch(golden, name)
    assert _check(golden, name, score(b, _stored_parameters(golden))) > 60


def test_without_layer_table_and_chunked_reproduce_the_golden_outputs(golden, monkeypatch):
    """The per-design layer terms, and the chunked threaded path (thresholds lowered), give the same numbers."""
    from anodelab import scoring
    from anodelab.batch import DesignBatch

    p = _stored_parameters(golden)
    b = _stored_batch(golden, "screen")
    _check(golden, "screen", scoring.score(DesignBatch(b.as_dict()), p))
    monkeypatch.setattr(scoring, "PARALLEL_THRESHOLD", 1000)
    monkeypatch.setattr(scoring, "CHUNK_ROWS", 768)
    for name in ("screen", "bench"):
        _check(golden, name, scoring.score(_stored_batch(golden, name), p, threads=2))


@pytest.mark.parametrize("kind", ["liquid", "solid"])
def test_batches_of_one_electrolyte_kind_reproduce_their_golden_rows(golden, kind):
    """A batch of only liquid (or only solid) designs, where the engine may skip the other kind's terms, gives
    the numbers those designs have in the mixed batch."""
    from anodelab.scoring import score

    solid = golden["screen:is_solid"]
    rows = np.flatnonzero(~solid if kind == "liquid" else solid)
    b = _stored_batch(golden, "screen").take(rows)
    assert b.layer_table is not None
    _check(golden, "screen", score(b, _stored_parameters(golden)), rows)


if __name__ == "__main__":
    if sys.argv[1:] != ["--write"]:
        sys.exit(f"usage: {sys.argv[0]} --write   (rewrites {GOLDEN} from the engine as it is now)")
    write_golden()
