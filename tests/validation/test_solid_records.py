"""The solid-state literature records (resources/literature/solid_state.toml): every record has a DOI, a role and a
design that resolves; bad content is an AnodeLabError naming file, record and field."""

from __future__ import annotations

import math

import pytest

from anodelab.errors import AnodeLabError
from anodelab.literature import SOLID_QUANTITIES, SOLID_ROLES, load_solid_state_records, solid_record_design
from anodelab.validation.solid import solid_comparisons


def test_every_record_has_a_doi_a_role_and_a_design():
    recs = load_solid_state_records()
    assert len(recs) >= 6
    for r in recs:
        assert r.doi.startswith("10.") and r.role in SOLID_ROLES and r.quantity in SOLID_QUANTITIES
        solid_record_design(r)  # resolves against the installed library
    roles = {r.role for r in recs}
    assert roles == {"train", "input", "test"}
    comps = solid_comparisons()
    # Table 2's CCD records are train records too; activation energies and ratios need two designs each
    assert sum(c.role == "train" for c in comps) == 9
    assert all(len(c.designs) == (2 if c.quantity in ("ccd_activation_eV", "asr_ratio") else 1) for c in comps)


@pytest.mark.parametrize("line, field", [('role = "train"', "role"), ('quantity = "ccd_mA_cm2"', "quantity"),
                                         ('doi = "10.1/x"', "doi")])
def test_bad_record_names_its_field(tmp_path, line, field):
    good = {"role": 'role = "train"', "quantity": 'quantity = "ccd_mA_cm2"', "doi": 'doi = "10.1/x"'}
    bad = {"role": 'role = "fitted"', "quantity": 'quantity = "speed"', "doi": 'doi = ""'}
    body = "\n".join(bad[k] if k == field else good[k] for k in good)
    p = tmp_path / "solid_state.toml"
    p.write_text(f'[[record]]\nid = "X"\nvalue = 1.0\nelectrolyte = "nzsp"\n{body}\n', encoding="utf-8")
    with pytest.raises(AnodeLabError) as exc:
        load_solid_state_records(p)
    assert field in str(exc.value) and "record 'X'" in str(exc.value) and str(p) in str(exc.value)


def test_unreadable_file_is_an_anodelab_error(tmp_path):
    p = tmp_path / "solid_state.toml"
    p.write_text("[[record]\n", encoding="utf-8")
    with pytest.raises(AnodeLabError, match="cannot read"):
        load_solid_state_records(p)


def test_compressed_nasicon_asr_is_compared_at_the_full_contact_floor():
    """Uchida et al. 2019 (doi:10.1021/acsaem.9b00250): 14 Ω cm² after compression. By hand: the library's
    524 Ω cm² (Matios 2019) holds at the as-assembled contact f_ref = 0.1 MPa / (3 × 0.23 MPa) ×
    (1 + 5 × 1e-3 s⁻¹ × 36 000 s)^(1/5) = 0.1449 × 2.828 = 0.410, so R_int = 524 × 0.410 = 214.8 Ω cm²; at 1 MPa the
    contact is full (f_c = 1) and the model's ASR is that floor: ×15 above the measurement, and no pressure helps."""
    from anodelab.validation.solid import calibrate

    rep = calibrate()
    row = next(r for r in rep["record"] if r["id"] == "Uchida19-compressed")
    assert row["role"] == "test" and row["quantity"] == "interfacial_asr_ohm_cm2"
    assert row["predicted"] == pytest.approx(214.8, rel=2e-3)
    assert row["error"] == pytest.approx(math.log10(214.8 / 14.0), abs=2e-3)
    assert "full-contact floor" in row["why"] and "×15.3" in row["why"]
    assert "sample-dependent" in row["flag"]
    # above the floor, the 'why' names the missing term from the contact: Asakura 2020's Na | NCBB, 40 Ω cm² against
    # R_int 5 Ω cm² at full contact (f_c = 1.00): ×8, an interface resistance the library has not got, not less contact;
    # Fu 2020's bare NASICON, 1658 Ω cm² at 0 MPa: the library's 214.8 Ω cm² would need f_c = 214.8 / 1658 = 0.13
    asakura = next(r for r in rep["record"] if r["id"] == "Asakura20-ASR")
    assert "contact is already full" in asakura["why"] and "(×8)" in asakura["why"]
    fu = next(r for r in rep["record"] if r["id"] == "Fu20-bare-ASR")
    assert "needs a contact of 0.13 (the model's 0.41)" in fu["why"]
    # every miss beyond ×2 says why, from the engine's numbers; records within ×2 carry no 'why'
    for r in rep["record"]:
        tol = 0.05 if r["quantity"] == "ccd_activation_eV" else math.log10(2.0)
        assert bool(r["why"]) == (abs(r["error"]) > tol), r["id"]
    t2_105 = next(r for r in rep["record"] if r["id"] == "T2-105")
    assert "plating-limited" in t2_105["why"] and "ref [113]" in t2_105["flag"]
    assert rep["summary"]["not_fitted_ccd_rms_log10_error"] < rep["summary"]["not_fitted_rms_log10_error"]


def test_flags_table_must_map_ids_to_text(tmp_path):
    from anodelab.literature import load_solid_state_flags

    p = tmp_path / "solid_state.toml"
    p.write_text('[flags]\n"T2-1" = 3\n', encoding="utf-8")
    with pytest.raises(AnodeLabError, match="flags"):
        load_solid_state_flags(p)
    p.write_text('[flags]\n"T2-1" = "reason"\n', encoding="utf-8")
    assert load_solid_state_flags(p) == {"T2-1": "reason"}


def test_liu2024_nasicon_ccds_are_not_fitted_and_carry_their_capacity():
    """Liu et al. 2024 (doi:10.1002/adfm.202316528, abstract): CCD 2.4 mA cm⁻² bare → 9.4 mA cm⁻² under 9.4 mAh cm⁻²
    with a SnS2-derived Na-Sn/Na2S interlayer. Test records (never fitted); the design strips the paper's capacity per
    half cycle (1 h steps), not the 0.1 mAh cm⁻² default."""
    recs = {r.id: r for r in load_solid_state_records()}
    bare, sn = recs["Liu24-bare"], recs["Liu24-SnS2"]
    assert (bare.value, sn.value) == (2.4, 9.4) and bare.role == sn.role == "test"
    assert bare.doi == sn.doi == "10.1002/adfm.202316528" and not bare.stack_pressure_stated
    assert solid_record_design(bare).conditions.areal_capacity_mAh_cm2 == 2.4
    assert solid_record_design(sn).conditions.areal_capacity_mAh_cm2 == 9.4
    assert solid_record_design(recs["Fu20-NaSiO2"]).conditions.areal_capacity_mAh_cm2 == 0.1  # no capacity: default
    from anodelab.validation.calibration import load_calibration_report

    rows = {r["id"]: r for r in load_calibration_report()["record"]}
    assert rows["Liu24-bare"]["role"] == "test" and rows["Liu24-SnS2"]["flag"]
    assert "Liu24-bare" not in load_calibration_report()["records_used"]


def test_liu2024_flag_claims_hold():
    """The flags' numbers, from the engine: bare Na | nzsp at 25 °C, 2.4 mAh cm⁻², CCD 0.43 mA cm⁻² at 0 MPa (no creep,
    wetted contact 0.41) and 1.13-1.40 at 0.5-2 MPa (full contact; creep 0.176 mA cm⁻² per MPa), 2.8 at 10 MPa; with
    the Sn interlayer its own vacancy-annihilation barrier (0.10 eV against 0.14, one attempt prefactor) gives
    exp(0.04 eV / k_B T) = ×4.7 the bare J_vac at 25 °C: 4.6 mA cm⁻² at 0 MPa (contact 0.93), 5.0-5.3 at 0.5-2 MPa,
    below the plating limit; CCD(P) does not fall with pressure."""
    import numpy as np

    from anodelab.scoring import score

    recs = {r.id: r for r in load_solid_state_records()}
    ps = [0.0, 0.5, 1.0, 2.0, 10.0]
    rb = score([solid_record_design(recs["Liu24-bare"], stack_pressure_MPa=p) for p in ps])
    rs = score([solid_record_design(recs["Liu24-SnS2"], stack_pressure_MPa=p) for p in ps])
    bare, sn = rb.value("ccd_mA_cm2"), rs.value("ccd_mA_cm2")
    assert bare[0] == pytest.approx(0.43, abs=0.01) and rb.si["contact_fraction"][0] == pytest.approx(0.41, abs=0.01)
    assert bare[1] == pytest.approx(1.13, abs=0.01) and bare[3] == pytest.approx(1.40, abs=0.01)
    assert bare[4] == pytest.approx(2.8, abs=0.05)
    # creep is linear in P: (CCD(2 MPa) − CCD(0.5 MPa)) / 1.5 MPa = 0.176 mA cm⁻² per MPa at full contact
    assert (bare[3] - bare[1]) / 1.5 == pytest.approx(0.176, abs=0.003)
    assert sn[0] == pytest.approx(4.6, abs=0.05) and 5.0 <= min(sn[1:4]) and max(sn[1:4]) <= 5.3
    # at full contact (≥ 0.5 MPa) the two differ by the interlayer's J_vac: (ccd − J_creep) ratio
    # = (J_vac,Sn + J_void) / (J_vac + J_void), J_void = 4.06e9 × δ_c / 3600 s, a few % of J_vac
    assert np.all(sn[1:] > 2.3 * bare[1:])
    assert np.all(rs.value("ccd_stripping_mA_cm2") <= rs.value("ccd_penetration_mA_cm2"))
    assert np.all(np.diff(sn) >= -1e-9) and np.all(np.diff(bare) >= -1e-9)


def test_bound_records_error_is_zero_when_honoured_and_the_fold_error_otherwise():
    """at_least 1.0 mA cm⁻²: predicted 0.5 ⇒ log10 0.5 = −0.301, predicted 2.0 ⇒ 0; at_most 1.0: predicted 1.71 ⇒
    log10 1.71 = +0.233, predicted 0.8 ⇒ 0; a value record keeps its signed fold error."""
    import math

    from anodelab.validation.solid import _error

    assert _error("ccd_stripping_mA_cm2", 0.5, 1.0, "at_least") == pytest.approx(math.log10(0.5))
    assert _error("ccd_stripping_mA_cm2", 2.0, 1.0, "at_least") == 0.0
    assert _error("ccd_stripping_mA_cm2", 1.71, 1.0, "at_most") == pytest.approx(0.2330, abs=1e-4)
    assert _error("ccd_stripping_mA_cm2", 0.8, 1.0, "at_most") == 0.0
    assert _error("ccd_mA_cm2", 2.0, 1.0) == pytest.approx(math.log10(2.0))


def test_a_bound_may_only_be_a_test_record(tmp_path):
    from anodelab.errors import AnodeLabError
    from anodelab.literature import load_solid_state_records

    f = tmp_path / "s.toml"
    f.write_text('schema_version = 1\n[[record]]\nid = "B"\ndoi = "10.0/x"\nquantity = "ccd_mA_cm2"\nvalue = 1.0\n'
                 'role = "train"\ncomparison = "at_least"\nelectrolyte = "nzsp"\n')
    with pytest.raises(AnodeLabError, match="only be a test record"):
        load_solid_state_records(f)
    f.write_text(f.read_text().replace('role = "train"', 'role = "test"').replace("at_least", "roughly"))
    with pytest.raises(AnodeLabError, match="comparison must be one of"):
        load_solid_state_records(f)


def test_brighi_pressure_sweep_brackets_the_stripping_limit():
    """Brighi et al. 2022 (doi:10.1002/admi.202101254): 1 mA cm⁻² for 1 h held at 1 MPa, lost at 0.3 MPa. The
    records are the two bounds; the model honours the first (1.23 mA cm⁻²) and misses the second by ×1.10 (1.10;
    it was 1.71 before the records of unstated pressure were predicted over a range) — the test pins the records and
    the creep slope between them."""
    from anodelab.literature import load_solid_state_records
    from anodelab.validation.solid import calibrate

    recs = {r.id: r for r in load_solid_state_records()}
    lo, hi = recs["Brighi22-s1MPa"], recs["Brighi22-s0.3MPa"]
    assert (lo.comparison, lo.stack_pressure_MPa, lo.value) == ("at_least", 1.0, 1.0)
    assert (hi.comparison, hi.stack_pressure_MPa, hi.value) == ("at_most", 0.3, 1.0)
    assert lo.areal_capacity_mAh_cm2 == hi.areal_capacity_mAh_cm2 == 1.0
    rows = {r["id"]: r for r in calibrate()["record"]}
    assert rows["Brighi22-s1MPa"]["error"] == 0.0
    assert rows["Brighi22-s0.3MPa"]["predicted"] < rows["Brighi22-s1MPa"]["predicted"]
    # creep is linear in pressure: the limit falls by 0.176 mA cm⁻² per MPa × 0.7 MPa = 0.123 from 1 to 0.3 MPa
    assert rows["Brighi22-s1MPa"]["predicted"] - rows["Brighi22-s0.3MPa"]["predicted"] == pytest.approx(0.123, abs=0.005)


def test_profiled_value_of_a_predicted_range():
    """The docstring example of solid_errors.profiled: range 0.73–1.95 mA cm⁻², reported 0.55 ⇒ 0.73 (error
    log10(0.73/0.55) = +0.123), reported 0.9 ⇒ 0.9 (error 0), at_most 1.0 ⇒ 0.73 (honoured), at_least 2.5 ⇒ 1.95
    (error log10(1.95/2.5) = −0.108)."""
    from anodelab.validation.solid_errors import _error, profiled

    assert profiled(0.73, 1.95, 0.55) == 0.73
    assert _error("ccd_mA_cm2", profiled(0.73, 1.95, 0.55), 0.55) == pytest.approx(0.1229, abs=1e-4)
    assert profiled(0.73, 1.95, 0.9) == 0.9 and _error("ccd_mA_cm2", 0.9, 0.9) == 0.0
    assert _error("ccd_mA_cm2", profiled(0.73, 1.95, 1.0, "at_most"), 1.0, "at_most") == 0.0
    assert _error("ccd_mA_cm2", profiled(0.73, 1.95, 2.5, "at_least"), 2.5, "at_least") == pytest.approx(-0.1079, abs=1e-4)


def test_unstated_pressure_records_are_predicted_over_a_range():
    """A Table 2 CCD (no stack pressure stated) is predicted over 0–2 MPa: the range's ends are the engine's CCD of
    the same design at 0 and 2 MPa (stripping-limited, rising with pressure), the error is 0 when the measurement lies
    inside; a record with its pressure stated (SJ20-9MPa, 9 MPa) keeps a single prediction."""
    from anodelab.scoring import score
    from anodelab.validation.solid import UNSTATED_PRESSURE_MPa, _at_pressure, calibrate, solid_comparisons

    assert UNSTATED_PRESSURE_MPa == 2.0
    comps = {c.id: c for c in solid_comparisons()}
    t97 = comps["T2-97"]
    assert not t97.pressure_stated and comps["SJ20-9MPa"].pressure_stated
    r = score([_at_pressure(t97.designs[0], p) for p in (0.0, 2.0)])
    lo, hi = r.value("ccd_mA_cm2")
    assert lo < t97.reported < hi
    rep = calibrate()
    rows = {x["id"]: x for x in rep["record"]}
    assert rows["T2-97"]["predicted_low"] == pytest.approx(lo, rel=1e-5)  # parameters.toml stores 6 digits
    assert rows["T2-97"]["predicted_high"] == pytest.approx(hi, rel=1e-5)
    assert rows["T2-97"]["error"] == 0.0 and rows["T2-97"]["predicted"] == t97.reported
    assert "predicted_low" not in rows["SJ20-9MPa"]
    # the fit with other upper ends of the unknown pressure is reported beside the stored one
    assert set(rep["pressure_sensitivity"]) == {"1 MPa", "5 MPa"}
    # the J_vac / creep split rests on the one stated-pressure train record: the report says so
    assert "without 10.1021/acsami.9b17786" in rep["identifiability"]



# --- records added for issue 12 item 4 (hydroborate, NASICON and anode-free Na cells; all test records) ---
NEW_RECORDS = {
    # id: (doi, quantity, comparison, value, areal capacity per half cycle or None)
    "Asakura20-ASR": ("10.1039/d0ee01569e", "interfacial_asr_ohm_cm2", "equal", 40.0, None),
    "Asakura20-sym": ("10.1039/d0ee01569e", "ccd_mA_cm2", "at_least", 0.0322, 0.161),
    "Asakura20-5C": ("10.1039/d0ee01569e", "ccd_penetration_mA_cm2", "at_least", 0.74, 0.0125),
    "Asakura20-1mAh": ("10.1039/d0ee01569e", "ccd_mA_cm2", "at_least", 0.21, 0.8),
    "Duchene17-60C": ("10.1039/c7cc00794a", "ccd_mA_cm2", "at_least", 0.1, 1.2),
    "Deysher23-Alfoil": ("10.26434/chemrxiv-2023-tkcd9", "ccd_penetration_mA_cm2", "equal", 1.2, 4.0),
    "Au23-320uA": ("10.3390/batteries9010008", "ccd_mA_cm2", "at_least", 0.32, None),
    "Fu20-bare-short": ("10.1002/ente.202200149", "ccd_mA_cm2", "at_most", 0.1, None),
    "Fu20-bare-ASR": ("10.1002/ente.202200149", "interfacial_asr_ohm_cm2", "equal", 1658.0, None),
}


def test_new_solid_records_load_as_test_records_with_their_protocol():
    """Each new record loads, is a test record (nothing fitted), carries its DOI, bound and capacity per half cycle,
    quotes its source in the notes and resolves to a design. Derived capacities, by hand: Asakura 2020 symmetric cell
    32.2 µA cm⁻² × 5 h = 0.161 mAh cm⁻²; 5C full cell 11 mAh g⁻¹ × 1.14 mg cm⁻² = 0.01254 ≈ 0.0125 mAh cm⁻²; high
    loading 100 mAh g⁻¹ × 8.0 mg cm⁻² = 0.80 mAh cm⁻²; Duchêne 2017 0.1 mA cm⁻² × 12 h = 1.2 mAh cm⁻²."""
    recs = {r.id: r for r in load_solid_state_records()}
    for rid, (doi, quantity, comparison, value, cap) in NEW_RECORDS.items():
        r = recs[rid]
        assert (r.doi, r.quantity, r.comparison, r.value, r.role) == (doi, quantity, comparison, value, "test"), rid
        assert "'" in r.notes, rid  # the sentence it is read from, quoted
        d = solid_record_design(r)
        want = 0.1 if cap is None else cap
        assert d.conditions.areal_capacity_mAh_cm2 == pytest.approx(want), rid
    assert 0.0322 * 5.0 == pytest.approx(recs["Asakura20-sym"].areal_capacity_mAh_cm2, rel=1e-3)
    assert 11.0 * 1.14e-3 == pytest.approx(recs["Asakura20-5C"].areal_capacity_mAh_cm2, rel=5e-3)
    assert 100.0 * 8.0e-3 == pytest.approx(recs["Asakura20-1mAh"].areal_capacity_mAh_cm2)
    assert 0.1 * 12.0 == pytest.approx(recs["Duchene17-60C"].areal_capacity_mAh_cm2)
    # records whose library inputs name the same paper say so; unknown pressures are flagged as not stated
    assert all("from this paper" in recs[i].notes or "from this same paper" in recs[i].notes
               for i in ("Asakura20-ASR", "Asakura20-sym", "Asakura20-5C", "Asakura20-1mAh"))
    assert not any(recs[i].stack_pressure_stated for i in ("Duchene17-60C", "Au23-320uA", "Fu20-bare-short",
                                                           "Fu20-bare-ASR"))
    assert (recs["Deysher23-Alfoil"].stack_pressure_MPa, recs["Asakura20-5C"].stack_pressure_MPa) == (10.0, 3.2)
    # proxies are named: NBH / Na4(B12H12)(B10H10) → ncbb
    assert "proxy" in recs["Deysher23-Alfoil"].notes and "proxy" in recs["Duchene17-60C"].notes


def test_new_solid_records_are_not_fitted_and_leave_the_fit_unchanged():
    from anodelab.validation.calibration import load_calibration_report
    from anodelab.validation.solid import calibrate

    rep = calibrate()
    rows = {r["id"]: r for r in rep["record"]}
    assert set(NEW_RECORDS) <= set(rows) and not set(NEW_RECORDS) & set(rep["records_used"])
    assert all(rows[i]["role"] == "test" for i in NEW_RECORDS)
    stored = load_calibration_report()
    for k in ("vacancy_annihilation_current_mA_cm2", "creep_replenishment_length_um"):
        assert rep["fitted"][k] == pytest.approx(stored["fitted"][k], rel=1e-9)


def test_new_solid_records_hand_checks():
    """The engine's numbers for the new records, by hand (V_m = 22.98976928e-3 / 968 = 2.37498e-5 m³ mol⁻¹,
    F = 96485.33 C mol⁻¹, flaw c = 5 µm, Y = 1.12; η_c = V_m (K_IC / (Y √(π c)) − P) / F; plating limit η_c / ASR):

    - Fu20-bare-short (Na | Na3Zr2Si2PO12, 0 MPa): K_IC 1.4 MPa m^0.5 → p_c = 1.4e6 / (1.12 × 3.9633e-3) = 3.1539e8 Pa,
      η_c = 3.1539e8 × 2.37498e-5 / 96485.33 = 77.63 mV; ASR 524 Ω cm² (R_int 214.8 at contact 0.41) → 0.1482 mA cm⁻²;
      the bound ≤ 0.1 is missed by log10(0.1482 / 0.1) = +0.171; with the paper's own bare 1658 Ω cm²: 0.0468 (honoured).
    - Deysher23-Alfoil (NBH as ncbb, 10 MPa): K_IC 0.3 → p_c = 6.7584e7 Pa, η_c = (6.7584e7 − 1.0e7) × 2.37498e-5 /
      96485.33 = 14.17 mV; ncbb R_int = 10 Ω cm² × (1 + cos 90°)/2 = 5 Ω cm² at full contact → 2.835 mA cm⁻² against
      1.2: log10(2.835 / 1.2) = +0.373 (missed ×2.4); Al foil and Na foil give the same number (the host does not enter).
    - Asakura20-ASR (ncbb, 0.2 MPa): f_c = 1, ASR = R_int = 5 Ω cm² against 40: log10(5 / 40) = −0.903.
    - Asakura20-5C (3.2 MPa): η_c = (6.7584e7 − 3.2e6) × 2.37498e-5 / 96485.33 = 15.85 mV / 5 = 3.170 ≥ 0.74 (honoured);
      with the measured 40 Ω cm² it would be 0.396 (the tension the Asakura20-ASR flag states)."""
    import dataclasses

    from anodelab.design import Layer
    from anodelab.scoring import score
    from anodelab.validation.solid import calibrate

    v_m, far, y, c = 22.98976928e-3 / 968.0, 96485.33212, 1.12, 5e-6

    def eta_V(k_ic_MPa, p_MPa):
        return (k_ic_MPa * 1e6 / (y * math.sqrt(math.pi * c)) - p_MPa * 1e6) * v_m / far

    assert eta_V(1.4, 0.0) == pytest.approx(0.07763, rel=1e-4)
    assert eta_V(0.3, 10.0) == pytest.approx(0.014174, rel=1e-4)
    assert eta_V(0.3, 3.2) == pytest.approx(0.015848, rel=1e-4)
    pen_fu = eta_V(1.4, 0.0) / 524.0 * 1e3  # V / (Ω cm²) → A cm⁻² → mA cm⁻²
    pen_deysher = eta_V(0.3, 10.0) / (10.0 * (1.0 + math.cos(math.radians(90.0))) / 2.0) * 1e3
    pen_5c = eta_V(0.3, 3.2) / 5.0 * 1e3
    assert (pen_fu, pen_deysher, pen_5c) == pytest.approx((0.1482, 2.835, 3.170), rel=1e-3)
    assert eta_V(1.4, 0.0) / 1658.0 * 1e3 == pytest.approx(0.0468, rel=2e-3)
    assert eta_V(0.3, 3.2) / 40.0 * 1e3 == pytest.approx(0.396, rel=2e-3)

    rows = {r["id"]: r for r in calibrate()["record"]}
    assert rows["Fu20-bare-short"]["predicted"] == pytest.approx(pen_fu, rel=2e-3)
    assert rows["Fu20-bare-short"]["error"] == pytest.approx(math.log10(pen_fu / 0.1), abs=2e-3)
    assert rows["Deysher23-Alfoil"]["predicted"] == pytest.approx(pen_deysher, rel=2e-3)
    assert rows["Deysher23-Alfoil"]["error"] == pytest.approx(math.log10(pen_deysher / 1.2), abs=2e-3)
    assert rows["Asakura20-ASR"]["predicted"] == pytest.approx(5.0, rel=1e-6)
    assert rows["Asakura20-ASR"]["error"] == pytest.approx(math.log10(5.0 / 40.0), abs=1e-6)
    assert rows["Asakura20-5C"]["predicted"] == pytest.approx(pen_5c, rel=2e-3) and rows["Asakura20-5C"]["error"] == 0.0
    assert rows["Fu20-bare-ASR"]["predicted"] == pytest.approx(524.0, rel=1e-6)
    # bounds honoured: error 0; every miss carries its flag
    for i in ("Asakura20-sym", "Asakura20-1mAh", "Duchene17-60C", "Au23-320uA"):
        assert rows[i]["error"] == 0.0, i
    for i in ("Asakura20-ASR", "Deysher23-Alfoil", "Fu20-bare-short", "Fu20-bare-ASR"):
        assert rows[i]["flag"], i
    # the host does not enter the solid-state CCD: Al foil and Na foil give the same plating limit
    recs = {r.id: r for r in load_solid_state_records()}
    d = solid_record_design(recs["Deysher23-Alfoil"])
    r = score([d, dataclasses.replace(d, host=Layer("na-foil"))])
    assert r.si["ccd_pen_A_m2"][0] == pytest.approx(r.si["ccd_pen_A_m2"][1], rel=1e-12)


def test_ortmann23_records_hand_checks():
    """Ortmann et al. 2023 (doi:10.1002/aenm.202302729): Na plated under Cu on NZSP (library 'nzsp', K_IC 1.4 MPa m^0.5,
    ASR 20 Ω cm² at the as-assembled contact) for 0.5 mAh cm⁻² without a short; both records are lower bounds of the
    plating limit η_c / ASR_interface (V_m, F, c = 5 µm, Y = 1.12 as above):

    - Ortmann23-ATM (0 MPa): η_c = 77.63 mV, ASR = 20 Ω cm² (contact 0.41) → 3.88 mA cm⁻² ≥ 0.2 (honoured);
    - Ortmann23-1mA-2MPa (2 MPa, full contact): η_c = (3.1539e8 − 2e6) × 2.37498e-5 / 96485.33 = 77.14 mV,
      ASR = R_int = 20 × 0.41 = 8.20 Ω cm² → 9.41 mA cm⁻² ≥ 1.0 (honoured).
    Test records: nothing fitted from them (the fitted values are the stored ones)."""
    from anodelab.scoring import score
    from anodelab.validation.calibration import load_calibration_report
    from anodelab.validation.solid import calibrate

    v_m, far, y, c = 22.98976928e-3 / 968.0, 96485.33212, 1.12, 5e-6
    p_c = 1.4e6 / (y * math.sqrt(math.pi * c))
    recs = {r.id: r for r in load_solid_state_records()}
    r = score([solid_record_design(recs["Ortmann23-ATM"]), solid_record_design(recs["Ortmann23-1mA-2MPa"])])
    f0 = float(r.si["contact_fraction"][0])
    assert f0 == pytest.approx(0.41, abs=0.005) and float(r.si["contact_fraction"][1]) == pytest.approx(1.0)
    pen_atm = p_c * v_m / far / 20.0 * 1e3  # V / (Ω cm²) → mA cm⁻²
    pen_2 = (p_c - 2e6) * v_m / far / (20.0 * f0) * 1e3
    assert (pen_atm, pen_2) == pytest.approx((3.882, 9.41), rel=2e-3)
    rep = calibrate()
    rows = {row["id"]: row for row in rep["record"]}
    for i, pen in (("Ortmann23-ATM", pen_atm), ("Ortmann23-1mA-2MPa", pen_2)):
        assert rows[i]["role"] == "test" and rows[i]["comparison"] == "at_least" and i not in rep["records_used"]
        assert rows[i]["predicted"] == pytest.approx(pen, rel=2e-3) and rows[i]["error"] == 0.0
    stored = load_calibration_report()
    for k in ("vacancy_annihilation_current_mA_cm2", "creep_replenishment_length_um"):
        assert rep["fitted"][k] == pytest.approx(stored["fitted"][k], rel=1e-9)
