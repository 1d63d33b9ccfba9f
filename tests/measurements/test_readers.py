"""Readers: every real file opens with the right quantities and units; damaged files give one clear error."""

from __future__ import annotations

import hashlib

import numpy as np
import pytest

from anodelab.data import read
from anodelab.data.tabular import MappingNeeded, parse_mapping
from anodelab.errors import AnodeLabError

REAL = [
    "eis/exampleDataBioLogic.mpt", "eis/exampleDataGamry.DTA", "eis/exampleDataZPlot.z", "eis/exampleData.csv",
    "neware/TestFile.nda", "neware/ZZZZZZZZTEST.ndax", "neware/123456789012_Unit27_Example_Data_File.ndax",
]


def test_every_real_file_has_its_licence_beside_it(realdata):
    for rel in REAL:
        assert (realdata / rel).parent.joinpath("LICENSE").is_file()


def test_biologic_mpt_values_and_units(realdata):
    m = read(realdata / "eis/exampleDataBioLogic.mpt")
    assert m.kind == "impedance" and len(m) == 43
    # first data row of the file: 1.0003201E+003 Hz, Re 6.5470886E+001 Ω, -Im 3.8998979E-001 Ω
    assert m.frequency_Hz[0] == pytest.approx(1000.3201)
    assert m.impedance_ohm[0] == pytest.approx(65.470886 - 0.38998979j)
    assert m.area_cm2 == pytest.approx(0.001) and m.area_origin == "file"  # "Electrode surface area : 0.001 cm²"
    assert m.impedance_ohm_cm2[0] == pytest.approx((65.470886 - 0.38998979j) * 0.001)
    assert m.metadata["technique"] == "Potentio Electrochemical Impedance Spectroscopy"
    assert m.metadata["encoding"] in ("cp1252", "latin-1")  # the file's "cm²" is the Latin-1 byte 0xB2
    assert m.source.sha256 == hashlib.sha256((realdata / "eis/exampleDataBioLogic.mpt").read_bytes()).hexdigest()


def test_mpt_with_decimal_commas_reads_the_same_numbers(realdata, tmp_path):
    raw = (realdata / "eis/exampleDataBioLogic.mpt").read_bytes()
    n_header = 61
    lines = raw.split(b"\n")
    body = [ln.replace(b".", b",") for ln in lines[n_header:]]
    p = tmp_path / "comma.mpt"
    p.write_bytes(b"\n".join(lines[:n_header] + body))
    a, b = read(realdata / "eis/exampleDataBioLogic.mpt"), read(p)
    assert b.metadata["decimal"] == ","
    np.testing.assert_array_equal(a.frequency_Hz, b.frequency_Hz)
    np.testing.assert_array_equal(a.impedance_ohm, b.impedance_ohm)


def test_gamry_and_zplot_values(realdata):
    g = read(realdata / "eis/exampleDataGamry.DTA")
    assert len(g) == 72 and g.frequency_Hz[0] == pytest.approx(200015.6)
    assert g.impedance_ohm[0] == pytest.approx(825.8584 - 1367.239j)  # ZCURVE row 0: Zreal, Zimag [Ω]
    assert g.area_cm2 == 1.0 and g.metadata["reader"].startswith("impedance.py")
    z = read(realdata / "eis/exampleDataZPlot.z")
    assert len(z) == 21 and z.frequency_Hz[0] == pytest.approx(3e5) and z.impedance_ohm[0] == pytest.approx(147.77 - 11.335j)
    assert z.area_cm2 is None
    with pytest.raises(AnodeLabError, match="electrode area is unknown"):
        _ = z.impedance_ohm_cm2
    assert z.with_area(0.5).impedance_ohm_cm2[0] == pytest.approx((147.77 - 11.335j) * 0.5)


def test_csv_needs_one_confirmation_then_is_remembered(realdata, _isolated_user_dir):
    p = realdata / "eis/exampleData.csv"
    with pytest.raises(MappingNeeded) as exc:
        read(p)
    from anodelab.data.tabular import remember

    guess = exc.value.layout.guess
    assert guess.kind == "impedance" and guess.columns["frequency"] == ("column 1", "Hz")
    remember(exc.value.layout, guess, str(p))
    assert (_isolated_user_dir / "measurement_columns.json").is_file()
    m = read(p)  # remembered
    assert len(m) == 66 and m.frequency_Hz[0] == pytest.approx(0.0031623)
    assert m.impedance_ohm[0] == pytest.approx(0.0494999 - 0.0204387j, rel=1e-6)


def test_csv_cycling_with_explicit_units(tmp_path):
    p = tmp_path / "cell.csv"
    p.write_text("Time (min);Voltage (mV);Current (mA);Cycle\n0;10,5;1,0;1\n1;11,0;1,0;1\n2;-10,0;-1,0;2\n")
    m = read(p, columns=parse_mapping("time=Time (min):min,voltage=Voltage (mV):mV,current=Current (mA):mA,cycle=Cycle"),
             area_cm2=2.0)
    np.testing.assert_allclose(m.time_s, [0, 60, 120])
    np.testing.assert_allclose(m.voltage_V, [0.0105, 0.011, -0.010])
    np.testing.assert_allclose(m.current_density_mA_cm2, [0.5, 0.5, -0.5])  # 1 mA / 2 cm²
    np.testing.assert_array_equal(m.cycle, [1, 1, 2])
    with pytest.raises(AnodeLabError, match="unknown unit 'parsec'"):
        read(p, columns=parse_mapping("time=Time (min):parsec,voltage=Voltage (mV):mV,current=Current (mA):mA"))
    with pytest.raises(AnodeLabError, match="no column 'Zeit'"):
        read(p, columns=parse_mapping("time=Zeit:s,voltage=Voltage (mV):mV,current=Current (mA):mA"))


def test_neware_nda_quantities(realdata):
    m = read(realdata / "neware/TestFile.nda")
    assert m.kind == "cycling" and len(m) == 6670
    assert m.current_A.min() == pytest.approx(-3.000958, rel=1e-5)  # Current(mA) −3000.958 mA → A
    assert m.current_A.max() == pytest.approx(1.200774, rel=1e-5)
    assert 1.72 < m.voltage_V.min() < m.voltage_V.max() <= 4.2001
    assert m.time_s[-1] == pytest.approx(72373.26, rel=1e-6)  # 'Time' is the test time in BTS 9 files
    assert np.all(np.diff(m.time_s) >= 0)
    assert set(m.step_label.values()) == {"Rest", "CC_DChg", "CC_Chg", "CV_Chg"}
    assert int(np.unique(m.cycle).size) == 3 and m.temperature_C == pytest.approx(25.5, abs=1.0)
    assert m.metadata["bts_version"].startswith("9.1")
    assert m.capacity_Ah is not None


@pytest.mark.parametrize("name,v0", [("ZZZZZZZZTEST.ndax", 1.117456), ("123456789012_Unit27_Example_Data_File.ndax", 2.982991)])
def test_neware_ndax(realdata, name, v0):
    m = read(realdata / "neware" / name)
    assert len(m) == 301 and m.time_s[-1] == pytest.approx(300.0)
    assert m.voltage_V[0] == pytest.approx(v0, rel=1e-6)
    assert np.all(m.current_A == 0.0)  # a rest-only test
    assert "TestInfo" in m.metadata


def _variants(raw: bytes, ext: str, other: bytes):
    rng = np.random.default_rng(0)
    return {"truncated-half": raw[: len(raw) // 2], "truncated-tail": raw[:-7], "empty": b"",
            "garbage": rng.integers(0, 256, 4000, dtype=np.uint8).tobytes(), "foreign": other[:3000]}


@pytest.mark.parametrize("rel", REAL)
def test_damaged_versions_of_every_real_file(realdata, tmp_path, rel, _isolated_user_dir):
    src = realdata / rel
    ext = src.suffix
    other = (realdata / ("eis/exampleDataGamry.DTA" if ext == ".nda" else "neware/TestFile.nda")).read_bytes()
    if ext == ".csv":  # confirm the layout once so that the damage, not the mapping, is what is tested
        from anodelab.data.tabular import inspect_table, remember

        text = src.read_text()
        lay = inspect_table(str(src), text)
        remember(lay, lay.guess)
    for kind, data in _variants(src.read_bytes(), ext, other).items():
        p = tmp_path / f"{kind}{ext}"
        p.write_bytes(data)
        if rel == "neware/TestFile.nda" and kind.startswith("truncated"):
            # the old .nda format has no record count and no end marker: a cut file holds the records before
            # the cut, which is what it returns (documented in the README) — fewer points, all finite
            m = read(p)
            assert len(m) <= 6670 and np.all(np.isfinite(m.voltage_V))
            continue
        with pytest.raises(AnodeLabError) as exc:
            read(p)
        msg = str(exc.value)
        assert str(p) in msg, msg
        assert "\n" not in msg and "Traceback" not in msg


def test_missing_file_folder_and_unknown_extension(tmp_path):
    with pytest.raises(AnodeLabError, match="no such file"):
        read(tmp_path / "nope.mpt")
    with pytest.raises(AnodeLabError, match="is a folder"):
        read(tmp_path)
    p = tmp_path / "x.xyz"
    p.write_text("1,2,3\n")
    with pytest.raises(AnodeLabError, match="unknown file type '.xyz'"):
        read(p)


def test_mpr_without_galvani_says_how_to_get_it(tmp_path, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_galvani(name, *a, **k):
        if name.startswith("galvani"):
            raise ImportError("no galvani")
        return real_import(name, *a, **k)

    monkeypatch.setattr(builtins, "__import__", no_galvani)
    p = tmp_path / "run.mpr"
    p.write_bytes(b"BIO-LOGIC MODULAR FILE\x1a" + b"\x00" * 100)
    with pytest.raises(AnodeLabError, match="optional 'galvani' package \\(GPL-3.0"):
        read(p)


def test_mpt_header_count_beyond_the_file(tmp_path):
    p = tmp_path / "short.mpt"
    p.write_bytes(b"EC-Lab ASCII FILE\r\nNb header lines : 40\r\n\r\nGalvanostatic Cycling\r\n")
    with pytest.raises(AnodeLabError, match="header says 40 lines.*truncated"):
        read(p)


def test_cycling_mpt_round_trip_and_areal_units(tmp_path, liquid_design):
    from anodelab.data.synthetic import synthetic_symmetric
    from anodelab.data.writers import write_mpt

    m, _ = synthetic_symmetric(liquid_design, cycles=3, area_cm2=1.13)
    for dec in (".", ","):
        p = tmp_path / f"sym{dec == ','}.mpt"
        write_mpt(m, p, decimal=dec)
        r = read(p)
        assert r.area_cm2 == pytest.approx(1.13)
        np.testing.assert_allclose(r.current_density_mA_cm2, m.current_density_mA_cm2, rtol=1e-9)
        np.testing.assert_allclose(r.voltage_V, m.voltage_V, rtol=1e-9, atol=1e-15)
