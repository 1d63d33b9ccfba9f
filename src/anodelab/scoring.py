"""The scoring engine: one vectorised call scores N designs (a batch of one is the scalar case).

Pure numpy; every metric comes from a function in :mod:`anodelab.physics` whose docstring gives
its equation. Units are SI inside; :class:`~anodelab.score_result.ScoreResult` converts to user
units at the edge using the registry in :mod:`anodelab.metrics`. What a design's layers decide
alone lives in :mod:`anodelab.layer_terms`; this module adds the conditions-dependent physics, the
dendrite risk and the warnings, and runs large batches in chunks on threads.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from .allocator import tune_for_batch_scoring
from .batch import DesignBatch, as_batch
from .cell.energy import cell_terms, electrolyte_budget_mol_m2
from .constants import MONROE_NEWMAN_CRITICAL_RATIO, NA_MELTING_POINT_K
from .layer_terms import (
    ROW_TERMS, PackedLayerTerms, gather_layer_terms, gather_some, layer_terms, pack_layer_terms, row_terms,
)
from .lifetime import failure_terms
from .lifetime.mechanisms import (HALF_CELL_PLATING_ELECTRODES, inventory_cycle_terms, plating_electrodes,
                                  sand_time_above_limit_s)
from .physics import interphase, nucleation, resistance, transport, volume
from .physics.solid.block import SOLID_LAYER_KEYS, Rows, solid_state_terms
from .physics.arrhenius import arrhenius_from_offset, inverse_temperature_offset
from .physics.parameters import ModelParameters, default_parameters
from .physics.powers import power
from .physics.select import Split
from .score_result import WARNING_BY_CODE, WARNINGS, ScoreResult
from .units import SUFFIX_TO_SI

__all__ = ["score", "ScoreResult", "WARNINGS", "WARNING_BY_CODE", "CHUNK_ROWS", "PARALLEL_THRESHOLD"]

_MIN_DRIVE_V = 1e-6  # floor of the nucleation driving overpotential (avoids 1/0 on Na-on-Na)


#: Rows per chunk: 65 536 rows × 8 B = 512 kB per temporary array (below allocator.MMAP_THRESHOLD_BYTES, so the
#: temporaries come from the heap). Model v1 measured 32 768–65 536 rows alike (≈ 190–200 ms per 10⁶ designs with
#: benchmarks/bench_scoring.py on the 2-core reference machine; 8 192 ≈ 300 ms, 98 304 ≈ 230 ms). Model v2 has more
#: numpy calls per chunk (a fixed cost per call, whatever the rows), and on 2026-12-03 bench_scoring_ab.py (this
#: engine at 65 536 against itself at 32 768, interleaved, two runs each) measured 65 536 rows ×0.82–0.84 of the
#: time at best, 98 304 ×0.70–0.88, 16 384 ×1.02–1.19 and 131 072 (1 MiB arrays: mmapped, faulted in for every
#: temporary) ×1.5.
CHUNK_ROWS = 1 << 16
#: Batches above this many rows are scored in chunks on a thread pool (numpy releases the GIL).
PARALLEL_THRESHOLD = 1 << 16


def score(designs, params: ModelParameters | None = None, library=None, *, threads: int | None = None) -> ScoreResult:
    """Score a design, a list of designs or a :class:`~anodelab.batch.DesignBatch`.

    Large batches are scored in cache-sized chunks on ``threads`` worker threads (default: all
    cores); the result is identical to one call over the whole batch. When the batch has a
    :class:`~anodelab.batch.LayerTable` (a ``take`` of a few designs, a screen plan's batch), what
    depends on the layers alone is computed once per table row; the results are bitwise the same. ``params`` may
    give some parameters one value per design (:meth:`ModelParameters.with_row_values`, one value per row of the
    batch): row i is then scored with its own values, as a batch of one with those scalars would be.
    """
    batch = as_batch(designs, library)
    p = params or default_parameters()
    n = len(batch)
    if p.has_rows and any(len(v) != n for v in p.row_values.values()):
        raise ValueError(f"per-design parameter values must have one value per design ({n})")
    cell = bool(np.any(batch.has_cathode))  # full-cell metrics only for batches with a cathode (anodelab.cell)
    if n <= PARALLEL_THRESHOLD:
        with np.errstate(all="ignore"):
            return _score_batch(batch, p, cell=cell)
    return _score_chunked(batch, p, threads or os.cpu_count() or 1, cell)


def _score_chunked(batch: DesignBatch, p: ModelParameters, threads: int, cell: bool = False) -> ScoreResult:
    tune_for_batch_scoring()
    n = len(batch)
    # the output layout (keys, dtypes) from one design, so that every chunk can go to the pool
    probe = _score_slice(batch, p, 0, 1, cell=cell)
    # every float64 output is one row of a single (outputs × n) block: one large allocation, which
    # the kernel backs with huge pages, costs far fewer page faults than ~60 separate arrays
    float_si = [k for k, v in probe.si.items() if v.dtype == np.float64]
    other_si = [k for k in probe.si if k not in float_si]
    block = np.empty((len(float_si) + len(probe.contributions) + len(probe.hazards), n))
    rows = iter(block)
    out = ScoreResult(
        si={k: (next(rows) if k in float_si else np.empty(n, dtype=v.dtype)) for k, v in probe.si.items()},
        warning_bits=np.empty(n, dtype=probe.warning_bits.dtype),
        contributions={k: next(rows) for k in probe.contributions},
        hazards={k: next(rows) for k in probe.hazards},
        is_solid=np.empty(n, dtype=bool),
    )

    # the layer table's terms once for all chunks (each chunk gathers its rows); with per-design parameters
    # (ModelParameters.with_row_values) the layer terms are per design, computed by each chunk
    lt = batch.layer_table
    table_terms = pack_layer_terms(lt.table, p) if lt is not None and not p.has_rows else None

    def fill(start: int) -> None:
        stop = min(start + CHUNK_ROWS, n)
        # the chunk writes the outputs that a final ufunc makes straight into the result (``out``); the rest is
        # copied: a copy of ~70 outputs × 32,768 rows costs about a fifth of the chunk's arithmetic
        dest = {k: v[start:stop] for k, v in out.si.items()}
        dest.update({f"hazard/{k}": v[start:stop] for k, v in out.hazards.items()})
        dest.update({f"contribution/{k}": v[start:stop] for k, v in out.contributions.items()})
        part = _score_slice(batch, p, start, stop, table_terms, cell=cell, out=dest)
        pairs = [(part.si[k], dest[k]) for k in out.si]
        pairs += [(part.hazards[k], dest[f"hazard/{k}"]) for k in out.hazards]
        pairs += [(part.contributions[k], dest[f"contribution/{k}"]) for k in out.contributions]
        pairs += [(part.warning_bits, out.warning_bits[start:stop]), (part.is_solid, out.is_solid[start:stop])]
        for got, to in pairs:
            if got is not to:  # not written in place (``out=to`` returns ``to`` itself)
                to[...] = got

    with ThreadPoolExecutor(max_workers=threads) as pool:
        list(pool.map(fill, range(0, n, CHUNK_ROWS)))
    return out


def _score_slice(batch: DesignBatch, p: ModelParameters, start: int, stop: int,
                 table_terms: PackedLayerTerms | None = None, *, cell: bool = False, out=None) -> ScoreResult:
    with np.errstate(all="ignore"):  # per-design parameters are sliced with the chunk's rows
        return _score_batch(batch.rows(start, stop), p.rows(start, stop), table_terms, cell=cell, out=out)


def _score_batch(b: DesignBatch, p: ModelParameters, table_terms: PackedLayerTerms | None = None,
                 *, cell: bool | None = None, out: dict[str, np.ndarray] | None = None) -> ScoreResult:
    """Every metric of the designs of ``b`` (the equations are in the functions called; see the module docstring).

    ``out``, optional: destination arrays of len(b) by output key (``si`` keys, ``hazard/<mechanism>``,
    ``contribution/<mechanism>``). An output that a final ufunc produces is written there (``out=o(key)``); the
    others are returned as new arrays and the caller copies them. Without ``out`` every output is a new array.
    The numbers are the same either way.
    """
    o = (out or {}).get  # o(key): where to write that output, or None (numpy allocates)
    J = b.current_density_A_m2
    T = b.temperature_K
    Q = b.areal_capacity_C_m2
    solid = b.is_solid > 0.5
    liquid = ~solid
    # np.where(liquid, a, b) bit for bit without numpy's slow branching loop on a mixed mask (physics.select)
    kind = Split(liquid)
    area = b.surface_area_ratio
    j_eff = transport.effective_current_density(J, area, out=o("j_eff_A_m2"))

    # --- temperature dependence (Arrhenius), liquid and solid ---------------------------------
    inv_offset = inverse_temperature_offset(T, b.electrolyte_reference_K)  # 1/T − 1/T_ref, shared
    f_liq = arrhenius_from_offset(b.electrolyte_activation_eV, inv_offset)
    sigma_liq = b.electrolyte_conductivity_S_m * f_liq
    # D: the same activation as the conductivity (Stokes–Einstein-like)
    diffusivity = np.multiply(b.diffusivity_m2_s, f_liq, out=o("diffusivity_m2_s"))
    f_sei = arrhenius_from_offset(b.sei_activation_eV, inv_offset)
    i0 = np.multiply(b.exchange_current_A_m2, f_sei, out=o("i0_A_m2"))
    sei_asr = b.sei_asr_ohm_m2 / f_sei

    # --- what the layers alone decide (wetting, mechanics, SEI loss): once per layer-table row ----------
    # (the solid-only terms are gathered for the solid rows only, below)
    lt = b.layer_table
    rows = Rows(solid, kind)  # the solid rows: the solid-state block is computed there only (physics.solid.block)
    if lt is not None and len(lt.table) * 4 <= len(b) and not p.has_rows:  # a table row's terms need one p
        packed = table_terms or pack_layer_terms(lt.table, p)
        terms = gather_layer_terms(packed, lt.index, out=out, skip=SOLID_LAYER_KEYS + ROW_TERMS)
        terms.update(row_terms(b, out))  # one operation each on the batch's fields: cheaper than a gather
        solid_layer = gather_some(packed, SOLID_LAYER_KEYS, rows.take(lt.index))
    else:
        terms = layer_terms(b, p)
        solid_layer = {k: rows.take(terms[k]) for k in SOLID_LAYER_KEYS}

    # --- solid state v2 (anodelab.physics.solid, Eqs. 9, 11-13): contact, ASR = R_int(T) / f_c, the two CCD limits
    half = transport.half_cycle_time_s(Q, J, out=o("half_cycle_s"))
    ss = solid_state_terms(
        p.take(rows.index) if rows.index is not None else p, rows.take(T), rows.take(b.stack_pressure_Pa),
        rows.take(b.electrolyte_conductivity_S_m), rows.take(b.sse_activation_eV),
        rows.take(b.electrolyte_reference_K), rows.take(inv_offset), rows.take(half), solid_layer)
    sse_asr, ccd_strip, ccd_pen = ss["sse_asr"], ss["ccd_strip"], ss["ccd_pen"]  # on the solid rows
    eta_nuc_ref, j_nuc_ref, gamma = terms["eta_nuc_ref_V"], terms["j_nuc_ref_A_m2"], terms["gamma_J_m2"]
    shape_factor, asr_coating = terms["shape_factor"], terms["asr_coating_ohm_m2"]

    # --- resistances and overpotentials ------------------------------------------------------------
    # np.where(liquid, liquid value, solid value): the solid rows' values put over the liquid expression's.
    # A 3D host's working area (de Levie): the share of its area the pores' electrolyte reaches
    a_work = rows.put(resistance.working_area_ratio(area, b.host_porosity, b.host_thickness_m, sigma_liq, sei_asr,
                                                    i0, T), rows.take(area), out=o("working_area_ratio"))
    asr_interface = rows.put(np.divide(sei_asr, a_work, out=o("asr_interface_ohm_m2")), sse_asr)
    asr_counter = rows.put(sei_asr, sse_asr)  # planar Na counter electrode of the half cell (sei_asr not used after)
    asr_electrolyte = rows.put(
        resistance.separator_asr_ohm_m2(b.electrode_gap_m, sigma_liq, b.separator_macmullin),
        resistance.layer_asr_ohm_m2(rows.take(b.sse_thickness_m), ss["sigma_sse"]), out=o("asr_electrolyte_ohm_m2"),
    )
    asr_total = np.add(2.0 * (asr_interface + asr_coating), asr_electrolyte, out=o("asr_total_ohm_m2"))
    # Butler–Volmer charge transfer applies to liquid cells; i0 = ∞ makes it exactly 0 for solid ones
    # (asinh 0 = 0) without evaluating asinh on their NaN exchange current
    i0_kinetic = kind.where(i0, np.inf)
    # η_ct = (2RT/F) asinh(J / (2 i0)) at three currents (host, counter electrode, 1 mA cm⁻² below): 2 i0, 2RT/F once
    two_i0, two_rt_f = 2.0 * i0_kinetic, resistance.thermal_voltage_2rt_f(T)
    eta_ct_host = resistance.butler_volmer_from_parts(J / a_work, two_i0, two_rt_f, out=o("eta_ct_V"))
    eta_ct_counter = resistance.butler_volmer_from_parts(J, two_i0, two_rt_f)
    # the limiting current (Eq. 6) once: Sand's ratio below and, over N_M, the separator's J*_sep of the
    # symmetric cell's steady concentration overpotential (transport.symmetric_concentration_overpotential_V)
    t_a = transport.anion_transference(b.transference_number)
    j_lim = transport.limiting_current_A_m2(diffusivity, b.concentration_mol_m3, t_a, b.electrode_gap_m,
                                            out=o("j_lim_A_m2"))
    eta_conc = kind.where(transport.concentration_overpotential_V(J, j_lim / b.separator_macmullin, t_a, T), 0.0,
                          out=o("eta_conc_V"))
    eta_cell = np.add(J * asr_total + eta_conc, 2.0 * eta_ct_host, out=o("eta_cell_V"))
    eta_plating = np.add(J * (asr_electrolyte + asr_interface + asr_coating + asr_counter) + eta_ct_host,
                         eta_ct_counter, out=o("eta_plating_V"))
    exponent = p.nucleation_current_exponent
    eta_excess = nucleation.nucleation_excess_V(eta_nuc_ref, j_eff, j_nuc_ref, exponent, out=o("eta_excess_V"))
    eta_nucleation = np.add(eta_plating, eta_excess, out=o("eta_nucleation_V"))

    # --- nucleation (Eqs. 1-3) -------------------------------------------------------------------------
    surface_drive = eta_ct_host + kind.where(0.0, J * asr_interface)
    eta_drive = np.maximum(eta_excess + surface_drive, _MIN_DRIVE_V, out=o("eta_drive_V"))
    r_crit = nucleation.critical_radius_m(gamma, eta_drive, out=o("r_crit_m"))
    barrier = nucleation.heterogeneous_barrier_eV(gamma, eta_drive, shape_factor=shape_factor, out=o("barrier_eV"))
    j_ref_geo = 1.0 * SUFFIX_TO_SI["mA_cm2"]
    j_eff_ref = j_ref_geo / area
    drive_ref = (
        nucleation.nucleation_excess_V(eta_nuc_ref, j_eff_ref, j_nuc_ref, exponent)
        + kind.where(resistance.butler_volmer_from_parts(j_eff_ref, two_i0, two_rt_f), j_ref_geo * asr_interface)
    )
    nuclei_rel = nucleation.relative_nuclei_density(eta_drive, np.maximum(drive_ref, _MIN_DRIVE_V),
                                                    out=o("nuclei_density_rel"))

    # --- transport (Eqs. 6-8), liquid only ----------------------------------------------------------------
    # at the geometric current density: the diffusion length √(π D τ) (~0.1-1 mm) is far larger than a host's
    # pores, so the electrolyte depletes over the whole electrode as over a plane (not on each fibre)
    sand = transport.sand_time_s(diffusivity, b.concentration_mol_m3, J, t_a, out=o("sand_time_s"))
    sand_eff = sand_time_above_limit_s(sand, J, j_lim)  # Sand's time counts above the limiting current only
    sand_ratio = np.divide(sand_eff, half, out=o("sand_ratio"))

    # --- the critical current density (solid): the lower of the stripping and plating limits; NaN for liquid designs
    ccd = rows.fill(np.minimum(ccd_strip, ccd_pen), out=o("ccd_A_m2"))

    # --- volume ----------------------------------------------------------------------------------------------
    plated = volume.plated_thickness_m(Q, out=o("plated_m"))
    pore = terms["pore_m"]
    dthick = volume.thickness_change_m(plated, pore, out=o("thickness_change_m"))
    spec_cap = volume.anode_specific_capacity_C_kg(Q, b.na_excess_C_m2, b.host_areal_mass_kg_m2,
                                                   out=o("specific_capacity_C_kg"))

    # --- interphase: 1 − CE at the design's temperature, current and capacity (CE_Cu is at J_ref, Q_ref, T_ref) ---
    # 1 − CE = 1 − CE_ref^g,  g = exp(−E_SEI/k_B (1/T − 1/T_ref)) (J_eff / J_ref)^n (Q_ref / Q)^m  (liquid; solid: g = 1)
    # (anodelab.physics.interphase.ce_condition_factor; m < 1: the loss per cycle Q (1 − CE) ∝ Q^(1−m) still rises with Q)
    f_growth = arrhenius_from_offset(p.sei_growth_activation_energy_eV, inv_offset)
    j_ce_ref = p.ce_reference_current_mA_cm2 * SUFFIX_TO_SI["mA_cm2"]
    q_ce_ref = p.ce_reference_capacity_mAh_cm2 * SUFFIX_TO_SI["mAh_cm2"]
    g_ce = interphase.ce_condition_factor(f_growth, j_eff / j_ce_ref, p.ce_current_exponent, q_ce_ref / Q,
                                          p.ce_capacity_exponent)
    g_ce -= 1.0
    g_ce *= 1.0 - b.is_solid  # g = 1 for solid cells (no growing SEI), without an np.where
    g_ce += 1.0
    ln_ce = terms["ln_ce"] * g_ce
    ineff_c = -np.expm1(ln_ce)
    ineff_c += 0.0  # −0.0 (CE = 1) → +0.0, so that a lossless cell's failure times are +∞, not −∞
    ce = np.subtract(1.0, ineff_c, out=o("ce"))
    loss = interphase.inventory_loss_C_m2(Q, ineff_c, out=o("loss_C_m2"))
    # the two terms of the Na-inventory life (anodelab.lifetime.mechanisms.inventory_cycles): excess, then fade
    cycles_excess, cycles_80 = inventory_cycle_terms(b.na_excess_C_m2, Q, ineff_c, p.end_of_life_retention, ln_ce=ln_ce,
                                                     loss_C_m2=loss, out=(o("cycles_excess"), o("cycles_80")))
    test_time = 2.0 * b.cycles * half
    gas = kind.where(
        interphase.gas_evolution_mol_m2(
            b.gas_reference_mol_m2, test_time, b.gas_reference_time_s, power(area, p.sei_area_exponent),
            b.coating_sei_factor, p.gas_time_exponent
        ) * f_growth,
        0.0, out=o("gas_mol_m2"),
    )

    # --- failure as a time per mechanism; dendrite risk = P(failure before the design's cycle count) ------------
    ccd_strip_si = rows.fill(ccd_strip, out=o("ccd_strip_A_m2"))  # NaN for liquid designs (solid keys)
    ccd_pen_si = rows.fill(ccd_pen, out=o("ccd_pen_A_m2"))
    full_cell = cell or (cell is None and np.any(b.has_cathode))
    if full_cell:  # a full cell's electrolyte is its E/C, not the half cell's separator (anodelab.cell.energy)
        terms = {**terms, "solvent_budget_mol_m2": electrolyte_budget_mol_m2(b, p, terms["solvent_budget_mol_m2"])}
    life, hazards, contributions = failure_terms(
        p=p, J=J, Q=Q, cycles=b.cycles, inventory=cycles_excess + cycles_80, ineff=ineff_c, sand_effective=sand_eff,
        c0=b.concentration_mol_m3, t_anion=t_a, half=half, plated=plated, eta_excess=eta_excess,
        thickness_change=dthick, ccd_strip=ccd_strip_si, ccd_pen=ccd_pen_si, layer=terms, out=out,
        void_floor_isolated=b.interlayer_insulator,  # solid failure below the CCD (physics.solid.below_ccd)
        # a Na-filled SSE framework spreads the void volume over a_w × the area (None: no such host in the batch)
        void_interface_area=None if ss["interface_area"] is None else rows.put(np.ones(len(b)), ss["interface_area"]),
        electrodes=plating_electrodes(b.has_cathode) if full_cell else HALF_CELL_PLATING_ELECTRODES,  # symmetric: 2
    )
    total_risk = life["risk"]

    # --- warnings ----------------------------------------------------------------------------------------------
    bits = np.zeros(len(b), dtype=np.int32)  # 11 bits in use

    def flag(code, cond):
        np.bitwise_or(bits, cond * np.int32(WARNING_BY_CODE[code][0]), out=bits)

    flag("young_clipped", terms["young_clipped"])
    flag("above_na_melting", T > NA_MELTING_POINT_K)
    flag("above_limiting_current", liquid & (J > j_lim))
    flag("sand_time_exceeded", liquid & (J > j_lim) & (half > sand))  # Sand's time counts above J_lim only
    flag("above_ccd", solid & (J > ccd))
    flag("monroe_newman_not_met", solid & (terms["g_ratio"] < MONROE_NEWMAN_CRITICAL_RATIO))
    flag("excess_consumed", (b.na_excess_C_m2 > 0) & (cycles_excess < b.cycles))
    flag("anode_free", b.na_excess_C_m2 <= 0)
    flag("host_overfilled", (b.host_porosity > 0) & (dthick > 0))
    flag("insulating_coating_on_host", terms["insulating_coating"])
    flag("below_freezing_liquid", liquid & (T < 233.15))

    si = {
        "j_eff_A_m2": j_eff,
        "eta_nucleation_V": eta_nucleation,
        "eta_plating_V": eta_plating,
        "eta_excess_V": eta_excess,
        "r_crit_m": r_crit,
        "barrier_eV": barrier,
        "nuclei_density_rel": nuclei_rel,
        "theta_deg": terms["theta_deg"],
        "theta_r_deg": terms["theta_r_deg"],
        "theta_infusion_deg": terms["theta_infusion_deg"],
        "sodiophilic": terms["sodiophilic"],
        "infusion_feasible": terms["infusion_feasible"],
        "sand_time_s": sand,
        "half_cycle_s": half,
        "sand_ratio": sand_ratio,
        "j_lim_A_m2": j_lim,
        "asr_interface_ohm_m2": asr_interface,
        "asr_coating_ohm_m2": asr_coating,
        "asr_electrolyte_ohm_m2": asr_electrolyte,
        "asr_total_ohm_m2": asr_total,
        "eta_ct_V": eta_ct_host,
        "eta_cell_V": eta_cell,
        "eta_conc_V": eta_conc,
        "working_area_ratio": a_work,
        "ccd_A_m2": ccd,
        "ccd_strip_A_m2": ccd_strip_si,
        "ccd_pen_A_m2": ccd_pen_si,
        # solid-state model v2 (issue 12); NaN for liquid designs
        "contact_fraction": rows.fill(ss["f_contact"], out=o("contact_fraction")),
        "j_replenish_A_m2": rows.fill(ss["j_rep"], out=o("j_replenish_A_m2")),
        "j_creep_A_m2": rows.fill(ss["j_creep"], out=o("j_creep_A_m2")),
        "eta_penetration_V": rows.fill(ss["eta_pen"], out=o("eta_penetration_V")),
        "ccd_limit": rows.fill(np.add(ccd_strip > ccd_pen, 1.0), out=o("ccd_limit")),  # 1 stripping, 2 plating
        "g_ratio": terms["g_ratio"],
        "plated_m": plated,
        "pore_m": pore,
        "thickness_change_m": dthick,
        "specific_capacity_C_kg": spec_cap,
        "ce": ce,
        "loss_C_m2": loss,
        "cycles_excess": cycles_excess,
        "cycles_80": cycles_80,
        "gas_mol_m2": gas,
        "risk": total_risk,
        # intermediate values exposed for the simulators and the score-card tooltips
        "gamma_J_m2": gamma,
        "eta_drive_V": eta_drive,
        "sigma_electrolyte_S_m": rows.put(sigma_liq, ss["sigma_sse"], out=o("sigma_electrolyte_S_m")),
        "i0_A_m2": i0,
        "diffusivity_m2_s": diffusivity,
    }
    si.update(life)  # t_fail_<mechanism>_s, lifetime_s, lifetime_cycles, failure_mechanism, risk
    if full_cell:  # full-cell metrics (anodelab.cell); NaN without a cathode
        si.update(cell_terms(b, si, p))
    return ScoreResult(si=si, warning_bits=bits, contributions=contributions, hazards=hazards, is_solid=solid)

