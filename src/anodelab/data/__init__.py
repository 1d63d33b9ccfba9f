"""Measured data: read cycler and impedance files into one data model (SI, units in the names).

::

    from anodelab.data import read
    m = read("cell.ndax", area_cm2=1.13)          # CyclingMeasurement
    m.current_density_mA_cm2, m.voltage_V, m.source.sha256
    s = read("eis.mpt")                           # ImpedanceMeasurement: s.frequency_Hz, s.impedance_ohm

Formats (by extension, then by content): Neware ``.nda``/``.ndax`` (NewareNDA), EC-Lab ``.mpt`` (own
parser), EC-Lab ``.mpr`` (galvani, optional GPL extra), Gamry ``.DTA``, ZPlot ``.z``, VersaStudio ``.par``,
Autolab/CHI/Parstat text (impedance.py), any ``.csv``/``.tsv``/``.txt`` table (column mapping confirmed once).
Every failure is an :class:`~anodelab.errors.AnodeLabError` naming the file and what is wrong.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import AnodeLabError
from .model import CyclingMeasurement, ImpedanceMeasurement, Measurement, SourceFile
from .tabular import ColumnMapping, MappingNeeded

__all__ = ["read", "read_many", "CyclingMeasurement", "ImpedanceMeasurement", "Measurement", "SourceFile",
           "ColumnMapping", "MappingNeeded", "FORMATS"]

#: extension → (format name, licence note)
FORMATS = {
    ".nda": ("Neware BTS (old binary)", "NewareNDA, BSD-3-Clause"),
    ".ndax": ("Neware BTS (zipped)", "NewareNDA, BSD-3-Clause"),
    ".mpt": ("BioLogic EC-Lab text export (cycling, PEIS/GEIS)", "AnodeLab's own parser"),
    ".mpr": ("BioLogic EC-Lab binary", "galvani, GPL-3.0: optional, not shipped"),
    ".dta": ("Gamry Framework impedance", "impedance.py, MIT"),
    ".z": ("Scribner ZPlot impedance", "impedance.py, MIT"),
    ".par": ("Princeton VersaStudio impedance", "impedance.py, MIT"),
    ".csv": ("table (CSV), column mapping confirmed once", "AnodeLab's own parser"),
    ".tsv": ("table (TSV), column mapping confirmed once", "AnodeLab's own parser"),
    ".txt": ("Autolab/CHI/Parstat impedance text (impedance.py), else a table", "impedance.py, MIT / own parser"),
}
MAX_BYTES = 2 * 1024**3


def read(path, *, area_cm2: float | None = None, temperature_C: float | None = None,
         instrument: str | None = None, columns: ColumnMapping | None = None) -> Measurement:
    """Read one measurement file. ``area_cm2`` overrides the file's electrode area, ``temperature_C`` its
    temperature, ``instrument`` names the impedance instrument of a ``.txt``, ``columns`` maps a table's columns
    (else the remembered mapping is used)."""
    p = Path(path)
    where = str(p)
    if not p.exists():
        raise AnodeLabError("no such file", file=where)
    if p.is_dir():
        raise AnodeLabError("is a folder, not a measurement file", file=where)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise AnodeLabError(f"is {size / 1e9:.1f} GB; files above 2 GB are not read", file=where)
        raw = p.read_bytes()
    except OSError as exc:
        raise AnodeLabError(f"cannot read ({exc.strerror})", file=where) from None
    if not raw:
        raise AnodeLabError("the file is empty", file=where)
    import hashlib

    sha = hashlib.sha256(raw).hexdigest()
    ext = p.suffix.lower()
    m = _dispatch(where, ext, sha, raw, instrument, columns)
    if area_cm2 is not None:
        m = m.with_area(area_cm2)
    if temperature_C is not None:
        from dataclasses import replace

        m = replace(m, temperature_C=float(temperature_C))
    return m


def _dispatch(where, ext, sha, raw, instrument, columns):
    if ext in (".nda", ".ndax"):
        from .neware import read_neware

        return read_neware(where, sha, raw)
    if ext == ".mpr":
        from .mpr import read_mpr

        return read_mpr(where, sha, raw)
    if ext == ".mpt":
        from .mpt import read_mpt

        return read_mpt(where, sha, raw)
    from .impedance_files import EXTENSIONS, read_impedance_file, sniff_instrument

    if ext in EXTENSIONS or instrument is not None:
        return read_impedance_file(where, sha, raw, instrument or EXTENSIONS[ext])
    if ext in (".csv", ".tsv", ".txt", ".dat"):
        head = raw[:20000].decode("latin-1")
        if head.startswith("EC-Lab ASCII FILE"):
            from .mpt import read_mpt

            return read_mpt(where, sha, raw)
        if ext == ".txt" and sniff_instrument(head) is not None and columns is None:
            return read_impedance_file(where, sha, raw, None)
        from .tabular import read_table

        return read_table(where, sha, raw, columns)
    known = ", ".join(sorted(FORMATS))
    raise AnodeLabError(f"unknown file type '{ext or '(none)'}'; AnodeLab reads {known}", file=where)


def read_many(paths, **kw) -> list[Measurement]:
    """Read several files (e.g. a temperature series of spectra); the first bad file raises."""
    return [read(p, **kw) for p in paths]
