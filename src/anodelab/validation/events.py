"""Lifetime failure events (``resources/literature/lifetime_events.toml``) and the censoring-aware lifetime rows.

Tables 1-2 of Lu 2022 report how long a cell cycled stably (a test length: right-censored,
:data:`~anodelab.validation.records.LIFETIME_CENSORED_DEFAULT`), so Harrell's C over them alone is undefined. This
module reads cells that FAILED at a stated time (short circuit, sudden voltage drop, overpotential blow-up; each
record gives its DOI and the sentence that states it) and reports, with nothing fitted on them:

* (a) the events alone and (b) the events together with the Table 1 censored lifetimes;
* Harrell's C (:func:`~anodelab.validation.heldout.harrell_c`): over the pairs (i, j) with t_i < t_j and i a
  failure, the share whose predicted lives are in the same order (ties ½);
* the censored consistency: the share of censored records whose predicted life is ≥ the reported test length;
* the median fold error median(max(p/r, r/p)) over the failure events only (a test length is not a life to match).

Headline figures use the independent records only (as the Table 1-2 rows): a record is not independent evidence
if a library property its lifetime depends on (:data:`~anodelab.validation.records.DEPENDS_ON`) cites the
record's DOI in its source.
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..batch import batch_from_designs
from ..errors import AnodeLabError
from ..literature import Record, installed_library
from ..materials.library import Library
from ..paths import resources_dir
from ..physics.parameters import ModelParameters, default_parameters
from ..scoring import score
from .heldout import censored_consistency, harrell_c
from .records import DEPENDS_ON, Comparison, comparisons

EVENTS_FILE = "lifetime_events.toml"
FAILURE_MODES = ("short", "overpotential")
LIFETIME_KEY = "predicted_lifetime_h"


@dataclass(frozen=True)
class EventRecord:
    """One failure event: the record (as in the Table 1-2 files) and where it is stated."""

    record: Record
    doi: str
    quote: str
    failure_mode: str


def load_event_records(path: Path | None = None) -> list[EventRecord]:
    """Read the failure-event file. Raises AnodeLabError naming file and record on bad content: a record needs
    ``doi``, ``quote``, ``failure_mode`` ∈ :data:`FAILURE_MODES` and ``[record.symmetric]`` with ``lifetime_h`` > 0
    and ``lifetime_event = true``."""
    path = path or resources_dir() / "literature" / EVENTS_FILE
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise AnodeLabError(f"cannot read the lifetime events ({exc})", file=str(path)) from None
    out = []
    for raw in data.get("record", []):
        rid = raw.get("id", "?")
        where = dict(file=str(path), entry=f"record '{rid}'")
        try:
            rec = Record(
                id=str(raw["id"]), table=int(raw.get("table", 1)), reference=int(raw.get("reference", 0)),
                strategy=str(raw.get("strategy", "")),
                layers={s: raw.get(s, "") for s in ("host", "coating", "electrolyte", "interlayer")},
                temperature_C=float(raw["temperature_C"]), stack_pressure_MPa=float(raw.get("stack_pressure_MPa", 0.0)),
                data={k: v for k, v in raw.items() if isinstance(v, dict)}, notes=str(raw.get("notes", "")),
                file=str(path))
            doi, quote, mode = str(raw["doi"]).strip(), str(raw["quote"]).strip(), str(raw["failure_mode"])
            sym = raw["symmetric"]
            life = float(sym["lifetime_h"])
            for k in ("current_density_mA_cm2", "areal_capacity_mAh_cm2"):
                float(sym[k])
        except (KeyError, TypeError, ValueError) as exc:
            raise AnodeLabError(f"bad event record (missing or bad {exc})", **where) from None
        if not doi or not quote:
            raise AnodeLabError("an event record needs a doi and the quoted sentence", **where)
        if mode not in FAILURE_MODES:
            raise AnodeLabError(f"failure_mode must be one of {FAILURE_MODES}", field="failure_mode", **where)
        if sym.get("lifetime_event") is not True or not life > 0:
            raise AnodeLabError("an event record needs lifetime_h > 0 and lifetime_event = true",
                                field="symmetric.lifetime_event", **where)
        out.append(EventRecord(rec, doi, quote, mode))
    return out


def _doi_independence(ev: EventRecord, library: Library) -> tuple[bool, str]:
    """False (with the properties) if a library input of the lifetime cites the event's own DOI."""
    doi = ev.doi.lower()
    same = []
    for slot, props in DEPENDS_ON["lifetime_h"].items():
        mid = ev.record.layers.get(slot)
        if not mid:
            continue
        for p in props:
            prop = library.get(mid).properties.get(p)
            if prop is not None and doi in prop.source.lower():
                same.append(f"{mid}.{p}")
    return (not same), ("input from the same paper: " + ", ".join(same)) if same else ""


def event_comparisons(events: list[EventRecord] | None = None, library: Library | None = None) -> list[Comparison]:
    """The lifetime comparison of every event record (not censored), designs by
    :func:`anodelab.validation.records.comparisons`; independence by DOI (:func:`_doi_independence`)."""
    library = library or installed_library()
    events = load_event_records() if events is None else events
    by_id = {e.record.id: e for e in events}
    out = []
    for c in comparisons([e.record for e in events], library):
        if c.quantity != "lifetime_h":
            continue
        ind, note = _doi_independence(by_id[c.record_id], library)
        out.append(replace(c, independent=ind, input_note=note))
    return out


@dataclass
class LifetimeStats:
    """Censoring-aware lifetime figures of one set of records (headline: the independent ones)."""

    label: str
    n: int
    n_events: int
    n_censored: int
    n_independent: int
    c_index: float | None  # Harrell's C on the independent records (None: no comparable pair)
    c_index_pairs: int
    censored_consistency: float | None  # share of independent censored records with predicted ≥ reported
    fold_error_events: float | None  # median fold error over the independent failure events
    c_index_all: float | None = None  # Harrell's C on all records

    def as_dict(self) -> dict:
        return dict(self.__dict__)


def lifetime_stats(label, reported_h, predicted_h, event, independent) -> LifetimeStats:
    """Harrell's C, censored consistency and the events' median fold error (arrays over records; ``event`` True for
    a failure, False for a test length).

    Example (the hand-made case of the tests): reported 10 (failure), 20 (test length), 30 (failure), 40 (test
    length) h, predicted 15, 5, 35, 50 h: comparable pairs (10,20), (10,30), (10,40), (30,40); concordant all but
    (10,20) ⇒ C = 3/4; censored consistency: 5 ≥ 20 no, 50 ≥ 40 yes ⇒ 1/2; fold errors 1.5 and 35/30 ⇒ median 1.333.
    """
    t = np.asarray(reported_h, float)
    p = np.asarray(predicted_h, float)
    e = np.asarray(event, bool)
    ind = np.asarray(independent, bool)
    c, npairs = harrell_c(p[ind], t[ind], e[ind])
    cc = censored_consistency(p[ind], t[ind], ~e[ind])[0]
    pe, te = p[ind & e], t[ind & e]
    ok = np.isfinite(pe) & (pe > 0) & (te > 0)
    fold = float(np.median(np.maximum(pe[ok] / te[ok], te[ok] / pe[ok]))) if ok.any() else None
    return LifetimeStats(label, len(t), int(e.sum()), int((~e).sum()), int(ind.sum()), c, npairs, cc, fold,
                         harrell_c(p, t, e)[0])


def _predict(comps: list[Comparison], library: Library, params: ModelParameters):
    """(predicted life [h], failure mechanism) per comparison, one scored batch."""
    if not comps:
        return np.zeros(0), []
    result = score(batch_from_designs([c.design for c in comps], library), params)
    life = np.asarray(result.value(LIFETIME_KEY), float)
    return life, [str(result.record(i).get("failure_mechanism")) for i in range(len(comps))]


def events_section(params: ModelParameters | None = None, library: Library | None = None) -> dict:
    """The three rows — (a) the failure events alone, (b) the liquid (table 1) events + the Table 1 censored lifetimes,
    (c) the solid (table 2) events + the Table 2 censored lifetimes — and one line per event (reported, predicted,
    predicted mechanism), as a dict for the CLI and ``--json``. A row's headline C uses the independent records only;
    ``c_index_all`` (printed beside it) uses every record of the row."""
    params = params or default_parameters()
    library = library or installed_library()
    ev = event_comparisons(library=library)
    censored = [c for c in comparisons(library=library) if c.quantity == "lifetime_h" and c.table in (1, 2)]
    comps = ev + censored
    life, mech = _predict(comps, library, params)
    rep = np.array([c.reported for c in comps])
    event = np.array([not c.censored for c in comps], bool)
    ind = np.array([c.independent and not c.bound_note for c in comps], bool)
    table = np.array([c.table for c in comps])
    n_ev = len(ev)
    is_ev = np.arange(len(comps)) < n_ev
    rows = [lifetime_stats("failure events", rep[is_ev], life[is_ev], event[is_ev], ind[is_ev])]
    for t in (1, 2):
        sel = table == t
        rows.append(lifetime_stats(f"events + Table {t} censored", rep[sel], life[sel], event[sel], ind[sel]))
    records = [{"record_id": c.record_id, "table": c.table, "reported_h": c.reported, "predicted_h": float(life[i]),
                "failure_mechanism": mech[i], "event": bool(event[i]), "independent": bool(ind[i]),
                "note": c.input_note} for i, c in enumerate(comps) if i < n_ev]
    return {"rows": [r.as_dict() for r in rows], "events": records, "n_event_records": n_ev}


def events_lines(section: dict) -> list[str]:
    """Text lines for ``anodelab validate`` (the held-out table's lifetime rows with failure events)."""
    from .text_report import _f

    lines = []
    for r in section["rows"]:
        label = f"Lifetime, {r['label']} [h]"
        c_text = "C " + _f(r["c_index"], ".2f") if r["c_index"] is not None else "C n/a"
        note = (f"{r['n_events']} failure events, {r['n_censored']} censored, {r['c_index_pairs']} comparable pairs; "
                f"censored consistency {_f(r['censored_consistency'], '.2f')}; fold error over the independent failure "
                f"events; C on all records (independent or not) {_f(r['c_index_all'], '.2f')}")
        if not r["n_events"]:
            note = ("no failure-event record among these (resources/literature/lifetime_events.toml): C stays "
                    f"undefined; {r['n_censored']} censored")
        lines.append(f"  {label:<44} {r['n_independent']:>5} {'0/' + str(r['n']):>10} {c_text:>12} "
                     f"{_f(r['fold_error_events'], '.2f'):>9}  {note}")
    for e in section["events"]:
        pred = "∞" if not math.isfinite(e["predicted_h"]) else f"{e['predicted_h']:.3g}"
        lines.append(f"    event {e['record_id']:<10} reported {e['reported_h']:>8.4g} h  predicted {pred:>8} h  "
                     f"ends by {e['failure_mechanism']}{'' if e['independent'] else '  (' + e['note'] + ')'}")
    return lines
