"""Shared fixtures of the report tests: example designs and a helper to extract PDF text."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from anodelab.design import load_design

POPPLER = shutil.which("pdftotext") is not None


@pytest.fixture
def liquid_design(examples_dir):
    return load_design(examples_dir / "na_cunw_diglyme.toml")


@pytest.fixture
def solid_design(examples_dir):
    return load_design(examples_dir / "nasn_nzsp.toml")


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", "-raw", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return re.sub(r"\s+", " ", out)


@pytest.fixture
def pdf_text():
    """pdftotext -raw of a PDF file with every run of whitespace collapsed to one space (skips without poppler)."""
    if not POPPLER:
        pytest.skip("poppler-utils (pdftotext) not installed")
    return _pdf_text
