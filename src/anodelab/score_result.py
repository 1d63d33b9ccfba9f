"""What :func:`anodelab.scoring.score` returns: SI arrays of every metric, per-design warning bits
and the dendrite-risk breakdown, with conversion to user units at the edge (:mod:`anodelab.metrics`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .lifetime import MECHANISMS
from .metrics import METRICS

#: Per-design warnings, one bit each: (bit, code, message).
WARNINGS: tuple[tuple[int, str, str], ...] = (
    (1 << 0, "young_clipped", "Eq. 4 gives |cos θ| > 1 (complete wetting or non-wetting); the angle is clipped to 0° or 180°"),
    (1 << 1, "above_na_melting", "temperature above the melting point of Na (97.8 °C): the solid-Na models do not apply"),
    (1 << 2, "above_limiting_current", "current density above the limiting current (Eq. 6): dendrites grow from the start"),
    (1 << 3, "sand_time_exceeded", "a half cycle lasts longer than Sand's time (Eq. 7): Na⁺ depletion at the surface"),
    (1 << 4, "above_ccd", "current density above the critical current density: the solid-state cell shorts"),
    (1 << 5, "monroe_newman_not_met", "shear modulus below twice that of Na (Monroe–Newman): no mechanical suppression"),
    (1 << 6, "excess_consumed", "the Na excess is consumed before the requested number of cycles"),
    (1 << 7, "anode_free", "anode-free design (no Na excess): every cycle's loss costs capacity"),
    (1 << 8, "host_overfilled", "the host's pores cannot hold the plated Na: the electrode swells"),
    (1 << 9, "insulating_coating_on_host", "an electronically insulating coating: Na plates beneath it, on the host"),
    (1 << 10, "below_freezing_liquid", "below -40 °C: liquid-electrolyte parameters are extrapolated far from their data"),
)
WARNING_BY_CODE = {code: (bit, msg) for bit, code, msg in WARNINGS}

@dataclass
class ScoreResult:
    """SI arrays of every metric, per-design warning bits and the risk-factor contributions."""

    si: dict[str, np.ndarray]
    warning_bits: np.ndarray
    contributions: dict[str, np.ndarray]
    hazards: dict[str, np.ndarray]
    is_solid: np.ndarray

    def __len__(self) -> int:
        return len(self.warning_bits)

    def take(self, index) -> "ScoreResult":
        """The results of some designs (an index array or a slice)."""
        return ScoreResult(
            si={k: v[index] for k, v in self.si.items()},
            warning_bits=self.warning_bits[index],
            contributions={k: v[index] for k, v in self.contributions.items()},
            hazards={k: v[index] for k, v in self.hazards.items()},
            is_solid=self.is_solid[index],
        )

    def value(self, key: str) -> np.ndarray:
        """A metric in user units by its user key (e.g. ``"sand_time_s"``)."""
        from .metrics import METRIC_BY_KEY

        spec = METRIC_BY_KEY[key]
        if spec.cell_only and spec.si_key not in self.si:  # scored without any cathode (anodelab.cell)
            return np.full(len(self), np.nan)
        v = self.si[spec.si_key] / spec.scale
        if spec.liquid_only:
            v = np.where(self.is_solid, np.nan, v)
        if spec.solid_only:
            v = np.where(self.is_solid, v, np.nan)
        return v

    def warnings(self, i: int) -> list[str]:
        bits = int(self.warning_bits[i])
        return [msg for bit, _code, msg in WARNINGS if bits & bit]

    def warning_codes(self, i: int) -> list[str]:
        bits = int(self.warning_bits[i])
        return [code for bit, code, _msg in WARNINGS if bits & bit]

    def record(self, i: int = 0) -> dict:
        """One design's results in user units, JSON-ready (NaN and ±∞ become None)."""
        out: dict = {}
        for spec in METRICS:
            out[spec.key] = _json_number(self.value(spec.key)[i])
        out["sodiophilic"] = bool(self.si["sodiophilic"][i])
        out["molten_infusion_feasible"] = bool(self.si["infusion_feasible"][i])
        out["risk_factors"] = {k: _json_number(v[i]) for k, v in self.contributions.items()}
        out["risk_hazards"] = {k: _json_number(v[i]) for k, v in self.hazards.items()}
        # JSON has no infinity: an unbounded value is null above and named here, so that "null" alone
        # means "does not apply to this design"
        out["unbounded_metrics"] = [
            spec.key for spec in METRICS if np.isinf(self.value(spec.key)[i])
        ]
        code = int(self.si["failure_mechanism"][i]) if "failure_mechanism" in self.si else -1
        out["failure_mechanism"] = MECHANISMS[code] if code >= 0 else None
        out["electrolyte_kind"] = "solid" if self.is_solid[i] else "liquid"
        out["warnings"] = self.warnings(i)
        return out


def _json_number(x):
    x = float(x)
    return x if math.isfinite(x) else None
