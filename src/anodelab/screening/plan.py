"""A screen as arrays: per-material column matrices, material combinations and condition axes.

Design ``i`` of a screen is material combination ``i // n_conditions`` with condition set
``i % n_conditions``. A chunk of designs is built by gathering columns with integer index arrays
(:meth:`ScreenPlan.batch`), so no Python object is ever made per design. Everything here is plain
numpy + dataclasses, picklable for a Dask worker.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from ..batch import CONDITION_COLUMNS, LAYER_COLUMNS, DesignBatch, LayerTable, columns_for_layer
from ..design import CONDITION_SPECS, Conditions, Design, Layer, ResolvedLayer
from ..electrolyte.resolve import apply_transport_model
from ..errors import AnodeLabError
from ..materials.library import Library, default_library
from ..uncertainty.sampling import is_log_range, map_unit, sample_unit
from .spec import SCREEN_SLOTS, ScreenSpec

#: Largest number of design evaluations of one screen (designs × uncertainty samples): 10¹⁰ take
#: about 2 h at the 1.5 × 10⁶ designs/s of the 2-core reference machine; more is refused up front.
MAX_DESIGNS = 10**10
#: Screening throughput used for the time estimate in the refusal message (designs/s, 2 cores;
#: benchmarks/bench_screening.py: 10⁶ designs in 0.66 s, 1.2 × 10⁷ evaluations in 8.1 s).
REFERENCE_DESIGNS_PER_S = 1.5e6


def _duration(seconds: float) -> str:
    for unit, size in (("years", 365.25 * 86400), ("days", 86400), ("h", 3600), ("min", 60)):
        if seconds >= size:
            return f"{seconds / size:.3g} {unit}"
    return f"{seconds:.3g} s"


def check_screen_size(n_designs: int, n_samples: int, *, file: str | None, field: str = "conditions") -> None:
    """Refuse a screen above :data:`MAX_DESIGNS` evaluations before any work, with the estimate."""
    work = int(n_designs) * max(1, int(n_samples))
    if work <= MAX_DESIGNS:
        return
    what = f"{n_designs:.3g} designs" + (f" × {n_samples} uncertainty samples" if n_samples else "")
    raise AnodeLabError(
        f"the screen has {what} ≈ {_duration(work / REFERENCE_DESIGNS_PER_S)} of scoring at "
        f"{REFERENCE_DESIGNS_PER_S:.2g} designs/s (2 cores); the limit is {MAX_DESIGNS:.0e} evaluations; use fewer grid "
        f"points ('n'), fewer materials, random/lhs sampling, or fewer uncertainty samples",
        file=file, field=field)
COND_USER = tuple(c[1] for c in CONDITION_COLUMNS)


@dataclass
class SlotTable:
    """One slot's candidates: ids (``None`` = empty) and the SI columns, shape (n_fields, n_materials)."""

    slot: str
    ids: tuple[str | None, ...]
    fields: tuple[str, ...]
    matrix: np.ndarray
    #: uncertain entries: (field row, material column, property index into ``props``)
    unc_rows: np.ndarray
    unc_cols: np.ndarray
    unc_prop: np.ndarray


@dataclass
class UncertainProperty:
    slot: str
    material_id: str
    prop: str
    low: float
    high: float
    log: bool


@dataclass
class ScreenPlan:
    spec: ScreenSpec
    slots: dict[str, SlotTable]
    combo: np.ndarray  # (n_combos, 4) int64 rows into each slot table, order SCREEN_SLOTS
    is_solid: np.ndarray  # per electrolyte column, 0/1
    axes_si: tuple[np.ndarray, ...]  # grid mode: SI values per condition (order CONDITION_COLUMNS)
    cond_table_si: np.ndarray | None  # random/lhs mode: (6, n_conditions)
    n_conditions: int
    uncertain: tuple[UncertainProperty, ...]
    #: (samples, n_uncertain) property values in user units, or None
    unc_values: np.ndarray | None
    _combo_layers: list = field(default_factory=list, repr=False, compare=False)

    @property
    def n_designs(self) -> int:
        return int(self.combo.shape[0]) * self.n_conditions

    @property
    def n_samples(self) -> int:
        return 0 if self.unc_values is None else int(self.unc_values.shape[0])

    # ------------------------------------------------------------------ decoding
    def decode(self, index) -> tuple[np.ndarray, np.ndarray]:
        """Design indices → (material rows (n, 4), SI conditions (6, n))."""
        index = np.asarray(index, dtype=np.int64)
        ci, ki = np.divmod(index, self.n_conditions)
        rows = self.combo[ci]
        if self.cond_table_si is not None:
            cond = self.cond_table_si[:, ki]
        else:
            shape = tuple(len(a) for a in self.axes_si)
            parts = np.unravel_index(ki, shape)
            cond = np.stack([a[p] for a, p in zip(self.axes_si, parts)]) if len(index) else np.zeros((6, 0))
        if self.spec.cell is not None:  # full-cell screens: column 4 is the cell variant (N/P, DoD per variant)
            cond = self.spec.cell.adjust_conditions(rows[:, 4], cond, CONDITION_COLUMNS)
        return rows, cond

    def conditions_user(self, cond_si: np.ndarray) -> dict[str, np.ndarray]:
        """SI condition rows → user-unit arrays keyed by condition name."""
        out = {}
        for j, (_f, user, scale, offset) in enumerate(CONDITION_COLUMNS):
            out[user] = (cond_si[j] - offset) / scale
        return out

    def material_ids(self, rows: np.ndarray) -> dict[str, list[str]]:
        """Material rows → id per slot ('' for an empty slot)."""
        return {slot: [self.slots[slot].ids[r] or "" for r in rows[:, k]] for k, slot in enumerate(SCREEN_SLOTS)}

    # ------------------------------------------------------------------ batches
    def batch(self, index, sample: int | None = None) -> DesignBatch:
        """The designs ``index`` as one :class:`DesignBatch` (SI), at library values or uncertainty ``sample``."""
        return self.batch_samples(index, None if sample is None else np.array([sample]))

    def batch_samples(self, index, samples: np.ndarray | None) -> DesignBatch:
        """Designs ``index`` repeated for each uncertainty sample (sample-major: row s*n + i)."""
        index = np.asarray(index, dtype=np.int64)
        data = self._batch_fields(index, samples)
        if samples is not None:  # sampled material properties differ per sample: no shared layer table
            return DesignBatch(data)
        # every design of a material combination shares its layer fields: the engine computes the
        # layer-only terms once per combination (see anodelab.batch.LayerTable)
        return DesignBatch(data, LayerTable(self.combination_layers(), self._layer_rows(index)))

    def _layer_rows(self, index: np.ndarray) -> np.ndarray:
        """Design indices → rows of :meth:`combination_layers`. In a full-cell screen the cell variants of a
        material combination share its layer fields except the separator thickness (electrode_gap_um), so a
        row is a (material combination, separator thickness) pair, not one per cell variant."""
        ci = index // self.n_conditions
        cell = self.spec.cell
        if cell is None:
            return ci
        nv = cell.n_variants
        return (ci // nv) * cell.n_layer_keys + cell.layer_key[ci % nv]

    def combination_layers(self) -> DesignBatch:
        """One design per row of the layer table (a material combination; in a full-cell screen per
        separator thickness too) at its first conditions; cached."""
        if not self._combo_layers:
            cell = self.spec.cell
            if cell is None:
                first = np.arange(len(self.combo), dtype=np.int64) * self.n_conditions
            else:
                nv, nk = cell.n_variants, cell.n_layer_keys
                v_of_key = np.array([int(np.flatnonzero(cell.layer_key == k)[0]) for k in range(nk)], dtype=np.int64)
                m = np.arange(len(self.combo) // nv, dtype=np.int64)
                first = ((m[:, None] * nv + v_of_key[None, :]) * self.n_conditions).ravel()
            self._combo_layers.append(DesignBatch(self._batch_fields(first, None)))
        return self._combo_layers[0]

    def _batch_fields(self, index: np.ndarray, samples: np.ndarray | None) -> dict[str, np.ndarray]:
        rows, cond = self.decode(index)
        reps = 1 if samples is None else len(samples)
        data: dict[str, np.ndarray] = {}
        for k, slot in enumerate(SCREEN_SLOTS):
            tab = self.slots[slot]
            r = rows[:, k]
            if samples is None:
                block = tab.matrix[:, r]
            else:
                mats = self.sampled_matrices(slot, samples)  # (reps, nf, nm)
                nm = tab.matrix.shape[1]
                flat = mats.transpose(1, 0, 2).reshape(len(tab.fields), reps * nm)
                gather = (np.arange(reps)[:, None] * nm + r[None, :]).ravel()
                block = flat[:, gather]
            for j, f in enumerate(tab.fields):
                data[f] = block[j]
        for j, (f, _u, _s, _o) in enumerate(CONDITION_COLUMNS):
            data[f] = np.tile(cond[j], reps) if reps > 1 else cond[j]
        coat_none = self.slots["coating"].ids.index(None) if None in self.slots["coating"].ids else -1
        int_none = self.slots["interlayer"].ids.index(None) if None in self.slots["interlayer"].ids else -1
        flags = {
            "has_coating": (rows[:, 1] != coat_none).astype(float),
            "has_interlayer": (rows[:, 3] != int_none).astype(float),
            "is_solid": self.is_solid[rows[:, 2]],
        }
        for f, v in flags.items():
            data[f] = np.tile(v, reps) if reps > 1 else v
        if self.spec.cell is not None:  # a cathode and cell around every design (anodelab.cell.screen)
            variant = np.tile(rows[:, 4], reps) if reps > 1 else rows[:, 4]
            data.update(self.spec.cell.fields(len(data["is_solid"]), data["is_solid"], variant))
        return data

    def sampled_matrices(self, slot: str, samples: np.ndarray) -> np.ndarray:
        """(len(samples), n_fields, n_materials) slot matrices with the uncertain properties of each sample."""
        tab = self.slots[slot]
        out = np.repeat(tab.matrix[None], len(samples), axis=0)
        if len(tab.unc_rows):
            vals = self.unc_values[samples][:, tab.unc_prop]  # user units, (reps, n_entries)
            for j, row in enumerate(tab.unc_rows):
                out[:, row, tab.unc_cols[j]] = _COL[tab.fields[row]].to_si(vals[:, j])
        return out

    # ------------------------------------------------------------------ designs
    def design_for_index(self, index: int, library: Library | None = None) -> Design:
        """Design ``index`` of the screen as an :class:`anodelab.design.Design` (library values)."""
        if not 0 <= int(index) < self.n_designs:
            raise AnodeLabError(f"design index must be from 0 to {self.n_designs - 1}, got {index}")
        rows, cond = self.decode(np.array([int(index)]))
        ids = {slot: self.slots[slot].ids[rows[0, k]] for k, slot in enumerate(SCREEN_SLOTS)}
        user = {k: float(v[0]) for k, v in self.conditions_user(cond).items()}
        design = design_for_row({**ids, **user}, name=f"{self.spec.name} #{int(index)}")
        return design if self.spec.cell is None else self.spec.cell.apply(design, rows[0, 4])


def design_for_row(row: dict, name: str = "") -> Design:
    """A result row (material ids per slot + conditions in user units) → :class:`Design`.

    ``row`` needs ``host`` and ``electrolyte`` ids, optional ``coating``/``interlayer`` ('' or None = empty),
    and any of the condition keys (``current_density_mA_cm2`` …); missing conditions take the defaults.
    """
    kwargs = {}
    for cname, spec in CONDITION_SPECS.items():
        if cname in row and row[cname] is not None and not (isinstance(row[cname], float) and math.isnan(row[cname])):
            v = float(row[cname])
            kwargs[cname] = int(round(v)) if spec.integer else v
    opt = {s: (Layer(row[s]) if row.get(s) else None) for s in ("coating", "interlayer")}
    label = name or " | ".join(str(row[s]) for s in SCREEN_SLOTS if row.get(s))
    return Design(name=label, host=Layer(row["host"]), electrolyte=Layer(row["electrolyte"]),
                  conditions=Conditions(**kwargs), **opt)


_COL = {c.field: c for c in LAYER_COLUMNS}


# --------------------------------------------------------------------------- building


def _resolved(slot: str, mat) -> ResolvedLayer:
    # σ(c), D(c), t₊(c) of a parameterised electrolyte, exactly as resolve() gives them (anodelab.electrolyte)
    return ResolvedLayer(slot=slot, material_id=mat.id, cls=mat.cls, name=mat.name,
                         properties=apply_transport_model(mat.cls, dict(mat.properties), ()), overridden=frozenset())


def _slot_table(slot: str, ids, library: Library, uncertain: list[UncertainProperty]) -> SlotTable:
    fields = tuple(c.field for c in LAYER_COLUMNS if c.slot == slot)
    matrix = np.empty((len(fields), len(ids)))
    urows, ucols, uprop = [], [], []
    for m, mid in enumerate(ids):
        layer = None if mid is None else _resolved(slot, library.get(mid))
        cols = columns_for_layer(slot, layer)
        matrix[:, m] = [cols[f] for f in fields]
        if layer is None:
            continue
        for j, f in enumerate(fields):
            col = _COL[f]
            if col.only_for and layer.cls not in col.only_for:
                continue
            p = layer.properties.get(col.prop)
            if p is None or p.range is None or not isinstance(p.value, float):
                continue
            lo, hi = p.range
            if lo == hi:
                continue
            key = (slot, mid, col.prop)
            idx = next((i for i, u in enumerate(uncertain) if (u.slot, u.material_id, u.prop) == key), None)
            if idx is None:
                uncertain.append(UncertainProperty(slot, mid, col.prop, lo, hi, is_log_range(lo, hi)))
                idx = len(uncertain) - 1
            urows.append(j), ucols.append(m), uprop.append(idx)
    return SlotTable(slot, tuple(ids), fields, matrix, np.array(urows, dtype=np.int64),
                     np.array(ucols, dtype=np.int64), np.array(uprop, dtype=np.int64))


def build_plan(spec: ScreenSpec, library: Library | None = None) -> ScreenPlan:
    """Resolve each candidate material once and lay the screen out as arrays."""
    library = library or default_library()
    uncertain: list[UncertainProperty] = []
    slots = {s: _slot_table(s, spec.materials[s], library, uncertain) for s in SCREEN_SLOTS}
    is_solid = np.array([float(mid is not None and library.get(mid).cls == "solid_electrolyte")
                         for mid in slots["electrolyte"].ids])

    # material combinations: interlayers only with solid electrolytes, coatings per spec
    h, c, e, i = (np.arange(len(slots[s].ids)) for s in SCREEN_SLOTS)
    grid = np.stack(np.meshgrid(h, c, e, i, indexing="ij"), axis=-1).reshape(-1, 4)
    solid = is_solid[grid[:, 2]] > 0.5
    coat_none = _none_index(slots["coating"].ids)
    int_none = _none_index(slots["interlayer"].ids)
    keep = np.ones(len(grid), dtype=bool)
    # liquid electrolyte: no interlayer (if the list has no 'none', liquids get none anyway, once)
    if int_none >= 0:
        keep &= solid | (grid[:, 3] == int_none)
    else:
        keep &= solid | (grid[:, 3] == 0)
    if not spec.coating_with_solid:
        keep &= ~solid | (grid[:, 1] == (coat_none if coat_none >= 0 else 0))
    combo = grid[keep].astype(np.int64)
    if int_none < 0 and (~solid[keep]).any():
        # liquids were kept with interlayer row 0 as a placeholder: add an explicit empty row
        slots["interlayer"] = _append_none(slots["interlayer"])
        combo[~(is_solid[combo[:, 2]] > 0.5), 3] = len(slots["interlayer"].ids) - 1
    if coat_none < 0 and not spec.coating_with_solid and (is_solid[combo[:, 2]] > 0.5).any():
        slots["coating"] = _append_none(slots["coating"])
        combo[is_solid[combo[:, 2]] > 0.5, 1] = len(slots["coating"].ids) - 1
    # a combination may appear twice after the placeholder substitution: keep the first
    combo = np.unique(combo, axis=0)
    if len(combo) == 0:
        raise AnodeLabError("no valid material combination (interlayers need a solid electrolyte)",
                            file=spec.file, field="materials")
    if spec.cell is not None:  # full-cell screens: every combination with every cell variant (column 4)
        nv = spec.cell.n_variants
        combo = np.column_stack([np.repeat(combo, nv, axis=0), np.tile(np.arange(nv, dtype=np.int64), len(combo))])

    axes_user = [spec.conditions[name] for name in COND_USER]
    cond_table = None
    if spec.sampling == "grid":
        n_cond = int(np.prod([len(a.grid()) for a in axes_user], dtype=object))
        check_screen_size(len(combo) * n_cond, spec.uncertainty.samples if spec.uncertainty else 0, file=spec.file)
        axes_si = tuple(np.array(a.grid()) * sc + off for a, (_f, _u, sc, off) in zip(axes_user, CONDITION_COLUMNS))
    else:
        axes_si = ()
        n_cond = spec.n_samples
        check_screen_size(len(combo) * n_cond, spec.uncertainty.samples if spec.uncertainty else 0, file=spec.file)
        u = sample_unit("montecarlo" if spec.sampling == "random" else "lhs", n_cond, len(axes_user), spec.seed)
        cond_table = np.empty((len(axes_user), n_cond))
        for j, (a, (_f, _u, sc, off)) in enumerate(zip(axes_user, CONDITION_COLUMNS)):
            if a.values is not None:
                vals = np.array(a.values)
                user = vals[np.minimum((u[:, j] * len(vals)).astype(np.int64), len(vals) - 1)]
            elif a.scale == "log":
                user = 10 ** (math.log10(a.low) + u[:, j] * (math.log10(a.high) - math.log10(a.low)))
            else:
                user = a.low + u[:, j] * (a.high - a.low)
            cond_table[j] = user * sc + off

    unc_values = None
    if spec.uncertainty is not None and uncertain:
        u = sample_unit(spec.uncertainty.method, spec.uncertainty.samples, len(uncertain), spec.uncertainty.seed)
        unc_values = map_unit(u, [p.low for p in uncertain], [p.high for p in uncertain], [p.log for p in uncertain])
    return ScreenPlan(spec, slots, combo, is_solid if len(is_solid) else np.zeros(0), axes_si, cond_table, n_cond,
                      tuple(uncertain), unc_values)


def _none_index(ids) -> int:
    return ids.index(None) if None in ids else -1


def _append_none(tab: SlotTable) -> SlotTable:
    cols = columns_for_layer(tab.slot, None)
    col = np.array([[cols[f]] for f in tab.fields])
    return SlotTable(tab.slot, tab.ids + (None,), tab.fields, np.hstack([tab.matrix, col]),
                     tab.unc_rows, tab.unc_cols, tab.unc_prop)
