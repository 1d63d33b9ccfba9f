"""BioLogic EC-Lab binary files (``.mpr``) through galvani — an OPTIONAL extra.

galvani is GPL-3.0 licensed; AnodeLab does not depend on it and the bundle does not ship it, so that
AnodeLab's own licence is not bound by the GPL. Users who want ``.mpr`` install it themselves
(``pip install anodelab[mpr]`` or ``pip install galvani``); without it, reading an ``.mpr`` says so and
suggests the text export (EC-Lab: File → Export as text → ``.mpt``), which AnodeLab reads natively.
"""

from __future__ import annotations

import numpy as np

from ..errors import AnodeLabError
from .model import checked_cycling, checked_impedance

MISSING = ("reading BioLogic .mpr files needs the optional 'galvani' package (GPL-3.0, not shipped with "
           "AnodeLab): install it with 'pip install galvani', or export the file as text (.mpt) in EC-Lab")


def galvani_available() -> bool:
    try:
        import galvani  # noqa: F401
    except ImportError:
        return False
    return True


def read_mpr(path: str, sha: str, raw: bytes):
    """Read an ``.mpr`` with galvani's MPRfile (column names as in the ``.mpt`` export)."""
    try:
        from galvani import BioLogic
    except ImportError:
        raise AnodeLabError(MISSING, file=path) from None
    if not raw.startswith(b"BIO-LOGIC MODULAR FILE"):
        raise AnodeLabError("not a BioLogic .mpr file (it does not start with 'BIO-LOGIC MODULAR FILE')", file=path)
    try:
        mpr = BioLogic.MPRfile(path)
    except Exception as exc:  # galvani raises ValueError/NotImplementedError/struct.error on damaged files
        raise AnodeLabError(f"cannot read as .mpr: {type(exc).__name__}: {exc}"[:300], file=path) from None
    d = mpr.data
    names = d.dtype.names or ()
    meta = {"reader": "galvani (GPL-3.0, optional)", "columns": list(names)}
    if "freq/Hz" in names:
        z = d["Re(Z)/Ohm"] - 1j * d["-Im(Z)/Ohm"]
        ok = d["freq/Hz"] > 0
        return checked_impedance(path, "EC-Lab .mpr (impedance)", sha, d["freq/Hz"][ok], z[ok], metadata=meta)
    cur = next((c for c in ("I/mA", "<I>/mA", "control/mA") if c in names), None)
    volt = next((c for c in ("Ewe/V", "<Ewe>/V", "Ecell/V") if c in names), None)
    if "time/s" not in names or cur is None or volt is None:
        raise AnodeLabError(f".mpr without time/current/voltage columns (has {', '.join(names[:10])})", file=path)
    return checked_cycling(
        path, "EC-Lab .mpr (cycling)", sha, time_s=d["time/s"], current_A=np.asarray(d[cur], float) * 1e-3,
        voltage_V=d[volt], cycle=d["cycle number"] if "cycle number" in names else None,
        step=d["Ns"] if "Ns" in names else None, metadata=meta)
