"""Shared pieces of the text readers: decoding, unit factors of column headers, fast numeric tables."""

from __future__ import annotations

import io
import re

import numpy as np

from ..errors import AnodeLabError

#: factor from a column's unit to SI (time s, current A, voltage V, capacity A h, resistance Ω, frequency Hz)
UNIT_FACTORS: dict[str, float] = {
    "s": 1.0, "ms": 1e-3, "min": 60.0, "h": 3600.0,
    "a": 1.0, "ma": 1e-3, "ua": 1e-6, "µa": 1e-6, "μa": 1e-6, "na": 1e-9,
    "v": 1.0, "mv": 1e-3,
    "a.h": 1.0, "ah": 1.0, "ma.h": 1e-3, "mah": 1e-3, "ua.h": 1e-6, "µa.h": 1e-6, "μa.h": 1e-6,
    "ohm": 1.0, "ω": 1.0, "mohm": 1e-3, "kohm": 1e3, "kω": 1e3, "mω": 1e-3,
    "hz": 1.0, "khz": 1e3, "mhz_milli": 1e-3,
    "°c": 1.0, "degc": 1.0, "c": 1.0,
}


def unit_factor(unit: str) -> float | None:
    """SI factor of a unit written in a column header ('mA', 'mA.h', 'Ohm', 'µA', 'kHz'); None if unknown.
    'mHz' is taken as millihertz (no cycler writes megahertz in an impedance column)."""
    u = unit.strip().lower().replace(" ", "")
    if u == "mhz":
        return 1e-3
    return UNIT_FACTORS.get(u)


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Text of a file and the encoding that read it: UTF-8 (with or without BOM), else Windows-1252, else
    Latin-1 (which maps every byte). A file with NUL bytes is binary, not text."""
    if not raw.strip():
        raise AnodeLabError("the file is empty", file=path)
    if b"\x00" in raw[:65536]:
        raise AnodeLabError("this is a binary file, not a text export (wrong file, or the binary format of "
                            "another program?)", file=path)
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    raise AnodeLabError("cannot decode the text", file=path)  # pragma: no cover (latin-1 maps all bytes)


_NUMBER = re.compile(r"^[\s+-]*(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?\s*$")


def looks_numeric(field: str) -> bool:
    return bool(_NUMBER.match(field))


def numeric_table(body: bytes, ncols: int, sep: str, decimal: str, path: str, first_line_no: int,
                  usecols: list[int] | None = None) -> dict[int, np.ndarray]:
    """Parse ``body`` (the data lines, as bytes) with pandas' C parser: column index → float array, for the
    columns ``usecols`` (default all ``ncols``). Bytes, not text, go to pandas: no decoded copy of a 100 MB file.

    A last line with fewer fields than the header means the file was cut (truncated copy, or the test
    still writing): that is an error naming the line, never a silently shorter or shifted row. Non-numeric
    cells raise an error naming the first bad line.
    """
    import pandas as pd

    end = len(body)
    while end and body[end - 1] in b"\r\n":
        end -= 1
    if end == 0 or re.search(rb"\S", body[:end]) is None:
        raise AnodeLabError("no data rows after the header (truncated file?)", file=path)
    lines_total = body.count(b"\n", 0, end) + 1
    last_nl = body.rfind(b"\n", 0, end)
    last = body[last_nl + 1:end].decode("latin-1")
    nfields = len(last.rstrip("\r").rstrip(sep).split(sep)) if sep != r"\s+" else len(last.split())
    if nfields < ncols:
        raise AnodeLabError(f"the last data line (line {first_line_no + lines_total - 1}) has {nfields} of {ncols} "
                            "values: the file is truncated", file=path)
    if lines_total >= 2:
        prev = body[body.rfind(b"\n", 0, last_nl) + 1:last_nl].decode("latin-1")
        check_last_field(prev, last, sep, path, first_line_no + lines_total - 1)
    cols = list(range(ncols)) if usecols is None else sorted(set(usecols))
    try:
        df = pd.read_csv(io.BytesIO(body), sep=sep, header=None, decimal=decimal, usecols=cols, encoding="latin-1",
                         engine="c" if sep != r"\s+" else "python", dtype=float, skip_blank_lines=True)
    except ValueError as exc:
        # find the first offending line for the message
        for k, raw_line in enumerate(body.splitlines()):
            line = raw_line.decode("latin-1")
            parts = line.split(sep) if sep != r"\s+" else line.split()
            bad = [p for p in parts[:ncols] if p.strip() and not looks_numeric(p)]
            if bad or (line.strip() and len(parts) < ncols):
                what = f"'{bad[0].strip()[:30]}' is not a number" if bad else f"{len(parts)} of {ncols} values"
                raise AnodeLabError(f"line {first_line_no + k}: {what}", file=path) from None
        raise AnodeLabError(f"cannot read the data table ({exc})", file=path) from None
    return {c: df[c].to_numpy(dtype=float) for c in cols}


_EXPONENT = re.compile(r"[eE][+-]?\d+$")


def check_last_field(prev_line: str, last_line: str, sep: str, path: str, line_no: int) -> None:
    """A file cut inside its last number keeps the field count: catch it where the column's numbers are written
    with an exponent (``1.2345E+003``, as cyclers write them) and the last one has lost it."""
    split = (lambda s: s.split()) if sep == r"\s+" else (lambda s: s.rstrip("\r").rstrip(sep).split(sep))
    a, b = split(prev_line), split(last_line)
    if a and b and len(a) == len(b) and _EXPONENT.search(a[-1].strip()) and not _EXPONENT.search(b[-1].strip()):
        raise AnodeLabError(f"the last number of line {line_no} ('{b[-1].strip()[:20]}') lost its exponent: the file "
                            "is truncated", file=path)


def detect_decimal(sample_line: str, sep: str) -> str:
    """',' when the numbers of a data line use a decimal comma (and the separator is not a comma)."""
    if sep == ",":
        return "."
    fields = sample_line.split(sep) if sep != r"\s+" else sample_line.split()
    commas = sum(1 for f in fields if "," in f and "." not in f)
    return "," if commas and commas >= len([f for f in fields if f.strip()]) // 2 else "."
