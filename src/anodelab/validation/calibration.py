"""Calibration of the solid-state CCD parameters (model v2), stored in resources/model/calibration.toml.

The fit, the leave-one-reference-out test and every solid-state comparison live in
:mod:`anodelab.validation.solid`; this module keeps the stable names (``PARAMS``, ``calibrate``,
``write_calibration``, ``load_calibration_report``) and writes the report and the parameter entries.

Free parameters (``resources/model/parameters.toml``, kind = calibrated):

* ``vacancy_annihilation_current_mA_cm2`` J_vac,ref – interface-limited vacancy removal at 25 °C (stripping limit);
* ``creep_replenishment_length_um`` ℓ_c – Na creep under stack pressure, J_creep = (F/V_m) ℓ_c ε̇_y a_T P/(H σ_y).
"""

from __future__ import annotations

import re
import tomllib

from ..errors import AnodeLabError
from ..fileio import atomic_write_text
from ..paths import resources_dir
from .solid import PARAMS, calibrate  # noqa: F401  (the stable names)

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
    common = (f"calibrated on the {report['n']} train CCD records ({ids}; Table 2 of Lu et al. 2022 and "
              "resources/literature/solid_state.toml); fit: least squares in log10 CCD jointly with the other "
              f"solid-state parameter, RMS log10 error {report['rms_log10_error']:.3f} (×{report['rms_fold_error']:.2f}); "
              f"leave-one-reference-out (LOO by paper) RMS log10 error {report['loo_rms_log10_error']:.3f} "
              f"(×{report['loo_rms_fold_error']:.2f}); {report['identifiability']}; see resources/model/calibration.toml")
    texts = {
        "vacancy_annihilation_current_mA_cm2": "calibrated: interface-limited vacancy-annihilation current at 25 °C "
                                               "per contacted area (stripping limit, anodelab.physics.solid.ccd); ",
        "creep_replenishment_length_um": "calibrated: near-interface length over which Na creep under stack pressure "
                                         "refills stripping vacancies (anodelab.physics.solid.ccd); ",
        # the v1 names, for reports written by an older version
        "vacancy_diffusion_length_um": "calibrated: ",
        "flaw_size_um": "calibrated: ",
    }
    return {k: texts.get(k, "calibrated: ") + common for k in report["fitted"]}


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
    """parameters.toml with only ``value`` and ``source`` of the calibrated entries replaced."""
    sources = source_text(report)
    for name in report["fitted"]:
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
    """Write calibration.toml and the calibrated parameter entries (atomic writes)."""
    atomic_write_text(calibration_path(), dumps_report(report))
    ppath = resources_dir() / "model" / "parameters.toml"
    atomic_write_text(ppath, update_parameters_text(ppath.read_text(encoding="utf-8"), report))
