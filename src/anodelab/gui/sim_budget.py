"""What one edit may start: a cost estimate (points × designs) for the worker-thread simulations.

A symmetric-cell profile holds ``2 × cycles × points_per_half_cycle`` time points per design and the
engine's peak memory is about :data:`BYTES_PER_POINT` per point (measured: 129 MB for 2 × 10⁶ points,
one design, ``benchmarks``-style run of :func:`anodelab.simulate.simulate`). The window therefore

* starts a run on an edit without asking while it stays within :data:`EDIT_BUDGET_POINTS`, thinning the
  time sampling of long tests (down to :data:`MIN_POINTS_PER_HALF_CYCLE`) before it asks; the plot
  notes say so, the drawn curve is a min/max envelope of ≤ 10⁴ points anyway;
* asks ("Simulate anyway") above that budget, up to :data:`MAX_RUN_POINTS`;
* refuses above :data:`MAX_RUN_POINTS` (≈ 0.55 GB peak) with the reason and what to change.

No Qt here: the policy is tested without a window.
"""

from __future__ import annotations

from dataclasses import dataclass

#: peak bytes of simulate(..., "symmetric") per simulated time point (≈ 7 float64 arrays)
BYTES_PER_POINT = 56
#: what an edit starts without asking (≈ 0.11 GB peak, ≈ 0.4 s on this machine)
EDIT_BUDGET_POINTS = 2_000_000
#: what the window runs at all, after asking (≈ 0.55 GB peak)
MAX_RUN_POINTS = 10_000_000
DEFAULT_POINTS_PER_HALF_CYCLE = 20
MIN_POINTS_PER_HALF_CYCLE = 2


@dataclass(frozen=True)
class RunPlan:
    """How the window runs one symmetric-cycling request."""

    points_per_half_cycle: int
    points: int  # total simulated points over all designs
    needs_confirmation: bool  # above the edit budget: ask before starting
    refused: str = ""  # non-empty: too large to run at all (the reason)

    @property
    def memory_MB(self) -> float:
        return self.points * BYTES_PER_POINT / 1e6

    @property
    def thinned(self) -> bool:
        return self.points_per_half_cycle < DEFAULT_POINTS_PER_HALF_CYCLE


def plan_symmetric(cycles: list[int], budget: int = EDIT_BUDGET_POINTS, limit: int = MAX_RUN_POINTS) -> RunPlan:
    """Plan a symmetric-cycling run of designs with these cycle counts (the current design and the pins).

    points = Σ 2 cycles_i × P; P = the largest of 20 … 2 points per half cycle that fits ``budget``.
    """
    half_cycles = sum(2 * max(int(c), 1) for c in cycles)
    p = max(MIN_POINTS_PER_HALF_CYCLE, min(DEFAULT_POINTS_PER_HALF_CYCLE, budget // max(half_cycles, 1)))
    points = half_cycles * p
    refused = ""
    if points > limit:
        refused = (f"{len(cycles)} design(s) × up to {max(cycles):,} cycles need {points:,} time points even at "
                   f"{p} points per half cycle (≈ {points * BYTES_PER_POINT / 1e9:.1f} GB); the window runs at most "
                   f"{limit:,} points. Reduce the cycles, unpin designs, or use the command line "
                   "(anodelab simulate … symmetric --set duration_h=…).")
    return RunPlan(p, points, points > budget, refused)


def max_cycles_in_memory(limit: int = MAX_RUN_POINTS) -> int:
    """The most cycles one design can have and still be simulated by the window (at 2 points per half cycle)."""
    return limit // (2 * MIN_POINTS_PER_HALF_CYCLE)
