"""Issue 13, Done when: "the risk rises with current density and with capacity for every design" — checked for
every shipped example (resources/examples/*.toml), one example at a time, over a wide sweep (×0.1 … ×8).

What is asserted, per example and per swept quantity:
* the risk never falls from one step to the next (all examples);
* liquid cells: it rises strictly at every step (1 − CE grows with J_eff and the loss per cycle with Q);
* solid cells: it rises over the sweep, and wherever it is flat between two current densities the cell is below
  both critical current densities at the higher one (voids and penetration below the CCD —
  anodelab.physics.solid.below_ccd — add a hazard below double precision, or voids none with a conducting interlayer,
  1 − CE of a solid cell does not depend on J) and the risk there is negligible (< 1e-12). Q raises it strictly at
  every step.
A full cell's capacity is bounded by its cathode, so Q is swept ×0.1 … ×1 there.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from anodelab.batch import batch_from_designs
from anodelab.design import load_design, resolve
from anodelab.literature import installed_library
from anodelab.scoring import score

EXAMPLES = sorted(Path("resources/examples").glob("*.toml"))
FACTORS = np.geomspace(0.1, 8.0, 12)


def _sweep(design, field: str, factors):
    lib = installed_library()
    base = getattr(design.conditions, field)
    ds = [design.with_conditions(**{field: base * f}) for f in factors]
    return score(batch_from_designs(ds, lib))


def test_every_example_is_swept():
    assert len(EXAMPLES) >= 6  # the glob found the shipped examples (a wrong working directory would find none)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_risk_rises_with_current_density_for_every_example(path):
    d = load_design(path)
    r = _sweep(d, "current_density_mA_cm2", FACTORS)
    risk = r.si["risk"]
    step = np.diff(risk)
    assert np.all(step >= 0.0), f"{path.stem}: risk falls with J: {risk}"
    assert risk[-1] > risk[0], f"{path.stem}: risk flat over ×80 in J: {risk}"
    if not resolve(d).is_solid:
        assert np.all(step > 0.0), f"{path.stem}: risk flat between two current densities: {risk}"
    else:
        flat = np.flatnonzero(step == 0.0) + 1  # the higher J of each flat step
        j = d.conditions.current_density_mA_cm2 * FACTORS[flat] * 10.0  # A m⁻²
        assert np.all(j < r.si["ccd_A_m2"][flat]), path.stem
        assert np.all(r.hazards["voids"][flat] < 1e-12), (path.stem, r.hazards["voids"][flat])
        assert np.all(r.hazards["penetration"][flat] < 1e-12), (path.stem, r.hazards["penetration"][flat])
        assert np.all(risk[flat] < 1e-12), (path.stem, risk[flat])


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_risk_rises_with_areal_capacity_for_every_example(path):
    d = load_design(path)
    factors = FACTORS if d.cathode is None else np.geomspace(0.1, 1.0, 8)
    risk = _sweep(d, "areal_capacity_mAh_cm2", factors).si["risk"]
    step = np.diff(risk)
    # saturated at 1 in float64 (na_foil_carbonate above ×2): "never falls" is all that can hold there
    unsaturated = risk[1:] < 1.0
    assert np.all(step >= 0.0), f"{path.stem}: risk falls with Q: {risk}"
    assert np.all(step[unsaturated] > 0.0), f"{path.stem}: risk flat between two capacities: {risk}"
    assert risk[-1] > risk[0], path.stem
