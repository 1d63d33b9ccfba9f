"""The AnodeLab main window: stack editor (left), score card (right), plot tabs (centre),
projects with atomic saves, autosave and recovery, undo/redo, compare, library editor, help."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QActionGroup, QAction, QCloseEvent, QIcon, QKeySequence
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QTabWidget,
    QUndoView,
    QWidget,
)

from .. import __version__
from ..design import Design
from ..errors import AnodeLabError
from ..materials.library import default_library
from ..paths import resources_dir, user_data_dir
from .compare import MAX_PINNED, PinnedDesigns
from .document import DesignDocument
from .plots import PROTOCOL_TITLES, PlotPanel
from .score_card import ScoreCard
from .editing import show_error
from .plot_runs import PlotRunsMixin
from .project_files import DEFAULT_EXAMPLE, ProjectFilesMixin, default_design
from .stack_editor import StackEditor
from .tasks import TaskRunner
from .plain_text import plain_label
from .gc_guard import collect_on_gui_thread

#: plot tabs of the Design workspace: (key, short tab label); the tooltip is the panel's full title
PLOT_TABS = (
    ("deposition", "Deposition"),
    ("symmetric", "Cycling"),
    ("ccd", "CCD"),
    ("eis", "Nyquist"),
    ("arrhenius", "Arrhenius"),
    ("ce", "CE"),
    ("nucleation", "ΔG(r)"),
)
#: further tabs of the Design workspace, after Compare (views of the current design that need no simulation
#: tab of their own): (attribute, module in anodelab.gui, class, label). Add a tab with one line here.
DESIGN_TABS = (
    ("sensitivity_tab", "sensitivity_view", "SensitivityView", "Sensitivity"),
    ("solid_tab", "solid_views", "SolidStateTab", "Solid state"),  # CCD(T), CCD(P) (issue 12)
)
#: workspaces beside "Design" that get the window's whole width (the design docks hide there):
#: (attribute, module in anodelab.gui, class, label). Add a workspace with one line here.
WORKSPACES = (
    ("screening_tab", "screening_tab", "ScreeningTab", "Screening"),
    ("validation_tab", "validation_tab", "ValidationTab", "Validation"),
    ("cell_tab", "cell_view", "CellView", "Full cell"),  # V(Q) at the DoD, mass/volume per layer (issue 16)
)


def default_dock_widths(window_px: int) -> tuple[int, int]:
    """Default widths of the stack editor and the score card [px] for a window ``window_px`` wide: 380 and 420 up to
    1366 px (the score card's minimum; its metric names are elided, whole in their tooltips); on a wider screen
    the card takes 29 % (up to 560 px, where the longest metric names fit beside the 5–95 % column) and the editor
    22 % (up to 440 px), the plots the rest (1920 px: 422 + 557, plots 941)."""
    return max(380, min(440, round(0.22 * window_px))), max(420, min(560, round(0.29 * window_px)))


class MainWindow(ProjectFilesMixin, PlotRunsMixin, QMainWindow):
    """One window = one design document."""

    plotsUpdated = Signal(str)  # key of a plot panel that was redrawn
    startupDone = Signal()  # emitted by app.launch after recovery / opening the command-line file

    def __init__(self, settings: QSettings | None = None, design: Design | None = None,
                 autosave_interval_ms: int = 60_000, parent: QWidget | None = None):
        super().__init__(parent)
        collect_on_gui_thread()  # cyclic GC never runs on a worker thread (see gui/gc_guard.py)
        self.settings = settings if settings is not None else QSettings()
        self.doc = DesignDocument(design or default_design(), self)
        self.doc.auto_named = design is None  # the example copy's name follows its layers until named
        self._origin = f"untitled copy of {DEFAULT_EXAMPLE}" if design is None else "untitled"
        self.runner = TaskRunner(self)
        self._dirty_plots: set[str] = set()
        self._closing = False
        self.setWindowIcon(app_icon())
        self.setObjectName("AnodeLabMainWindow")
        self.setDockNestingEnabled(True)

        # --- central tabs: plots, compare, optional sibling tabs
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        # every tab stays reachable: no scroll arrows; in a narrow window the labels shorten (… + tooltip)
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)
        self.tabs.tabBar().setStyleSheet("QTabBar::tab { padding: 3px 4px; }")  # eleven labels in 550 px (1366-px window)
        self.panels: dict[str, PlotPanel] = {}
        for key, label in PLOT_TABS:
            title = PROTOCOL_TITLES.get(key, "Nucleation free energy ΔG(r), Eqs. 1-3")
            panel = PlotPanel(key, title)
            self.panels[key] = panel
            self.tabs.setTabToolTip(self.tabs.addTab(panel, label), title)
        from .solid_overlays import attach as attach_solid_sides  # CCD(T) / CCD(P) beside Arrhenius / CCD (issue 12)
        attach_solid_sides(self)
        self.compare = PinnedDesigns(self.doc)
        self.tabs.setTabToolTip(self.tabs.addTab(self.compare, "Compare"), "The current design beside the pinned ones")
        # --- workspaces: Design (docks + plot tabs), then full-width ones (screening, validation, …)
        self.workspaces = QTabWidget()
        self.workspaces.setObjectName("Workspaces")
        self.workspaces.addTab(self.tabs, "Design")
        for attr, module, cls, label in DESIGN_TABS:
            setattr(self, attr, self._optional_tab(module, cls, label, self.tabs))
        for attr, module, cls, label in WORKSPACES:
            setattr(self, attr, self._optional_tab(module, cls, label))
        if self.screening_tab is not None and hasattr(self.screening_tab, "designRequested"):
            self.screening_tab.designRequested.connect(self.load_design_from_screening)
        self.workspaces.currentChanged.connect(self._workspace_changed)
        self._dock_visibility: dict = {}
        self.setCentralWidget(self.workspaces)

        # --- docks
        self.editor = StackEditor(self.doc)
        self.stack_dock = self._dock("Stack editor", "StackEditorDock", self.editor, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.score_card = ScoreCard(self.doc)
        self.score_dock = self._dock("Score card", "ScoreCardDock", self.score_card, Qt.DockWidgetArea.RightDockWidgetArea)
        self.history = QUndoView(self.doc.undo_stack)
        self.history.setEmptyLabel("<opened design>")
        self.history_dock = self._dock("History", "HistoryDock", self.history, Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.score_dock, self.history_dock)
        self.score_dock.raise_()
        from .measurements import mount as mount_measurements  # the Measurements dock (issue 14)
        self.measurements_dock = mount_measurements(self)

        # --- status bar: progress + cancel of long work
        self.status_label = plain_label(QLabel(""))  # shows file names and error texts
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setMaximumWidth(220)
        self.progress.setVisible(False)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel_task)
        sb = self.statusBar()
        sb.addWidget(self.status_label, 1)
        sb.addPermanentWidget(self.progress)
        sb.addPermanentWidget(self.cancel_button)
        self.runner.progress.connect(self._task_progress)
        self.runner.finished.connect(self._task_finished)
        self.runner.failed.connect(self._task_failed)
        self.runner.cancelled.connect(self._task_cancelled)
        self.editor.conditions.message.connect(self.show_input_problem)
        self._task_key: str | None = None
        self._task_settings: dict = {}

        self._build_actions()
        self._build_menus()

        # --- observe the document
        self.doc.changed.connect(self._design_changed)
        self.doc.pathChanged.connect(self._path_changed)
        self.doc.undo_stack.cleanChanged.connect(self._clean_changed)
        self.compare.pinsChanged.connect(self._invalidate_plots)
        self.tabs.currentChanged.connect(lambda _i: self._refresh_visible_plot())
        self.tabs.currentChanged.connect(lambda _i: self.doc.break_merge())  # undo steps end at a tab switch
        self.workspaces.currentChanged.connect(lambda _i: self.doc.break_merge())

        # --- autosave
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_interval_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()

        self.resize(1366, 768)
        self._default_docks_pending = True
        self._restore_settings()
        self._update_title()
        self._invalidate_plots()

    # ================================================================== construction helpers
    def _dock(self, title: str, name: str, widget: QWidget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _optional_tab(self, module: str, cls: str, label: str, target: QTabWidget | None = None):
        import importlib

        try:
            mod = importlib.import_module(f"anodelab.gui.{module}")
            widget = getattr(mod, cls)(parent=self) if cls != "ScreeningTab" else getattr(mod, cls)(parent=self, library=default_library())
        except ImportError:
            return None
        except Exception as exc:  # a broken sibling tab must not stop the window from opening
            self._sibling_error = f"{label} tab unavailable: {exc}"
            return None
        (target if target is not None else self.workspaces).addTab(widget, label)
        return widget

    def show_workspace(self, widget: QWidget) -> None:
        """Bring a workspace (self.tabs for Design, a screening or validation tab …) to the front."""
        self.workspaces.setCurrentWidget(widget)

    def _workspace_changed(self, index: int) -> None:
        """Outside the Design workspace the design docks hide, so screening and validation get the width."""
        design = self.workspaces.widget(index) is self.tabs
        docks = [d for d in self.findChildren(QDockWidget) if d.parent() is self]
        if design:
            for dock in docks:
                if self._dock_visibility.get(dock.objectName(), False):
                    dock.show()
            self._dock_visibility = {}
            self._refresh_visible_plot()
        else:
            page = self.workspaces.widget(index)
            if page is self.validation_tab and getattr(page, "report", True) is None and not page.is_running():
                page.run()  # ≈ 1 s on a worker: the workspace opens on results, not on an empty plot
            if self.runner.is_running():  # a hidden plot's run would only slow the screen / validation down
                self.runner.cancel()  # → _task_cancelled marks it dirty; it runs again back in Design
        if not design and not self._dock_visibility:
            self._dock_visibility = {d.objectName(): d.isVisible() for d in docks}
            for dock in docks:
                dock.hide()

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        act = QAction(text, self)
        if shortcut is not None:
            act.setShortcuts(shortcut if isinstance(shortcut, list) else [shortcut])
        if tip:
            act.setStatusTip(tip)
            act.setToolTip(tip)
        act.triggered.connect(lambda _checked=False: slot())
        self.addAction(act)
        return act

    def _build_actions(self) -> None:
        K = QKeySequence
        self.act_new = self._action("&New", self.new_design, K(K.StandardKey.New), "Start a new design from the example")
        self.act_open = self._action("&Open…", self.open_dialog, K(K.StandardKey.Open), "Open a design file (TOML)")
        self.act_save = self._action("&Save", self.save, K(K.StandardKey.Save), "Save the design (atomic write)")
        self.act_save_as = self._action("Save &As…", self.save_as, K("Ctrl+Shift+S"))
        self.act_report = self._action("Export &report…", self.export_report, tip="Export a report of the design")
        self.act_quit = self._action("&Quit", self.close, K(K.StandardKey.Quit))
        self.act_undo = self.doc.undo_stack.createUndoAction(self, "&Undo")
        self.act_undo.setShortcuts([K(K.StandardKey.Undo)])
        self.act_redo = self.doc.undo_stack.createRedoAction(self, "&Redo")
        self.act_redo.setShortcuts([K("Ctrl+Shift+Z"), K("Ctrl+Y")])
        self.addAction(self.act_undo)
        self.addAction(self.act_redo)
        self.act_pin = self._action("&Pin for comparison", self.pin_current, K("Ctrl+P"),
                                    f"Pin the current design (up to {MAX_PINNED}); pinned curves overlay every plot")
        self.act_clear_pins = self._action("Clear pins", self.compare.clear)
        self.act_library = self._action("Material &library editor…", self.open_library_editor,
                                        tip="Add or edit a custom material in your user library")
        self.act_help = self._action("AnodeLab &help", self.show_help, K(K.StandardKey.HelpContents) if
                                     not K(K.StandardKey.HelpContents).isEmpty() else K("F1"),
                                     "Equations, thresholds and sources of every number")
        if self.act_help.shortcut() != QKeySequence("F1"):
            self.act_help.setShortcuts([QKeySequence("F1"), *self.act_help.shortcuts()])
        self.act_getting_started = self._action("&Getting started", self.show_getting_started,
                                                tip="One design, one screen and one report, step by step")
        self.act_about = self._action("&About AnodeLab", self.show_about)
        # preferred unit where alternatives exist: the temperature in °C or K (design files keep °C)
        self.temperature_group = QActionGroup(self)
        self.temperature_group.setExclusive(True)
        for unit, text in (("C", "Degrees &Celsius (°C)"), ("K", "&Kelvin (K)")):
            act = QAction(text, self, checkable=True)
            act.setData(unit)
            act.setChecked(unit == "C")
            act.triggered.connect(lambda _checked=False, u=unit: self.set_temperature_unit(u))
            self.temperature_group.addAction(act)
        self.act_log = QAction("&Log thickness scale", self, checkable=True)
        self.act_log.toggled.connect(self.editor.log_toggle.setChecked)
        self.editor.log_toggle.toggled.connect(self.act_log.setChecked)
        try:
            from .report_dialog import export_report_interactive  # noqa: F401
        except ImportError:
            self.act_report.setEnabled(False)
            self.act_report.setToolTip("the report exporter is not installed in this build")

    def _build_menus(self) -> None:
        mb = self.menuBar()
        m = mb.addMenu("&File")
        m.addActions([self.act_new, self.act_open])
        self.recent_menu = m.addMenu("Open &recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        m.addActions([self.act_save, self.act_save_as])
        m.addSeparator()
        m.addAction(self.act_report)
        m.addSeparator()
        m.addAction(self.act_quit)
        m = mb.addMenu("&Edit")
        m.addActions([self.act_undo, self.act_redo])
        m = mb.addMenu("&Design")
        m.addActions([self.act_pin, self.act_clear_pins])
        m = mb.addMenu("&View")
        for dock in (self.stack_dock, self.score_dock, self.history_dock):
            m.addAction(dock.toggleViewAction())
        m.addAction(self.act_log)
        units = m.addMenu("&Temperature unit")
        units.addActions(self.temperature_group.actions())
        m = mb.addMenu("&Tools")
        m.addAction(self.act_library)
        m = mb.addMenu("&Help")
        m.addActions([self.act_getting_started, self.act_help, self.act_about])
        tb = self.addToolBar("Main")
        tb.setObjectName("MainToolBar")
        tb.addActions([self.act_new, self.act_open, self.act_save])
        tb.addSeparator()
        tb.addActions([self.act_undo, self.act_redo])
        tb.addSeparator()
        tb.addActions([self.act_pin, self.act_help])

    # ================================================================== title, settings
    def _update_title(self) -> None:
        path = self.doc.path
        fname = path.name if path else self._origin
        self.setWindowTitle(f"{self.doc.design.name} — {fname}[*] — AnodeLab")
        self.setWindowModified(self.doc.is_modified)

    def _clean_changed(self, _clean: bool) -> None:
        self._update_title()

    def _path_changed(self, _path: str) -> None:
        self._origin = "untitled"
        self._update_title()

    def _restore_settings(self) -> None:
        s = self.settings
        s.beginGroup("MainWindow")
        geom, state = s.value("geometry"), s.value("state")
        s.endGroup()
        if isinstance(geom, QByteArray) and not geom.isEmpty():
            self.restoreGeometry(geom)
        if isinstance(state, QByteArray) and not state.isEmpty():
            self.restoreState(state)
        unit = s.value("units/temperature", "C")
        self.set_temperature_unit(unit if unit in ("C", "K") else "C")

    def set_temperature_unit(self, unit: str) -> None:
        """Preferred temperature unit of the conditions panel, remembered in the settings."""
        self.editor.conditions.set_temperature_unit(unit)
        for act in self.temperature_group.actions():
            act.setChecked(act.data() == unit)
        self.settings.setValue("units/temperature", unit)

    def save_settings(self) -> None:
        s = self.settings
        s.beginGroup("MainWindow")
        s.setValue("geometry", self.saveGeometry())
        s.setValue("state", self.saveState())
        s.endGroup()
        s.sync()

    def show_input_problem(self, text: str) -> None:
        """A field refused what was typed: say why in the status bar (the field is outlined in red)."""
        self.status_label.setText("⚠ " + text)

    # ================================================================== edits from other parts
    def pin_current(self) -> None:
        try:
            self.compare.pin_current()
        except AnodeLabError as exc:
            show_error(self, "Cannot pin", exc)

    def load_design_from_screening(self, design: Design) -> None:
        try:
            self.doc.apply(design, f"Load “{design.name}” from screening")
        except AnodeLabError as exc:
            show_error(self, "Cannot load the screened design", exc)

    def export_report(self) -> None:
        try:
            from .report_dialog import export_report_interactive
        except ImportError:
            show_error(self, "Report", "the report exporter is not installed in this build")
            return
        try:
            # the report names the design's file only if the report shows what the file holds
            file_path = self.doc.path if self.doc.path is not None and not self.doc.is_modified else None
            export_report_interactive(self, self.doc.design, file_path)
        except AnodeLabError as exc:
            show_error(self, "Report export failed", exc)

    def open_library_editor(self, material=None) -> bool:
        from .library_editor import LibraryEditor

        dlg = LibraryEditor(self, material)
        if dlg.exec() != LibraryEditor.DialogCode.Accepted:
            return False
        self.library_changed()
        return True

    def library_changed(self) -> None:
        """The user library changed on disk: reload the palette and re-score the design."""
        self.editor.palette_widget.reload()
        try:
            self.doc.rescore()
        except AnodeLabError as exc:
            show_error(self, "The design no longer validates", exc)

    def show_help(self) -> None:
        from .help_dialog import HelpDialog

        self._help = HelpDialog(self)
        self._help.show()

    def show_getting_started(self) -> None:
        from .getting_started import GettingStartedDialog

        self._getting_started = GettingStartedDialog(self)
        self._getting_started.show()

    def show_about(self) -> None:
        QMessageBox.about(self, "About AnodeLab",
                          f"<b>AnodeLab {__version__}</b><br>Design and screen sodium-metal anodes.<br>"
                          "Models and equations: Lu et al., Energy Technol. 2022 (see Help, F1).<br>"
                          f"Resources: {resources_dir()}<br>User data: {user_data_dir()}")

    def showEvent(self, event) -> None:  # noqa: N802
        super().showEvent(event)
        if self._default_docks_pending:
            # dock sizes only take once the window has its size; restored settings win over the defaults
            self._default_docks_pending = False
            if not self.settings.value("MainWindow/state"):
                self.resizeDocks([self.stack_dock, self.score_dock], list(default_dock_widths(self.width())),
                                 Qt.Orientation.Horizontal)

    # ================================================================== close
    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        if not self.maybe_save():
            event.ignore()
            return
        self._closing = True
        self.autosave_timer.stop()
        self.runner.shutdown()
        for tab in (self.screening_tab, self.validation_tab, self.sensitivity_tab, self.score_card):
            if tab is not None and hasattr(tab, "shutdown"):
                tab.shutdown()  # cancel a running screen / validation and join its thread
        self.workspaces.setCurrentWidget(self.tabs)  # docks as the user left them in the Design workspace
        self.save_settings()
        self.remove_autosave()
        event.accept()


def app_icon() -> QIcon:
    path = resources_dir() / "icons" / "anodelab.svg"
    return QIcon(str(path)) if path.exists() else QIcon()
