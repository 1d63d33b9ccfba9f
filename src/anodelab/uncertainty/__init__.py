"""Uncertainty of a design's numbers: 5–95 % intervals, sensitivity (tornado) and, for screens,
the probability that a design stays in the top k.

    from anodelab.uncertainty import score_intervals, sensitivity
    iv = score_intervals(design, samples=256, seed=1)     # iv.interval("sand_time_s") → (p05, p50, p95)
    tornado = sensitivity(design, "dendrite_risk")        # ranked inputs with low/high metric values

What is sampled: library properties with a ``range`` and model parameters with a ``range``
(:mod:`.inputs`); everything else is fixed and listed as such. Pure numpy (+ SALib for the
first-order indices); no Qt.
"""

from __future__ import annotations

import importlib

#: public name → submodule; imported on first use (screening imports .sampling without SALib)
_LAZY = {
    "score_intervals": "intervals", "IntervalResult": "intervals", "interval_text": "intervals",
    "DEFAULT_SAMPLES": "intervals", "DEFAULT_SEED": "intervals",
    "sensitivity": "tornado", "SensitivityResult": "tornado",
    "top_k_probability": "topk",
}
__all__ = list(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(name)
