"""Simulated symmetric cycling against the symmetric-cell results of Table 1 (Lu et al. 2022).

Reports Spearman rank correlations; asserts only that they are computed and finite (no tuning to pass).
The lifetime scale Q_ref was fitted on these same records (one constant): it does not change ranks.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import spearmanr

from anodelab.simulate import simulate
from anodelab.simulate.calibration import TABLE1_NA_EXCESS_mAh_cm2, table1_symmetric


def test_table1_symmetric_rank_correlation(capsys):
    designs, records = table1_symmetric()
    assert len(designs) == 28
    horizon_h = 20000.0  # long enough that the simulated window does not censor the predictions
    prof = simulate(designs, "symmetric", duration_h=horizon_h, points_per_half_cycle=2)
    life_sim = prof.events["lifetime_h"]
    eta_sim = prof.events["initial_overpotential_mV"]
    life_obs = np.array([r.lifetime_h for r in records])
    eta_obs = np.array([r.overpotential_mV for r in records])
    rho_life = spearmanr(life_sim, life_obs).statistic
    rho_eta = spearmanr(eta_sim, eta_obs).statistic
    fold_life = np.median(np.abs(np.log10(life_sim / life_obs)))
    fold_eta = np.median(np.abs(np.log10(eta_sim / eta_obs)))
    with capsys.disabled():
        print(f"\nTable 1 symmetric cells (n = {len(records)}, Na excess assumed {TABLE1_NA_EXCESS_mAh_cm2} mAh cm⁻²):")
        print(f"  lifetime:      Spearman ρ = {rho_life:+.3f}, median |log10 sim/obs| = {fold_life:.2f}")
        print(f"  overpotential: Spearman ρ = {rho_eta:+.3f}, median |log10 sim/obs| = {fold_eta:.2f}")
        modes = {m: int(np.sum(prof.events['failure_cause'] == m)) for m in set(prof.events['failure_cause'])}
        print(f"  failure causes: {modes}")
        for r, ls, es, c in zip(records, life_sim, eta_sim, prof.events["failure_cause"]):
            print(f"    {r.id:<8} life obs {r.lifetime_h:7.0f} h sim {ls:9.1f} h ({c:<16}) η obs {r.overpotential_mV:6.1f} sim {es:7.1f} mV")
    assert np.isfinite(rho_life) and np.isfinite(rho_eta)
