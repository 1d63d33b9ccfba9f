"""Simulated electrochemical profiles built on the scoring engine (one source of truth).

``simulate(designs, protocol, **settings)`` scores the designs once with
:func:`anodelab.scoring.score` and turns that ScoreResult (re-scored at other currents or
temperatures where a protocol needs them) into curves and events, vectorised over designs::

    from anodelab.simulate import simulate, PROTOCOLS, Profile
    prof = simulate(design, "deposition")
    prof.events["nucleation_overpotential_mV"]     # = the score card's value
"""

from __future__ import annotations

from ..physics.parameters import ModelParameters
from .arrhenius import simulate_arrhenius
from .ccd import simulate_ccd
from .ce import simulate_ce
from .common import prepare
from .deposition import simulate_deposition
from .eis import simulate_eis
from .profile import Profile
from .settings import PROTOCOLS, check_protocol, parse_settings, settings_dict
from .symmetric import simulate_symmetric

_RUNNERS = {
    "deposition": simulate_deposition,
    "symmetric": simulate_symmetric,
    "ccd": simulate_ccd,
    "ce": simulate_ce,
    "eis": simulate_eis,
    "arrhenius": simulate_arrhenius,
}

__all__ = ["simulate", "PROTOCOLS", "Profile", "parse_settings"]


def simulate(designs, protocol: str, *, params: ModelParameters | None = None, library=None, **settings) -> Profile:
    """Simulate ``protocol`` for a design, a list of designs or a DesignBatch.

    ``settings`` are the protocol's settings in user units (see :mod:`anodelab.simulate.settings`);
    bad protocols, names or values raise :class:`~anodelab.errors.AnodeLabError` naming the setting.
    """
    protocol = check_protocol(protocol)
    parsed = parse_settings(protocol, settings)
    if protocol == "full_cell":  # needs the cathodes' V(SOC) curves from the designs (anodelab.simulate.full_cell)
        from .full_cell import simulate_full_cell

        return simulate_full_cell(designs, parsed, params=params, library=library)
    batch, result, p = prepare(designs, params, library)
    prof = _RUNNERS[protocol](batch, result, p, parsed)
    prof.settings = settings_dict(parsed)
    return prof
