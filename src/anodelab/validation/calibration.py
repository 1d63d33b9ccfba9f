"""Calibration of the two solid-state CCD parameters on Table 2, with leave-one-out validation.

Free parameters (``resources/model/parameters.toml``, kind = calibrated):

* ``vacancy_diffusion_length_um`` ℓ – stripping limit, Eq. 12: CCD_strip = f_contact F c_Na D_Na / ℓ (1 + P/σ_ref);
* ``flaw_size_um`` c – plating limit: CCD_pen = η_c(K_IC, c) / (ASR · focusing), η_c ∝ 1/√c.

The engine's CCD is min(CCD_strip, CCD_pen). Fit: least squares of r_i = log10(CCD_pred,i / CCD_rep,i)
over the Table 2 records that report a CCD, in x = log10(ℓ, c), started from the best point of a
41 × 41 grid over 10⁻² … 10⁴ µm (the min() makes the objective piecewise smooth, so a local fit
alone could stop on a kink), refined with ``scipy.optimize.least_squares`` within the grid bounds.
Leave-one-out: refit without record i, predict record i; the LOO RMS is the error on unseen records.
"""

from __future__ import annotations

import math
import re
import tomllib
from dataclasses import dataclass

import numpy as np

from ..batch import batch_from_designs
from ..errors import AnodeLabError
from ..fileio import atomic_write_text
from ..literature import installed_library
from ..materials.library import Library
from ..paths import resources_dir
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import score
from .records import comparisons

PARAMS = ("vacancy_diffusion_length_um", "flaw_size_um")
LOG_BOUNDS = (-2.0, 4.0)  # log10 µm


@dataclass
class Fit:
    values: dict[str, float]
    residuals_log10: np.ndarray
    rms_log10: float
    active: list[str]  # per record: "stripping" or "penetration"


def _ccd_records(library: Library):
    comps = [c for c in comparisons(library=library) if c.quantity == "ccd_mA_cm2"]
    if len(comps) < 3:
        raise AnodeLabError("calibration needs at least 3 Table 2 records with a CCD", file="resources/literature/table2_solid.toml")
    return comps


def _predict(batch, base: ModelParameters, x: np.ndarray):
    p = base.with_values(**{k: 10.0 ** v for k, v in zip(PARAMS, x)})
    r = score(batch, p)
    ccd = r.value("ccd_mA_cm2")
    active = np.where(r.value("ccd_stripping_mA_cm2") <= r.value("ccd_penetration_mA_cm2"), "stripping", "penetration")
    return ccd, active


def fit(batch, reported: np.ndarray, base: ModelParameters) -> Fit:
    """Least-squares fit of log10 CCD over the records in ``batch``."""
    from scipy.optimize import least_squares

    logr = np.log10(reported)

    def resid(x):
        ccd, _ = _predict(batch, base, x)
        return np.log10(ccd) - logr

    grid = np.linspace(*LOG_BOUNDS, 41)
    best, best_x = math.inf, None
    for a in grid:
        for b in grid:
            s = float(np.sum(resid(np.array([a, b])) ** 2))
            if s < best - 1e-12:
                best, best_x = s, np.array([a, b])
    sol = least_squares(resid, best_x, bounds=([LOG_BOUNDS[0]] * 2, [LOG_BOUNDS[1]] * 2), diff_step=1e-3)
    x = sol.x if np.sum(sol.fun**2) <= best else best_x
    res = resid(x)
    _, active = _predict(batch, base, x)
    return Fit({k: float(10.0**v) for k, v in zip(PARAMS, x)}, res, float(np.sqrt(np.mean(res**2))), list(active))


def calibrate(params: ModelParameters | None = None, library: Library | None = None) -> dict:
    """Fit on all CCD records, then leave-one-out. Returns the calibration report (TOML-ready dict)."""
    library = library or installed_library()  # never the user's overrides
    base = params or default_parameters()
    comps = _ccd_records(library)
    batch = batch_from_designs([c.design for c in comps], library)
    reported = np.array([c.reported for c in comps])
    full = fit(batch, reported, base)
    loo_err, loo_pred, loo_vals = [], [], []
    for i in range(len(comps)):
        keep = np.array([j for j in range(len(comps)) if j != i])
        f = fit(batch.take(keep), reported[keep], base)
        ccd, _ = _predict(batch.take(np.array([i])), base, np.log10([f.values[k] for k in PARAMS]))
        loo_pred.append(float(ccd[0]))
        loo_err.append(float(np.log10(ccd[0] / reported[i])))
        loo_vals.append(f.values)
    loo_err_a = np.array(loo_err)
    records = []
    full_pred = reported * 10.0 ** full.residuals_log10
    for i, c in enumerate(comps):
        records.append({
            "id": c.record_id, "reference": c.reference, "reported_ccd_mA_cm2": float(reported[i]),
            "fitted_ccd_mA_cm2": float(full_pred[i]), "residual_log10": float(full.residuals_log10[i]),
            "active_limit": full.active[i], "loo_predicted_ccd_mA_cm2": loo_pred[i], "loo_error_log10": loo_err[i],
            "loo_vacancy_diffusion_length_um": loo_vals[i]["vacancy_diffusion_length_um"],
            "loo_flaw_size_um": loo_vals[i]["flaw_size_um"],
        })
    limits = sorted(set(full.active))
    return {
        "schema_version": 1,
        "method": ("least squares of log10(CCD_pred / CCD_reported) over the Table 2 records with a reported CCD; "
                   "x = log10(vacancy_diffusion_length_um, flaw_size_um), 41x41 grid on [1e-2, 1e4] um then "
                   "scipy.optimize.least_squares; leave-one-out refits without each record and predicts it"),
        "records_used": [c.record_id for c in comps],
        "n": len(comps),
        "fitted": {k: float(v) for k, v in full.values.items()},
        "rms_log10_error": full.rms_log10,
        "rms_fold_error": float(10.0**full.rms_log10),
        "loo_rms_log10_error": float(np.sqrt(np.mean(loo_err_a**2))),
        "loo_rms_fold_error": float(10.0 ** np.sqrt(np.mean(loo_err_a**2))),
        "loo_median_fold_error": float(np.median(10.0 ** np.abs(loo_err_a))),
        "active_limits": limits,
        "identifiability": (
            "both limits are active on some record" if len(limits) == 2 else
            f"every record is limited by {limits[0]}: the other parameter is only bounded (it must keep its limit above "
            "the reported CCDs), not determined by these data"
        ),
        "record": records,
    }


def calibration_path():
    return resources_dir() / "model" / "calibration.toml"


def load_calibration_report() -> dict:
    """The stored calibration report, or {} if none was written yet."""
    path = calibration_path()
    if not path.exists():
        return {}
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AnodeLabError(f"cannot read the calibration report ({exc})", file=str(path)) from None


def source_text(report: dict) -> dict[str, str]:
    """The ``source`` of each calibrated parameter: data, fit and LOO error."""
    ids = ", ".join(report["records_used"])
    common = (f"calibrated on the {report['n']} Table 2 records of Lu et al. 2022 with a reported CCD ({ids}); "
              f"fit: least squares in log10 CCD jointly with the other CCD parameter, RMS log10 error "
              f"{report['rms_log10_error']:.3f} (×{report['rms_fold_error']:.2f}); LOO RMS log10 error on unseen records "
              f"{report['loo_rms_log10_error']:.3f} (×{report['loo_rms_fold_error']:.2f}); {report['identifiability']}; "
              "see resources/model/calibration.toml")
    return {
        "vacancy_diffusion_length_um": "calibrated: length over which Na self-diffusion refills stripping vacancies "
                                       "(Eq. 12 diffusion term); " + common,
        "flaw_size_um": "calibrated: effective surface-flaw depth c for Na penetration on plating (Griffith with "
                        "Eq. 13's K_IC); " + common,
    }


def _toml_value(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return repr(float(v)) if isinstance(v, float) else str(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def dumps_report(report: dict) -> str:
    import tomli_w

    head = ("# Calibration of the solid-state CCD parameters (written by `anodelab validate --calibration --write`).\n"
            "# Values and errors in log10; fold error = 10^|log10 error|.\n")
    return head + tomli_w.dumps(report)


def update_parameters_text(text: str, report: dict) -> str:
    """parameters.toml with only ``value`` and ``source`` of the two calibrated entries replaced."""
    sources = source_text(report)
    for name in PARAMS:
        pat = re.compile(r"(\[parameters\." + re.escape(name) + r"\]\n)(.*?)(?=\n\[|\Z)", re.S)
        m = pat.search(text)
        if not m:
            raise AnodeLabError("entry not found", file="parameters.toml", entry=name)
        body = m.group(2)
        body = re.sub(r"(?m)^value = .*$", f"value = {report['fitted'][name]:.6g}", body, count=1)
        body = re.sub(r"(?m)^source = .*$", lambda _m: "source = " + _toml_value(sources[name]), body, count=1)
        text = text[: m.start(2)] + body + text[m.end(2):]
    return text


def write_calibration(report: dict) -> None:
    """Write calibration.toml and the two parameter entries (atomic writes)."""
    atomic_write_text(calibration_path(), dumps_report(report))
    ppath = resources_dir() / "model" / "parameters.toml"
    atomic_write_text(ppath, update_parameters_text(ppath.read_text(encoding="utf-8"), report))
