"""The result of a simulation: per-design curves, extra columns and events, in user units."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field

import numpy as np


@dataclass
class Profile:
    """Curves of N designs on M points each.

    ``x``, ``y`` and every ``series`` column have shape (N, M); ``events`` hold one value per design,
    shape (N,) (floats, or strings such as ``failure_mode``). Keys carry their unit. Points past a
    design's end (designs of one call may differ in length) and after the cycler stopped are NaN.
    """

    protocol: str
    x: np.ndarray
    y: np.ndarray
    x_label: str
    x_unit: str
    y_label: str
    y_unit: str
    series: dict[str, np.ndarray] = field(default_factory=dict)
    events: dict[str, np.ndarray] = field(default_factory=dict)
    settings: dict = field(default_factory=dict)

    def __len__(self) -> int:
        return self.x.shape[0]

    def event_record(self, i: int = 0) -> dict:
        """Design ``i``'s events, JSON-ready: NaN and ±∞ become None, numpy scalars become Python ones."""
        out = {}
        for key, values in self.events.items():
            v = values[i]
            if isinstance(v, (str, np.str_)):
                out[key] = str(v)
            elif isinstance(v, (bool, np.bool_)):
                out[key] = bool(v)
            else:
                f = float(v)
                out[key] = f if math.isfinite(f) else None
        return out

    def columns(self, i: int = 0) -> tuple[list[str], np.ndarray]:
        """Header (label with unit) and the (points, columns) array of design ``i``, trailing padding removed."""
        header = [f"{self.x_label} ({self.x_unit})", f"{self.y_label} ({self.y_unit})"] if self.x_unit else [
            self.x_label, f"{self.y_label} ({self.y_unit})"]
        cols = [self.x[i], self.y[i]]
        for key, arr in self.series.items():
            header.append(key)
            cols.append(arr[i])
        data = np.column_stack(cols)
        keep = np.isfinite(self.x[i])
        return header, data[keep]

    def to_csv(self, i: int = 0) -> str:
        """Design ``i`` as CSV: a header row with units, then x, y and the series columns (NaN → empty)."""
        header, data = self.columns(i)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        for row in data:
            w.writerow(["" if not math.isfinite(v) else repr(float(v)) for v in row])
        return buf.getvalue()
