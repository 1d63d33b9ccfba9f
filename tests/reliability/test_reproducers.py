"""Every reproducer of the reliability probe (tests/data/repro/, copied from the probe) answered cleanly:
exit 0 with finite numbers, or exit 2 with one named line; never exit 3, a traceback or a hang."""

from __future__ import annotations

import time

import pytest

from .conftest import REPO, REPRO, finite_record

REPRO_TOML = sorted(p.name for p in REPRO.glob("*.toml"))


@pytest.mark.parametrize("name", REPRO_TOML)
def test_every_reproducer_scores_cleanly(cli, name):
    """What the before-stop hook runs: `anodelab score FILE --json` → 0 with finite numbers or 2, one line."""
    t0 = time.perf_counter()
    r = cli("score", REPRO / name, "--json")
    assert time.perf_counter() - t0 < 15
    assert r.rc in (0, 2), r.err[-500:]
    assert "Traceback" not in r.err and "internal error" not in r.err and "Warning" not in r.err
    if r.rc == 0:
        assert finite_record(r.json()) == []
    else:
        r.assert_named_error(str(REPRO / name))


# each reproducer's specific answer ------------------------------------------------------------------

@pytest.mark.parametrize("name, words", [
    ("d1_deep_nesting_recursion.toml", ["nested deeper than the limit of 20 levels"]),
    ("d_msg_huge_echo.toml", ["conditions: cycles: must be a number ≥ 1 and ≤ 1e+06", "100,000 characters"]),
    ("d_sources_non_string_report_crash.toml", ["layer 'host': sources.porosity: a source note must be text"]),
    ("d_nan_risk_tiny_current.toml", ["current_density_mA_cm2: must be ≥ 1e-06 and ≤ 1000, got 1e-305"]),
    ("d_nan_risk_subnormal_capacity.toml", ["areal_capacity_mAh_cm2: must be ≥ 1e-06 and ≤ 1000, got 5e-324"]),
    ("d_nan_risk_nucleation_ref.toml", ["layer 'host': nucleation_reference_current_mA_cm2: must be a number in [1e-06, 1000]"]),
    ("d_null_nuclei_density_8K.toml", ["temperature_C: must be ≥ -200 and ≤ 1000, got -265.0"]),
    ("d_runtimewarning_leak.toml", ["layer 'coating': ionic_conductivity_mS_cm:", "at least 1e-30"]),
])
def test_reproducer_gives_the_named_error(cli, name, words):
    line = cli("score", REPRO / name, "--json").assert_named_error(*words)
    assert len(line) < 600


def test_huge_echo_is_capped(cli):
    """A 100,000-character value was echoed whole (a 100 kB error line)."""
    line = cli("score", REPRO / "d_msg_huge_echo.toml").assert_named_error()
    assert len(line) < 400


def test_newline_and_ansi_are_shown_as_escapes(cli):
    r = cli("score", REPRO / "d_msg_newline_ansi.toml")
    line = r.assert_named_error(r"unknown material 'x\ny\x1b[31mRED\x1b]0;title\x07'")
    assert "\x1b" not in r.err and "\x07" not in r.err
    assert r.err.count("\n") == 1  # one line, the raw newline is written as \n


def test_subnormal_and_tiny_values_just_inside_the_limits_give_finite_numbers(cli, tmp_path):
    """The lower bounds are honest: at them (1e-6 mA cm⁻², 1e-6 mAh cm⁻², -200 °C, 1e-30 S) the numbers are finite."""
    import tomllib

    import tomli_w

    cases = {
        "d_nan_risk_tiny_current.toml": ("conditions", "current_density_mA_cm2", 1e-6),
        "d_nan_risk_subnormal_capacity.toml": ("conditions", "areal_capacity_mAh_cm2", 1e-6),
        "d_null_nuclei_density_8K.toml": ("conditions", "temperature_C", -200.0),
        "d_nan_risk_nucleation_ref.toml": ("host", "nucleation_reference_current_mA_cm2", 1e-6),
        "d_runtimewarning_leak.toml": ("coating", "ionic_conductivity_mS_cm", 1e-30),
    }
    for name, (table, key, value) in cases.items():
        data = tomllib.loads((REPRO / name).read_text(encoding="utf-8"))
        data[table][key] = value
        path = tmp_path / name
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
        r = cli("score", path, "--json")
        assert r.rc == 0 and r.err == "", (name, r.err)
        rec = r.json()
        assert finite_record(rec) == [], name
        assert 0.0 <= rec["dendrite_risk"] <= 1.0


def test_non_text_source_is_refused_by_every_report_format(cli, tmp_path):
    for fmt in ("json", "csv", "html", "pdf"):
        r = cli("report", REPRO / "d_sources_non_string_report_crash.toml", "--format", fmt,
                "--out", tmp_path / f"r.{fmt}")
        r.assert_named_error("sources.porosity")
        assert not (tmp_path / f"r.{fmt}").exists()


def test_a_design_with_a_non_text_source_built_in_python_still_reports(tmp_path):
    """Designs made in Python skip the file checks: the report turns the note into text, no TypeError."""
    from anodelab.design import Layer, load_design
    from anodelab.report import export

    d = load_design(REPO / "resources/examples/na_cunw_diglyme.toml")
    d = d.with_layer("host", Layer("cu-foil", overrides={"porosity": 0.5}, sources={"porosity": 5}))
    data = export(d, "json", None)
    assert b'"5"' in data or b": 5" in data or b"5" in data


def test_cycles_1e6_simulation_is_refused_before_work_with_the_estimate(cli, tmp_path):
    t0 = time.perf_counter()
    r = cli("simulate", REPRO / "d_cycles_1e6.toml", "--protocol", "symmetric", "--json")
    line = r.assert_named_error("cycles:", "4e+07 points ≈ 5.6 GB", "the limit is 5e+06 points")
    assert time.perf_counter() - t0 < 5
    # the design itself is legal: scoring it works
    assert cli("score", REPRO / "d_cycles_1e6.toml", "--json").rc == 0
    assert "cycles" in line


@pytest.mark.parametrize("protocol, sets, field", [
    ("ccd", ["step_mA_cm2=0.1", "max_mA_cm2=1000", "points_per_step=5000"], "step_mA_cm2"),
    ("symmetric", ["cycles=1000000", "points_per_half_cycle=25"], "cycles"),
])
def test_sim_memory_settings_are_refused_before_work(cli, protocol, sets, field):
    t0 = time.perf_counter()
    args = ["simulate", REPO / "resources/examples/na_nzsp.toml", "--protocol", protocol, "--json"]
    for s in sets:
        args += ["--set", s]
    cli(*args).assert_named_error(f"{field}:", "the limit is 5e+06 points")
    assert time.perf_counter() - t0 < 5


def test_a_simulation_at_the_points_limit_runs(cli, tmp_path):
    """125,000 cycles × 2 × 20 points = the 5 × 10⁶ limit: allowed, and the CSV is written."""
    out = tmp_path / "p.csv"
    r = cli("simulate", REPO / "resources/examples/na_cunw_diglyme.toml", "--protocol", "symmetric",
            "--set", "cycles=125000", "--out", out)
    assert r.rc == 0, r.err
    assert out.stat().st_size > 10_000_000


def test_screen_of_1e12_designs_is_refused_up_front_with_the_estimate(cli):
    t0 = time.perf_counter()
    r = cli("screen", REPRO / "d3_screen_1e12_designs.toml", "--quiet")
    r.assert_named_error("conditions:", "1e+12 designs ≈", "days", "the limit is 1e+10 evaluations",
                         "fewer grid points")
    assert time.perf_counter() - t0 < 10


def test_runner_never_lists_every_chunk():
    """chunk_bounds of a 10¹⁰-design plan is lazy: constant memory, indexable, iterable."""
    from anodelab.screening.runner import ChunkBounds

    b = ChunkBounds(10**10, 64)
    assert len(b) == 156_250_000
    assert b[0] == (0, 64) and b[-1] == (10**10 - 64, 10**10)
    it = iter(b)
    assert next(it) == (0, 64) and next(it) == (64, 128)
    assert list(ChunkBounds(130, 64)) == [(0, 64), (64, 128), (128, 130)]


@pytest.mark.parametrize("make_out", ["folder", "/proc/version", "missing/folder/x.csv"])
def test_screen_out_is_checked_before_the_screen_runs(cli, tmp_path, make_out):
    if make_out == "folder":
        out = tmp_path / "outdir"
        out.mkdir()
    elif make_out.startswith("missing"):
        out = tmp_path / make_out
    else:
        out = make_out
    r = cli("screen", REPO / "resources/screens/ether_hosts.toml", "--quiet", "--out", out)
    r.assert_named_error("--out")
    assert "designs in" not in r.out  # refused before the screen ran


@pytest.mark.parametrize("cmd", [
    ["simulate", "resources/examples/na_nzsp.toml", "--protocol", "ccd"],
    ["report", "resources/examples/na_nzsp.toml", "--format", "json"],
])
def test_simulate_and_report_out_are_checked_before_work(cli, tmp_path, cmd):
    (tmp_path / "d").mkdir()
    cmd = [REPO / c if c.startswith("resources") else c for c in cmd]
    cli(*cmd, "--out", tmp_path / "d").assert_named_error("--out", "is a folder")
    cli(*cmd, "--out", "/proc/version").assert_named_error("--out")


def test_a_write_that_fails_after_the_screen_keeps_the_results(monkeypatch, tmp_path, capsys):
    """If --out becomes unwritable during the run, the results are kept in a file whose name is said."""
    from anodelab.screening import cli as scli

    target = tmp_path / "gone" / "r.csv"
    with pytest.raises(Exception) as info:
        scli.write_or_rescue(target, "a,b\n1,2\n", what="1 row")
    msg = str(info.value)
    assert "the results were kept in " in msg
    kept = msg.rsplit("the results were kept in ", 1)[1].strip()
    from pathlib import Path

    assert Path(kept).read_text() == "a,b\n1,2\n"
    Path(kept).unlink()


def test_long_name_is_refused_at_load_and_capped_in_reports(cli, tmp_path):
    """d_pdf_long_name.sh: a 10⁶-emoji name took > 300 s to lay out in a PDF."""
    import re

    from anodelab.report.content import build_content

    base = (REPO / "resources/examples/na_base_80C.toml").read_text(encoding="utf-8")
    path = tmp_path / "longname.toml"
    path.write_text(re.sub(r"^name = .*$", 'name = "' + "\U0001F4A5" * 1_000_000 + '"', base, count=1, flags=re.M),
                    encoding="utf-8")
    t0 = time.perf_counter()
    cli("report", path, "--format", "pdf", "--out", tmp_path / "x.pdf").assert_named_error(
        "the file has 4,00", "the limit for an input file is 4,000,000 bytes")
    path.write_text(re.sub(r"^name = .*$", 'name = "' + "\U0001F4A5" * 100_000 + '"', base, count=1, flags=re.M),
                    encoding="utf-8")
    cli("report", path, "--format", "pdf", "--out", tmp_path / "x.pdf").assert_named_error(
        "name: has 100,000 characters; the limit is 200")
    assert time.perf_counter() - t0 < 10
    # a design built in Python has no load check: the report caps the name
    from dataclasses import replace

    from anodelab.design import load_design

    d = replace(load_design(REPO / "resources/examples/na_base_80C.toml"), name="x" * 100_000)
    content = build_content(d, include_plots=False)
    assert len(content.design_name) < 240 and "100,000 characters" in content.design_name
    assert len(content.title) < 300


def test_long_name_pdf_time_does_not_grow_with_the_name(tmp_path):
    from dataclasses import replace

    from anodelab.design import load_design
    from anodelab.report import export
    from anodelab.report.plots import ensure_qapp

    ensure_qapp()
    d = load_design(REPO / "resources/examples/na_base_80C.toml")
    times = []
    for n in (100, 100_000):
        t0 = time.perf_counter()
        export(replace(d, name="\U0001F4A5" * n), "pdf", tmp_path / f"n{n}.pdf")
        times.append(time.perf_counter() - t0)
    assert times[1] < 3 * times[0] + 2.0, times  # was 6.4 s at 10⁵ characters vs 1.1 s at 10⁴


@pytest.mark.parametrize("key", ["designs", "protocol", "params", "library"])
def test_a_setting_named_like_an_argument_is_an_unknown_setting(cli, key):
    """Found by the settings fuzz: `--set designs=0` was a TypeError (exit 3)."""
    cli("simulate", REPO / "resources/examples/na_nzsp.toml", "--protocol", "deposition",
        "--set", f"{key}=0").assert_named_error(f"unknown setting '{key}' for protocol 'deposition'")
