"""Fitted values become user-library materials (provenance, re-scoring); the CLI; overlays with residuals."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import numpy as np
import pytest

from anodelab.cli import main
from anodelab.data import read
from anodelab.data.overlay import overlay, overlay_arrhenius, overlay_many
from anodelab.data.synthetic import synthetic_ce, synthetic_deposition, synthetic_spectrum, synthetic_symmetric
from anodelab.data.writers import write_mpt
from anodelab.errors import AnodeLabError
from anodelab.fitting import fit
from anodelab.fitting.material import apply_fit_to_design, save_fit_as_material
from anodelab.materials.library import default_library
from anodelab.scoring import score

SOURCE = re.compile(r"^fitted: .+, sha256 [0-9a-f]{64}, .+, \d{4}-\d\d-\d\d, ±[0-9.e+-]+ \(95 %\)")


def _sei(design, value):
    return design.with_layer("electrolyte", replace(design.electrolyte, overrides={"sei_asr_ohm_cm2": value}))


def test_eis_fit_saved_as_material_and_rescored(liquid_design, _isolated_user_dir):
    m, _ = synthetic_spectrum(_sei(liquid_design, 5.0), area_cm2=1.13, f_max_Hz=1e7)
    r = fit(m, "eis")
    path, design = save_fit_as_material(r, liquid_design, "fitted-diglyme")
    assert path == str(_isolated_user_dir / "materials" / "fitted-diglyme.toml")
    mat = default_library(reload=True).get("fitted-diglyme")  # the loader merges the user folder
    assert mat.origin == "user" and mat.cls == "liquid_electrolyte"
    prop = mat.properties["sei_asr_ohm_cm2"]
    assert SOURCE.match(prop.source), prop.source
    assert m.source.sha256 in prop.source and "host surface-area ratio 20" in prop.source
    assert prop.range[0] < 5.0 < prop.range[1]
    # re-scoring uses it: the interfacial ASR is the one of the cell that made the file
    got = score(design).si["asr_interface_ohm_m2"][0]
    want = score(_sei(liquid_design, 5.0)).si["asr_interface_ohm_m2"][0]
    assert got == pytest.approx(want, rel=0.03)
    # the other properties are the base material's, with their sources
    base = default_library().get(liquid_design.electrolyte.material)
    assert mat.properties["conductivity_mS_cm"] == base.properties["conductivity_mS_cm"]


def test_eis_at_another_temperature_is_moved_to_the_reference(liquid_design, _isolated_user_dir):
    m, _ = synthetic_spectrum(_sei(liquid_design, 5.0), area_cm2=1.13, f_max_Hz=1e7, temperature_C=0.0)
    path, design = save_fit_as_material(fit(m, "eis"), liquid_design, "fitted-cold")
    prop = default_library(reload=True).get("fitted-cold").properties["sei_asr_ohm_cm2"]
    assert "measured at 0 °C, moved to 25 °C" in prop.source
    assert prop.value == pytest.approx(5.0, rel=0.05)


def test_deposition_fit_sets_the_host_nucleation_excess(liquid_design, _isolated_user_dir):
    truth = liquid_design.with_layer("host", replace(liquid_design.host, overrides={"nucleation_overpotential_mV": 30.0}))
    m, _ = synthetic_deposition(truth, area_cm2=1.13)
    r = fit(m, "deposition")
    _, design = save_fit_as_material(r, liquid_design, "fitted-host")
    p = default_library(reload=True).get("fitted-host").properties
    assert p["nucleation_overpotential_mV"].value == pytest.approx(30.0, rel=0.05)
    assert p["nucleation_reference_current_mA_cm2"].value == pytest.approx(1.0)
    assert score(design).si["eta_excess_V"][0] == pytest.approx(score(truth).si["eta_excess_V"][0], rel=0.05)
    # the same as a design override (no library file)
    over = apply_fit_to_design(r, liquid_design)
    assert over.host.sources["nucleation_overpotential_mV"].startswith("fitted: synthetic:deposition")


def test_ce_fit_sets_the_electrolyte_ce(liquid_design, _isolated_user_dir):
    m, _ = synthetic_ce(liquid_design, cycles=12, area_cm2=1.13)
    r = fit(m, "ce")
    _, design = save_fit_as_material(r, liquid_design, "fitted-ce")
    v = default_library(reload=True).get("fitted-ce").properties["coulombic_efficiency_on_cu"]
    assert v.value == pytest.approx(r.values["ce"].value) and SOURCE.match(v.source)


def test_what_cannot_be_saved(liquid_design, realdata, _isolated_user_dir):
    m, _ = synthetic_symmetric(liquid_design, cycles=4, area_cm2=1.13)
    with pytest.raises(AnodeLabError, match="no library property"):
        save_fit_as_material(fit(m, "symmetric"), liquid_design, "x-sym")
    bad = fit(read(realdata / "eis/exampleDataZPlot.z", area_cm2=1.0), "eis", circuit="R0-p(R1,CPE1)-p(R2,CPE2)")
    with pytest.raises(AnodeLabError, match="not identifiable"):
        save_fit_as_material(bad, liquid_design, "x-bad")
    good = fit(synthetic_spectrum(liquid_design, area_cm2=1.13, f_max_Hz=1e7)[0], "eis")
    with pytest.raises(AnodeLabError, match="installed material"):
        save_fit_as_material(good, liquid_design, liquid_design.electrolyte.material)
    with pytest.raises(AnodeLabError, match="lowercase"):
        save_fit_as_material(good, liquid_design, "Bad Id")


def test_cli_show_real_files(realdata, capsys):
    assert main(["data", "show", str(realdata / "neware/TestFile.nda"), "--json", "--area-cm2", "2"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["points"] == 6670 and out["area_cm2"] == 2.0 and out["area_origin"] == "user"
    assert out["current_density_range_mA_cm2"][0] == pytest.approx(-1500.479, rel=1e-5)  # −3000.958 mA / 2 cm²
    assert main(["data", "show", str(realdata / "eis/exampleDataBioLogic.mpt")]) == 0
    text = capsys.readouterr().out
    assert "recognised as: eis" in text and "frequency_range_Hz" in text


def test_cli_errors_are_one_line(tmp_path, capsys):
    p = tmp_path / "junk.ndax"
    p.write_bytes(b"\x00\x01junk" * 50)
    assert main(["data", "show", str(p)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and str(p) in err[0] and err[0].startswith("anodelab: error:")


def test_cli_csv_confirm_columns_is_remembered(realdata, capsys, _isolated_user_dir):
    p = str(realdata / "eis/exampleData.csv")
    assert main(["data", "show", p]) == 2
    assert "not confirmed" in capsys.readouterr().err
    assert main(["data", "show", p, "--confirm-columns", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["points"] == 66
    assert main(["data", "show", p, "--json"]) == 0  # remembered
    capsys.readouterr()


def test_cli_fit_json_and_save_material(tmp_path, liquid_design, capsys, _isolated_user_dir):
    m, _ = synthetic_spectrum(_sei(liquid_design, 5.0), area_cm2=1.13, f_max_Hz=1e7)
    f = tmp_path / "cell.mpt"
    write_mpt(m, f)
    from anodelab.design import save_design

    dpath = tmp_path / "design.toml"
    save_design(liquid_design, dpath)
    assert main(["data", "fit", str(f), "--protocol", "eis", "--json", "--design", str(dpath),
                 "--save-material", "fitted-cli"]) == 0
    rec = json.loads(capsys.readouterr().out)
    assert rec["status"] == "ok" and rec["files"][0]["sha256"] == read(f).source.sha256
    v = rec["values"]["interfacial_asr_per_electrode_ohm_cm2"]
    want = score(_sei(liquid_design, 5.0)).si["asr_interface_ohm_m2"][0] * 1e4  # 5 Ω cm² / A_w (A_w ≤ 20)
    assert v["ci95_low"] < want < v["ci95_high"]
    assert rec["extra"]["lin_kk"]["consistent"] is True
    assert (_isolated_user_dir / "materials" / "fitted-cli.toml").is_file()
    assert main(["materials", "show", "fitted-cli"]) == 0
    assert "fitted: cell.mpt, sha256" in capsys.readouterr().out


def test_cli_arrhenius_with_temperatures(tmp_path, liquid_design, capsys):
    files = []
    for k, t in enumerate([-20, -10, 0, 10, 20]):
        m, _ = synthetic_spectrum(liquid_design, area_cm2=1.13, temperature_C=t, seed=k, f_max_Hz=1e7)
        p = tmp_path / f"s{k}.mpt"
        write_mpt(replace(m, temperature_C=None), p)  # the temperature is given on the command line
        files.append(f"{p}@{t}")
    assert main(["data", "fit", *files, "--protocol", "arrhenius"]) == 0
    out = capsys.readouterr().out
    assert "activation_energy_eV" in out and "95 % interval" in out


def test_overlay_residuals_match_the_noise(liquid_design):
    m, _ = synthetic_deposition(liquid_design, area_cm2=1.13, noise_mV=0.2)
    ov = overlay(m, liquid_design, "deposition")
    assert ov.rms_residual == pytest.approx(0.2, rel=0.3)  # same design: residual = the added noise
    worse = overlay(m, _sei(liquid_design, 9.0), "deposition")
    assert worse.rms_residual > 5 * ov.rms_residual  # another design: the residual shows it
    s, _ = synthetic_spectrum(liquid_design, area_cm2=1.13, noise_fraction=0.0, f_max_Hz=1e7)
    o = overlay(s, liquid_design, "eis")
    assert np.nanmax(o.residual) < 1e-3 * np.abs(s.impedance_ohm_cm2).max()
    assert o.x_label == "Z′ (Ω cm²)"


def test_overlay_several_files_and_arrhenius(liquid_design):
    spectra = [synthetic_spectrum(liquid_design, area_cm2=1.13, temperature_C=t, seed=k, f_max_Hz=1e7)[0]
               for k, t in enumerate([-20, 0, 20])]
    ovs = overlay_many(spectra, liquid_design, "eis")
    assert [o.label for o in ovs] == [s.source.name for s in spectra]
    a = overlay_arrhenius(spectra, liquid_design)
    assert a.x.size == 3 and np.all(np.abs(a.residual) < 0.1 * a.y)


@pytest.mark.parametrize("protocol", ["symmetric", "ce"])
def test_overlay_cycling(liquid_design, protocol):
    gen = synthetic_symmetric if protocol == "symmetric" else synthetic_ce
    m, _ = gen(liquid_design, area_cm2=1.13)
    ov = overlay(m, liquid_design, protocol)
    assert ov.x.size == ov.residual.size and np.isfinite(ov.rms_residual)


def test_overlay_needs_the_area(realdata, liquid_design):
    with pytest.raises(AnodeLabError, match="electrode area is unknown"):
        overlay(read(realdata / "eis/exampleDataZPlot.z"), liquid_design, "eis")


def test_fit_report_html(tmp_path, liquid_design, capsys):
    m, _ = synthetic_spectrum(_sei(liquid_design, 5.0), area_cm2=1.13, f_max_Hz=1e7)
    f = tmp_path / "cell.mpt"
    write_mpt(m, f)
    from anodelab.design import save_design

    dpath = tmp_path / "design.toml"
    save_design(liquid_design, dpath)
    out = tmp_path / "fit.html"
    assert main(["data", "fit", str(f), "--protocol", "eis", "--design", str(dpath), "--report", str(out)]) == 0
    capsys.readouterr()
    page = out.read_text()
    assert "<svg" in page and page.count("<polyline") >= 2  # simulated + fit curves
    assert read(f).source.sha256 in page and "interfacial_asr_per_electrode_ohm_cm2" in page
    assert "Lin-KK" in page and "95 % interval" in page
    assert main(["data", "fit", str(f), "--protocol", "eis", "--report", str(out)]) == 2  # needs --design
    assert "--report needs --design" in capsys.readouterr().err
