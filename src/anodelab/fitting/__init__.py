"""Fits of the model's parameters to measurements, each value with a 95 % interval and correlations.

``fit(measurement, protocol)`` dispatches to the protocol's fit: ``eis`` (equivalent circuit + Lin-KK),
``arrhenius`` (interfacial ASR and activation energy of a temperature series of spectra; an apparent one from
symmetric cells), ``deposition``
(nucleation overpotential and plateau), ``symmetric`` (overpotential, ASR and its growth), ``ce``
(Coulombic efficiency and Na loss per cycle), ``ccd`` (critical current density, onset rule stated).
"""

from __future__ import annotations

from ..errors import AnodeLabError
from .result import FitResult, FittedValue

FIT_PROTOCOLS = ("eis", "arrhenius", "deposition", "symmetric", "ce", "ccd")

__all__ = ["fit", "FitResult", "FittedValue", "FIT_PROTOCOLS"]


def fit(measurement, protocol: str, **options) -> FitResult:
    """Fit ``measurement`` (or a list of spectra for ``arrhenius``) with the protocol's model."""
    from ..data.model import CyclingMeasurement, ImpedanceMeasurement

    if protocol not in FIT_PROTOCOLS:
        raise AnodeLabError(f"unknown protocol {protocol!r}; one of {', '.join(FIT_PROTOCOLS)}", field="protocol")
    many = isinstance(measurement, (list, tuple))
    items = list(measurement) if many else [measurement]
    want = ImpedanceMeasurement if protocol == "eis" else CyclingMeasurement
    if protocol == "arrhenius":
        want = CyclingMeasurement if items and all(isinstance(m, CyclingMeasurement) for m in items) else ImpedanceMeasurement
    for m in items:
        if not isinstance(m, want):
            kind = "an impedance spectrum" if want is ImpedanceMeasurement else "a cycling time series"
            raise AnodeLabError(f"protocol '{protocol}' needs {kind}, this file holds a {m.kind} measurement",
                                file=m.source.path, field="protocol")
    if protocol == "eis":
        from .eis import fit_spectrum

        if many and len(items) != 1:
            raise AnodeLabError("protocol 'eis' fits one spectrum; use 'arrhenius' for a temperature series",
                                field="protocol")
        return fit_spectrum(items[0], **options)
    if protocol == "arrhenius":
        from .arrhenius import fit_arrhenius

        return fit_arrhenius(items, **options)
    if many and len(items) != 1:
        raise AnodeLabError(f"protocol '{protocol}' fits one file at a time", field="protocol")
    m = items[0]
    if protocol == "deposition":
        from .deposition import fit_deposition

        return fit_deposition(m, **options)
    if protocol == "symmetric":
        from .cycling import fit_symmetric

        return fit_symmetric(m, **options)
    if protocol == "ce":
        from .cycling import fit_ce

        return fit_ce(m, **options)
    from .cycling import fit_ccd

    return fit_ccd(m, **options)
