"""Na inventory of the literature records' electrodes (anodelab.literature.record_na_inventory_mAh_cm2), by hand."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from anodelab.batch import batch_from_designs
from anodelab.errors import AnodeLabError
from anodelab.literature import (
    ASSUMED_NA_EXCESS_mAh_cm2, NA_CHARGE_PER_VOLUME_C_m3, installed_library, load_records, record_design,
    record_na_excess_mAh_cm2, record_na_inventory_mAh_cm2,
)
from anodelab.scoring import score


def _rec(rid):
    return next(r for r in load_records() if r.id == rid)


def test_na_charge_per_volume_by_hand():
    # 500 µm of Na: 0.05 cm × 0.968 g cm⁻³ / 22.99 g mol⁻¹ × 26801 mAh mol⁻¹ = 56.43 mAh cm⁻²
    by_hand = 0.05 * 0.968 / 22.99 * 26801.0
    assert by_hand == pytest.approx(56.43, abs=0.01)
    assert 500e-6 * NA_CHARGE_PER_VOLUME_C_m3 / 3.6e4 == pytest.approx(by_hand, rel=2e-4)  # constants: M 22.98977


def test_foil_record_holds_its_foil():
    rec = _rec("T1-71")  # KTFSI additive, Na | Na foil, 1 mAh cm⁻² per half cycle
    assert rec.data["electrode"]["na_inventory"] == "foil"
    inv = record_na_inventory_mAh_cm2(rec)
    assert inv == pytest.approx(500e-6 * NA_CHARGE_PER_VOLUME_C_m3 / 3.6e4, rel=1e-12)
    assert inv == pytest.approx(56.43, abs=0.01)
    # the cycled 1 mAh cm⁻² comes out of the foil: excess 55.43 mAh cm⁻²
    assert record_na_excess_mAh_cm2(rec, 1.0) == pytest.approx(inv - 1.0, rel=1e-12)
    d = record_design(rec, current_density_mA_cm2=1.0, areal_capacity_mAh_cm2=1.0)
    assert d.conditions.na_excess_mAh_cm2 == pytest.approx(55.43, abs=0.01)


def test_molten_infused_host_holds_its_pore_volume():
    rec = _rec("T1-56")  # molten Na in carbon felt: library 1000 µm, porosity 0.9
    host = installed_library().get("carbon-felt").properties
    assert (host["thickness_um"].value, host["porosity"].value) == (1000.0, 0.9)
    # 1000 µm × 0.9 = 900 µm of Na = 0.09 cm × 0.968 / 22.98977 × 26801 = 101.56 mAh cm⁻²
    assert record_na_inventory_mAh_cm2(rec) == pytest.approx(101.56, abs=0.01)
    assert record_na_excess_mAh_cm2(rec, 2.0) == pytest.approx(99.56, abs=0.01)


def test_pre_plated_hosts_and_table2_keep_the_default():
    assert record_na_inventory_mAh_cm2(_rec("T1-53")) is None  # Na plated into CuNW-Cu: amount not stated
    assert record_na_excess_mAh_cm2(_rec("T1-53"), 1.0) == ASSUMED_NA_EXCESS_mAh_cm2
    for rec in load_records():
        if rec.table == 2:  # solid records: unchanged by the liquid electrodes
            assert record_na_inventory_mAh_cm2(rec) is None
            assert record_design(rec).conditions.na_excess_mAh_cm2 == ASSUMED_NA_EXCESS_mAh_cm2


def test_every_table1_lifetime_record_states_its_electrode():
    for rec in load_records():
        if rec.table == 1 and "lifetime_h" in rec.data.get("symmetric", {}):
            el = rec.data["electrode"]
            assert el["na_inventory"] in ("foil", "pore_volume", "pre_plated") and el["na_inventory_note"]


def test_stated_amount_wins_and_a_bad_kind_names_the_record():
    rec = _rec("T1-53")
    stated = dataclasses.replace(rec, data={**rec.data, "electrode": {"na_inventory": "pre_plated",
                                                                       "na_inventory_mAh_cm2": 8.0}})
    assert record_na_inventory_mAh_cm2(stated) == 8.0
    assert record_na_excess_mAh_cm2(stated, 1.0) == 7.0
    assert record_na_excess_mAh_cm2(stated, 10.0) == 0.0  # never negative
    bad = dataclasses.replace(rec, data={**rec.data, "electrode": {"na_inventory": "sponge"}})
    with pytest.raises(AnodeLabError, match="na_inventory") as exc:
        record_na_inventory_mAh_cm2(bad)
    assert "T1-53" in str(exc.value.entry)
    # an explicit condition wins over the record's electrode
    assert record_design(rec, na_excess_mAh_cm2=2.0).conditions.na_excess_mAh_cm2 == 2.0


def test_a_thicker_foil_never_shortens_the_predicted_life():
    rec = _rec("T1-74-b")  # graphene film on Na foil in a carbonate
    lives = []
    # 25-50 µm: the foil's Na runs out first (55, 131 h); from 100 µm on the shared electrolyte (240 h) ends it
    for t_um in (25.0, 50.0, 100.0, 250.0, 1000.0):
        r = dataclasses.replace(rec, data={**rec.data, "electrode": {"na_inventory": "foil",
                                                                       "na_foil_thickness_um": t_um}})
        lives.append(record_design(r, current_density_mA_cm2=1.0, areal_capacity_mAh_cm2=1.0))
    life = score(batch_from_designs(lives, installed_library())).value("predicted_lifetime_h")
    assert np.all(np.diff(life) >= 0.0) and life[-1] > life[0]
