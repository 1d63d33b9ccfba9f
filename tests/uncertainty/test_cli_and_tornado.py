"""``anodelab score --intervals`` and ``anodelab sensitivity``: output shape, errors; the tornado by hand."""

from __future__ import annotations

import json

import pytest

from anodelab.cli import main
from anodelab.design import Layer, load_design
from anodelab.errors import AnodeLabError
from anodelab.metrics import METRICS
from anodelab.scoring import score
from anodelab.uncertainty import sensitivity
from tests.conftest import EXAMPLES

CUNW = str(EXAMPLES / "na_cunw_diglyme.toml")
NZSP = str(EXAMPLES / "na_nzsp.toml")


def _json(capsys, argv):
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_score_json_intervals_shape_and_seed(capsys):
    rec = _json(capsys, ["score", CUNW, "--json", "--intervals", "--samples", "64", "--seed", "4"])
    assert set(rec["intervals"]) == {m.key for m in METRICS}
    for key, iv in rec["intervals"].items():
        assert set(iv) == {"p05", "p50", "p95"}
        if rec[key] is None:  # not applicable (the CCD of a liquid cell) or unbounded
            continue
        if iv["p05"] is not None and iv["p95"] is not None:
            assert iv["p05"] <= iv["p50"] <= iv["p95"]
    assert rec["intervals"]["ccd_mA_cm2"] == {"p05": None, "p50": None, "p95": None}
    u = rec["uncertainty"]
    assert u["samples"] == 64 and u["seed"] == 4 and u["quantiles_percent"] == [5, 50, 95]
    assert {s["key"] for s in u["sampled"]} >= {"host.surface_area_ratio", "electrolyte.diffusivity_cm2_s"}
    assert "flaw_size_um" in u["fixed_parameters"]  # no range in parameters.toml: fixed, and said so
    again = _json(capsys, ["score", CUNW, "--json", "--intervals", "--samples", "64", "--seed", "4"])
    assert again["intervals"] == rec["intervals"]
    plain = _json(capsys, ["score", CUNW, "--json"])
    assert "intervals" not in plain


def test_score_table_has_an_interval_column(capsys):
    assert main(["score", CUNW, "--intervals", "--samples", "32"]) == 0
    out = capsys.readouterr().out
    assert "5–95 %" in out and "32 Latin-hypercube samples" in out
    line = next(ln for ln in out.splitlines() if ln.strip().startswith("Plated Na thickness"))
    assert line.rstrip().endswith("8.861 – 8.861")  # depends on the capacity only: zero width


@pytest.mark.parametrize("argv, field", [
    (["score", CUNW, "--samples", "64"], "--samples"),
    (["score", CUNW, "--intervals", "--samples", "1"], "--samples"),
    (["score", CUNW, "--intervals", "--seed", "-3"], "--seed"),
    (["sensitivity", CUNW, "--metric", "ccd_mA_cm2"], "--metric"),
    (["sensitivity", CUNW, "--metric", "no_such_metric"], "--metric"),
    (["sensitivity", CUNW, "--top", "0"], "--top"),
])
def test_bad_flags_exit_2_with_one_line(capsys, argv, field):
    assert main(argv) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and field in err[0] and "Traceback" not in err[0]


def test_sensitivity_json_shape(capsys):
    rec = _json(capsys, ["sensitivity", NZSP, "--metric", "ccd_mA_cm2", "--json", "--samples", "128", "--top", "3"])
    assert rec["metric"] == "ccd_mA_cm2" and rec["unit"] == "mA cm⁻²" and len(rec["inputs"]) == 3
    first = rec["inputs"][0]
    for key in ("label", "unit", "low", "high", "metric_at_low", "metric_at_high", "swing", "s1", "s1_conf"):
        assert key in first
    swings = [r["swing"] for r in rec["inputs"]]
    assert swings == sorted(swings, reverse=True)


def test_sensitivity_table(capsys):
    assert main(["sensitivity", CUNW, "--samples", "64", "--top", "4"]) == 0
    out = capsys.readouterr().out
    assert "Dendrite risk" in out and "RBD-FAST" in out
    assert len([ln for ln in out.splitlines() if ln.strip()[:2] in ("1 ", "2 ", "3 ", "4 ")]) == 4


def test_tornado_swing_by_hand_pore_volume():
    """Pore volume = φ t: at t = 500 µm (fixed by an override) φ's bounds 0.75 / 0.95 give 375 / 475 µm;
    the host thickness, overridden, is not an input; φ explains all the variance (S1 ≈ 1)."""
    d = load_design(CUNW)
    d = d.with_layer("host", Layer(d.host.material, overrides={**d.host.overrides, "thickness_um": 500.0}))
    res = sensitivity(d, "pore_volume_um", samples=256, seed=1)
    top = res.rows[0]
    assert top.input.key == "host.porosity"
    assert (top.metric_low, top.metric_high) == (pytest.approx(375.0), pytest.approx(475.0))
    assert top.swing == pytest.approx(100.0)
    assert top.s1 == pytest.approx(1.0, abs=0.1)
    assert all(r.swing == 0.0 for r in res.rows[1:])
    assert "host.thickness_um" not in {r.input.key for r in res.rows}
    assert res.nominal == pytest.approx(float(score(d).value("pore_volume_um")[0]))


def test_tornado_labels_carry_units_and_bounds_are_the_range():
    res = sensitivity(load_design(CUNW), "dendrite_risk", samples=64, seed=2)
    for r in res.rows:
        assert r.input.label and r.input.unit  # "1" for dimensionless numbers
        assert r.input.low < r.input.high
    area = next(r for r in res.rows if r.input.key == "host.surface_area_ratio")
    assert (area.input.low, area.input.high) == (5.0, 60.0) and area.input.log


def test_tornado_unknown_metric_is_an_error():
    with pytest.raises(AnodeLabError, match="unknown metric"):
        sensitivity(load_design(CUNW), "nope")
