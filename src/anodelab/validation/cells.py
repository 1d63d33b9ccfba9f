"""Full-cell records (``resources/literature/cells.toml``) against the cell model, for ``anodelab validate``.

Each record states a reported cell-level number, the design that represents the cell, and the inputs
the source leaves open as ranges. The prediction is evaluated at the design and at every corner of the
open ranges (at most 2⁶ = 64 designs, scored in one call); the record is *reproduced* when the
reported value lies in [min, max] of the corners. The ranges are the stated uncertainty: they come
from what the papers do not report, not from a fit. Installed files only: user material files cannot
change the outcome.
"""

from __future__ import annotations

import copy
import itertools
import math
import tomllib
from dataclasses import asdict, dataclass

import numpy as np

from ..design import design_from_dict
from ..errors import AnodeLabError
from ..materials.library import load_library
from ..metrics import METRIC_BY_KEY
from ..paths import resources_dir
from ..scoring import score

REQUIRED = ("citation", "doi", "url", "format", "quantity", "reported", "basis", "proxies", "design")
MAX_UNCERTAIN = 6


@dataclass(frozen=True)
class CellCheck:
    record_id: str
    quantity: str
    unit: str
    reported: float
    predicted: float
    low: float
    high: float
    reproduced: bool
    doi: str
    url: str
    basis: str
    proxies: str
    note: str = ""  # why the verdict (the record's optional 'note')

    def as_dict(self) -> dict:
        d = asdict(self)
        return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in d.items()}


def cell_records_path():
    return resources_dir() / "literature" / "cells.toml"


def load_cell_records(path=None) -> dict:
    path = path or cell_records_path()
    file = str(path)
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AnodeLabError(f"cannot read the cell records ({exc})", file=file) from None
    recs = data.get("records")
    if not isinstance(recs, dict) or not recs:
        raise AnodeLabError("missing [records.<id>] tables", file=file)
    for rid, rec in recs.items():
        for key in REQUIRED:
            if key not in rec:
                raise AnodeLabError(f"missing '{key}'", file=file, entry=f"record '{rid}'", field=key)
        if rec["quantity"] not in METRIC_BY_KEY:
            raise AnodeLabError("not a metric key", file=file, entry=f"record '{rid}'", field="quantity")
        if not (rec["doi"] or rec["url"]):
            raise AnodeLabError("needs a doi or, when none was found, the url it was read from", file=file,
                                entry=f"record '{rid}'", field="doi")
        unc = rec.get("uncertain", {})
        if len(unc) > MAX_UNCERTAIN:
            raise AnodeLabError(f"at most {MAX_UNCERTAIN} uncertain inputs", file=file, entry=f"record '{rid}'",
                                field="uncertain")
        for name, rng in unc.items():
            if "." not in name or not (isinstance(rng, list) and len(rng) == 2 and rng[0] <= rng[1]):
                raise AnodeLabError("must be \"table.field\" = [low, high]", file=file, entry=f"record '{rid}'",
                                    field=f"uncertain.{name}")
    return recs


def _variant(design: dict, values: dict) -> dict:
    d = copy.deepcopy(design)
    for name, v in values.items():
        table, field = name.split(".", 1)
        d.setdefault(table, {})[field] = v
    return d


def check_cells(path=None) -> list[CellCheck]:
    """Every record of the cell file: reported vs predicted (nominal, [min, max] over the open inputs)."""
    recs = load_cell_records(path)
    library = load_library(include_user=False)
    out = []
    for rid, rec in recs.items():
        unc = rec.get("uncertain", {})
        names = list(unc)
        variants = [rec["design"]] + [_variant(rec["design"], dict(zip(names, corner)))
                                      for corner in itertools.product(*(unc[n] for n in names))]
        try:
            designs = [design_from_dict(v, file=f"cells.toml record '{rid}'", library=library) for v in variants]
        except AnodeLabError as exc:
            raise AnodeLabError(f"record '{rid}': {exc}", file=str(path or cell_records_path())) from None
        vals = score(designs, library=library).value(rec["quantity"])
        nominal, corners = float(vals[0]), vals[1:] if len(vals) > 1 else vals
        lo, hi = float(np.nanmin(corners)), float(np.nanmax(corners))
        reported = float(rec["reported"])
        out.append(CellCheck(rid, rec["quantity"], METRIC_BY_KEY[rec["quantity"]].unit, reported, nominal, lo, hi,
                             bool(lo <= reported <= hi), rec["doi"], rec["url"], rec["basis"], rec["proxies"],
                             str(rec.get("note", ""))))
    return out


def cell_section() -> list[dict]:
    """The records as JSON-ready dicts (``anodelab validate --json`` key ``cells``)."""
    return [c.as_dict() for c in check_cells()]


def print_cell_section(rows: list[dict]) -> None:
    """The text block of ``anodelab validate``."""
    print("Full cells (resources/literature/cells.toml): reported vs predicted [range over the inputs not reported]")
    for r in rows:
        ref = f"doi:{r['doi']}" if r["doi"] else f"no DOI found; {r['url']}"
        verdict = "reproduced" if r["reproduced"] else "NOT reproduced"
        print(f"  {r['record_id']:<28} {r['quantity']}: reported {r['reported']:.4g}, predicted {r['predicted']:.4g} "
              f"[{r['low']:.4g}, {r['high']:.4g}] {r['unit']} — {verdict}  ({ref})")
        if r.get("note"):
            print(f"    {r['note']}")
