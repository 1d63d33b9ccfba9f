"""Shared fixtures of the measurement tests: the real instrument files (tests/data/realdata, with licences)."""

from __future__ import annotations

from pathlib import Path

import pytest

REALDATA = Path(__file__).resolve().parents[1] / "data" / "realdata"
EXAMPLES = Path(__file__).resolve().parents[2] / "resources" / "examples"


@pytest.fixture
def realdata() -> Path:
    return REALDATA


@pytest.fixture
def liquid_design():
    from anodelab.design import load_design

    return load_design(EXAMPLES / "na_cunw_diglyme.toml")


@pytest.fixture
def solid_design():
    from anodelab.design import load_design

    return load_design(EXAMPLES / "na_nzsp.toml")
