"""Pareto fronts of two metrics, for the cell trade-offs: Wh kg⁻¹ against dendrite risk or cycle life.

The trade-offs of Table 3 of Lu et al. 2022 show as numbers here: a 3D host lowers the local current
(less risk) but adds mass (fewer Wh kg⁻¹); more Na excess buys cycle life with energy. A front is the
set of designs no other design beats in both metrics (:func:`anodelab.screening.select.pareto_mask`).
Works on a :class:`~anodelab.scoring.ScoreResult` (every design) or a
:class:`~anodelab.screening.runner.ScreenResult` (the kept designs of a screen).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import AnodeLabError
from ..metrics import METRIC_BY_KEY
from .select import pareto_mask

#: The cell fronts offered by default: (x metric, x direction, y metric, y direction).
CELL_FRONTS = (
    ("cell_specific_energy_Wh_kg", "max", "dendrite_risk", "min"),
    ("cell_specific_energy_Wh_kg", "max", "cell_cycle_life_cycles", "max"),
)


@dataclass(frozen=True)
class ParetoFront:
    """All points (user units) and which are on the front; ``order`` lists the front by rising x."""

    x_key: str
    y_key: str
    x_direction: str
    y_direction: str
    x: np.ndarray
    y: np.ndarray
    on_front: np.ndarray
    order: np.ndarray

    @property
    def front_x(self) -> np.ndarray:
        return self.x[self.order]

    @property
    def front_y(self) -> np.ndarray:
        return self.y[self.order]


def _values(result, key: str) -> np.ndarray:
    if key not in METRIC_BY_KEY:
        raise AnodeLabError(f"unknown metric {key!r}; see 'anodelab score --json' for the metric keys")
    if hasattr(result, "value"):
        return np.asarray(result.value(key), dtype=float)
    return np.asarray(result.values[key], dtype=float)  # ScreenResult


def pareto_front(result, x_key: str = "cell_specific_energy_Wh_kg", y_key: str = "dendrite_risk",
                 x_direction: str = "max", y_direction: str = "min") -> ParetoFront:
    """The non-dominated designs of ``result`` in (x, y); NaN in either (n/a) is never on the front.

    A metric to maximise is negated for :func:`pareto_mask` (which minimises every column).
    """
    for d in (x_direction, y_direction):
        if d not in ("min", "max"):
            raise AnodeLabError(f"direction must be 'min' or 'max', got {d!r}")
    x, y = _values(result, x_key), _values(result, y_key)
    F = np.stack([x if x_direction == "min" else -x, y if y_direction == "min" else -y], axis=1)
    # ±∞ (an unbounded cycle life) is a value, but pareto_mask compares with NaN-free rows only
    mask = pareto_mask(np.where(np.isinf(F), np.sign(F) * 1e300, F))
    idx = np.flatnonzero(mask)
    order = idx[np.lexsort((y[idx], x[idx]))]
    return ParetoFront(x_key, y_key, x_direction, y_direction, x, y, mask, order)
