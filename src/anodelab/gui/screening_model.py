"""The screening tab's worker thread and its table model over the result arrays (sorted by argsort)."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QThread, Qt, Signal

from ..errors import AnodeLabError
from ..formatting import fmt_number
from ..metrics import METRIC_BY_KEY
from ..screening import RunState, ScreenResult
from .cell_labels import cathode_short_name, cell_column_header, cell_column_tooltip


class ScreenWorker(QThread):
    """Runs ``fn(state)`` off the GUI thread; ``progress``/``done``/``failed`` arrive on the GUI thread."""

    progress = Signal(float, str)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, fn, parent=None):
        super().__init__(parent)
        self._fn = fn
        self.state = RunState(lambda f, m: self.progress.emit(f, m))

    def run(self):  # noqa: D401 – QThread entry point
        try:
            self.done.emit(self._fn(self.state))
        except AnodeLabError as exc:
            self.failed.emit(str(exc))
        except Exception as exc:  # a bug: report it in the window instead of killing the thread silently
            self.failed.emit(f"internal error: {type(exc).__name__}: {exc}")


class ResultTableModel(QAbstractTableModel):
    """A table over a :class:`ScreenResult`'s arrays; sorting is an argsort, filtering a boolean mask."""

    FIXED = ("rank", "pareto", "host", "coating", "electrolyte", "interlayer",
             "current_density_mA_cm2", "areal_capacity_mAh_cm2", "temperature_C", "stack_pressure_MPa")

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: ScreenResult | None = None
        self.columns: list[str] = list(self.FIXED)
        self.view = np.zeros(0, dtype=np.int64)  # visible result rows, in display order
        self._sort = (0, Qt.SortOrder.AscendingOrder)
        self._filter = ""
        self.cell_values: dict[str, np.ndarray] = {}  # full-cell screens: cathode + every [cell] axis per row

    def set_result(self, result: ScreenResult | None, metrics: list[str]) -> None:
        self.beginResetModel()
        self.result = result
        self.cell_values = cell_row_values(result)
        # a metric that is also a cell axis (np_ratio, depth_of_discharge) shows once, as the axis
        self.columns = list(self.FIXED) + list(self.cell_values) + [m for m in dict.fromkeys(metrics)
                                                                     if m not in self.cell_values]
        self._apply()
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.view)

    def columnCount(self, parent=QModelIndex()):
        return 0 if parent.isValid() else len(self.columns)

    def _column_array(self, name: str):
        r = self.result
        if name == "rank":
            return np.where(r.rank >= 0, r.rank + 1, np.inf).astype(float)
        if name == "pareto":
            return r.on_pareto.astype(float)
        if name in r.materials:
            return np.array(r.materials[name], dtype=object)
        if name in r.conditions:
            return r.conditions[name]
        if name in self.cell_values:
            return self.cell_values[name]
        return r.values[name]

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or self.result is None:
            return None
        i = int(self.view[index.row()])
        name = self.columns[index.column()]
        v = self._column_array(name)[i]
        if role == Qt.ItemDataRole.DisplayRole:
            if name == "rank":
                return "" if not math.isfinite(v) else str(int(v))
            if name == "pareto":
                return "●" if v else ""
            if name == "cathode":  # by its formula; the id in the tooltip
                return cathode_short_name(v)
            if name in self.result.materials:  # a material by its (short) name; the id in the tooltip
                return material_short_name(v)
            if isinstance(v, str):
                return v
            text = fmt_number(float(v))
            if self.result.band is not None and name in self.result.band and math.isfinite(float(v)):
                _m, lo, hi = self.result.band[name][i]
                text += f"  [{fmt_number(lo, 3)}–{fmt_number(hi, 3)}]"
            return text
        if role == Qt.ItemDataRole.ToolTipRole and (name in self.result.materials or name == "cathode") \
                and isinstance(v, str):
            return f"{material_full_name(v)}\nlibrary id: {v}"
        if role == Qt.ItemDataRole.ToolTipRole and name in METRIC_BY_KEY:
            spec = METRIC_BY_KEY[name]
            return f"{spec.label} [{spec.unit}]\n{spec.equation}" + ("\n[5–95 % band]" if self.result.band else "")
        if role == Qt.ItemDataRole.TextAlignmentRole and not isinstance(v, str):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if (role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal
                and self.columns[section] in self.cell_values):
            return cell_column_tooltip(self.columns[section])
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        name = self.columns[section]
        if name in self.cell_values:
            return cell_column_header(name)
        if name in ("rank", "pareto", "host", "coating", "electrolyte", "interlayer"):
            return {"pareto": "Pareto front"}.get(name, name.capitalize())
        # the unit on a second line: a narrow column showed "nt density [mA" (its ends cut off)
        spec = METRIC_BY_KEY.get(name)
        if spec is not None:
            return f"{spec.label}" + (f"\n[{spec.unit}]" if spec.unit else "")
        text = name.replace("_mA_cm2", "\n[mA cm⁻²]").replace("_mAh_cm2", "\n[mAh cm⁻²]").replace(
            "_C", "\n[°C]").replace("_MPa", "\n[MPa]").replace("_", " ")
        return text[:1].upper() + text[1:]

    def sort(self, column, order=Qt.SortOrder.AscendingOrder):
        self._sort = (column, order)
        self.layoutAboutToBeChanged.emit()
        self._apply()
        self.layoutChanged.emit()

    def set_filter(self, text: str) -> None:
        self._filter = text.strip().lower()
        self.beginResetModel()
        self._apply()
        self.endResetModel()

    def _apply(self):
        r = self.result
        if r is None:
            self.view = np.zeros(0, dtype=np.int64)
            return
        rows = np.arange(len(r))
        if self._filter:
            cath = self.cell_values.get("cathode")  # full-cell screens: the cathode filters too
            hay = [(" ".join(r.materials[s][i] for s in r.materials) + ("" if cath is None else f" {cath[i]}")).lower()
                   for i in rows]
            rows = rows[np.array([self._filter in h for h in hay], dtype=bool)]
        col, order = self._sort
        if col < len(self.columns) and len(rows):
            key = self._column_array(self.columns[col])[rows]
            if key.dtype == object:
                idx = np.argsort(key.astype(str), kind="stable")
            else:
                k = key.astype(float)
                nan = np.isnan(k)
                idx = np.lexsort((np.where(nan, 0, k), nan))  # NaN last
                if order == Qt.SortOrder.DescendingOrder:
                    idx = np.concatenate([idx[~nan[idx]][::-1], idx[nan[idx]]])
            if key.dtype == object and order == Qt.SortOrder.DescendingOrder:
                idx = idx[::-1]
            rows = rows[idx]
        self.view = rows

    def result_row(self, view_row: int) -> int:
        return int(self.view[view_row])


def cell_row_values(result: ScreenResult | None) -> dict[str, np.ndarray]:
    """Per result row, the cathode id and the value (user units) of every [cell] axis of a full-cell screen
    (:meth:`anodelab.cell.screen.ScreenCell.row_values` of each row's cell variant); {} without a [cell]."""
    cell = None if result is None else result.plan.spec.cell
    if cell is None:
        return {}
    names = ("cathode", *cell.axis_names)
    if not len(result):
        return {n: np.zeros(0, dtype=object if n == "cathode" else float) for n in names}
    rows = [cell.row_values(v) for v in result._cell_variants(np.arange(len(result)))]
    return {n: np.array([r[n] for r in rows], dtype=object if n == "cathode" else float) for n in names}


def material_full_name(mid) -> str:
    """A library material's name ('' for no layer, the id itself if it is not in the library)."""
    if mid in (None, "", "none"):
        return "—"
    from ..errors import AnodeLabError
    from ..materials.library import default_library

    try:
        return default_library().get(mid).name
    except AnodeLabError:  # a user library may have changed since the screen ran
        return str(mid)


def material_short_name(mid) -> str:
    from .labels import short_material_name

    name = material_full_name(mid)
    return name if name == "—" else short_material_name(name)
