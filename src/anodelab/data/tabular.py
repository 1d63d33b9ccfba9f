"""Any CSV/TSV table, with a column-and-unit mapping that the user confirms once and AnodeLab remembers.

A table's *layout* is its separator, decimal mark and column names (``column 1`` … for a file without a
header row). The first time a layout is seen AnodeLab guesses a :class:`ColumnMapping` from the names
(``Time (s)``, ``Voltage/V``, ``I [mA]``, ``freq``, ``Re(Z)`` …) and raises :class:`MappingNeeded` with
the guess: the user confirms it (``anodelab data show FILE --confirm-columns``, ``--columns
time=Time:s,...``, or the GUI's dialog) and it is stored in ``<user data>/measurement_columns.json`` under
the layout's signature, so every later file of that layout opens at once.

Roles: cycling ``time`` (s, min, h), ``current`` (A, mA, uA), ``voltage`` (V, mV), optional ``cycle``,
``step``, ``capacity`` (Ah, mAh); impedance ``frequency`` (Hz, kHz), ``z_real`` and ``z_imag`` or
``minus_z_imag`` (Ω, kΩ). A headerless 3-column numeric table is guessed as impedance.py's CSV
convention (f [Hz], Z′ [Ω], Z″ [Ω]).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field

from ..errors import AnodeLabError
from ..paths import user_data_dir
from .model import checked_cycling, checked_impedance
from .text import decode, detect_decimal, looks_numeric, numeric_table, unit_factor

STORE = "measurement_columns.json"
CYCLING_ROLES = ("time", "current", "voltage", "cycle", "step", "capacity")
IMPEDANCE_ROLES = ("frequency", "z_real", "z_imag", "minus_z_imag")
REQUIRED = {"cycling": ("time", "current", "voltage"), "impedance": ("frequency", "z_real")}
UNITLESS = ("cycle", "step")


@dataclass(frozen=True)
class ColumnMapping:
    """kind ('cycling'|'impedance') and role → (column name, unit)."""

    kind: str
    columns: dict = field(default_factory=dict)

    def text(self) -> str:
        """'time=Time (s):s,current=I:mA,…' (the CLI's --columns syntax)."""
        return ",".join(f"{r}={c}:{u}" if u else f"{r}={c}" for r, (c, u) in self.columns.items())

    def check(self, names: list[str], where: str) -> None:
        roles = CYCLING_ROLES if self.kind == "cycling" else IMPEDANCE_ROLES if self.kind == "impedance" else None
        if roles is None:
            raise AnodeLabError(f"kind must be 'cycling' or 'impedance', got {self.kind!r}", file=where, field="columns")
        for r, (c, u) in self.columns.items():
            if r not in roles:
                raise AnodeLabError(f"unknown role {r!r} for a {self.kind} table; roles: {', '.join(roles)}",
                                    file=where, field="columns")
            if c not in names:
                raise AnodeLabError(f"no column {c!r} (columns: {', '.join(names)})", file=where, field=r)
            if r not in UNITLESS and unit_factor(u or "") is None:
                raise AnodeLabError(f"unknown unit {u!r} for {r}", file=where, field=r)
        missing = [r for r in REQUIRED[self.kind] if r not in self.columns]
        if self.kind == "impedance" and "z_imag" not in self.columns and "minus_z_imag" not in self.columns:
            missing.append("z_imag or minus_z_imag")
        if missing:
            raise AnodeLabError(f"the mapping lacks {', '.join(missing)}", file=where, field="columns")


def parse_mapping(text: str, where: str = "") -> ColumnMapping:
    """'time=Time:s,current=I:mA,voltage=Ewe:V' → ColumnMapping (kind from the roles)."""
    cols = {}
    for item in [p for p in text.split(",") if p.strip()]:
        role, sep, rest = item.partition("=")
        if not sep:
            raise AnodeLabError(f"expected role=column:unit, got {item!r}", file=where or None, field="--columns")
        name, _, unit = rest.rpartition(":") if ":" in rest else (rest, "", "")
        cols[role.strip()] = (name.strip(), unit.strip())
    kind = "impedance" if any(r in IMPEDANCE_ROLES for r in cols) else "cycling"
    return ColumnMapping(kind, cols)


@dataclass(frozen=True)
class TableLayout:
    names: tuple
    sep: str
    decimal: str
    header_rows: int
    signature: str
    guess: ColumnMapping | None


class MappingNeeded(AnodeLabError):
    """The table's columns were never confirmed: carries the layout and the guessed mapping."""

    def __init__(self, path: str, layout: TableLayout):
        self.layout = layout
        hint = f"guessed: {layout.guess.text()}" if layout.guess else "no guess from the column names"
        super().__init__(f"columns of this table layout not confirmed yet ({hint}); confirm with "
                         "'anodelab data show FILE --confirm-columns' or give --columns role=column:unit,…",
                         file=path)


_UNIT_IN_NAME = re.compile(r"^(.*?)[\s_]*(?:\(([^)]*)\)|\[([^\]]*)\]|/\s*([^/]+))\s*$")


def _name_unit(name: str) -> tuple[str, str]:
    m = _UNIT_IN_NAME.match(name.strip())
    if m:
        unit = next(g for g in m.groups()[1:] if g is not None)
        return m.group(1).strip().lower(), unit.strip()
    return name.strip().lower(), ""


_PATTERNS = {
    "time": r"^(time|t|test time|total time|elapsed time)$",
    "current": r"^(current|i|<i>|curr)$",
    "voltage": r"^(voltage|potential|ewe|<ewe>|ecell|e|u|v)$",
    "cycle": r"^(cycle|cycle number|cycle index|cycle_index)$",
    "step": r"^(step|ns|step index|step_index)$",
    "capacity": r"^(capacity|q|\(q-qo\))$",
    "frequency": r"^(freq|frequency|f)$",
    "z_real": r"^(re\(z\)|z'|zreal|z_real|z real|re z|zre)$",
    "minus_z_imag": r"^(-im\(z\)|-z''|-zimag|-z_imag|-z\"|-im z)$",
    "z_imag": r"^(im\(z\)|z''|zimag|z_imag|z\"|im z|zim)$",
}
_DEFAULT_UNIT = {"time": "s", "current": "A", "voltage": "V", "capacity": "Ah", "frequency": "Hz", "z_real": "Ohm",
                 "z_imag": "Ohm", "minus_z_imag": "Ohm"}


def guess_mapping(names: list[str]) -> ColumnMapping | None:
    cols: dict[str, tuple[str, str]] = {}
    for name in names:
        base, unit = _name_unit(name)
        for role, pat in _PATTERNS.items():
            if role not in cols and re.match(pat, base):
                cols[role] = (name, unit or ("" if role in UNITLESS else _DEFAULT_UNIT[role]))
                break
    if "frequency" in cols:
        cols = {r: v for r, v in cols.items() if r in IMPEDANCE_ROLES}
        kind = "impedance"
    else:
        cols = {r: v for r, v in cols.items() if r in CYCLING_ROLES}
        kind = "cycling"
    m = ColumnMapping(kind, cols)
    try:
        m.check(list(names), "")
    except AnodeLabError:
        return None
    return m


def inspect_table(path: str, text: str) -> TableLayout:
    """Separator, decimal mark, header and column names of a CSV/TSV text."""
    lines = [ln for ln in text[:100_000].splitlines()[:50]]
    lines = [ln for ln in lines if ln.strip()]
    if not lines:
        raise AnodeLabError("the file is empty", file=path)
    first = lines[0]
    counts = {s: first.count(s) for s in ("\t", ";", ",")}
    sep = max(counts, key=counts.get)
    if counts[sep] == 0:
        raise AnodeLabError("not a table: no tab, semicolon or comma separates the first line's fields", file=path)
    fields0 = [f.strip().strip('"') for f in first.split(sep)]
    while fields0 and not fields0[-1]:
        fields0.pop()
    header = not all(looks_numeric(f) for f in fields0 if f)
    data_line = lines[1] if header and len(lines) > 1 else lines[0]
    if header and len(lines) < 2:
        raise AnodeLabError("a header row but no data rows (truncated file?)", file=path)
    decimal = detect_decimal(data_line, sep) if sep != "," else "."
    names = tuple(fields0) if header else tuple(f"column {i + 1}" for i in range(len(fields0)))
    if len(set(names)) != len(names):
        raise AnodeLabError("two columns have the same name", file=path)
    sig = hashlib.sha256(json.dumps([sep, decimal, header, names]).encode()).hexdigest()[:16]
    guess = guess_mapping(list(names))
    if guess is None and not header and len(names) == 3:
        guess = ColumnMapping("impedance", {"frequency": ("column 1", "Hz"), "z_real": ("column 2", "Ohm"),
                                            "z_imag": ("column 3", "Ohm")})
    return TableLayout(names, sep, decimal, int(header), sig, guess)


def _store_path():
    return user_data_dir() / STORE


def remembered(signature: str) -> ColumnMapping | None:
    p = _store_path()
    if not p.is_file():
        return None
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        entry = data[signature]
        return ColumnMapping(entry["kind"], {r: tuple(v) for r, v in entry["columns"].items()})
    except (KeyError, ValueError, TypeError, OSError):
        return None


def remember(layout: TableLayout, mapping: ColumnMapping, where: str = "") -> None:
    """Store ``mapping`` for ``layout`` (after checking it) in the user data folder."""
    from ..fileio import atomic_write_text

    mapping.check(list(layout.names), where)
    p = _store_path()
    try:
        data = json.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}
    except (ValueError, OSError):
        data = {}
    data[layout.signature] = {"kind": mapping.kind, "columns": {r: list(v) for r, v in mapping.columns.items()},
                              "names": list(layout.names)}
    p.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_text(p, json.dumps(data, indent=1, ensure_ascii=False))


def read_table(path: str, sha: str, raw: bytes, mapping: ColumnMapping | None = None):
    """Read a CSV/TSV with the given, else the remembered, mapping (else raise :class:`MappingNeeded`)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]  # UTF-8 byte-order mark
    cut = raw.rfind(b"\n", 0, 100_000) + 1 if len(raw) > 100_000 else len(raw)
    text, encoding = decode(raw[:cut] or raw, path)  # the head (whole lines) names the columns
    layout = inspect_table(path, text)
    if mapping is None:
        mapping = remembered(layout.signature)
        if mapping is None:
            raise MappingNeeded(path, layout)
    mapping.check(list(layout.names), path)
    body = raw
    if layout.header_rows:
        pos = raw.find(b"\n")
        body = raw[pos + 1:] if pos >= 0 else b""
    names = list(layout.names)
    used = [names.index(c) for c, _u in mapping.columns.values()]
    data = numeric_table(body, len(layout.names), layout.sep, layout.decimal, path, 1 + layout.header_rows, usecols=used)

    def col(role):
        c, u = mapping.columns[role]
        v = data[names.index(c)]
        return v if role in UNITLESS else v * unit_factor(u)

    meta = {"columns": names, "mapping": mapping.text(), "separator": layout.sep, "decimal": layout.decimal,
            "encoding": encoding}
    if mapping.kind == "impedance":
        imag = col("z_imag") if "z_imag" in mapping.columns else -col("minus_z_imag")
        return checked_impedance(path, "CSV/TSV (impedance)", sha, col("frequency"), col("z_real") + 1j * imag,
                                 metadata=meta)
    opt = {r: col(r) for r in ("cycle", "step") if r in mapping.columns}
    cap = col("capacity") if "capacity" in mapping.columns else None
    return checked_cycling(path, "CSV/TSV (cycling)", sha, time_s=col("time"), current_A=col("current"),
                           voltage_V=col("voltage"), capacity_Ah=cap, metadata=meta, **opt)
