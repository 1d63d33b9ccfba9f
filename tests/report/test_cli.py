"""``anodelab report``: each format writes a file; bad input is one line on stderr, exit status 2."""

from __future__ import annotations

import json

import pytest

from anodelab.cli import main


@pytest.mark.parametrize("fmt", ["json", "csv", "html", "pdf"])
def test_report_command_writes_each_format(fmt, examples_dir, tmp_path, capsys, qapp):
    out = tmp_path / f"r.{fmt}"
    assert main(["report", str(examples_dir / "na_nzsp.toml"), "--format", fmt, "--out", str(out)]) == 0
    data = out.read_bytes()
    assert data
    if fmt == "json":
        assert json.loads(data)["design_file"] == "na_nzsp.toml"
    if fmt == "pdf":
        assert data.startswith(b"%PDF")
    assert "wrote" in capsys.readouterr().err


def test_format_from_the_out_suffix(examples_dir, tmp_path):
    out = tmp_path / "r.csv"
    assert main(["report", str(examples_dir / "na_nzsp.toml"), "--out", str(out)]) == 0
    assert out.read_text().startswith("section,key,label")


@pytest.mark.parametrize(
    "args, message",
    [
        (["--format", "docx"], "anodelab: error: format: unknown report format 'docx'; allowed: pdf, html, json, csv"),
        (["--format", "json", "--missing"], None),
    ],
)
def test_bad_format_is_one_line(args, message, examples_dir, tmp_path, capsys):
    if message is None:
        with pytest.raises(SystemExit):  # argparse: unknown option (its own usage message, status 2)
            main(["report", str(examples_dir / "na_nzsp.toml"), *args])
        return
    assert main(["report", str(examples_dir / "na_nzsp.toml"), *args, "--out", str(tmp_path / "x")]) == 2
    err = capsys.readouterr().err
    assert err.strip() == message
    assert len(err.strip().splitlines()) == 1


def test_missing_design_file_is_one_line(tmp_path, capsys):
    assert main(["report", str(tmp_path / "nope.toml"), "--format", "json", "--out", str(tmp_path / "r.json")]) == 2
    err = capsys.readouterr().err.strip()
    assert err == f"anodelab: error: {tmp_path / 'nope.toml'}: no such file"


def test_refuses_to_overwrite_the_design(tmp_path, examples_dir, capsys):
    design = tmp_path / "d.toml"
    design.write_bytes((examples_dir / "na_nzsp.toml").read_bytes())
    fake = tmp_path / "d.json"
    fake.symlink_to(design)
    assert main(["report", str(design), "--format", "json", "--out", str(fake)]) == 2
    assert "overwrite the design file" in capsys.readouterr().err
    assert design.read_bytes() == (examples_dir / "na_nzsp.toml").read_bytes()
