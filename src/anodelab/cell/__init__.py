"""From anode to cell: a cathode, a separator, electrolyte and packaging around the Na anode.

* :mod:`.spec` — the ``[cell]`` design section (CellSpec) and its validation;
* :mod:`.energy` — N/P, depth of discharge, Wh kg⁻¹ / Wh L⁻¹ (stack and cell), mass and volume per
  layer, cycle life to 80 % from Na inventory loss and electrolyte dry-out (pure numpy, vectorised);
* :mod:`.voltage` — the cathode's V(SOC) curve;
* :mod:`.parameters` — the lifetime model's estimates with their sources.

:func:`anodelab.scoring.score` adds :data:`.energy.CELL_SI_KEYS` to every ScoreResult (NaN without a
cathode); :mod:`anodelab.metrics` shows them in the group "Cell".
"""

from .energy import CELL_SI_KEYS, LAYER_LABELS, LAYERS, breakdown, cell_terms, layer_shares
from .spec import CellSpec, cathode_capacity_mAh_cm2

__all__ = ["CELL_SI_KEYS", "LAYERS", "LAYER_LABELS", "CellSpec", "breakdown", "cathode_capacity_mAh_cm2",
           "cell_terms", "layer_shares"]
