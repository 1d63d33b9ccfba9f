"""Within-paper CE comparisons (resources/literature/ce_pairs.toml, anodelab.validation.ce_pairs)."""

from __future__ import annotations

import math

import pytest

from anodelab.errors import AnodeLabError
from anodelab.literature import installed_library
from anodelab.physics.parameters import default_parameters
from anodelab.validation.ce_pairs import (
    KINDS, ce_pairs_lines, ce_pairs_section, compare_ce_pairs, load_ce_pairs, loss_ratio_from_log_factor,
)

PAIR = """
schema_version = 1
[[pair]]
id = "CEP-TEST"
doi = "10.0000/test.doi"
kind = "{kind}"
electrolyte = "napf6-diglyme-1m"
temperature_C = 25.0
quote = "the host keeps 99.85 % while Cu averages 89.79 %"
{extra}
[pair.a]
host = "cu-foil"
current_density_mA_cm2 = 1.0
areal_capacity_mAh_cm2 = 1.0
{ce_a}
[pair.b]
host = "{host_b}"
current_density_mA_cm2 = {j_b}
areal_capacity_mAh_cm2 = 1.0
ce = 0.9985
"""


def _write(tmp_path, **kw):
    args = dict(kind="host_vs_planar", extra="", ce_a="ce = 0.8979", host_b="n-doped-mesoporous-carbon", j_b="1.0") | kw
    p = tmp_path / "pairs.toml"
    p.write_text(PAIR.format(**args), encoding="utf-8")
    return p


def test_shipped_pairs_load_with_doi_quote_and_known_materials():
    pairs = load_ce_pairs()
    assert len(pairs) >= 10
    lib = installed_library()
    for p in pairs:
        assert p.doi.startswith("10.") and len(p.quote) > 20 and p.kind in KINDS
        for arm in (p.a, p.b):
            lib.get(arm.host)  # every arm maps to a library host
        assert p.b.ce is not None and (p.a.ce is not None or p.b_better)


def test_loss_ratio_by_hand():
    # CE_a = 0.8979, r = 2.285: 0.8979^2.285 = exp(2.285 ln 0.8979) = exp(−0.24607) = 0.78184 ⇒ R = 0.21816 / 0.1021
    assert loss_ratio_from_log_factor(0.8979, 2.285) == pytest.approx(0.21816 / 0.1021, rel=2e-4)
    assert loss_ratio_from_log_factor(0.9, 1.0) == pytest.approx(1.0, rel=1e-12)  # same factor ⇒ same loss


def test_host_vs_planar_factor_by_hand(tmp_path):
    """Same J, Q, T: r = (A_b / A_a)^s · ((J/A_b) / (J/A_a))^n = (A_b / A_a)^(s − n)."""
    rows = compare_ce_pairs(load_ce_pairs(_write(tmp_path)))
    lib, p = installed_library(), default_parameters()
    a_cu = lib.get("cu-foil").value("surface_area_ratio")  # 1.1
    a_h = lib.get("n-doped-mesoporous-carbon").value("surface_area_ratio")  # 30
    r_hand = (a_h / a_cu) ** (p.sei_area_exponent - p.ce_current_exponent)  # (30 / 1.1)^0.25 = 2.2852
    assert r_hand == pytest.approx(2.2852, rel=1e-4)
    (row,) = rows
    assert row["log_factor"] == pytest.approx(r_hand, rel=1e-9)
    assert row["loss_ratio_measured"] == pytest.approx(0.0015 / 0.1021, rel=1e-9)
    assert row["loss_ratio_predicted"] == pytest.approx(loss_ratio_from_log_factor(0.8979, r_hand), rel=1e-9)
    assert row["ce_b_predicted"] == pytest.approx(0.8979 ** r_hand, rel=1e-9)
    assert row["fold_error"] == pytest.approx(row["loss_ratio_predicted"] / row["loss_ratio_measured"], rel=1e-9)
    assert row["sign_agrees"] is False  # the engine's host loses more, the paper's less


def test_current_series_factor_by_hand(tmp_path):
    """One electrode at 4 vs 1 mA cm⁻²: r = 4^n (the area and the coating cancel)."""
    path = _write(tmp_path, kind="current_series", host_b="cu-foil", j_b="4.0")
    (row,) = compare_ce_pairs(load_ce_pairs(path))
    assert row["log_factor"] == pytest.approx(4.0 ** default_parameters().ce_current_exponent, rel=1e-9)


def test_ordinal_pair_tests_the_sign_only(tmp_path):
    path = _write(tmp_path, ce_a="", extra="b_better = true")
    (row,) = compare_ce_pairs(load_ce_pairs(path))
    assert row["ordinal"] and row["loss_ratio_measured"] is None and row["fold_error"] is None
    assert row["measured_b_better"] is True and row["loss_ratio_predicted"] > 1.0 and row["sign_agrees"] is False


@pytest.mark.parametrize("kw, field", [
    (dict(kind="other"), "kind"),
    (dict(ce_a=""), "pair.a.ce"),  # no CE for arm a and no b_better
    (dict(ce_a="ce = 89.79"), "pair.a.ce"),  # a percentage, not a fraction
    (dict(j_b="-1.0"), "pair.b"),
])
def test_bad_records_name_file_record_and_field(tmp_path, kw, field):
    with pytest.raises(AnodeLabError) as err:
        load_ce_pairs(_write(tmp_path, **kw))
    msg = str(err.value)
    assert "pairs.toml" in msg and "CEP-TEST" in msg and field in msg


def test_unknown_host_names_the_record(tmp_path):
    with pytest.raises(AnodeLabError) as err:
        compare_ce_pairs(load_ce_pairs(_write(tmp_path, host_b="no-such-host")))
    assert "CEP-TEST" in str(err.value) and "no-such-host" in str(err.value)


def test_shipped_section_and_lines():
    sec = ce_pairs_section()
    by_kind = {s["kind"]: s for s in sec["summaries"]}
    hv = by_kind["host_vs_planar"]
    assert hv["n"] == 10 and hv["n_numeric"] == 6 and hv["n_references"] == 6
    # the measured fact the section exposes: every same-paper host beats its planar control ...
    assert all(r["measured_b_better"] for r in sec["rows"] if r["kind"] == "host_vs_planar")
    # ... and every series point loses more at the higher current
    assert all(r["loss_ratio_measured"] > 1.0 for r in sec["rows"] if r["kind"] == "current_series")
    for r in sec["rows"]:
        assert math.isfinite(r["loss_ratio_predicted"]) and r["loss_ratio_predicted"] > 0
    lines = ce_pairs_lines(sec, points=True)
    assert any("host vs planar control" in line and "sign right" in line for line in lines)
    assert sum("CEP-" in line for line in lines) == len(sec["rows"])


def test_validate_prints_the_ce_pair_rows(capsys):
    from anodelab.cli import main

    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "Within-paper CE comparisons" in out and "CE vs current density (one electrode)" in out


def test_unreadable_file_names_the_file(tmp_path):
    p = tmp_path / "broken_pairs.toml"
    p.write_text("[[pair]\nid = ", encoding="utf-8")
    with pytest.raises(AnodeLabError) as err:
        load_ce_pairs(p)
    assert "broken_pairs.toml" in str(err.value)
    with pytest.raises(AnodeLabError) as err:
        load_ce_pairs(tmp_path / "missing.toml")
    assert "missing.toml" in str(err.value)


def test_absolute_reading_by_hand(tmp_path):
    """CE_b from the library alone: CE_Cu^(r_b) with the host's own factor; R_abs = (1 − CE_b,lib) / (1 − CE_a)."""
    (row,) = compare_ce_pairs(load_ce_pairs(_write(tmp_path)))
    lib, p = installed_library(), default_parameters()
    ce_cu = lib.get("napf6-diglyme-1m").value("coulombic_efficiency_on_cu")  # 0.999, at J_ref 0.5 mA cm⁻², Q_ref 1
    a_h = lib.get("n-doped-mesoporous-carbon").value("surface_area_ratio")  # 30
    j_eff = 1.0 / a_h  # mA cm⁻² per unit of host area
    g = a_h ** p.sei_area_exponent * (j_eff / p.ce_reference_current_mA_cm2) ** p.ce_current_exponent
    ce_b_hand = ce_cu ** g  # 25 °C = T_ref, Q = Q_ref: no other factor
    assert g == pytest.approx(30 ** 0.5 * (1 / 15) ** 0.25, rel=1e-12)
    assert row["ce_b_library"] == pytest.approx(ce_b_hand, rel=1e-9)
    assert row["fold_error_absolute"] == pytest.approx(max((1 - ce_b_hand) / 0.0015, 0.0015 / (1 - ce_b_hand)), rel=1e-6)
    assert row["loss_ratio_predicted_absolute"] == pytest.approx((1 - ce_b_hand) / 0.1021, rel=1e-6)
    assert row["sign_agrees_absolute"] is True  # the library's host loses less than this paper's Cu


def test_shipped_absolute_reading():
    sec = ce_pairs_section()
    hv = next(s for s in sec["summaries"] if s["kind"] == "host_vs_planar")
    # every numeric host pair: the library's host CE (clean CE_Cu) loses less than the paper's own planar control
    assert hv["sign_agrees_absolute"] == hv["n_numeric"] == 6
    assert hv["median_fold_error_absolute"] < 10  # within a decade of the hosts' reported 1 − CE (median)
