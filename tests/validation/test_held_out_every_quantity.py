"""`anodelab validate` prints a held-out row for every quantity (issue 13, item 5: per quantity n independent,
train/test, ρ or C-index, fold error), and the rows carry the figures of the report they come from."""

from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr

from anodelab.cli import main
from anodelab.validation import validate


def _held_out_block(out: str) -> list[str]:
    lines = out.splitlines()
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Held out, per quantity"))
    block = []
    for ln in lines[start + 2:]:
        if not ln.startswith("  ") or ln.strip().startswith("flagged"):
            break
        block.append(ln)
    return block


def test_every_quantity_has_a_held_out_row(capsys):
    assert main(["validate"]) == 0
    block = _held_out_block(capsys.readouterr().out)
    rep = validate()
    labels = [s.label for s in rep.stats]
    for label in labels:
        assert any(ln.strip().startswith(label) for ln in block), label
    # (the failure-event rows that follow come from validation.events, not from rep.stats)
    by_label = {lb: ln for ln in block for lb in labels if ln.strip().startswith(lb)}
    ce = next(s for s in rep.stats if s.quantity == "coulombic_efficiency")
    row = by_label[ce.label].split()
    assert f"+{ce.spearman_independent:.2f}" in row and f"{ce.median_fold_error_independent:.2f}" in row
    assert f"0/{ce.n}" in row and str(ce.n_independent) in row
    # the CCD row: leave-one-reference-out predictions of the calibration, recomputed here
    train = [r for r in rep.calibration["record"] if r["role"] == "train"]
    rho = spearmanr([r["reported"] for r in train], [r["loro_predicted"] for r in train]).statistic
    fold = np.median([10 ** abs(r["loro_error"]) for r in train])
    ccd = by_label["Critical current density"]
    assert f"ρ {rho:+.2f}" in ccd and f"{fold:.2f}" in ccd and "LORO" in ccd
    asr = by_label["Interfacial ASR (per electrode)"]
    assert "not evidence" in asr
