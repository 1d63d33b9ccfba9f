"""Failure as a time: cycles and time to failure per mechanism, the lifetime, and the dendrite risk as
the probability of failing before the design's cycle count (issue 13, model v2).

* :mod:`.mechanisms` — one function per mechanism (equation, units and example in each docstring);
* :mod:`.probability` — log-logistic scatter per mechanism and the competing-risks combination;
* :mod:`.failure` — what the scorer calls: ``t_fail_<mechanism>_s``, ``lifetime_s``, ``lifetime_cycles``,
  ``failure_mechanism`` and ``risk``.
"""

from .failure import DESCRIPTIONS, MECHANISMS, failure_terms

__all__ = ["DESCRIPTIONS", "MECHANISMS", "failure_terms"]
