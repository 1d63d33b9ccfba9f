"""The cell-stack cross-section: layers drawn to scale (linear or log), drop target for materials."""

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
        doc.changed.connect(self.update)

    def set_log_scale(self, on: bool) -> None:
        self.log_scale = bool(on)
        self.update()

    def layers(self) -> list[tuple[str, str, float | None, str]]:
        """(key, label, thickness in µm or None for an empty slot, material name), bottom to top."""
        res = self.doc.resolved.layers
        rec = self.doc.result
        out: list[tuple[str, str, float | None, str]] = []
        host = res["host"]
        out.append(("host", "Host", float(host.value("thickness_um")), host.name))
        if "coating" in res:
            c = res["coating"]
            out.append(("coating", "Coating", float(c.value("thickness_nm")) * 1e-3, c.name))
        else:
            out.append(("coating", "Coating", None, "empty – drop a coating here"))
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
            out.append(("electrolyte", "Solid electrolyte", float(el.value("thickness_um")), el.name))
        else:
            out.append(("electrolyte", "Electrolyte gap", float(el.value("electrode_gap_um")), el.name))
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
        if over > 0:  # minimum heights stole space: take it from the tallest layer
            i = max(range(len(hs)), key=hs.__getitem__)
            hs[i] = max(self.MIN_PX, hs[i] - over)
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
        label_floor = self.height() - bottom_margin + fm_h  # bottom edge available to the next label up
        for (key, label, thick, name), h in zip(items, heights):
            rect = QRectF(x0, y - h, w, h)
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
            # label to the right, centred on the layer (or its bottom line if thin)
            p.setPen(self.palette().text().color())
            text = f"{label}: {fmt(thick, 3)} µm" if thick is not None else label
            two_lines = h >= 2 * fm_h
            label_h = 2 * fm_h if two_lines else fm_h
            # centred on the layer, but never over the label below it (labels are placed bottom-up)
            label_top = min(rect.center().y() - label_h / 2, label_floor - label_h)
            label_floor = label_top
            p.setFont(font)
            if two_lines:
                p.drawText(QRectF(tx, label_top, self.width() - tx - 4, fm_h), Qt.AlignmentFlag.AlignLeft, text)
                p.setFont(small)
                p.drawText(QRectF(tx, label_top + fm_h, self.width() - tx - 4, fm_h), Qt.AlignmentFlag.AlignLeft, name)
            else:
                p.drawText(
                    QRectF(tx, label_top, self.width() - tx - 4, fm_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    p.fontMetrics().elidedText(f"{text} · {name}", Qt.TextElideMode.ElideRight, int(self.width() - tx - 4)),
                )
            y -= h
        p.setFont(small)
        p.setPen(QColor("#666"))
        scale = "log scale (equal height per decade)" if self.log_scale else f"linear scale, layers ≥ {self.MIN_PX:g} px"
        p.drawText(QRectF(x0, self.height() - bottom_margin + 2, self.width() - 16, bottom_margin - 2),
                   Qt.AlignmentFlag.AlignLeft, f"Cross-section, {scale}")
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
        if key is not None and key != "na":
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
        if event.mimeData().hasFormat(MIME_MATERIAL) and self.slot_at(event.position().toPoint()) not in (None, "na"):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event) -> None:  # noqa: N802
        mid = bytes(event.mimeData().data(MIME_MATERIAL)).decode()
        slot = self.slot_at(event.position().toPoint())
        if slot in (None, "na"):
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
