"""BioLogic EC-Lab text exports (``.mpt``): cycling (GCPL, CP, CA, OCV …) and impedance (PEIS/GEIS).

Our own parser (EC-Lab's text format is simple and galvani only reads the binary ``.mpr``):

* line 1 ``EC-Lab ASCII FILE``, line 2 ``Nb header lines : N``; line N holds the tab-separated column
  names ``quantity/unit``; data follow. Exports without a header (first line = column names) are read too;
* text is UTF-8 or, as EC-Lab writes it on Windows, Windows-1252/Latin-1 (``cm²``, ``µF``);
* numbers may use a decimal comma (EC-Lab in a French/German Windows locale): detected from the first row;
* header ``key : value`` lines become the metadata; ``Electrode surface area : A cm²`` gives the area.

Columns used (unit from the header, converted to SI): impedance ``freq/Hz``, ``Re(Z)/Ohm``, ``-Im(Z)/Ohm``;
cycling ``time/s``, ``Ewe/V`` or ``<Ewe>/V`` (or ``Ecell/V``), ``I/mA`` or ``<I>/mA``,
``cycle number``, ``Ns`` (step), ``(Q-Qo)/mA.h`` or ``Capacity/mA.h``, ``Temperature/°C`` (else a header line
``Temperature : T °C``, as AnodeLab's writer and many users' notes put it).
"""

from __future__ import annotations

import re

import numpy as np

from ..errors import AnodeLabError
from .model import checked_cycling, checked_impedance
from .text import decode, detect_decimal, numeric_table, unit_factor

_NB_HEADER = re.compile(r"Nb header lines\s*:\s*(\d+)", re.I)
#: every column the reader may use (only these are parsed)
_USED = ("freq", "Re(Z)", "-Im(Z)", "cycle number", "time", "Ewe", "<Ewe>", "Ecell", "<Ecell>", "I", "<I>", "Ns",
         "(Q-Qo)", "Capacity", "Q charge/discharge", "Temperature")
_TEMP = re.compile(r"^Temperature\s*:\s*([0-9.,Ee+-]+)\s*°?C", re.I | re.M)
_AREA = re.compile(r"Electrode surface area\s*:\s*([0-9.,Ee+-]+)\s*(cm|mm|m)", re.I)


def _split_name(col: str) -> tuple[str, str]:
    """'Re(Z)/Ohm' → ('Re(Z)', 'Ohm'); 'cycle number' → ('cycle number', '')."""
    col = col.strip()
    if "/" in col:
        name, unit = col.rsplit("/", 1)
        return name.strip(), unit.strip()
    return col, ""


def _find(columns: list[str], *names: str) -> int | None:
    base = [_split_name(c)[0].lower() for c in columns]
    for n in names:
        if n.lower() in base:
            return base.index(n.lower())
    return None


def _metadata(header_lines: list[str]) -> dict:
    meta: dict[str, str] = {}
    if len(header_lines) > 3 and header_lines[3].strip():
        meta["technique"] = header_lines[3].strip()
    for line in header_lines[1:]:
        if " : " in line:
            k, v = line.split(" : ", 1)
            k, v = k.strip(), v.strip()
            if k and k not in meta:
                meta[k] = v
    return meta


def read_mpt(path: str, sha: str, raw: bytes):
    """Read an EC-Lab ``.mpt`` export into a Cycling- or ImpedanceMeasurement (see the module docstring)."""
    head_raw = raw[:200_000]
    text_head, encoding = decode(head_raw, path)
    lines_head = text_head.splitlines()
    first = lines_head[0].strip() if lines_head else ""
    if first.upper().startswith("EC-LAB ASCII FILE"):
        m = _NB_HEADER.search("\n".join(lines_head[:3]))
        if not m:
            raise AnodeLabError("EC-Lab file without a 'Nb header lines' line (damaged header)", file=path)
        n_header = int(m.group(1))
        if n_header < 3:
            raise AnodeLabError(f"'Nb header lines : {n_header}' is not possible (≥ 3)", file=path)
    elif "\t" in first and "/" in first and _find(first.split("\t"), "time", "freq") is not None:
        n_header = 1  # an export without the header block
    else:
        raise AnodeLabError("not an EC-Lab text export (.mpt): the first line is not 'EC-Lab ASCII FILE' "
                            "and not a row of column names", file=path)
    # split off the header in the bytes, without decoding or splitting the (possibly huge) data block
    pos = 0
    for _ in range(n_header):
        nxt = raw.find(b"\n", pos)
        if nxt < 0:
            raise AnodeLabError(f"the header says {n_header} lines but the file ends before that: truncated file",
                                file=path)
        pos = nxt + 1
    header = decode(raw[:pos], path)[0].splitlines()
    columns = [c for c in header[-1].rstrip("\r\n").split("\t")]
    while columns and not columns[-1].strip():
        columns.pop()
    if len(columns) < 2:
        raise AnodeLabError(f"line {n_header} should name the data columns, got {header[-1][:60]!r}", file=path)
    body = raw[pos:]
    nl = body.find(b"\n")
    first_row = (body[:nl] if nl >= 0 else body).decode("latin-1")
    decimal = detect_decimal(first_row, "\t")
    wanted = [i for i in (_find(columns, n) for n in _USED) if i is not None]
    data = numeric_table(body, len(columns), "\t", decimal, path, n_header + 1, usecols=wanted)
    meta = _metadata(header) if n_header > 1 else {}
    meta["encoding"] = encoding
    meta["decimal"] = decimal
    meta["columns"] = columns
    area = None
    m = _AREA.search("\n".join(header))
    if m:
        value = float(m.group(1).replace(",", "."))
        area = value * {"cm": 1.0, "mm": 1e-2, "m": 1e4}[m.group(2).lower()]
        if area <= 0:
            area = None  # EC-Lab writes 0.000 when the user left the field empty

    def col(i):
        return data[i]

    def factor(i, what):
        unit = _split_name(columns[i])[1]
        f = unit_factor(unit)
        if f is None:
            raise AnodeLabError(f"unknown unit '{unit}' of the {what} column '{columns[i]}'", file=path, field=what)
        return f

    temp_i = _find(columns, "Temperature")
    temperature = float(np.nanmean(col(temp_i))) if temp_i is not None else None
    mt = _TEMP.search("\n".join(header))
    if temperature is None and mt:
        temperature = float(mt.group(1).replace(",", "."))
    kw = dict(area_cm2=area, area_origin="file" if area else "unknown", temperature_C=temperature, metadata=meta)

    fi = _find(columns, "freq")
    if fi is not None:
        re_i, im_i = _find(columns, "Re(Z)"), _find(columns, "-Im(Z)")
        if re_i is None or im_i is None:
            raise AnodeLabError("impedance export without 'Re(Z)' and '-Im(Z)' columns", file=path)
        ok = col(fi) > 0  # EC-Lab writes rows of f = 0 between PEIS and other techniques
        z = col(re_i)[ok] * factor(re_i, "Re(Z)") - 1j * col(im_i)[ok] * factor(im_i, "-Im(Z)")
        cyc_i = _find(columns, "cycle number")
        if cyc_i is not None:
            meta["spectra"] = int(np.unique(col(cyc_i)[ok]).size)
        return checked_impedance(path, "EC-Lab .mpt (impedance)", sha, col(fi)[ok] * factor(fi, "freq"), z, **kw)

    ti = _find(columns, "time")
    vi = _find(columns, "Ewe", "<Ewe>", "Ecell", "<Ecell>")
    ii = _find(columns, "I", "<I>")
    if ti is None or vi is None or ii is None:
        raise AnodeLabError("cycling export needs 'time/s', 'Ewe/V' and 'I/mA' (or '<I>/mA') columns; found "
                            + ", ".join(columns[:12]), file=path)
    ci, si = _find(columns, "cycle number"), _find(columns, "Ns")
    qi = _find(columns, "(Q-Qo)", "Capacity", "Q charge/discharge")
    meta["current_sign"] = "EC-Lab: positive = oxidation at the working electrode"
    return checked_cycling(
        path, "EC-Lab .mpt (cycling)", sha,
        time_s=col(ti) * factor(ti, "time"), current_A=col(ii) * factor(ii, "current"),
        voltage_V=col(vi) * factor(vi, "voltage"),
        cycle=col(ci) if ci is not None else None, step=col(si) if si is not None else None,
        capacity_Ah=col(qi) * factor(qi, "capacity") if qi is not None else None, **kw)
