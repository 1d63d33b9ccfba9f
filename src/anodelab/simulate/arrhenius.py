"""Interfacial ASR against temperature (Arrhenius plot), scored by the engine at each temperature."""

from __future__ import annotations

import numpy as np

from ..constants import BOLTZMANN_eV_K, ZERO_CELSIUS_K
from ..units import SUFFIX_TO_SI
from .common import repeat_batch, rescore
from .profile import Profile
from .settings import ArrheniusSettings, check_size

_OHM_CM2 = SUFFIX_TO_SI["ohm_cm2"]


def fit_activation_energy_eV(inv_t_per_K, asr):
    """Least-squares slope of ln ASR against 1/T, E_a = k_B d(ln ASR)/d(1/T)   [eV]; rows are designs."""
    xm = inv_t_per_K.mean(axis=1, keepdims=True)
    ly = np.log(asr)
    ym = ly.mean(axis=1, keepdims=True)
    slope = ((inv_t_per_K - xm) * (ly - ym)).sum(axis=1) / ((inv_t_per_K - xm) ** 2).sum(axis=1)
    resid = ly - ym - slope[:, None] * (inv_t_per_K - xm)
    ss_tot = ((ly - ym) ** 2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        r2 = np.where(ss_tot > 0, 1.0 - (resid**2).sum(axis=1) / np.where(ss_tot > 0, ss_tot, 1.0), 1.0)
    return slope * BOLTZMANN_eV_K, r2


def simulate_arrhenius(batch, result, params, settings: ArrheniusSettings) -> Profile:
    """The engine's interfacial ASR (per electrode, ``interfacial_asr_ohm_cm2``) at ``points`` temperatures
    from ``t_min_C`` to ``t_max_C`` (each a re-score with ``temperature_K`` replaced).

    x = 1000/T [K⁻¹], y = ASR [Ω cm²]. The engine's ASR(T) = ASR_ref exp(E_a/k_B (1/T − 1/T_ref)) (liquid:
    SEI activation energy; solid: Na|SSE interface activation energy), so the fitted slope
    E_a = k_B d ln ASR / d(1/T) (event ``activation_energy_eV``, with ``fit_r2``) returns the material's value
    (solid model v2: where the contact is full; below full contact the creeping contact adds to the slope).
    Series ``ccd_mA_cm2`` is the CCD at each temperature (NaN for liquid designs) and event
    ``ccd_activation_energy_eV`` its apparent activation energy −k_B d ln CCD / d(1/T) (least squares).
    """
    n = len(batch)
    k = settings.points
    check_size(n, k, "points")
    t_c = np.linspace(settings.t_min_C, settings.t_max_C, k)
    t_k = t_c + ZERO_CELSIUS_K
    rr = rescore(repeat_batch(batch, k), params, temperature_K=np.tile(t_k, n))
    asr = rr.si["asr_interface_ohm_m2"].reshape(n, k)
    inv_t = np.broadcast_to(1.0 / t_k, (n, k))
    ea, r2 = fit_activation_energy_eV(inv_t, asr)
    events = {"activation_energy_eV": ea, "fit_r2": r2}
    # solid-state model v2: CCD(T) beside ASR(T); its apparent activation −k_B d ln CCD/d(1/T) (NaN for liquids)
    ccd = rr.value("ccd_mA_cm2").reshape(n, k)
    solid = np.isfinite(ccd).all(axis=1)
    with np.errstate(all="ignore"):
        ea_ccd, _ = fit_activation_energy_eV(inv_t, np.where(solid[:, None], 1.0 / np.where(solid[:, None], ccd, 1.0), 1.0))
    events["ccd_activation_energy_eV"] = np.where(solid, ea_ccd, np.nan)
    return Profile(
        protocol="arrhenius", x=1000.0 * inv_t.copy(), y=asr / _OHM_CM2, x_label="1000/T", x_unit="K⁻¹",
        y_label="Interfacial ASR", y_unit="Ω cm²", series={"temperature_C": np.broadcast_to(t_c, (n, k)).copy(), "ccd_mA_cm2": ccd},
        events=events,
    )
