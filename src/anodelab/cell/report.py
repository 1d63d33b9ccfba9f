"""The cell's mass and volume per layer as a table and a text bar (CLI, reports, GUI share it)."""

from __future__ import annotations

from ..batch import as_batch
from .energy import layer_shares

BAR_WIDTH = 20


def layer_table(design, result=None) -> list[dict]:
    """Per layer of the repeat unit (with packaging): mass mg cm⁻², thickness µm, mass and volume share."""
    from ..scoring import score

    batch = as_batch(design)
    result = result if result is not None else score(batch)
    return [
        {"layer": key, "label": label, "mass_mg_cm2": m * 1e2, "thickness_um": t * 1e6,
         "mass_share": fm, "volume_share": fv}
        for key, label, m, t, fm, fv in layer_shares(batch, result.si)
    ]


def layer_lines(rows: list[dict]) -> list[str]:
    """Text lines: one per layer with its numbers, a bar of its mass share (█) and of its volume share (▒)."""
    out = ["  Cell stack per electrode pair (bars: mass share █, volume share ▒; the electrolyte's thickness is"
           " what the pores do not hold):"]
    for r in rows:
        m = "█" * round(r["mass_share"] * BAR_WIDTH)
        v = "▒" * round(r["volume_share"] * BAR_WIDTH)
        out.append(f"    {r['label']:<22} {r['mass_mg_cm2']:>7.3g} mg cm⁻² {r['mass_share'] * 100:>5.1f} %"
                   f"  {r['thickness_um']:>6.3g} µm {r['volume_share'] * 100:>5.1f} %  {m:<{BAR_WIDTH}} {v}")
    return out
