"""Within-paper Coulombic-efficiency comparisons (``resources/literature/ce_pairs.toml``): host vs planar control, and
one electrode at two current densities (issue 13: the host/substrate effect on CE).

Each record has two arms a, b measured in one paper with one electrolyte. The engine scores both arms with the
library's materials and the arms' conditions and gives the factor on ln CE,

    r = ln CE_b / ln CE_a = [A_b^s f_b g_b] / [A_a^s f_a g_a]        (anodelab.physics.interphase; the electrolyte's
                                                                     CE_Cu cancels exactly)

with A the host's surface-area ratio, s = ``sei_area_exponent``, f the coating factor and g the condition factor
(J_eff / J_ref)ⁿ (Q_ref / Q)ᵐ f_T. Where the paper gives arm a's average CE, the engine's CE of arm b is
CE_b = CE_a^r, and the compared quantity is the LOSS RATIO

    R = (1 − CE_b) / (1 − CE_a)       (measured from the two reported CEs; predicted as (1 − CE_a^r) / (1 − CE_a)).

R < 1 means arm b loses less Na per cycle than arm a. Reported per record: measured and predicted R, the fold error
max(R_p / R_m, R_m / R_p), and whether the sign agrees (both R < 1, or both > 1). Records with ``b_better = true`` (arm a
has no number: its CE fluctuated or failed) test the sign only, with R predicted from the library's CE_Cu.
Example: A_a = 1.1, A_b = 30, s = ½, n = ¼, same J and Q: r = (30 / 1.1)^(½ − ¼) = 2.285; with CE_a = 0.8979
R_p = (1 − 0.8979^2.285) / 0.1021 = 0.21816 / 0.1021 = 2.14 (the engine: host loses ×2 more), measured R = 0.0015 / 0.1021 = 0.0147.

A second reading, the ABSOLUTE one: arm b's CE as the engine gives it from the library alone (the electrolyte's CE_Cu,
a clean planar value), compared with the CE the paper reports for arm b (fold error on 1 − CE, Spearman ρ), and the
loss ratio it implies against the paper's own control, R_abs = (1 − CE_b,library) / (1 − CE_a). If a host's loss sits
near an electrolyte floor whatever the state of the paper's planar control (an oxidised Cu foil loses far more than a
clean one), R_abs is the test, not R; the two readings bracket the substrate term the model lacks.
Nothing is fitted on these records.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..batch import batch_from_designs
from ..design import Conditions, Design, Layer, resolve
from ..errors import AnodeLabError
from ..fileio import read_toml
from ..literature import installed_library
from ..materials.library import Library
from ..paths import resources_dir
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import score
from .core import median_fold_error, spearman

PAIRS_FILE = "ce_pairs.toml"
KINDS = ("host_vs_planar", "current_series")


@dataclass(frozen=True)
class Arm:
    """One arm of a comparison: a library host at a current density and capacity, with the paper's average CE."""

    host: str
    paper_name: str
    current_density_mA_cm2: float
    areal_capacity_mAh_cm2: float
    ce: float | None  # the reported average CE (fraction), None where the paper gives no number
    nucleation_overpotential_mV: float | None  # measured in the paper (information only)


@dataclass(frozen=True)
class CEPair:
    """A within-paper CE comparison (see the module docstring)."""

    id: str
    doi: str
    citation: str
    kind: str
    electrolyte: str
    electrolyte_note: str
    temperature_C: float
    quote: str
    a: Arm
    b: Arm
    b_better: bool


def _arm(raw, where: dict, side: str) -> Arm:
    try:
        ce = raw.get("ce")
        ce = None if ce is None else float(ce)
        nop = raw.get("nucleation_overpotential_mV")
        arm = Arm(host=str(raw["host"]), paper_name=str(raw.get("paper_name", "")),
                  current_density_mA_cm2=float(raw["current_density_mA_cm2"]),
                  areal_capacity_mAh_cm2=float(raw["areal_capacity_mAh_cm2"]), ce=ce,
                  nucleation_overpotential_mV=None if nop is None else float(nop))
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise AnodeLabError(f"arm {side} needs host, current_density_mA_cm2, areal_capacity_mAh_cm2 and a numeric ce "
                            f"if any ({exc!r})", field=f"pair.{side}", **where) from None
    if arm.ce is not None and not 0.0 < arm.ce < 1.0:
        raise AnodeLabError(f"ce must lie in (0, 1) as a fraction (got {arm.ce})", field=f"pair.{side}.ce", **where)
    if arm.current_density_mA_cm2 <= 0 or arm.areal_capacity_mAh_cm2 <= 0:
        raise AnodeLabError("current density and capacity must be > 0", field=f"pair.{side}", **where)
    return arm


def load_ce_pairs(path: Path | None = None) -> list[CEPair]:
    """Read the CE-comparison file. Raises AnodeLabError naming the file, record and field on bad content: a record
    needs id, doi, quote, kind ∈ :data:`KINDS`, electrolyte and two arms; arm b needs a ce, and arm a either a ce
    or ``b_better = true``."""
    path = path or resources_dir() / "literature" / PAIRS_FILE
    data = read_toml(path, what="not a valid CE-comparison file (TOML)")  # names the file on any read error
    out = []
    for raw in data.get("pair", []):
        where = dict(file=str(path), entry=f"pair '{raw.get('id', '?')}'")
        try:
            kind = str(raw["kind"])
            rec = dict(id=str(raw["id"]), doi=str(raw["doi"]).strip(), citation=str(raw.get("citation", "")),
                       electrolyte=str(raw["electrolyte"]), electrolyte_note=str(raw.get("electrolyte_note", "")),
                       temperature_C=float(raw.get("temperature_C", 25.0)), quote=str(raw["quote"]).strip())
            a, b = raw["a"], raw["b"]
        except (KeyError, TypeError, ValueError) as exc:
            raise AnodeLabError(f"a CE comparison needs id, doi, kind, electrolyte, quote, [pair.a] and [pair.b] "
                                f"(missing or bad: {exc})", **where) from None
        if kind not in KINDS:
            raise AnodeLabError(f"kind must be one of {KINDS} (got {kind!r})", field="kind", **where)
        if not rec["doi"] or not rec["quote"]:
            raise AnodeLabError("doi and quote must not be empty", **where)
        pa, pb = _arm(a, where, "a"), _arm(b, where, "b")
        b_better = bool(raw.get("b_better", False))
        if pb.ce is None:
            raise AnodeLabError("arm b needs its reported average ce", field="pair.b.ce", **where)
        if pa.ce is None and not b_better:
            raise AnodeLabError("arm a has no ce: give it, or b_better = true with the quote that states it",
                                field="pair.a.ce", **where)
        out.append(CEPair(kind=kind, a=pa, b=pb, b_better=b_better, **rec))
    return out


def _design(pair: CEPair, arm: Arm, library: Library) -> Design:
    d = Design(name=f"{pair.id} ({arm.paper_name or arm.host})", host=Layer(arm.host),
               electrolyte=Layer(pair.electrolyte), coating=None, interlayer=None,
               conditions=Conditions(current_density_mA_cm2=arm.current_density_mA_cm2,
                                     areal_capacity_mAh_cm2=arm.areal_capacity_mAh_cm2,
                                     temperature_C=pair.temperature_C))
    resolve(d, library, file=f"{PAIRS_FILE}: pair '{pair.id}'")  # names the record on an unknown material
    return d


def loss_ratio_from_log_factor(ce_a: float, r: float) -> float:
    """R = (1 − CE_a^r) / (1 − CE_a), the loss ratio of arm b to arm a when ln CE_b = r ln CE_a.
    Example: CE_a = 0.8979, r = 2.285 ⇒ (1 − 0.78184) / 0.1021 = 2.137."""
    return -math.expm1(r * math.log(ce_a)) / -math.expm1(math.log(ce_a))


def compare_ce_pairs(pairs: list[CEPair] | None = None, params: ModelParameters | None = None,
                     library: Library | None = None) -> list[dict]:
    """One row per record: the engine's log factor r, predicted and measured loss ratios, fold error and sign."""
    pairs = load_ce_pairs() if pairs is None else pairs
    params = params or default_parameters()
    library = library or installed_library()
    if not pairs:
        return []
    designs = [d for p in pairs for d in (_design(p, p.a, library), _design(p, p.b, library))]
    ce = np.asarray(score(batch_from_designs(designs, library), params).si["ce"], float)
    rows = []
    for i, p in enumerate(pairs):
        ce_a_lib, ce_b_lib = float(ce[2 * i]), float(ce[2 * i + 1])
        r = math.log(ce_b_lib) / math.log(ce_a_lib)
        loss_b_lib, loss_b = 1.0 - ce_b_lib, 1.0 - p.b.ce
        fold_abs = max(loss_b_lib / loss_b, loss_b / loss_b_lib)
        if p.a.ce is not None:
            r_pred = loss_ratio_from_log_factor(p.a.ce, r)
            r_meas = loss_b / (1.0 - p.a.ce)
            fold = max(r_pred / r_meas, r_meas / r_pred)
            ce_b_pred = math.exp(r * math.log(p.a.ce))
            r_abs = loss_b_lib / (1.0 - p.a.ce)
        else:  # ordinal: only the sign is measured
            r_pred = (1.0 - ce_b_lib) / (1.0 - ce_a_lib)
            r_meas, fold, ce_b_pred, r_abs = None, None, None, None
        measured_b_better = True if p.a.ce is None else r_meas < 1.0
        rows.append(dict(
            id=p.id, doi=p.doi, kind=p.kind, electrolyte=p.electrolyte, host_a=p.a.host, host_b=p.b.host,
            paper_a=p.a.paper_name, paper_b=p.b.paper_name, j_a_mA_cm2=p.a.current_density_mA_cm2,
            j_b_mA_cm2=p.b.current_density_mA_cm2, ce_a=p.a.ce, ce_b=p.b.ce, ce_b_predicted=ce_b_pred,
            log_factor=r, loss_ratio_measured=r_meas, loss_ratio_predicted=r_pred, fold_error=fold,
            ordinal=p.a.ce is None, measured_b_better=measured_b_better,
            sign_agrees=(r_pred < 1.0) == measured_b_better,
            ce_b_library=ce_b_lib, fold_error_absolute=fold_abs, loss_ratio_predicted_absolute=r_abs,
            sign_agrees_absolute=None if r_abs is None else (r_abs < 1.0) == measured_b_better,
            nucleation_overpotential_mV=(p.a.nucleation_overpotential_mV, p.b.nucleation_overpotential_mV)))
    return rows


def _summary(rows: list[dict], kind: str) -> dict:
    sel = [r for r in rows if r["kind"] == kind]
    num = [r for r in sel if not r["ordinal"]]
    refs = sorted({r["doi"] for r in sel})
    loss_b_lib, loss_b = [1 - r["ce_b_library"] for r in sel], [1 - r["ce_b"] for r in sel]
    return dict(kind=kind, n=len(sel), n_numeric=len(num), n_references=len(refs), references=refs,
                sign_agrees=sum(r["sign_agrees"] for r in sel),
                median_fold_error_absolute=median_fold_error(loss_b_lib, loss_b),
                spearman_absolute=spearman(loss_b_lib, loss_b),
                sign_agrees_absolute=sum(bool(r["sign_agrees_absolute"]) for r in num),
                median_fold_error=median_fold_error([r["loss_ratio_predicted"] for r in num],
                                                    [r["loss_ratio_measured"] for r in num]),
                median_log10_bias=float(np.median([math.log10(r["loss_ratio_predicted"] / r["loss_ratio_measured"])
                                                   for r in num])) if num else None)


def ce_pairs_section(params: ModelParameters | None = None, library: Library | None = None) -> dict:
    """The rows and their summaries per kind, as a dict for the CLI, the GUI's validation tab and ``--json``."""
    rows = compare_ce_pairs(params=params, library=library)
    return {"rows": rows, "summaries": [_summary(rows, k) for k in KINDS]}


_LABELS = {"host_vs_planar": "CE, host vs planar control (same paper)",
           "current_series": "CE vs current density (one electrode)"}


def ce_pairs_lines(section: dict, points: bool = False) -> list[str]:
    """Text lines for ``anodelab validate``: one summary line per kind; ``points`` adds one line per record."""
    from .text_report import _f

    out = ["Within-paper CE comparisons (resources/literature/ce_pairs.toml; nothing fitted): loss ratio "
           "R = (1 − CE_b) / (1 − CE_a), predicted from the engine's ln CE factor and the paper's CE_a"]
    for s in section["summaries"]:
        if not s["n"]:
            continue
        out.append(f"  {_LABELS[s['kind']]:<44} n {s['n']:>2} ({s['n_numeric']} with both CEs; {s['n_references']} "
                   f"papers)  sign right {s['sign_agrees']}/{s['n']}  median fold error on R "
                   f"{_f(s['median_fold_error'], '.3g')}  median log10(R_pred / R_meas) "
                   f"{_f(s['median_log10_bias'], '+.2f')}")
        r_abs = (f"  R_abs = (1 − CE_b,library) / (1 − CE_a): sign right {s['sign_agrees_absolute']}/{s['n_numeric']}"
                 if s["kind"] == "host_vs_planar" else "")  # a host against the paper's own planar control
        out.append(f"  {'  absolute: CE_b from the library alone':<44} n {s['n']:>2}  ρ on 1 − CE_b "
                   f"{_f(s['spearman_absolute'], '+.2f')}  median fold error on 1 − CE_b "
                   f"{_f(s['median_fold_error_absolute'], '.3g')}{r_abs}")
    if points:
        for r in section["rows"]:
            meas = "b better (ordinal)" if r["ordinal"] else f"R {r['loss_ratio_measured']:.3g}"
            out.append(f"    {r['id']:<20} {r['host_a']} @ {r['j_a_mA_cm2']:g} → {r['host_b']} @ {r['j_b_mA_cm2']:g} "
                       f"mA cm⁻²: measured {meas}, predicted R {r['loss_ratio_predicted']:.3g}"
                       + ("" if r["sign_agrees"] else "  (sign wrong)")
                       + f"; CE_b reported {r['ce_b']:.4f}, library {r['ce_b_library']:.4f}")
    return out
