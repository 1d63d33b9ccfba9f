"""The full-cell literature records and their report in `anodelab validate`."""

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from anodelab.errors import AnodeLabError
from anodelab.validation.cells import check_cells, load_cell_records


def test_records_are_cited_and_state_what_was_reported():
    recs = load_cell_records()
    assert len(recs) >= 2
    for rid, rec in recs.items():
        assert rec["doi"] or rec["url"].startswith("https://"), rid
        assert rec["basis"] and rec["proxies"], rid


def test_cell_checks_today():
    rows = {c.record_id: c for c in check_cells()}
    # materials-level energy of the N/P 0.4 NVP pouch: 345.7 reported, inside the range the open inputs give
    e = rows["nwpu-sipc-anode-less-pouch"]
    assert e.reproduced and e.low < 345.7 < e.high
    # hand check of the nominal: 110 mAh/g × (3.37 V − η_cath − η_anode) over 1 g NVP + 0.4 × 0.1104 Ah / 1.1658 Ah/g
    # Na; the cathode at 0.1 mA cm⁻² and 30 °C: S = 1.9 m² g⁻¹ × 11.04 mg cm⁻² = 209.76 m² m⁻², i0 = 1.87e-3 A m⁻²,
    # η_cath = (2RT/F) asinh(1 / (2 × 209.76 × 1.87e-3)) = 0.052246 V × asinh(1.2747) = 55.5 mV (the anode < 7 mV)
    eta_cath = 2 * 8.314462618 * 303.15 / 96485.33212 * math.asinh(1.0 / (2 * 1900 * 0.1104 * 1.87e-3))
    assert eta_cath == pytest.approx(0.05553, abs=1e-5)
    assert e.predicted == pytest.approx(110 * (3.37 - eta_cath) / (1 + 0.4 * 110 / 1165.8), rel=2e-3)
    # the anode-free pouch: half-cell CE 99.89 % predicts ~200 cycles of Na inventory, with the nfm111 cathode's own
    # fade (3.0e-3 per cycle, measured in half cells of other papers) ~54 cycles of both; the pouch gave 50
    c = rows["zou2024-anode-free-pouch"]
    assert c.reproduced and c.low < c.reported < c.high and c.predicted == pytest.approx(54.36, abs=0.05)


def test_bad_record_file(tmp_path):
    p = tmp_path / "cells.toml"
    p.write_text('schema_version = 1\n[records.a]\ncitation = "x"\n')
    with pytest.raises(AnodeLabError, match="record 'a'.*missing"):
        load_cell_records(p)


def test_validate_cli_reports_the_cells():
    out = subprocess.run([str(Path(sys.executable).with_name("anodelab")), "validate", "--json"], capture_output=True, text=True,
                         timeout=600)
    assert out.returncode == 0, out.stderr
    cells = json.loads(out.stdout)["cells"]
    assert {c["record_id"] for c in cells} >= {"zou2024-anode-free-pouch", "nwpu-sipc-anode-less-pouch",
                                               "uow-na5vp-sfa-energy", "uow-na5vp-sfa-life",
                                               "uow-na5vp-sfa-life-narrow", "cheng2023-cubi-anode-less",
                                               "asakura2020-nvopf-composite-energy", "asakura2020-nvopf-cell-energy",
                                               "duchene2017-nacro2-closo-life", "deysher2024-anode-free-assb-life"}
    for c in cells:  # what ends the cell, whether any input is the paper's own, and how the number is compared
        assert c["why"].startswith("ends by") and isinstance(c["independent"], bool), c["record_id"]
        assert c["comparison"] in ("value", "at_least", "at_most") and c["independent"] == (not c["properties_from_paper"]), c["record_id"]
        assert set(c["build_from_paper"]) | set(c["properties_from_paper"]) >= set(c["from_paper"]), c["record_id"]
