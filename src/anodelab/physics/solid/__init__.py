"""Na | solid-electrolyte interfaces, model v2 (issue 12): contact, Na creep and the two CCD limits.

* :mod:`.creep`   – Na power-law creep (Norton) anchored on the measured yield stress, stress exponent
  and the strain rate of the test (M. J. Wang et al., Materialia 2020, doi:10.1016/j.mtla.2020.100792);
* :mod:`.contact` – contact fraction from stack pressure, temperature and time (Tabor plastic contact
  that grows by creep), wetting of an interlayer, and the interfacial ASR = R_interface(T) / f_c;
* :mod:`.ccd`     – the stripping (void) limit with its replenishment by interface vacancy annihilation
  and Na creep, the stripped-capacity allowance, and the plating (penetration) limit.

Every function takes and returns SI values and states its equation; the numbers are checked by hand in
``tests/physics/test_solid_v2.py``.
"""

from . import ccd, contact, creep

__all__ = ["ccd", "contact", "creep"]
