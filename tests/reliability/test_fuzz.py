"""Fuzzing the file formats through the real command line (in-process): every input gives exit 0 with
finite numbers, or exit 2 with one line that names the file and a field it touched.

A bounded number of examples runs in CI (a few seconds); the ``slow`` test runs many more.
"""

from __future__ import annotations

import tomli_w
from hypothesis import HealthCheck, given, settings

import pytest

from tests.conftest import _isolated_user_dir  # noqa: F401

from .conftest import REPO, finite_record
from .fuzz_strategies import design_files, library_files, screen_files, settings_sets

FAST = settings(max_examples=25, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
                                       HealthCheck.data_too_large, HealthCheck.filter_too_much])
MANY = settings(FAST, max_examples=300)


def _write(path, data) -> bool:
    try:
        path.write_text(tomli_w.dumps(data), encoding="utf-8")
    except (TypeError, ValueError):
        return False
    return True


def _check(r, touched, path):
    assert r.rc in (0, 2), (r.rc, r.err[-1500:])
    assert "Traceback" not in r.err and "internal error" not in r.err and "Warning:" not in r.err
    if r.rc == 2:
        line = r.assert_named_error()
        named = [t for t in touched | {str(path)} if t in line]
        assert named, (line, touched)
    return r


def _design_case(cli, tmp_path, case):
    data, touched = case
    path = tmp_path / "fuzz_design.toml"
    if not _write(path, data):
        return
    r = _check(cli("score", path, "--json"), touched, path)
    if r.rc == 0:
        assert r.err == ""
        assert finite_record(r.json()) == []


def _in_range_case(cli, tmp_path, case):
    data, touched = case
    path = tmp_path / "fuzz_in_range.toml"
    assert _write(path, data)
    r = cli("score", path, "--json")
    assert r.rc == 0 and r.err == "", (r.err, touched)
    rec = r.json()
    assert finite_record(rec) == [], (touched, data.get("conditions"))
    assert 0.0 <= rec["dendrite_risk"] <= 1.0


def _library_case(cli, tmp_path, user_dir, case):
    data, touched = case
    folder = user_dir / "materials"
    folder.mkdir(exist_ok=True)
    path = folder / "fuzz_lib.toml"
    if not _write(path, data):
        return
    r = cli("materials", "list")
    assert r.rc == 0, r.err  # a bad user file never locks the user out
    assert "Traceback" not in r.err and "internal error" not in r.err
    if "skipped your library file" in r.err:
        line = [ln for ln in r.err.splitlines() if "skipped your library file" in ln][0]
        assert str(path) in line and len(line) < 2500
        assert "\x1b" not in line
    r = cli("score", REPO / "resources/examples/na_nzsp.toml", "--json")
    assert r.rc == 0 and finite_record(r.json()) == []


def _screen_case(cli, tmp_path, case):
    data, touched = case
    path = tmp_path / "fuzz_screen.toml"
    if not _write(path, data):
        return
    r = _check(cli("screen", path, "--quiet", "--workers", "1"), touched, path)
    if r.rc == 0:
        assert "designs in" in r.out


def _settings_case(cli, case):
    protocol, sets, touched = case
    args = ["simulate", REPO / "resources/examples/na_nzsp.toml", "--protocol", protocol, "--json"]
    for s in sets:
        args += ["--set", s]
    r = _check(cli(*args), touched | {"--set"}, "")
    if r.rc == 0:
        r.json()  # no NaN / Infinity constants


# ------------------------------------------------------------------ CI: a few seconds each

@FAST
@given(case=design_files())
def test_fuzz_design_files(cli, tmp_path, case):
    _design_case(cli, tmp_path, case)


@FAST
@given(case=design_files(in_range=True))
def test_fuzz_designs_inside_the_documented_ranges_give_finite_numbers(cli, tmp_path, case):
    _in_range_case(cli, tmp_path, case)


@settings(FAST, max_examples=15)
@given(case=library_files())
def test_fuzz_user_library_files(cli, tmp_path, _isolated_user_dir, case):
    _library_case(cli, tmp_path, _isolated_user_dir, case)


@settings(FAST, max_examples=12)
@given(case=screen_files())
def test_fuzz_screen_files(cli, tmp_path, case):
    _screen_case(cli, tmp_path, case)


@settings(FAST, max_examples=12)
@given(case=settings_sets())
def test_fuzz_simulation_settings(cli, case):
    _settings_case(cli, case)


# ------------------------------------------------------------------ many more (slow, still in CI)

@pytest.mark.slow
@MANY
@given(case=design_files())
def test_fuzz_design_files_many(cli, tmp_path, case):
    _design_case(cli, tmp_path, case)


@pytest.mark.slow
@settings(MANY, max_examples=600)
@given(case=design_files(in_range=True))
def test_fuzz_in_range_designs_many(cli, tmp_path, case):
    _in_range_case(cli, tmp_path, case)


@pytest.mark.slow
@settings(MANY, max_examples=150)
@given(case=library_files())
def test_fuzz_user_library_files_many(cli, tmp_path, _isolated_user_dir, case):
    _library_case(cli, tmp_path, _isolated_user_dir, case)


@pytest.mark.slow
@settings(MANY, max_examples=100)
@given(case=screen_files())
def test_fuzz_screen_files_many(cli, tmp_path, case):
    _screen_case(cli, tmp_path, case)


@pytest.mark.slow
@settings(MANY, max_examples=100)
@given(case=settings_sets())
def test_fuzz_simulation_settings_many(cli, case):
    _settings_case(cli, case)
