"""The cell's cycle life from the lifetime model, end to end: engine → CLI --json → report (the score card is
checked in tests/gui/test_cell_faces.py)."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from anodelab.design import load_design
from anodelab.report.content import build_content
from anodelab.scoring import score

EXAMPLE = "resources/examples/anode_free_nvp_pouch.toml"  # E/C 3 g Ah⁻¹, anode-free, 25 µm separator


def test_cli_json_and_report_carry_the_lifetime_models_cell_cycle_life():
    out = subprocess.run([str(Path(sys.executable).with_name("anodelab")), "score", EXAMPLE, "--json"],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rec = json.loads(out.stdout)
    lives = [rec[k] for k in ("cycle_life_na_inventory_cycles", "cycle_life_electrolyte_cycles",
                              "cycle_life_short_cycles")]
    assert rec["cell_cycle_life_cycles"] == min(lives)
    assert rec["cell_cycle_life_cycles"] == pytest.approx(rec["predicted_lifetime_cycles"], rel=1e-12)
    # the lean pouch (0.24 mg cm⁻² of electrolyte beyond the pores) dries out before its Na runs out
    assert rec["failure_mechanism"] == "electrolyte"
    assert rec["cycle_life_electrolyte_cycles"] < rec["cycle_life_na_inventory_cycles"]
    d = load_design(EXAMPLE)
    engine = score(d).record(0)
    assert engine["cell_cycle_life_cycles"] == rec["cell_cycle_life_cycles"]
    rows = {m.key: m for m in build_content(d, include_plots=False, intervals=False).metrics}
    for key in ("cycle_life_na_inventory_cycles", "cycle_life_electrolyte_cycles", "cycle_life_short_cycles",
                "cell_cycle_life_cycles"):
        assert rows[key].value == rec[key] and rows[key].group == "Cell", key
    # the text output names what ends the cell
    text = subprocess.run([str(Path(sys.executable).with_name("anodelab")), "score", EXAMPLE],
                          capture_output=True, text=True, timeout=300).stdout
    assert "Cycle life, dendritic short" in text and "Earliest failure: electrolyte" in text
    # the anode's mechanism is labelled as such, and what ends the cell (with the cathode's fade) is its own line
    assert "the anode's lifetime, no cathode fade" in text and "Cell cycle life ended by: electrolyte dry-out" in text


def test_ended_by_names_the_term_that_sets_the_cell_life():
    """The capacity (f tiny: within 1 % of the Na inventory alone) ends the cell at 100 cycles while the anode's
    lifetime model names dry-out (at 100.5): the card says "Na inventory", the term whose life is shown."""
    import numpy as np

    from anodelab.gui.cell_labels import cell_ended_by_text

    si = {k: np.array([v]) for k, v in {"cycle_life_capacity": 100.0, "cycle_life_electrolyte": 100.5,
                                         "cycle_life_short": 1e4, "cycle_life_cathode": 1e6,
                                         "cycle_life_na_inventory": 100.8, "cell_cycle_life": 100.0}.items()}
    assert cell_ended_by_text(si, 0, "electrolyte") == "Na inventory"
    si["cycle_life_short"] = np.array([50.0])
    si["cell_cycle_life"] = np.array([50.0])
    si.update({f"t_fail_{k}_s": np.array([1e9]) for k in ("transport", "nucleation", "sei_fracture", "voids")})
    si["t_fail_penetration_s"] = np.array([1e3])
    assert cell_ended_by_text(si, 0, None) == "short (penetration)"
    si["cell_cycle_life"] = np.array([np.inf])  # unbounded: no ending term, the lifetime model's word
    assert cell_ended_by_text(si, 0, None) == "—"
