"""Liquid electrolytes that depend on concentration (issue 13, item 2): anodelab.electrolyte.

Hand calculations with the numbers of Chayambuka et al. 2022 (NaPF6 in EC:PC, doi:10.1016/j.electacta.2021.139726),
the fits against the measured points of resources/literature/electrolyte_transport.toml, trends, and the engine
hook (override precedence, the refusal outside the validity range).
"""

from __future__ import annotations

import math
import tomllib
import warnings

import numpy as np
import pytest

from anodelab.design import design_from_dict
from anodelab.electrolyte import PARAMETERISATIONS
from anodelab.electrolyte.forms import casteel_amis_mS_cm
from anodelab.electrolyte.parameterisations import NAPF6_EC_PC_CHAYAMBUKA2022 as CH
from anodelab.errors import AnodeLabError
from anodelab.materials.library import default_library
from anodelab.paths import resources_dir
from anodelab.scoring import score

F = 96485.33212
KB = 8.617333262e-5


def _record(model_id):
    with open(resources_dir() / "literature" / "electrolyte_transport.toml", "rb") as fh:
        return tomllib.load(fh)["records"][model_id]


def _design(c=None, temperature_C=25.0, **overrides):
    el = {"material": "napf6-ecpc-1m"}
    if c is not None:
        el["concentration_mol_L"] = c
    el.update(overrides)
    return design_from_dict({
        "format_version": 1, "name": "Na | NaPF6 EC:PC",
        "conditions": {"current_density_mA_cm2": 1.0, "areal_capacity_mAh_cm2": 1.0, "temperature_C": temperature_C,
                       "stack_pressure_MPa": 0.0, "cycles": 100, "na_excess_mAh_cm2": 50.0},
        "host": {"material": "na-foil"}, "electrolyte": el})


def test_casteel_amis_by_hand_reproduces_the_paper_at_1_molar():
    # σ(1 M) = 8.8828 (1/1.18379)^0.577621 exp(−0.0930619 (−0.18379)² + 0.577621 · 0.18379 / 1.18379)
    by_hand = 8.8828 * (1 / 1.18379) ** 0.577621 * math.exp(-0.0930619 * 0.18379**2 + 0.577621 * 0.18379 / 1.18379)
    assert by_hand == pytest.approx(8.786, abs=5e-4)
    assert float(CH.conductivity(1.0)) == pytest.approx(by_hand, rel=1e-9)
    # the paper's measured 8.83 mS cm⁻¹ at 1 M, 25 °C, within 0.6 %
    assert float(CH.conductivity(1.0)) == pytest.approx(8.83, rel=6e-3)


def test_fits_reproduce_every_measured_point():
    rec = _record(CH.id)
    sigma = CH.conductivity(np.array(rec["concentration_sigma_mol_L"]))
    assert np.max(np.abs(sigma / np.array(rec["conductivity_mS_cm"]) - 1)) < 0.012
    # D: the shape of the listed points (their ratio to the 1 M value), scale 2.5061e-6 cm² s⁻¹ at 1 M
    c_d, d_listed = np.array(rec["concentration_D_mol_L"]), np.array(rec["diffusivity_listed_cm2_s"])
    listed_1m = np.interp(1.0, c_d, d_listed)
    assert np.max(np.abs(CH.diffusivity(c_d) / CH.diffusivity(1.0) - d_listed / listed_1m)) < 0.02
    assert float(CH.diffusivity(1.0)) == pytest.approx(2.5061e-6, rel=1e-12)
    assert float(CH.transference(0.5)) == float(CH.transference(2.0)) == rec["transference_number"] == 0.45


def test_stored_conductivity_fit_is_the_least_squares_fit_of_the_record():
    import lmfit

    rec = _record(CH.id)
    c, s = np.array(rec["concentration_sigma_mol_L"]), np.array(rec["conductivity_mS_cm"])
    pars = lmfit.Parameters()
    pars.add("smax", 9.0, min=0)
    pars.add("mu", 1.2, min=0.1)
    pars.add("a", 0.7, min=0)
    pars.add("b", 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        fit = lmfit.minimize(lambda p: casteel_amis_mS_cm(c, p["smax"], p["mu"], p["a"], p["b"]) / s - 1, pars)
    got = fit.params
    assert got["smax"].value == pytest.approx(CH.conductivity.sigma_max_mS_cm, rel=1e-3)
    assert got["mu"].value == pytest.approx(CH.conductivity.mu_mol_L, rel=2e-3)
    assert got["a"].value == pytest.approx(CH.conductivity.a, rel=5e-3)
    assert got["b"].value == pytest.approx(CH.conductivity.b_L2_mol2, rel=2e-2)


def test_conductivity_has_its_maximum_where_the_paper_has_it_and_diffusivity_falls():
    c = np.linspace(0.15, 2.0, 3701)
    sigma = CH.conductivity(c)
    c_max = c[np.argmax(sigma)]
    # measured: 8.83 at 1.0 M > 8.61 at 1.5 M > 7.60 at 2 M, 7.20 at 0.5 M: the maximum lies between 1 and 1.5 M
    assert 1.0 < c_max < 1.5 and c_max == pytest.approx(CH.conductivity.mu_mol_L, abs=1e-3)
    assert np.all(np.diff(sigma[c < 1.1]) > 0) and np.all(np.diff(sigma[c > 1.3]) < 0)
    assert np.all(np.diff(CH.diffusivity(c)) < 0)


def test_library_values_are_the_parameterisation_at_the_library_concentration():
    lib = default_library()
    for mat in lib.materials.values():
        model_id = mat.properties.get("transport_model")
        if mat.cls != "liquid_electrolyte" or model_id is None or model_id.value == "none":
            continue
        model = PARAMETERISATIONS[model_id.value]
        sigma, diff, t_plus = model.at(mat.properties["concentration_mol_L"].value)
        assert mat.properties["conductivity_mS_cm"].value == pytest.approx(float(sigma), rel=1e-3)
        assert mat.properties["diffusivity_cm2_s"].value == pytest.approx(float(diff), rel=1e-3)
        assert mat.properties["transference_number"].value == pytest.approx(float(t_plus), rel=1e-3)
        lo, hi = mat.properties["conductivity_mS_cm"].range
        assert lo <= float(sigma) <= hi


def test_engine_uses_sigma_d_tplus_at_the_design_concentration_by_hand():
    r = score(_design(c=1.5))
    sigma, diff, t_plus = (float(v) for v in CH.at(1.5))
    assert r.si["sigma_electrolyte_S_m"][0] == pytest.approx(sigma * 0.1, rel=1e-12)  # mS cm⁻¹ → S m⁻¹
    assert r.si["diffusivity_m2_s"][0] == pytest.approx(diff * 1e-4, rel=1e-12)
    # Eq. 6 at 1.5 M by hand: J* = 2 F D C0 / (t_a L), L = 400 µm
    j_lim = 2 * F * diff * 1e-4 * 1500.0 / ((1 - t_plus) * 400e-6)
    assert r.si["j_lim_A_m2"][0] == pytest.approx(j_lim, rel=1e-12)
    # the library design at 1 M equals the library values (consistency of the two ways to enter it)
    base = score(_design())
    assert base.si["sigma_electrolyte_S_m"][0] == pytest.approx(0.8786, rel=1e-3)
    assert score(_design(c=1.0)).si["sigma_electrolyte_S_m"][0] == pytest.approx(float(CH.conductivity(1.0)) * 0.1, rel=1e-12)


def test_conductivity_rises_with_temperature_by_the_arrhenius_law():
    ea = default_library().get("napf6-ecpc-1m").properties["conductivity_activation_energy_eV"].value
    s25 = score(_design(c=0.5)).si["sigma_electrolyte_S_m"][0]
    s45 = score(_design(c=0.5, temperature_C=45.0)).si["sigma_electrolyte_S_m"][0]
    assert s45 > s25
    assert s45 / s25 == pytest.approx(math.exp(-ea / KB * (1 / 318.15 - 1 / 298.15)), rel=1e-12)


def test_inline_override_wins_over_the_parameterisation():
    r = score(_design(c=1.5, conductivity_mS_cm=5.0))
    assert r.si["sigma_electrolyte_S_m"][0] == pytest.approx(0.5, rel=1e-12)
    assert r.si["diffusivity_m2_s"][0] == pytest.approx(float(CH.diffusivity(1.5)) * 1e-4, rel=1e-12)


def test_concentration_outside_the_validity_range_is_refused_with_its_range():
    with pytest.raises(AnodeLabError) as err:
        score(_design(c=3.0))
    msg = str(err.value)
    assert "concentration_mol_L" in msg and "0.15-2 mol/L" in msg and "napf6-ec-pc-chayambuka2022" in msg
    assert "\n" not in msg
    # switched off, the material's own values hold (the user's responsibility), and nothing is NaN
    r = score(_design(c=3.0, transport_model="none"))
    assert r.si["sigma_electrolyte_S_m"][0] == pytest.approx(0.8786, rel=1e-3)
    assert all(np.isfinite(r.si[k][0]) for k in ("sigma_electrolyte_S_m", "diffusivity_m2_s", "j_lim_A_m2", "risk"))


def test_li_analogue_activation_energies_quoted_for_the_carbonates():
    # Landesfeind & Gasteiger 2019 (doi:10.1149/2.0571912jes), LiPF6 in EC:EMC 3:7: σ [mS cm⁻¹] =
    # p1 (1 + (T − p2)) c (1 + p3 √c + p4 (1 + p5 e^(1000/T)) c) / (1 + c⁴ p6 e^(1000/T)),
    # D [1e-10 m² s⁻¹] = p1 e^(p2 c) e^(p3/T) e^(p4 c/T): apparent E_a = −k_B Δln x / Δ(1/T) between 0 and 40 °C
    def sigma(c, t):
        p1, p2, p3, p4, p5, p6 = 5.21e-1, 2.28e2, -1.06, 3.53e-1, -3.59e-3, 1.48e-3
        e = math.exp(1000 / t)
        return p1 * (1 + (t - p2)) * c * (1 + p3 * math.sqrt(c) + p4 * (1 + p5 * e) * c) / (1 + c**4 * p6 * e)

    def diff(c, t):
        return 1.01e3 * math.exp(1.01 * c) * math.exp(-1.56e3 / t) * math.exp(-4.87e2 * c / t)

    def ea(f, c):
        return -KB * math.log(f(c, 313.15) / f(c, 273.15)) / (1 / 313.15 - 1 / 273.15)

    assert sigma(1.0, 298.15) == pytest.approx(9.13, abs=0.01)
    assert ea(sigma, 1.0) == pytest.approx(0.13, abs=0.005) and ea(diff, 1.0) == pytest.approx(0.18, abs=0.005)
    assert ea(sigma, 0.5) == pytest.approx(0.12, abs=0.005) and ea(sigma, 1.5) == pytest.approx(0.16, abs=0.005)
    carbonate = default_library().get("napf6-ecpc-1m").properties["conductivity_activation_energy_eV"]
    lo, hi = carbonate.range
    assert lo <= ea(sigma, 1.0) <= carbonate.value <= ea(diff, 1.0) <= hi
    assert "10.1149/2.0571912jes" in carbonate.source


def test_resolved_layer_shows_the_values_the_engine_uses_with_their_source():
    from anodelab.design import resolve

    el = resolve(_design(c=1.5)).layers["electrolyte"]
    sigma = el.properties["conductivity_mS_cm"]
    assert sigma.value == pytest.approx(float(CH.conductivity(1.5)), rel=1e-12)
    assert "napf6-ec-pc-chayambuka2022" in sigma.source and "1.5 mol/L" in sigma.source
    assert "10.1016/j.electacta.2021.139726" in sigma.source
    k = sigma.value / 8.786  # the library range carried over with the same relative width
    assert sigma.range == pytest.approx((8.0 * k, 9.6 * k), rel=1e-12)
    assert el.properties["diffusivity_cm2_s"].value == pytest.approx(float(CH.diffusivity(1.5)), rel=1e-12)
    # an inline override keeps the user's value and source
    mine = resolve(_design(c=1.5, conductivity_mS_cm=5.0)).layers["electrolyte"].properties["conductivity_mS_cm"]
    assert mine.value == 5.0 and "napf6" not in mine.source


def test_one_cell_one_answer_whatever_reference_temperature_it_is_entered_with():
    plain = score(_design(c=1.5)).si
    moved = score(_design(c=1.5, reference_temperature_C=40.0)).si
    for key in ("sigma_electrolyte_S_m", "diffusivity_m2_s", "j_lim_A_m2"):
        assert moved[key][0] == pytest.approx(plain[key][0], rel=1e-12)


def test_a_material_at_another_concentration_screens_as_it_resolves():
    # a (user) material with the parameterisation at 1.5 M: the screen's per-material columns and resolve() of a
    # design both take σ, D, t₊ from the parameterisation at 1.5 M (one cell, one answer, whichever way it is entered)
    from dataclasses import replace

    from anodelab.design import resolve
    from anodelab.screening.plan import _resolved

    mat = default_library().get("napf6-ecpc-1m")
    props = dict(mat.properties)
    props["concentration_mol_L"] = replace(props["concentration_mol_L"], value=1.5)
    screened = _resolved("electrolyte", replace(mat, properties=props)).properties
    designed = resolve(_design(c=1.5)).layers["electrolyte"].properties
    for name in ("conductivity_mS_cm", "diffusivity_cm2_s", "transference_number"):
        assert screened[name].value == designed[name].value
    assert screened["conductivity_mS_cm"].value == pytest.approx(float(CH.conductivity(1.5)), rel=1e-12)
