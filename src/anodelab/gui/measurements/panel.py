"""The Measurements dock: drop files, list them, overlay on the simulation, fit (off the GUI thread), save.

Flow: files dropped on the main window (or "Open files…") are read with :func:`anodelab.data.read` on a
worker thread (a CSV whose columns were never confirmed asks once; the answer is remembered). The selected file is
drawn (after a worker simulated it) next to the current design's simulation of its recognised protocol (the protocol box overrides),
with the residuals below; curves longer than 10⁴ points are decimated to their min/max envelope
(:mod:`anodelab.report.decimate`). "Fit" runs :func:`anodelab.fitting.fit` on a worker thread
(:class:`~anodelab.gui.tasks.TaskRunner`, cancellable); the table lists each value with its 95 % interval.
"Save as material…" writes the fit to the user library (:func:`anodelab.fitting.material.save_fit_as_material`),
puts the new material into the design (one undoable step) and re-scores.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...errors import AnodeLabError
from ...report.decimate import MAX_POINTS, decimate
from ...formatting import unit_of
from ..labels import property_label
from ..tasks import TaskRunner, TaskState

AUTO = "auto (recognised)"
PROTOCOL_CHOICES = (AUTO, "deposition", "symmetric", "ccd", "ce", "eis", "arrhenius")


def read_task(paths, state: TaskState):
    """Worker: read each file; per file (path, measurement or None, AnodeLabError or None)."""
    from ...data import read

    out = []
    for k, p in enumerate(paths):
        state.progress(k / len(paths), f"reading {Path(p).name}")
        try:
            out.append((p, read(p), None))
        except AnodeLabError as exc:  # MappingNeeded included: the GUI thread asks the user
            out.append((p, None, exc))
    state.progress(1.0, "read")
    return out


def overlay_task(inputs, state: TaskState):
    """Worker: the overlays of the measurements on the design's simulation (an Arrhenius series is fitted first)."""
    from ...data.overlay import overlay, overlay_arrhenius

    ms, design, protocol = inputs
    state.progress(0.1, f"simulating {protocol}…")
    if protocol == "arrhenius":
        return protocol, [overlay_arrhenius(ms, design)]
    out = []
    for k, m in enumerate(ms):
        out.append(overlay(m, design, protocol))
        state.progress((k + 1) / len(ms), f"simulating {protocol}…")
    return protocol, out


def fit_task(inputs, state: TaskState):
    """Worker: fit the measurement(s) with the protocol (no GUI work here)."""
    from ...fitting import fit

    measurements, protocol = inputs
    state.progress(0.1, f"fitting {protocol}…")
    result = fit(measurements, protocol)
    state.progress(1.0, "fit done")
    return result


class MeasurementsPanel(QWidget):
    """List + plot + fit table of the user's measurement files (see the module docstring)."""

    fitFinished = Signal(object)
    fitFailed = Signal(str)
    overlayDrawn = Signal()
    materialSaved = Signal(str)
    filesAdded = Signal(int)

    def __init__(self, window, parent: QWidget | None = None):
        super().__init__(parent)
        self.window = window
        self.doc = window.doc
        self.measurements: list = []
        self.recognised: list = []
        self.last_fit = None
        self.last_overlay = None
        self.runner = TaskRunner(self)
        self.runner.finished.connect(self._fit_done)
        self.runner.failed.connect(self._fit_error)
        self.overlayer = TaskRunner(self)  # simulations for the overlay (a new selection cancels the previous one)
        self.overlayer.finished.connect(self._draw)
        self.overlayer.failed.connect(self._overlay_failed)
        self._pending = ([], None)
        self._saved_note = ("", "")  # the last save's message, kept under later overlay redraws
        self.reader = TaskRunner(self)  # reading has its own worker: a drop during a fit does not cancel it
        self.reader.finished.connect(self._reads_done)
        self.reader.failed.connect(self._read_failed)

        self.files = QListWidget()
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.files.setToolTip("Drop cycler or impedance files onto the window (Neware, EC-Lab, Gamry, ZPlot, CSV …)")
        self.files.itemSelectionChanged.connect(self.refresh_overlay)
        self.protocol = QComboBox()
        self.protocol.addItems(PROTOCOL_CHOICES)
        self.protocol.currentIndexChanged.connect(lambda _i: self.refresh_overlay())
        self.area = QDoubleSpinBox()
        self.area.setRange(0.0, 1e4)
        self.area.setDecimals(4)
        self.area.setSuffix(" cm²")
        self.area.setSpecialValueText("area from file")
        self.area.setToolTip("electrode area (0 = as the file says)")
        self.area.valueChanged.connect(lambda _v: self.refresh_overlay())
        open_btn = QPushButton("Open files…")
        open_btn.clicked.connect(self.open_files)
        self.fit_button = QPushButton("Fit")
        self.fit_button.clicked.connect(self.start_fit)
        self.save_button = QPushButton("Save as material…")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save_interactive)

        self.plot = pg.PlotWidget()
        self.plot.setMinimumHeight(180)
        self.legend = self.plot.addLegend(offset=(-10, 10))
        self.resid = pg.PlotWidget()
        self.resid.setMaximumHeight(130)
        self.resid.getAxis("left").setLabel("Residual")
        for w in (self.plot, self.resid):
            for ax in ("left", "bottom"):
                w.getAxis(ax).enableAutoSIPrefix(False)  # the unit is in the label; no "(x0.001)" added
        self.resid.setXLink(self.plot)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Fitted value", "Value", "95 % interval"])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        hh = self.table.horizontalHeader()
        hh.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        hh.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        hh.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.status = QLabel("Drop measurement files onto the window.")
        self.status.setWordWrap(True)
        self.status.setMaximumHeight(4 * self.status.fontMetrics().height() + 4)

        row = QHBoxLayout()
        row.addWidget(QLabel("Protocol"))
        row.addWidget(self.protocol, 1)
        row.addWidget(self.area)
        buttons = QHBoxLayout()
        buttons.addWidget(open_btn)
        buttons.addWidget(self.fit_button)
        buttons.addWidget(self.save_button)
        top = QWidget()
        tl = QVBoxLayout(top)
        tl.setContentsMargins(0, 0, 0, 0)
        tl.addWidget(self.files)
        tl.addLayout(row)
        tl.addLayout(buttons)
        plots = QWidget()
        pl = QVBoxLayout(plots)
        pl.setContentsMargins(0, 0, 0, 0)
        pl.addWidget(self.plot, 3)
        pl.addWidget(self.resid, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(plots)
        split.addWidget(self.table)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 4)
        split.setStretchFactor(2, 1)
        split.setChildrenCollapsible(False)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addWidget(split, 1)
        lay.addWidget(self.status)
        self.setMinimumWidth(380)
        self.doc.changed.connect(lambda _d: self.refresh_overlay())

    # ------------------------------------------------------------------ files
    def open_files(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, "Open measurement files", "",
                                                "Measurements (*.nda *.ndax *.mpt *.mpr *.DTA *.dta *.z *.par *.csv *.tsv *.txt);;All files (*)")
        if paths:
            self.add_files(paths)

    def add_files(self, paths) -> None:
        """Read the files on a worker thread (a 10⁶-point file takes about a second); :meth:`_reads_done` adds
        them. A bad file shows one message and is skipped; ``filesAdded(n)`` tells how many were added."""
        paths = [str(p) for p in paths]
        if not paths:
            return
        self.set_status(f"Reading {len(paths)} file(s)…")
        self.reader.start(read_task, paths, label="read")

    def _reads_done(self, results) -> None:
        from ...data import MappingNeeded, read
        from ...data.recognise import recognise
        from ...data.tabular import remember

        added = 0
        for p, m, exc in results:
            try:
                if isinstance(exc, MappingNeeded):
                    guess = exc.layout.guess
                    if guess is None:
                        raise AnodeLabError("no column mapping could be guessed; use 'anodelab data show FILE --columns …' "
                                            "once", file=p)
                    answer = QMessageBox.question(self, "Confirm the columns",
                                                  f"{Path(p).name}: use these columns (remembered for this layout)?\n{guess.text()}",
                                                  QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
                    if answer != QMessageBox.StandardButton.Yes:
                        continue
                    remember(exc.layout, guess, p)
                    m = read(p)  # a table whose layout was just confirmed (small, on the GUI thread)
                elif exc is not None:
                    raise exc
            except AnodeLabError as err:
                QMessageBox.warning(self, "Cannot read the file", str(err))
                self.set_status(str(err))
                continue
            rec = recognise(m)
            self.measurements.append(m)
            self.recognised.append(rec)
            item = QListWidgetItem(f"{m.source.name} — {m.kind}, {len(m)} points, {rec.protocol or 'unknown'}")
            item.setToolTip(f"{m.source.path}\n{m.source.format}\nsha256 {m.source.sha256}\n{rec.reason}")
            self.files.addItem(item)
            added += 1
        if added:
            self.files.clearSelection()
            self.files.item(self.files.count() - 1).setSelected(True)
            self.window_dock_raise()
        self.filesAdded.emit(added)

    def _read_failed(self, message: str) -> None:
        self.set_status(f"Reading failed: {message}")
        self.filesAdded.emit(0)

    def window_dock_raise(self) -> None:
        dock = self.parentWidget()
        while dock is not None and not hasattr(dock, "raise_"):
            dock = dock.parentWidget()
        if dock is not None:
            dock.raise_()

    def selected(self) -> list[int]:
        return sorted(self.files.row(it) for it in self.files.selectedItems())

    def current_protocol(self) -> str | None:
        text = self.protocol.currentText()
        rows = self.selected()
        if text != AUTO:
            return text
        if len(rows) > 1:
            from ...data.recognise import recognise

            return recognise([self.measurements[r] for r in rows]).protocol
        return self.recognised[rows[0]].protocol if rows else None

    def _with_area(self, m):
        a = self.area.value()
        return m.with_area(a) if a > 0 else m

    def selected_measurements(self) -> list:
        return [self._with_area(self.measurements[r]) for r in self.selected()]

    # ------------------------------------------------------------------ overlay
    def refresh_overlay(self) -> None:
        """Simulate the selected files' protocol for the current design on a worker, then draw (:meth:`_draw`)."""
        self.plot.clear()
        self.resid.clear()
        self.legend.clear()
        ms = self.selected_measurements()
        protocol = self.current_protocol()
        if not ms:
            self.overlayer.cancel()
            self.set_status("Drop measurement files onto the window.")
            return
        if protocol is None:
            self.overlayer.cancel()
            self.set_status("What was measured is not recognised: choose the protocol to compare with the simulation.")
            self._draw_measured_only(ms, protocol)
            return
        self._pending = (ms, protocol)
        self.set_status(f"Simulating {protocol} for '{self.doc.design.name}'…")
        self.overlayer.start(overlay_task, (ms, self.doc.design, protocol), label="overlay")

    def _overlay_failed(self, message: str) -> None:
        ms, protocol = self._pending
        self.set_status(f"Overlay not possible: {message}")
        self._draw_measured_only(ms, protocol)

    def _draw(self, result) -> None:
        protocol, ovs = result
        self.plot.clear()
        self.resid.clear()
        self.legend.clear()
        colours = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e"]
        for k, ov in enumerate(ovs):
            c = colours[k % len(colours)]
            x, y, r = decimate(ov.x, ov.y, ov.residual, max_points=MAX_POINTS)
            symbol = "o" if ov.x.size <= 200 else None
            self.plot.plot(x, y, pen=None if symbol else pg.mkPen(c, width=1.5), symbol=symbol, symbolSize=5,
                           symbolBrush=c, symbolPen=None, name=f"measured: {ov.label}")
            xs, ys = decimate(ov.x_sim, ov.y_sim, max_points=MAX_POINTS)
            self.plot.plot(xs, ys, pen=pg.mkPen("k", width=1.5, style=Qt.PenStyle.DashLine), name="simulated (design)")
            self.resid.plot(x, r, pen=None if symbol else pg.mkPen(c, width=1), symbol=symbol, symbolSize=4, symbolBrush=c, symbolPen=None)
        self.plot.getAxis("bottom").setLabel(ovs[0].x_label)
        self.plot.getAxis("left").setLabel(ovs[0].y_label)
        self.resid.getAxis("bottom").setLabel(ovs[0].x_label)
        self.resid.addLine(y=0, pen=pg.mkPen("#888"))
        if protocol == "eis":
            self.plot.setAspectLocked(True)
        else:
            self.plot.setAspectLocked(False)
        self._head_room()
        self.resid.setVisible(True)
        self.last_overlay = ovs
        self._status_with_note(f"{protocol}: {len(ovs)} file(s) next to '{self.doc.design.name}'; rms residual "
                            + ", ".join(f"{o.rms_residual:.3g}" for o in ovs))
        self.overlayDrawn.emit()

    def _draw_measured_only(self, ms, protocol) -> None:
        m = ms[0]
        if m.kind == "impedance":
            x, y = m.impedance_ohm.real, -m.impedance_ohm.imag
            xl, yl = "Z′ (Ω)", "−Z″ (Ω)"
        else:
            x, y = decimate(m.time_s, m.voltage_V, max_points=MAX_POINTS)
            xl, yl = "Time (s)", "Voltage (V)"
        self.plot.setAspectLocked(False)
        self.plot.plot(x, y, pen=pg.mkPen("#1f77b4", width=1.5), name=f"measured: {m.source.name}")
        self.plot.getAxis("bottom").setLabel(xl)
        self.plot.getAxis("left").setLabel(yl)
        self._head_room()
        self.resid.setVisible(False)  # nothing simulated: no residual
        self.last_overlay = None
        self.overlayDrawn.emit()

    def _head_room(self) -> None:
        """Auto-range, then 45 % more room above the data: the legend (top right) never covers a curve."""
        self.plot.autoRange()
        (_x0, _x1), (y0, y1) = self.plot.viewRange()
        self.plot.setYRange(y0, y1 + 0.45 * (y1 - y0), padding=0)

    # ------------------------------------------------------------------ fit
    def start_fit(self) -> None:
        ms = self.selected_measurements()
        protocol = self.current_protocol()
        if not ms or protocol is None:
            self.set_status("Select a file and a protocol to fit.")
            return
        self.save_button.setEnabled(False)
        self._saved_note = ("", "")
        self.set_status(f"Fitting {protocol}…")
        target = ms if protocol == "arrhenius" else ms[0]
        self.runner.start(fit_task, (target, protocol), label="fit")

    def _fit_done(self, result) -> None:
        self.last_fit = result
        self.table.setRowCount(len(result.values))
        for r, (key, v) in enumerate(result.values.items()):
            unit = unit_of(key)
            name = QTableWidgetItem(property_label(key) + (f" [{unit}]" if unit else ""))
            name.setToolTip(f"{property_label(key)}; engine key: {key}")
            self.table.setItem(r, 0, name)
            self.table.setItem(r, 1, QTableWidgetItem(f"{v.value:.5g}"))
            iv = "n/a" if v.low is None else f"[{v.low:.5g}, {v.high:.5g}]" if v.high is not None else f"> {v.low:.5g}"
            self.table.setItem(r, 2, QTableWidgetItem(iv))
        kk = result.extra.get("lin_kk")
        kk_text = f" · Lin-KK {'consistent' if kk['consistent'] else 'NOT consistent'} ({kk['rms_residual']:.2%})" if kk else ""
        notes = (" · " + "; ".join(result.messages)) if result.messages else ""
        self.set_status(f"Fit {result.status()}: {result.method}{kk_text}{notes}")
        if result.curve is not None and result.protocol in ("eis", "deposition"):
            c = result.curve
            if result.protocol == "eis" and self.last_overlay:
                a = self.selected_measurements()[0].area_cm2 or 1.0
                zr = np.asarray(result.extra["z_fit_real_ohm"]) * a
                zi = np.asarray(result.extra["z_fit_imag_ohm"]) * a
                self.plot.plot(zr, -zi, pen=pg.mkPen("#2ca02c", width=2), name="fit")
            elif result.protocol == "deposition":
                x, y = decimate(c.x, c.y_fit, max_points=MAX_POINTS)
                self.plot.plot(x, y, pen=pg.mkPen("#2ca02c", width=2), name="fit")
        self.save_button.setEnabled(result.ok and result.protocol in ("eis", "arrhenius", "deposition", "ce"))
        self.fitFinished.emit(result)

    def _fit_error(self, message: str) -> None:
        self.set_status(f"Fit failed: {message}")
        self.fitFailed.emit(message)

    # ------------------------------------------------------------------ save
    def save_interactive(self) -> None:
        if self.last_fit is None:
            return
        mid, ok = QInputDialog.getText(self, "Save as material", "New material id (lowercase, digits, hyphens):",
                                       text=f"fitted-{self.last_fit.protocol}")
        if ok and mid:
            self.save_as_material(mid.strip())

    def save_as_material(self, material_id: str) -> str | None:
        """Write the last fit as user material ``material_id``, use it in the design (undoable), re-score."""
        from ...fitting.material import save_fit_as_material

        try:
            path, design = save_fit_as_material(self.last_fit, self.doc.design, material_id)
        except AnodeLabError as exc:
            QMessageBox.warning(self, "Cannot save the fit", str(exc))
            self.set_status(str(exc))
            return None
        if hasattr(self.window, "library_changed"):
            self.window.library_changed()
        try:
            self.doc.apply(design, f"Use fitted material {material_id}")
        except AnodeLabError as exc:
            QMessageBox.warning(self, "The fitted material does not validate", str(exc))
            return None
        fitted = [(name, prop) for layer in self.doc.resolved.layers.values()
                  if layer is not None and layer.material_id == material_id
                  for name, prop in layer.properties.items() if prop.source.startswith("fitted:")]
        short = " · ".join(f"{n} = {p.value:.5g} ({p.source.split(', sha256')[0]}, "
                           f"{p.source[p.source.rfind('±'):].split(';')[0] if '±' in p.source else 'no interval'})"
                           for n, p in fitted)
        self._saved_note = (f"Saved '{material_id}'; the design uses it (Undo restores the previous material): {short}",
                            f"{path}\n" + "\n".join(f"{n}: {p.source}" for n, p in fitted))
        self.set_status(*self._saved_note)
        self.materialSaved.emit(path)
        return path

    def _status_with_note(self, text: str) -> None:
        note, tip = self._saved_note
        self.set_status(f"{note} · {text}" if note else text, f"{tip}\n{text}" if note else "")

    def set_status(self, text: str, tip: str = "") -> None:
        """One or two lines under the table; the full text (paths, hashes) in the tooltip."""
        self.status.setText(text if len(text) <= 240 else text[:237] + "…")
        self.status.setToolTip(tip or text)

    def shutdown(self) -> None:
        self.runner.shutdown()
        self.reader.shutdown()
        self.overlayer.shutdown()
