"""The [cathode] slot and the [cell] section: validation, round trip, and designs without a cathode."""

import numpy as np
import pytest

from anodelab.cell.energy import CELL_SI_KEYS
from anodelab.design import design_from_dict, dumps_design, load_design
from anodelab.errors import AnodeLabError
from anodelab.metrics import METRICS
from anodelab.materials.library import default_library
from anodelab.scoring import score

BASE = {
    "format_version": 1,
    "name": "t",
    "host": {"material": "cu-foil"},
    "electrolyte": {"material": "napf6-diglyme-1m", "electrode_gap_um": 25.0},
}


def with_(**parts):
    d = dict(BASE)
    d.update(parts)
    return d


@pytest.mark.parametrize(
    "parts, words",
    [
        ({"cell": {"separator_porosity": 0.4}}, ["cell", "needs a [cathode]"]),
        ({"cathode": {"material": "nvp-c"}, "cell": {"separator_thickness_um": 20}}, ["separator_thickness_um", "unknown cell field"]),
        ({"cathode": {"material": "nvp-c"}, "cell": {"packaging_mass_fraction": 0.95}}, ["packaging_mass_fraction", "≤ 0.9"]),
        ({"cathode": {"material": "nvp-c"}, "cell": {"electrolyte_to_capacity_g_Ah": -1}}, ["electrolyte_to_capacity_g_Ah", "≥ 0"]),
        ({"cathode": {"material": "nvp-c"}, "cell": {"double_sided": 1}}, ["double_sided", "true or false"]),
        ({"cathode": {"material": "nvp-c"}, "cell": {"depth_of_discharge": 1.5}}, ["depth_of_discharge", "≤ 1"]),
        ({"cathode": {"material": "nvp-c"}, "cell": {"np_ratio": 1.0},
          "conditions": {"na_excess_mAh_cm2": 3.0}}, ["np_ratio", "na_excess_mAh_cm2", "give one of the two"]),
        ({"cathode": {"material": "nvp-c"}, "conditions": {"areal_capacity_mAh_cm2": 2.0}},
         ["areal_capacity_mAh_cm2", "cathode's areal capacity"]),
        ({"cathode": {"material": "cu-foil"}}, ["cathode", "not allowed in the cathode slot"]),
        ({"cathode": {"material": "nvp-x"}}, ["cathode", "unknown material"]),
        ({"cathode": {"material": "nvp-c", "porosity": 1.2}}, ["porosity", "[0, 0.99]"]),
        ({"host": {"material": "nvp-c"}}, ["host", "not allowed in the host slot"]),
    ],
)
def test_bad_cell_input_names_file_field_and_range(parts, words):
    with pytest.raises(AnodeLabError) as exc:
        design_from_dict(with_(**parts), file="cell.toml")
    msg = str(exc.value)
    assert msg.startswith("cell.toml")
    for w in words:
        assert w in msg, msg


def test_np_ratio_and_dod_set_the_conditions_and_round_trip(tmp_path):
    d = design_from_dict(with_(cathode={"material": "nvp-c"}, cell={"np_ratio": 2.0, "depth_of_discharge": 0.5}))
    q = 12.0 * 0.92 * 110.0 / 1000.0  # the library NVP: 1.2144 mAh cm⁻²
    assert d.conditions.na_excess_mAh_cm2 == pytest.approx(2.0 * q)
    assert d.conditions.areal_capacity_mAh_cm2 == pytest.approx(0.5 * q)
    path = tmp_path / "cell.toml"
    path.write_text(dumps_design(d))
    again = load_design(path)
    assert again == d
    rec = score(again).record(0)
    assert rec["np_ratio"] == pytest.approx(2.0) and rec["depth_of_discharge"] == pytest.approx(0.5)


def test_a_design_without_a_cathode_scores_as_an_anode():
    anode = design_from_dict(with_())
    full = design_from_dict(with_(cathode={"material": "nvp-c"}))
    ra, rf = score(anode), score(full)
    for k in CELL_SI_KEYS:
        assert k not in ra.si, k  # a batch without any cathode does not compute them
        assert np.isfinite(rf.si[k]).all() or np.isinf(rf.si[k]).all(), k
    for spec in METRICS:
        if spec.cell_only:
            assert np.isnan(ra.value(spec.key)).all() and ra.record(0)[spec.key] is None
    # the anode physics does not see the cathode; only the lifetime model does: its electrolyte mechanism (a full
    # cell holds its E/C, not the half cell's separator or flooded volume) and the number of Na electrodes that
    # plate (n_e = 2 without a cathode, 1 with one: electrolyte, nucleation and SEI-fracture times), and what follows
    follows = {"t_fail_electrolyte_s", "t_fail_nucleation_s", "t_fail_sei_fracture_s", "lifetime_s",
               "lifetime_cycles", "failure_mechanism", "risk"}
    for k, v in ra.si.items():
        if k not in follows:
            np.testing.assert_array_equal(v, rf.si[k], err_msg=k)
    assert rf.si["t_fail_electrolyte_s"][0] != ra.si["t_fail_electrolyte_s"][0]
    for k in ra.hazards:
        if k not in ("electrolyte", "nucleation", "sei_fracture"):
            np.testing.assert_array_equal(ra.hazards[k], rf.hazards[k], err_msg=k)
    np.testing.assert_array_equal(ra.warning_bits, rf.warning_bits)
    assert "cell" not in anode.to_dict() and "cathode" not in anode.to_dict()

    # the dead-Na shorts of the symmetric cell count both electrodes' layers: exactly half the full cell's cycles
    # (same J, Q, CE and gap: the anode physics is the same)
    for k in ("t_fail_nucleation_s", "t_fail_sei_fracture_s"):
        np.testing.assert_allclose(ra.si[k] / ra.si["half_cycle_s"], 0.5 * rf.si[k] / rf.si["half_cycle_s"],
                                   rtol=1e-12, err_msg=k)


def test_mixed_batches_fill_cell_metrics_only_where_a_cathode_is():
    anode = design_from_dict(with_())
    full = design_from_dict(with_(cathode={"material": "prussian-white"}))
    r = score([anode, full, anode])
    e = r.value("cell_specific_energy_Wh_kg")
    assert np.isnan(e[0]) and np.isnan(e[2]) and 50 < e[1] < 400


def test_library_cathodes_are_cited_and_their_curves_match_the_mean_voltage():
    lib = default_library()
    cathodes = {m.id: m for m in lib.of_class("cathode")}
    assert {"nvp-c", "nvpf-c", "prussian-white", "nfm111"} <= set(cathodes)
    for m in cathodes.values():
        for name, p in m.properties.items():
            assert "doi:" in p.source or p.source.startswith("estimate"), (m.id, name)
        c = m.voltage_curve
        assert c is not None and c.source
        mean = np.trapezoid(c.voltage_V, c.state_of_charge)
        assert mean == pytest.approx(m.value("average_voltage_V"), rel=0.03), m.id


def test_a_bad_voltage_curve_is_refused(tmp_path):
    from anodelab.materials.library import load_file

    text = (tmp_path / "c.toml")
    text.write_text(
        'schema_version = 1\n[materials.c1]\nname = "x"\nclass = "cathode"\n[materials.c1.properties]\n'
        'specific_capacity_mAh_g = { value = 100.0, source = "estimate: t" }\n'
        'average_voltage_V = { value = 3.0, source = "estimate: t" }\n'
        'density_g_cm3 = { value = 3.0, source = "estimate: t" }\n'
        'porosity = { value = 0.3, source = "estimate: t" }\n'
        'areal_loading_mg_cm2 = { value = 10.0, source = "estimate: t" }\n'
        'active_fraction = { value = 0.9, source = "estimate: t" }\n'
        '[materials.c1.voltage_curve]\nstate_of_charge = [0.0, 0.6, 0.5, 1.0]\nvoltage_V = [3, 3, 3, 3]\nsource = "estimate"\n'
    )
    with pytest.raises(AnodeLabError, match="voltage_curve.*rise strictly"):
        load_file(text)


from hypothesis import given, settings, strategies as st  # noqa: E402

from anodelab.cell.spec import CELL_FIELD_SPECS  # noqa: E402

_values = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.integers(-10**6, 10**6), st.booleans(),
                    st.text(max_size=5), st.none())


@settings(max_examples=150, deadline=None)
@given(field=st.sampled_from(sorted(CELL_FIELD_SPECS)), value=_values)
def test_any_cell_value_is_accepted_in_range_or_refused_naming_the_field(field, value):
    data = with_(cathode={"material": "nvp-c"}, cell={field: value})
    try:
        d = design_from_dict(data, file="h.toml")
    except AnodeLabError as exc:
        assert field in str(exc) and str(exc).startswith("h.toml")
        assert CELL_FIELD_SPECS[field].check(value) is not None
        return
    assert CELL_FIELD_SPECS[field].check(value) is None
    rec = score(d).record(0)
    assert rec["cell_specific_energy_Wh_kg"] is None or rec["cell_specific_energy_Wh_kg"] > 0
