"""Table 2 lifetimes record by record, for ``anodelab validate`` (solid cells: voids and penetration below and above the CCD).

Each line gives the record's cycling current and capacity, the reported life (a test length: censored unless the
record says otherwise), the engine's predicted life and the mechanism that ends it, and where the current sits
against the two critical current densities, so that a reader sees which record contradicts its test length and why.
"""

from __future__ import annotations

import math

from ..batch import batch_from_designs
from ..literature import installed_library
from ..scoring import score
from ..units import SUFFIX_TO_SI


def solid_lifetime_lines(comparisons=None, library=None) -> list[str]:
    """Text lines: one per Table 2 lifetime record (``comparisons`` default: every validation comparison)."""
    from .records import comparisons as all_comparisons

    library = library or installed_library()
    comps = [c for c in (comparisons if comparisons is not None else all_comparisons(library=library))
             if c.quantity == "lifetime_h" and c.table == 2]
    if not comps:
        return []
    batch = batch_from_designs([c.design for c in comps], library)
    r = score(batch)
    ma = SUFFIX_TO_SI["mA_cm2"]
    lines = ["Table 2 lifetimes record by record (voids and penetration below the CCD: anodelab.physics.solid.below_ccd)",
             f"  {'record':<8} {'J':>5} {'Q':>5} {'reported h':>11} {'predicted h':>12}  {'ends by':<11} "
             f"{'J/CCD_strip':>11} {'J/CCD_pen':>9}  void floor   consistent"]
    for i, c in enumerate(comps):
        rec = r.record(i)
        j = batch.current_density_A_m2[i]
        q_mAh = batch.areal_capacity_C_m2[i] / SUFFIX_TO_SI["mAh_cm2"]
        pred_h = r.si["lifetime_s"][i] / 3600.0
        floor = "isolated" if batch.interlayer_insulator[i] > 0.5 else "conducting"
        ok = "yes" if (not c.censored or pred_h >= c.reported) else "NO"
        reported = f"{c.reported:.4g}{'+' if c.censored else ''}"
        pred = "∞" if not math.isfinite(pred_h) else f"{pred_h:.3g}"
        lines.append(
            f"  {c.record_id:<8} {j / ma:>5.2g} {q_mAh:>5.2g} {reported:>11} {pred:>12}  {str(rec['failure_mechanism']):<11} "
            f"{j / r.si['ccd_strip_A_m2'][i]:>11.2f} {j / r.si['ccd_pen_A_m2'][i]:>9.2f}  {floor:<11} {ok}")
    lines.append("  J in mA cm⁻², Q in mAh cm⁻² per half cycle; '+' = censored (a test length); consistent = a censored "
                 "life predicted ≥ its test length")
    return lines
