"""Screening: rank many host × coating × electrolyte × interlayer × condition designs.

>>> from anodelab.screening import load_screen, run_screen
>>> result = run_screen(load_screen("resources/screens/ether_hosts.toml"))
>>> result.ranking()[:5], result.design(0)

See :mod:`.spec` for the screen file format, :mod:`.plan` for how designs become arrays,
:mod:`.runner` for the chunked, cancellable, multi-core / Dask runner.
"""

from .plan import ScreenPlan, build_plan, design_for_row
from .runner import METRIC_KEYS, RunState, ScreenResult, evaluate_chunk, merge, run_screen
from .select import applicability_notes, constraint_mask, pareto_mask, top_k
from .pareto import CELL_FRONTS, ParetoFront, pareto_front  # noqa: E402  (cell trade-off fronts)
from .spec import (
    SELECTORS,
    ConditionAxis,
    Constraint,
    Objective,
    ScreenSpec,
    Uncertainty,
    load_screen,
    loads_screen,
    parse_screen,
)

__all__ = [
    "ScreenPlan", "build_plan", "design_for_row", "METRIC_KEYS", "RunState", "ScreenResult", "evaluate_chunk",
    "merge", "run_screen", "applicability_notes", "constraint_mask", "pareto_mask", "top_k", "SELECTORS",
    "ConditionAxis", "Constraint", "Objective", "ScreenSpec", "Uncertainty", "load_screen", "loads_screen", "parse_screen",
]
