"""Provenance of the ranking properties (issue 13, item 6): estimate shares and the estimate check."""

from anodelab.literature import installed_library
from anodelab.materials.library import Library, Material, Property
from anodelab.validation.provenance import (
    MIN_REASONING_CHARS, RANKING_PROPERTIES, estimate_problems, estimate_shares, is_estimate, reasoning,
)

WHY = "estimate: felt of ~10 µm fibres, ~90 % porous: 4(1-ε)/d ≈ 400 cm-1 × 0.1 cm accessible depth ≈ 40"


def _host(mid, sar):
    return Material(mid, mid, "host", {"surface_area_ratio": sar, "porosity": Property(0.5, "estimate")})


def _lib():
    el = Material("el", "el", "liquid_electrolyte", {
        "coulombic_efficiency_on_cu": Property(0.999, "Seh et al. 2015, doi:10.1021/acscentsci.5b00328"),
        "sei_asr_ohm_cm2": Property(3.0, "Estimate: as the diglyme one"),  # too short, and no range
        "conductivity_mS_cm": Property(7.0, "estimate (Li analogue): " + "x" * MIN_REASONING_CHARS, (5.0, 9.0)),
    })
    return Library({m.id: m for m in (_host("felt", Property(50.0, WHY, (20.0, 150.0))),
                                      _host("foil", Property(1.1, "handbook roughness of rolled foil")), el)})


def test_shares_count_estimates_per_ranking_property():
    shares = estimate_shares(_lib())
    assert set(shares) == set(RANKING_PROPERTIES)
    assert shares["surface_area_ratio"] == (1, 2)  # felt is an estimate, foil cites a source
    assert shares["coulombic_efficiency_on_cu"] == (0, 1)
    assert shares["sei_asr_ohm_cm2"] == (1, 1)  # the prefix is case-insensitive
    assert shares["conductivity_mS_cm"] == (1, 1)
    assert shares["exchange_current_density_mA_cm2"] == (0, 0)  # no material carries it
    # porosity is not a ranking property: its bare "estimate" is not counted or checked
    assert all("porosity" not in m for m in estimate_problems(_lib()))


def test_reasoning_is_the_text_after_the_prefix():
    assert reasoning(Property(1.0, WHY)).startswith("felt of ~10 µm fibres")
    assert reasoning(Property(1.0, "estimate (Li analogue): σ of LiPF6")) == "(Li analogue): σ of LiPF6"
    assert reasoning(Property(1.0, "doi:10.1016/j.electacta.2021.139726")) == ""
    assert is_estimate(Property(1.0, "  Estimate: x")) and not is_estimate(Property(1.0, "ref [67]: estimated CE"))


def test_an_estimate_without_range_or_reasoning_is_reported():
    problems = estimate_problems(_lib())
    assert problems == ["el.sei_asr_ohm_cm2: an estimate without a range",
                        "el.sei_asr_ohm_cm2: an estimate without a reasoning line ('Estimate: as the diglyme one')"]


def test_every_estimate_left_in_the_installed_library_has_a_range_and_a_reasoning_line():
    lib = installed_library()
    assert estimate_problems(lib) == []
    est, n = estimate_shares(lib)["surface_area_ratio"]
    assert n == len(lib.of_class("host")) and 0 < est <= n
