"""Model parameters with provenance, read from ``resources/model/parameters.toml``.

Every entry has ``value``, ``unit``, ``kind`` (literature / estimate / calibrated) and ``source``.

A parameter can also take one value per design of a batch (:meth:`ModelParameters.with_row_values`): the
uncertainty analysis scores all its samples, each with its own sampled parameters, in one ``score()`` call.
Every engine function that reads a parameter broadcasts it with the batch's arrays; the scorer slices the
row values with each chunk (:meth:`ModelParameters.rows`) and computes the layer terms per design (a layer
table's rows are shared by designs that may have different parameters).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..errors import AnodeLabError
from ..paths import resources_dir

KINDS = ("literature", "estimate", "calibrated")


@dataclass(frozen=True)
class Parameter:
    name: str
    value: float
    unit: str
    kind: str
    source: str


@dataclass(frozen=True)
class ModelParameters:
    entries: dict[str, Parameter]
    #: per-row values (name → float64 array, one value per design of the batch scored with these parameters);
    #: they take the place of ``entries[name].value`` (whose unit, kind and source still apply)
    row_values: dict[str, np.ndarray] = field(default_factory=dict)

    def __getattr__(self, name: str):
        if name.startswith("__") or name in ("entries", "row_values"):  # unpickling (Dask workers): no recursion
            raise AttributeError(name)
        rows = self.row_values.get(name)
        if rows is not None:
            return rows
        try:
            return self.entries[name].value
        except KeyError:
            raise AttributeError(name) from None

    @property
    def has_rows(self) -> bool:
        """True when some parameter has one value per design (:meth:`with_row_values`)."""
        return bool(self.row_values)

    def with_values(self, **values: float) -> "ModelParameters":
        """A copy with some values replaced (used by calibration and sensitivity studies); a replaced value
        also replaces that parameter's row values."""
        new = dict(self.entries)
        for k, v in values.items():
            p = new[k]
            new[k] = Parameter(p.name, float(v), p.unit, p.kind, p.source)
        return ModelParameters(new, {k: v for k, v in self.row_values.items() if k not in values})

    def with_row_values(self, values: dict) -> "ModelParameters":
        """A copy in which each parameter of ``values`` takes one value per design: ``values[name]`` is a 1-D
        array as long as the batch that will be scored with these parameters (same units as the entry)."""
        rows = dict(self.row_values)
        lengths = set()
        for k, v in values.items():
            if k not in self.entries:
                raise AttributeError(k)
            a = np.array(v, dtype=float)  # a private copy: the caller may reuse its array
            if a.ndim != 1:
                raise ValueError(f"row values of {k!r} must be 1-D, got shape {a.shape}")
            a.setflags(write=False)
            rows[k] = a
            lengths.add(len(a))
        lengths |= {len(a) for a in rows.values()}
        if len(lengths) > 1:
            raise ValueError(f"row values of different lengths: {sorted(lengths)}")
        return ModelParameters(self.entries, rows)

    def rows(self, start: int, stop: int) -> "ModelParameters":
        """These parameters for designs ``start:stop`` of the batch (row values sliced; views, no copy)."""
        if not self.row_values:
            return self
        return ModelParameters(self.entries, {k: v[start:stop] for k, v in self.row_values.items()})

    def take(self, index) -> "ModelParameters":
        """These parameters for designs ``index`` (an index array) of the batch (row values gathered)."""
        if not self.row_values:
            return self
        return ModelParameters(self.entries, {k: v.take(index) for k, v in self.row_values.items()})

    def scalar(self) -> "ModelParameters":
        """The parameters without row values (each at its entry's value)."""
        return ModelParameters(self.entries) if self.row_values else self


def load_parameters(path: Path | None = None) -> ModelParameters:
    path = path or resources_dir() / "model" / "parameters.toml"
    with open(path, "rb") as fh:
        data = tomllib.load(fh)
    entries = {}
    for name, raw in data.get("parameters", {}).items():
        for key in ("value", "unit", "kind", "source"):
            if key not in raw:
                raise AnodeLabError(f"missing '{key}'", file=str(path), entry=name)
        if raw["kind"] not in KINDS:
            raise AnodeLabError(f"kind must be one of {KINDS}", file=str(path), entry=name, field="kind")
        entries[name] = Parameter(name, float(raw["value"]), raw["unit"], raw["kind"], raw["source"])
    return ModelParameters(entries)


@lru_cache(maxsize=1)
def default_parameters() -> ModelParameters:
    return load_parameters()
