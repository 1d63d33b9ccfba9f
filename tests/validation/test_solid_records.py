"""The solid-state literature records (resources/literature/solid_state.toml): every record has a DOI, a role and a
design that resolves; bad content is an AnodeLabError naming file, record and field."""

from __future__ import annotations

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
