"""Table 2 lifetimes record by record, for ``anodelab validate`` (solid cells: voids and penetration below and above the CCD).

Each line gives the record's cycling current and capacity, the reported life (a test length: censored unless the
record says otherwise), the engine's predicted life and the mechanism that ends it, and where the current sits
against the two critical current densities, so that a reader sees which record contradicts its test length and why.

Table 2 states no stack pressure (stored as 0 MPa). The CCD calibration predicts such records over 0–2 MPa
(:data:`anodelab.validation.solid.UNSTATED_PRESSURE_MPa`); the lifetime rows are read at 0 MPa (the headline), and
these lines add the life at the range's top, so that a record that holds its test length somewhere in the range
is told apart from one that fails at every pressure the calibration allows.
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
    from .solid import UNSTATED_PRESSURE_MPa, _at_pressure

    batch = batch_from_designs([c.design for c in comps], library)
    r = score(batch)
    unstated = [c.design.conditions.stack_pressure_MPa <= 0.0 for c in comps]  # Table 2: 0 = not stated
    top = score(batch_from_designs([_at_pressure(c.design, UNSTATED_PRESSURE_MPa) if u else c.design
                                    for c, u in zip(comps, unstated)], library))
    ma = SUFFIX_TO_SI["mA_cm2"]
    p_top = f"at {UNSTATED_PRESSURE_MPa:g} MPa"
    lines = ["Table 2 lifetimes record by record (voids and penetration below the CCD: anodelab.physics.solid.below_ccd)",
             f"  {'record':<8} {'J':>5} {'Q':>5} {'reported h':>11} {'predicted h':>12}  {'ends by':<11} "
             f"{'J/CCD_strip':>11} {'J/CCD_pen':>9}  void floor   consistent  {p_top + ' h':>11}  {'ends by':<11} consistent"]
    n_top = n_base = 0
    for i, c in enumerate(comps):
        rec = r.record(i)
        j = batch.current_density_A_m2[i]
        q_mAh = batch.areal_capacity_C_m2[i] / SUFFIX_TO_SI["mAh_cm2"]
        pred_h = r.si["lifetime_s"][i] / 3600.0
        floor = "isolated" if batch.interlayer_insulator[i] > 0.5 else "conducting"
        ok = (not c.censored or pred_h >= c.reported)
        top_h = top.si["lifetime_s"][i] / 3600.0
        ok_top = (not c.censored or top_h >= c.reported)
        n_base += ok
        n_top += ok_top
        reported = f"{c.reported:.4g}{'+' if c.censored else ''}"
        top_cells = (f"{_hours(top_h):>11}  {str(top.record(i)['failure_mechanism']):<11} {'yes' if ok_top else 'NO'}"
                     if unstated[i] else f"{'(stated)':>11}")
        lines.append(
            f"  {c.record_id:<8} {j / ma:>5.2g} {q_mAh:>5.2g} {reported:>11} {_hours(pred_h):>12}  "
            f"{str(rec['failure_mechanism']):<11} {j / r.si['ccd_strip_A_m2'][i]:>11.2f} {j / r.si['ccd_pen_A_m2'][i]:>9.2f}  "
            f"{floor:<11} {'yes' if ok else 'NO':<10}  {top_cells}")
    lines.append("  J in mA cm⁻², Q in mAh cm⁻² per half cycle; '+' = censored (a test length); consistent = a censored "
                 "life predicted ≥ its test length")
    lines.append(f"  stack pressure not stated in Table 2: read at 0 MPa (the headline rows), consistent {n_base} of "
                 f"{len(comps)}; at {UNSTATED_PRESSURE_MPa:g} MPa, the top of the range the CCD calibration allows such "
                 f"records, {n_top} of {len(comps)} (more pressure: more creep, a higher stripping CCD)")
    return lines


def _hours(h: float) -> str:
    return "∞" if not math.isfinite(h) else f"{h:.3g}"
