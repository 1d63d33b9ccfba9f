"""Model parameters with provenance, read from ``resources/model/parameters.toml``.

Every entry has ``value``, ``unit``, ``kind`` (literature / estimate / calibrated) and ``source``.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

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

    def __getattr__(self, name: str) -> float:
        if name.startswith("__") or name == "entries":  # unpickling (Dask workers): no recursion
            raise AttributeError(name)
        try:
            return self.entries[name].value
        except KeyError:
            raise AttributeError(name) from None

    def with_values(self, **values: float) -> "ModelParameters":
        """A copy with some values replaced (used by calibration and sensitivity studies)."""
        new = dict(self.entries)
        for k, v in values.items():
            p = new[k]
            new[k] = Parameter(p.name, float(v), p.unit, p.kind, p.source)
        return ModelParameters(new)


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
