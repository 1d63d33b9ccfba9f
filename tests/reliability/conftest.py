"""Helpers of the reliability tests: run ``anodelab`` in-process and check its one-line answer."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

REPRO = Path(__file__).resolve().parents[1] / "data" / "repro"
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Outcome:
    rc: int
    out: str
    err: str

    def json(self):
        """stdout as JSON; NaN / Infinity are refused (JSON has none; the CLI must not print them)."""
        def bad_constant(name):
            raise AssertionError(f"non-finite number {name} in the JSON output")

        return json.loads(self.out, parse_constant=bad_constant)

    def assert_named_error(self, *words: str, max_len: int = 2000) -> str:
        """Exit 2 with exactly one line 'anodelab: error: …' holding every word."""
        assert self.rc == 2, (self.rc, self.err[-2000:])
        assert "Traceback" not in self.err and "internal error" not in self.err
        lines = [ln for ln in self.err.splitlines() if ln.startswith("anodelab: error:")]
        assert len(lines) == 1, self.err[-2000:]
        line = lines[0]
        assert len(line) <= max_len, len(line)
        assert "\x1b" not in line
        for w in words:
            assert w in line, (w, line)
        return line


@pytest.fixture
def cli(capsys):
    """``cli("score", path, "--json")`` → Outcome(rc, stdout, stderr), in this process (fast)."""
    from anodelab.cli import main
    from anodelab.materials.library import reset_default_library

    def run(*args) -> Outcome:
        reset_default_library()
        capsys.readouterr()
        try:
            rc = main([str(a) for a in args])
        except SystemExit as exc:  # argparse
            rc = exc.code
        captured = capsys.readouterr()
        return Outcome(int(rc), captured.out, captured.err)

    return run


def finite_record(rec: dict) -> list[str]:
    """Metric keys of a score record that are null although they apply and are not unbounded."""
    from anodelab.metrics import METRICS

    solid = rec["electrolyte_kind"] == "solid"
    # full-cell metrics apply only to a design with a [cathode]: then all of them are numbers
    cell_metrics = [m for m in METRICS if getattr(m, "cell_only", False)]
    has_cell = any(rec[m.key] is not None for m in cell_metrics)
    bad = []
    for m in METRICS:
        v = rec[m.key]
        if v is None and m.key not in rec["unbounded_metrics"]:
            if (m.liquid_only and solid) or (m.solid_only and not solid):
                continue
            if getattr(m, "cell_only", False) and not has_cell:
                continue
            bad.append(m.key)
        elif v is not None:
            assert math.isfinite(v)
    for group in ("risk_factors", "risk_hazards"):
        bad += [f"{group}.{k}" for k, v in rec[group].items() if v is None]
    return bad


def one_line(text: str) -> bool:
    return len([ln for ln in text.splitlines() if ln.strip()]) <= 1


ANSI = re.compile(r"\x1b\[")
