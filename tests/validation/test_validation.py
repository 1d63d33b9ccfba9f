"""Literature validation: every record maps to library materials; statistics by hand; calibration + LOO."""

from __future__ import annotations

import math

import numpy as np
import pytest

from anodelab.materials.library import default_library
from anodelab.validation import (
    calibrate, comparisons, load_records, median_fold_error, spearman, validate,
)
from anodelab.validation.calibration import update_parameters_text


def test_every_record_maps_to_library_materials():
    lib = default_library()
    recs = load_records()
    assert len(recs) == 48  # 30 rows of Table 1 + 18 records of Table 2
    for r in recs:
        for slot, mid in r.layers.items():
            assert mid == "" or mid in lib, (r.id, slot, mid)
        assert r.layers["host"] and r.layers["electrolyte"]
    comps = comparisons()
    # every record with a number becomes at least one comparison, and every design resolves
    with_numbers = {r.id for r in recs if any(r.data.get(k) for k in ("symmetric", "ce", "reported"))}
    assert with_numbers <= {c.record_id for c in comps} | {"T2-93", "T2-103"}  # cycles / cycling current only
    counts = {q: sum(c.quantity == q for c in comps) for q in {c.quantity for c in comps}}
    assert counts == {"cell_overpotential_mV": 28, "coulombic_efficiency": 12, "interfacial_asr_ohm_cm2": 7,
                      "ccd_mA_cm2": 8, "lifetime_h": 32}


def test_design_conditions_come_from_the_record():
    comps = {(c.record_id, c.quantity): c for c in comparisons()}
    c = comps[("T1-54", "cell_overpotential_mV")]
    assert c.design.conditions.current_density_mA_cm2 == 0.5 and c.design.conditions.areal_capacity_mAh_cm2 == 0.25
    c = comps[("T1-54", "coulombic_efficiency")]
    assert c.design.conditions.current_density_mA_cm2 == 1.0 and c.design.conditions.areal_capacity_mAh_cm2 == 0.5
    c = comps[("T2-96", "ccd_mA_cm2")]
    assert c.design.conditions.temperature_C == 80.0 and c.design.interlayer.material == "bare-contact"
    # an input taken from the same paper is flagged as not independent
    assert not comps[("T2-95", "interfacial_asr_ohm_cm2")].independent


def test_statistics_by_hand():
    # ranks p: 1 2 3 4, r: 1 3 2 4 → d² = 0+1+1+0 = 2, ρ = 1 − 6·2/(4·15) = 0.8
    assert spearman([1, 2, 3, 4], [10, 30, 20, 40]) == pytest.approx(0.8)
    assert spearman([1, 2], [1, 2]) is None and spearman([1, 1, 1], [1, 2, 3]) is None
    # fold errors 2, 2, 1.25 → median 2
    assert median_fold_error([2, 1, 5], [1, 2, 4]) == pytest.approx(2.0)
    assert median_fold_error([0, -1], [1, 1]) is None


def test_validate_report_is_complete_and_finite():
    rep = validate()
    names = {s.quantity for s in rep.stats}
    assert {"cell_overpotential_mV", "coulombic_efficiency", "interfacial_asr_ohm_cm2", "ccd_mA_cm2"} <= names
    for s in rep.stats:
        assert s.n > 0
        for v in (s.spearman, s.median_fold_error):
            assert v is None or math.isfinite(v)
    assert all(math.isfinite(p.predicted) for p in rep.points)
    js = rep.as_dict()
    assert js["calibration"].get("records_used")
    # lifetimes: the engine's predicted_lifetime_h, and ranked against the dendrite risk
    assert sum(p.quantity == "lifetime_h_risk" for p in rep.points) == 32
    assert sum(p.quantity == "lifetime_h" for p in rep.points) == 32
    assert rep.held_out and rep.held_out[0]["n_test"] > 0


def test_calibration_fit_and_leave_one_reference_out():
    # model v2 (issue 12): fitted on the train CCDs (Table 2 + solid_state.toml), LOO by reference (paper)
    cal = calibrate()
    train = [r for r in cal["record"] if r["role"] == "train"]
    assert cal["n"] == len(train) == 9 and len(cal["references_used"]) == 7
    res = np.array([r["error"] for r in train])
    assert cal["rms_log10_error"] == pytest.approx(float(np.sqrt(np.mean(res**2))))
    loo = np.array([r["loro_error"] for r in train])
    assert cal["loo_rms_log10_error"] == pytest.approx(float(np.sqrt(np.mean(loo**2))))
    # an unseen paper is predicted no better than a seen one, on average
    assert cal["loo_rms_log10_error"] >= cal["rms_log10_error"] - 1e-9
    # every record is reported, split by role; test records are never fitted and have no LOO entry
    roles = {r["id"]: r["role"] for r in cal["record"]}
    assert roles["Bay20-RT"] == "test" and roles["Au23-ratio"] == "test" and roles["Lowack26-NZSP"] == "input"
    assert all("loro_error" not in r for r in cal["record"] if r["role"] != "train")
    assert cal["summary"]["not_fitted_rms_log10_error"] is not None
    # the stored parameters are the fitted ones (parameters.toml written by `validate --calibration --write`)
    from anodelab.physics.parameters import load_parameters

    p = load_parameters()
    for k, v in cal["fitted"].items():
        assert p.entries[k].value == pytest.approx(v, rel=1e-4)
        assert p.entries[k].kind == "calibrated" and "LOO" in p.entries[k].source


def test_validate_prints_the_solid_state_section(capsys):
    from anodelab.cli import main

    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "Solid-state model v2" in out and "leave-one-reference-out" in out
    assert "-- fitted --" in out and "-- not fitted --" in out and "SJ20-9MPa" in out and "Bay20-RT" in out


def test_parameters_update_touches_only_value_and_source():
    text = ('[parameters.vacancy_diffusion_length_um]\nvalue = 20.0\nunit = "um"\nkind = "calibrated"\nsource = "old"\n\n'
            '[parameters.flaw_size_um]\nvalue = 100.0\nunit = "um"\nkind = "calibrated"\nsource = "old"\n\n'
            '[parameters.other]\nvalue = 1.0\nsource = "keep"\n')
    rep = {"fitted": {"vacancy_diffusion_length_um": 12.5, "flaw_size_um": 3.0}, "records_used": ["A", "B"], "n": 2,
           "rms_log10_error": 0.1, "rms_fold_error": 1.26, "loo_rms_log10_error": 0.2, "loo_rms_fold_error": 1.58,
           "identifiability": "x"}
    new = update_parameters_text(text, rep)
    assert "value = 12.5\n" in new and "value = 3\n" in new and 'source = "keep"' in new and "value = 1.0" in new
    assert new.count('unit = "um"') == 2 and new.count("LOO") == 2


def test_records_share_one_builder_and_one_assumed_excess():
    from anodelab.literature import ASSUMED_NA_EXCESS_mAh_cm2, table1_symmetric_lifetimes

    comps = comparisons()
    # Table 2 (solid) records all carry the one assumed excess; Table 1 records their electrode's Na
    assert {c.design.conditions.na_excess_mAh_cm2 for c in comps if c.table == 2} == {ASSUMED_NA_EXCESS_mAh_cm2}
    assert {c.design.conditions.na_excess_mAh_cm2 for c in comps if c.table == 1} > {ASSUMED_NA_EXCESS_mAh_cm2}
    # the simulated Table 1 rows build the very same designs as the validation's Table 1 lifetime rows
    life = {c.record_id: c.design for c in comps if c.quantity == "lifetime_h" and c.table == 1}
    pairs = table1_symmetric_lifetimes()
    assert [rec.id for rec, _ in pairs] == list(life)
    assert [d for _, d in pairs] == [life[rec.id] for rec, _ in pairs]


def test_user_library_override_does_not_change_validation(_isolated_user_dir):
    import tomllib

    import tomli_w

    from anodelab.materials.library import reset_default_library
    from anodelab.paths import resources_dir

    before = validate().as_dict()["quantities"]
    with open(resources_dir() / "materials" / "solid_electrolytes.toml", "rb") as fh:
        installed = tomllib.load(fh)
    nzsp = installed["materials"]["nzsp"]
    asr = nzsp["properties"]["interfacial_asr_ohm_cm2"] if "properties" in nzsp else nzsp["interfacial_asr_ohm_cm2"]
    asr["value"] = asr["value"] * 50.0
    asr.pop("range", None)
    (_isolated_user_dir / "materials").mkdir(exist_ok=True)
    (_isolated_user_dir / "materials" / "mine.toml").write_text(
        tomli_w.dumps({"schema_version": 1, "materials": {"nzsp": nzsp}}), encoding="utf-8")
    reset_default_library()
    user_lib = default_library()
    assert user_lib.materials["nzsp"].origin == "user"  # the override is in effect for the user's own designs
    assert validate(library=user_lib).as_dict()["quantities"] != before  # ... and would change the figures
    assert validate().as_dict()["quantities"] == before


def test_a_framework_flag_from_the_records_own_paper_makes_its_lifetime_not_independent():
    """T2-94's host is a Na⁺-conducting NZSP framework only because ref [94] says so (the flag's source cites it),
    and the solid lifetime depends on that flag (the working area of the framework): not independent evidence."""
    from anodelab.validation.records import DEPENDS_ON, comparisons

    assert "na_conducting_framework" in DEPENDS_ON["lifetime_h"]["host"]
    life = {c.record_id: c for c in comparisons() if c.quantity == "lifetime_h" and c.table == 2}
    assert not life["T2-94"].independent
    assert "na_conducting_framework" not in life["T2-97"].input_note  # a plain Na foil host: the flag is absent


def test_a_solid_lifetime_depends_on_the_sse_interface_and_mechanics():
    """A solid cell's lifetime (voids, penetration) uses the SSE's interface ASR, wetting, toughness and moduli: T2-97's
    interface ASR (36 Ω cm²) is read from its own paper (ref [97]), so its lifetime is not independent evidence."""
    from anodelab.validation.records import DEPENDS_ON, comparisons

    for prop in ("interfacial_asr_ohm_cm2", "fracture_toughness_MPa_m05", "na_contact_angle_deg", "shear_modulus_GPa"):
        assert prop in DEPENDS_ON["lifetime_h"]["electrolyte"]
    assert DEPENDS_ON["lifetime_h"]["interlayer"] == DEPENDS_ON["ccd_mA_cm2"]["interlayer"]
    life = {c.record_id: c for c in comparisons() if c.quantity == "lifetime_h" and c.table == 2}
    assert not life["T2-97"].independent
    assert "na3zr2si2po12-na2b4o7.interfacial_asr_ohm_cm2" in life["T2-97"].input_note
