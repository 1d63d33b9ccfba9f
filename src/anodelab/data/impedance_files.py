"""Impedance files of other instruments through impedance.py's readers (MIT licence).

Gamry ``.DTA`` (``readGamry``), Scribner ZPlot ``.z`` (``readZPlot``), Princeton VersaStudio ``.par``
(``readVersaStudio``), and the text exports of Autolab, CH Instruments and Parstat (``readAutolab``,
``readCHInstruments``, ``readParstat``: these are ``.txt``/``.csv`` files, so name the instrument with
``read(path, instrument=...)`` or let :func:`sniff_instrument` recognise it). All give frequency [Hz] and
complex Z [Ω]. impedance.py's readers assume a well-formed file; this module turns every failure into an
:class:`AnodeLabError` and checks that the last data line is complete (a cut file).
"""

from __future__ import annotations

import re
import warnings

import numpy as np

from ..errors import AnodeLabError
from .model import checked_impedance
from .text import decode

#: instrument → (impedance.py reader name, what the file looks like)
INSTRUMENTS = {
    "gamry": ("readGamry", "Gamry Framework .DTA"),
    "zplot": ("readZPlot", "Scribner ZPlot .z"),
    "versastudio": ("readVersaStudio", "Princeton VersaStudio .par"),
    "autolab": ("readAutolab", "Metrohm Autolab text export"),
    "chinstruments": ("readCHInstruments", "CH Instruments text export"),
    "parstat": ("readParstat", "Parstat text export"),
}
EXTENSIONS = {".dta": "gamry", ".z": "zplot", ".par": "versastudio"}

_SIGNATURES = (
    ("gamry", re.compile(r"^EXPLAIN\s*$", re.M)),
    ("zplot", re.compile(r"^ZPLOT2 ASCII", re.M)),
    ("chinstruments", re.compile(r"A\.C\. Impedance", re.I)),
    ("versastudio", re.compile(r"<Segment\d+>|VersaStudio", re.I)),
    ("autolab", re.compile(r"Frequency \(Hz\)[;,\t].*Z' \(Ω\)|Z' \(Ohm\)", re.I)),
)


def sniff_instrument(text_head: str) -> str | None:
    """The instrument whose signature the start of a text file carries, or None."""
    for name, pattern in _SIGNATURES:
        if pattern.search(text_head):
            return name
    return None


def _check_complete(text: str, path: str) -> None:
    """The last non-empty line must have as many fields as the line before it (else the file was cut)."""
    lines = [ln for ln in text.rstrip().splitlines()[-3:] if ln.strip()]
    if len(lines) >= 2:
        a, b = len(lines[-2].split()), len(lines[-1].split())
        if b < a:
            raise AnodeLabError(f"the last data line has {b} of {a} values: the file is truncated", file=path)
        from .text import check_last_field

        check_last_field(lines[-2], lines[-1], r"\s+", path, len(text.rstrip().splitlines()))


def _gamry_area(text: str) -> float | None:
    m = re.search(r"^AREA\s+QUANT\s+([0-9.Ee+-]+)", text, re.M)
    try:
        return float(m.group(1)) if m else None
    except ValueError:
        return None


def read_impedance_file(path: str, sha: str, raw: bytes, instrument: str | None = None):
    """Read one impedance file with impedance.py (see the module docstring) into an ImpedanceMeasurement."""
    text, encoding = decode(raw, path)
    found = sniff_instrument(text[:20000])
    if instrument is None:
        instrument = found
    if instrument is None:
        raise AnodeLabError("not an impedance file this version reads (Gamry .DTA, ZPlot .z, VersaStudio .par, "
                            "Autolab/CHI/Parstat text: name the instrument with --instrument)", file=path)
    if instrument not in INSTRUMENTS:
        raise AnodeLabError(f"unknown instrument {instrument!r}; one of {', '.join(INSTRUMENTS)}", file=path,
                            field="instrument")
    if found is not None and found != instrument and instrument in ("gamry", "zplot"):
        raise AnodeLabError(f"this looks like a {INSTRUMENTS[found][1]} file, not {INSTRUMENTS[instrument][1]}",
                            file=path)
    if instrument == "gamry" and "ZCURVE" not in text:
        raise AnodeLabError("Gamry file without a ZCURVE table (not an impedance measurement, or truncated)",
                            file=path)
    _check_complete(text, path)
    from impedance import preprocessing

    reader = getattr(preprocessing, INSTRUMENTS[instrument][0])
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            f, z = reader(path)
    except Exception as exc:  # impedance.py's readers raise whatever the bad line causes
        raise AnodeLabError(f"cannot read as {INSTRUMENTS[instrument][1]}: {type(exc).__name__}: {exc}"[:300],
                            file=path) from None
    f = np.asarray(f, dtype=float)
    z = np.asarray(z, dtype=complex)
    area = _gamry_area(text) if instrument == "gamry" else None
    meta = {"instrument": instrument, "reader": f"impedance.py preprocessing.{INSTRUMENTS[instrument][0]}",
            "encoding": encoding}
    if instrument == "gamry":
        for key in ("TITLE", "DATE", "TIME", "PSTAT"):
            m = re.search(rf"^{key}\t\w+\t([^\t\r\n]*)", text, re.M)
            if m:
                meta[key.lower()] = m.group(1).strip()
    if instrument == "zplot":
        for key in ("Date", "Time", "Experiment Type"):
            m = re.search(rf"^\s*{key}:\s*(.*)$", text, re.M)
            if m:
                meta[key.lower()] = m.group(1).strip()
    return checked_impedance(path, INSTRUMENTS[instrument][1], sha, f, z, area_cm2=area,
                             area_origin="file" if area else "unknown", metadata=meta)
