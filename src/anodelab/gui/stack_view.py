"""The cell-stack cross-section: layers drawn to scale (linear or log), drop target for materials.

A design with a cathode is drawn as the whole cell repeat unit (anodelab.cell), to scale."""

from __future__ import annotations

import math

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QMenu,
    QSizePolicy,
    QWidget,
)

from ..design import OPTIONAL_SLOTS
from .document import DesignDocument
from .formatting import fmt
from .editing import MIME_MATERIAL, SLOT_COLOURS, apply_material


# ====================================================================== stack cross-section


class StackView(QWidget):
    """Cross-section of the cell stack, layer heights to scale (linear or log)."""

    slotSelected = Signal(str)

    MIN_PX = 4.0
    EMPTY_PX = 24.0

    def __init__(self, doc: DesignDocument, parent: QWidget | None = None):
        super().__init__(parent)
        self.doc = doc
        self.log_scale = False
        self.selected = "host"
        self._rects: dict[str, QRectF] = {}
        self.setAcceptDrops(True)
        self.setMinimumHeight(150)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.setToolTip("Cell stack cross-section (click a layer to inspect it; drop a material on a slot)")
        doc.changed.connect(self._changed)
        self._changed()

    def _changed(self, *_args) -> None:
        # a full cell has up to ten bands: give their labels room (anode only: the old minimum)
        self.setMinimumHeight(260 if self.doc.design.cathode is not None else 150)
        self.update()

    def set_log_scale(self, on: bool) -> None:
        self.log_scale = bool(on)
        self.update()

    #: layers drawn that are not design slots (not selectable, no drop target)
    NON_SLOTS = ("na", "positive_collector", "electrolyte_excess")

    def layers(self) -> list[tuple[str, str, float | None, str]]:
        """(key, label, thickness in µm or None for an empty slot, material name), bottom to top.

        Without a cathode: the anode half cell (host, coating, plated Na, interlayer, electrolyte) and an
        empty cathode slot. With one: the whole repeat unit of the cell to scale, as the energy density
        counts it (anodelab.cell.energy.breakdown): collectors halved when double-sided, the Na metal in
        the charged state (excess + plated, beyond the host's pores), the electrolyte beyond the pores.
        """
        res = self.doc.resolved.layers
        rec = self.doc.result
        cell = "cathode" in res and "cathode_capacity_C_m2" in rec.si
        thick = None
        if cell:
            from ..batch import as_batch
            from ..cell.energy import breakdown

            from ..cell.energy import layer_shares

            batch = as_batch(self.doc.resolved)
            _mass, t_m, _h = breakdown(batch, rec.si)
            thick = {k: float(v[0]) * 1e6 for k, v in t_m.items()}
            share = {k: fm for k, _label, _m, _t, fm, _fv in layer_shares(batch, rec.si)}

            def m(key: str, text: str) -> str:  # the layer's share of the cell mass, at a glance
                return f"{share[key] * 100:.0f} % of mass · {text}"
        out: list[tuple[str, str, float | None, str]] = []
        host = res["host"]
        if cell:
            half = bool(self.doc.design.cell is None or self.doc.design.cell.double_sided)
            out.append(("host", "Host (½: double-sided)" if half else "Host", thick["host"], m("host", host.name)))
        else:
            out.append(("host", "Host", float(host.value("thickness_um")), host.name))
        if "coating" in res:
            c = res["coating"]
            out.append(("coating", "Coating", float(c.value("thickness_nm")) * 1e-3, c.name))
        else:
            out.append(("coating", "Coating", None, "empty – drop a coating here"))
        if cell:
            out.append(("na", "Na metal (charged)", thick["na_metal"],
                        m("na_metal", "excess + plated beyond the pores; excess")))
        else:
            plated_um = float(rec.si["plated_m"][0]) * 1e6
            out.append(("na", "Plated Na", plated_um, "per half cycle, h = Q V_m / F"))
        el = res["electrolyte"]
        solid = el.cls == "solid_electrolyte"
        if solid:
            if "interlayer" in res:
                il = res["interlayer"]
                out.append(("interlayer", "Interlayer", float(il.value("thickness_nm")) * 1e-3, il.name))
            else:
                out.append(("interlayer", "Interlayer", None, "empty – drop an interlayer here"))
            out.append(("electrolyte", "Solid electrolyte", float(el.value("thickness_um")),
                        m("separator", el.name) if cell else el.name))
        else:
            out.append(("electrolyte", "Separator" if cell else "Electrolyte gap", float(el.value("electrode_gap_um")),
                        m("separator", el.name) if cell else el.name))
        if cell:
            cat = res["cathode"]
            out.append(("cathode", "Cathode coating", thick["cathode"], m("cathode", cat.name)))
            out.append(("positive_collector", "Al collector", thick["positive_collector"],
                        m("positive_collector", "positive collector")))
            if thick["electrolyte"] > 0:
                out.append(("electrolyte_excess", "Electrolyte beyond pores", thick["electrolyte"],
                            m("electrolyte", "all electrolyte")))
        else:
            out.append(("cathode", "Cathode", None, "empty – drop a cathode for a full cell"))
        return out

    def _heights(self, avail: float) -> list[float]:
        items = self.layers()
        present = [t for _k, _l, t, _n in items if t is not None]
        n_empty = sum(1 for _k, _l, t, _n in items if t is None)
        budget = max(avail - n_empty * self.EMPTY_PX, 10.0)
        if self.log_scale:
            # height ∝ log10(t / 0.001 µm): every decade gets the same height
            w = [math.log10(max(t, 1e-3) / 1e-3) + 0.3 for t in present]
        else:
            w = [max(t, 0.0) for t in present]
        total = sum(w) or 1.0
        hs = [max(self.MIN_PX, budget * x / total) for x in w]
        over = sum(hs) - budget
        if over > 0:  # minimum heights stole space: shrink the other layers alike, so they stay to scale
            big = [i for i, h in enumerate(hs) if h > self.MIN_PX]
            big_sum = sum(hs[i] for i in big)
            if big_sum > over:
                for i in big:
                    hs[i] -= over * hs[i] / big_sum
        out, j = [], 0
        for _k, _l, t, _n in items:
            if t is None:
                out.append(self.EMPTY_PX)
            else:
                out.append(hs[j])
                j += 1
        return out

    def paintEvent(self, event) -> None:  # noqa: N802
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        top_margin, bottom_margin = 6.0, 18.0
        avail = self.height() - top_margin - bottom_margin
        x0, w = 8.0, self.width() * 0.38
        tx = x0 + w + 8
        items = self.layers()
        heights = self._heights(avail)
        y = self.height() - bottom_margin
        self._rects = {}
        font = QFont(self.font())
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.0, 7.0))
        fm_h = p.fontMetrics().height()
        # layout: bands bottom-up, then the labels (centred on their band; placed bottom-up so none covers
        # the one below, then top-down so none leaves the widget; one line each when two do not fit)
        rects = []
        for (key, _label, _thick, _name), h in zip(items, heights):
            rects.append(QRectF(x0, y - h, w, h))
            y -= h
        room = self.height() - bottom_margin + fm_h - top_margin
        roomy = sum(2 * fm_h if r.height() >= 2 * fm_h else fm_h for r in rects) <= room
        label_hs = [2 * fm_h if (roomy and r.height() >= 2 * fm_h) else fm_h for r in rects]
        tops, floor = [], self.height() - bottom_margin + fm_h
        for r, lh in zip(rects, label_hs):
            top = min(r.center().y() - lh / 2, floor - lh)
            tops.append(top)
            floor = top
        ceiling = top_margin
        for i in range(len(tops) - 1, -1, -1):  # from the top layer down
            tops[i] = max(tops[i], ceiling)
            ceiling = tops[i] + label_hs[i]
        for (key, label, thick, name), rect, label_top, label_h in zip(items, rects, tops, label_hs):
            self._rects[key] = rect
            if thick is None:
                p.setPen(QPen(QColor("#888"), 1, Qt.PenStyle.DashLine))
                p.setBrush(Qt.BrushStyle.NoBrush)
            else:
                colour = SLOT_COLOURS["solid_electrolyte"] if label.startswith("Solid") else SLOT_COLOURS[key]
                p.setPen(QPen(colour.darker(140), 1))
                brush = QBrush(colour, Qt.BrushStyle.Dense4Pattern if key == "na" else Qt.BrushStyle.SolidPattern)
                p.setBrush(brush)
            p.drawRect(rect)
            if key == self.selected:
                p.setPen(QPen(QColor("#1a5fb4"), 2.5))
                p.setBrush(Qt.BrushStyle.NoBrush)
                p.drawRect(rect.adjusted(-1, -1, 1, 1))
            p.setPen(self.palette().text().color())
            text = f"{label}: {fmt(thick, 3)} µm" if thick is not None else label
            two_lines = label_h >= 2 * fm_h
            p.setFont(font)
            if two_lines:
                p.drawText(QRectF(tx, label_top, self.width() - tx - 4, fm_h), Qt.AlignmentFlag.AlignLeft, text)
                p.setFont(small)
                p.drawText(QRectF(tx, label_top + fm_h, self.width() - tx - 4, fm_h), Qt.AlignmentFlag.AlignLeft,
                           p.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, int(self.width() - tx - 4)))
            else:
                p.drawText(
                    QRectF(tx, label_top, self.width() - tx - 4, fm_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    p.fontMetrics().elidedText(f"{text} · {name}", Qt.TextElideMode.ElideRight, int(self.width() - tx - 4)),
                )
        p.setFont(small)
        p.setPen(QColor("#666"))
        scale = "log scale (equal height per decade)" if self.log_scale else f"linear scale, layers ≥ {self.MIN_PX:g} px"
        caption = f"Cross-section, {scale}"
        if "cathode_capacity_C_m2" in self.doc.result.si and "cathode" in self.doc.resolved.layers:
            fv = float(self.doc.result.si["cell_thickness_m"][0])
            caption = (f"Repeat unit (charged), {fmt(fv * 1e6, 3)} µm incl. pouch · "
                       + ("log scale" if self.log_scale else "to scale"))
        p.drawText(QRectF(x0, self.height() - bottom_margin + 2, self.width() - 16, bottom_margin - 2),
                   Qt.AlignmentFlag.AlignLeft, caption)
        p.end()

    def slot_at(self, pos: QPoint) -> str | None:
        for key, rect in self._rects.items():
            if rect.adjusted(0, 0, self.width(), 0).contains(QPointF(pos)):
                return key
        return None

    def slot_center(self, slot: str) -> QPoint:
        """Widget coordinates of a slot's centre (tests drop materials there)."""
        if not self._rects:
            self.repaint()
        return self._rects[slot].center().toPoint()

    def mousePressEvent(self, event) -> None:  # noqa: N802
        key = self.slot_at(event.position().toPoint())
        if key is not None and key not in self.NON_SLOTS:
            self.selected = key
            self.slotSelected.emit(key)
            self.update()

    def _menu(self, pos: QPoint) -> None:
        key = self.slot_at(pos)
        if key not in OPTIONAL_SLOTS or self.doc.design.layer(key) is None:
            return
        menu = QMenu(self)
        act = menu.addAction(f"Remove {key}")
        if menu.exec(self.mapToGlobal(pos)) is act:
            self.doc.apply(self.doc.design.with_layer(key, None), f"Remove {key}")

    # drag and drop of library materials
    def dragEnterEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(MIME_MATERIAL):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:  # noqa: N802
        if event.mimeData().hasFormat(MIME_MATERIAL) and self.slot_at(event.position().toPoint()) not in (None, *self.NON_SLOTS):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        mid = bytes(event.mimeData().data(MIME_MATERIAL)).decode()
        slot = self.slot_at(event.position().toPoint())
        if slot in (None, *self.NON_SLOTS):
            event.ignore()
            return
        event.acceptProposedAction()
        self.drop_material(slot, mid)

    def drop_material(self, slot: str, material_id: str) -> bool:
        ok = apply_material(self.doc, slot, material_id, self)
        if ok:
            self.selected = slot
            self.slotSelected.emit(slot)
        return ok
