"""The plot tabs of the main window: which plot is out of date, running the quick protocols on the GUI
thread and the long ones (symmetric cycling) on the worker within the points × designs budget
(:mod:`anodelab.gui.sim_budget`), and the worker's progress / result / failure / cancel slots.

:class:`PlotRunsMixin` expects the window's ``doc``, ``compare``, ``panels``, ``tabs``, ``workspaces``,
``runner``, ``progress``, ``cancel_button``, ``status_label`` and the ``plotsUpdated`` signal.
"""

from __future__ import annotations

import numpy as np

from ..design import Design
from ..errors import AnodeLabError
from .plot_data import view_settings
from .plots import PROTOCOL_TITLES, PlotPanel, nucleation_data, profile_data, simulate_api
from .sim_budget import DEFAULT_POINTS_PER_HALF_CYCLE, EDIT_BUDGET_POINTS, plan_symmetric
from .tasks import TaskState

#: protocols simulated on a worker thread (long cycling); the others are fast enough for every edit
WORKER_PROTOCOLS = ("symmetric",)
NEEDS_SOLID = (
    "The critical-current-density ramp needs a solid electrolyte.\n\n"
    "This design uses a liquid electrolyte, where the limit is Sand's time and the limiting current "
    "(see the score card). Drop a solid electrolyte (e.g. NZSP) on the electrolyte slot to simulate a CCD ramp."
)


def score_one(design: Design):
    from ..scoring import score

    return score(design)


def simulate_task(inputs, state: TaskState):
    """Worker: simulate each design in turn (so Cancel takes effect between designs and, where the
    simulator reports progress, inside one)."""
    import inspect

    designs, names, protocol, settings = inputs
    api = simulate_api()
    if api is None:
        raise AnodeLabError("the simulation module (anodelab.simulate) is not installed")
    simulate = api[0]
    params = inspect.signature(simulate).parameters
    rows = []
    n = len(designs)
    for k, (design, name) in enumerate(zip(designs, names)):
        state.progress(k / n, f"simulating {PROTOCOL_TITLES.get(protocol, protocol).lower()}: {name}")
        kw = dict(settings)
        if "progress" in params:
            kw["progress"] = lambda f, k=k: state.progress((k + f) / n, f"{name}: {100 * f:.0f} %")
        if "state" in params:
            kw["state"] = state
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # non-finite results are explained
            prof = simulate(design, protocol, **kw)
        state.check()
        rows.append((prof, 0, name))
    state.progress(1.0, "done")
    return rows


class PlotRunsMixin:
    """Plot refresh and long simulations of :class:`~anodelab.gui.main_window.MainWindow`."""

    # ================================================================== plots
    def _design_changed(self, _design) -> None:
        self._update_title()
        self._invalidate_plots()

    def _invalidate_plots(self) -> None:
        self._dirty_plots = set(self.panels)
        self._refresh_visible_plot()

    def _designs(self) -> tuple[list[Design], list[str]]:
        designs = [self.doc.design, *self.compare.designs]
        names = [self.doc.design.name] + [f"pin {i + 1}: {d.name}" for i, d in enumerate(self.compare.designs)]
        return designs, names

    def _refresh_visible_plot(self) -> None:
        if self.workspaces.currentWidget() is not self.tabs:
            return  # hidden plots redraw when the Design workspace comes back
        panel = self.tabs.currentWidget()
        if isinstance(panel, PlotPanel) and panel.key in self._dirty_plots:
            self.refresh_plot(panel.key)

    def refresh_plot(self, key: str) -> None:
        """Recompute one plot panel (the long protocols go to the worker thread)."""
        panel = self.panels[key]
        self._dirty_plots.discard(key)
        designs, names = self._designs()
        if key == "nucleation":
            panel.set_data(nucleation_data(designs, [self.doc.result, *self.compare.pinned_results()], names))
            self.plotsUpdated.emit(key)
            return
        api = simulate_api()
        if api is None:
            panel.show_message(
                f"{PROTOCOL_TITLES[key]}: the simulation module (anodelab.simulate) is not installed in this "
                "build.\nThe score card and the nucleation curve do not need it."
            )
            self.plotsUpdated.emit(key)
            return
        if key == "ccd":
            solid = [self.doc.resolved.is_solid] + [bool(s) for s in
                                                    (self.compare.result.is_solid if self.compare.result else [])]
            keep = [i for i, s in enumerate(solid) if s]
            if not keep:
                panel.show_message(NEEDS_SOLID)
                self.plotsUpdated.emit(key)
                return
            designs = [designs[i] for i in keep]
            names = [names[i] for i in keep]
        if key in WORKER_PROTOCOLS:
            self._start_within_budget(key, designs, names)
            return
        try:
            results = [self.doc.result, *self.compare.pinned_results()]
            if len(results) != len(designs):  # the CCD tab keeps the solid-electrolyte designs only
                results = [score_one(d) for d in designs]
            with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # the panel explains ∞ / NaN
                prof = api[0](designs, key, **view_settings(key, designs, results))
            panel.set_data(profile_data([(prof, i, n) for i, n in enumerate(names)], key,
                                        {"temperatures_C": [d.conditions.temperature_C for d in designs]}))
        except AnodeLabError as exc:
            panel.show_message(f"{PROTOCOL_TITLES[key]} cannot be simulated for this design:\n{exc}")
        self.plotsUpdated.emit(key)

    # ================================================================== long work
    def _start_within_budget(self, key: str, designs: list[Design], names: list[str], confirmed: bool = False) -> None:
        """Start the worker simulation of an edit if its cost (points × designs) fits the edit budget;
        above it the panel asks first, above the memory limit it explains and runs nothing."""
        plan = plan_symmetric([d.conditions.cycles for d in designs])
        self.last_plan = plan
        panel = self.panels[key]
        if plan.refused:
            self.runner.cancel()
            panel.show_message(f"{PROTOCOL_TITLES[key]}: not simulated.\n\n{plan.refused}")
            self.plotsUpdated.emit(key)
            return
        if plan.needs_confirmation and not confirmed:
            self.runner.cancel()
            panel.show_message(
                f"{PROTOCOL_TITLES[key]}: this run is large: {plan.points:,} time points "
                f"(≈ {plan.memory_MB:,.0f} MB while it runs).\nEdits start runs up to "
                f"{EDIT_BUDGET_POINTS:,} points on their own; press the button to run this one.",
                action=("Simulate anyway", lambda: self._start_within_budget(key, *self._designs(), confirmed=True)))
            self.plotsUpdated.emit(key)
            return
        self.start_simulation(key, designs, names, {"points_per_half_cycle": plan.points_per_half_cycle})

    def start_simulation(self, key: str, designs: list[Design], names: list[str], settings: dict | None = None) -> None:
        self._replacing = True  # the run this one replaces is cancelled without a "cancelled" page
        try:
            self.runner.cancel()
        finally:
            self._replacing = False
        self._task_key = key
        self._task_settings = dict(settings or {})
        self.panels[key].show_message(f"Simulating {PROTOCOL_TITLES[key].lower()}… (progress below; Cancel stops it)")
        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.status_label.setText(f"Simulating {PROTOCOL_TITLES[key].lower()}…")
        self.runner.start(simulate_task, (designs, names, key, settings or {}), label=key)

    def cancel_task(self) -> None:
        self.runner.cancel()

    def _end_task_ui(self) -> None:
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)

    def _task_progress(self, fraction: float, message: str) -> None:
        self.progress.setValue(int(fraction * 1000))
        if message:
            self.status_label.setText(message)

    def _task_finished(self, rows) -> None:
        key = self._task_key
        self._end_task_ui()
        if key is None:
            return
        data = profile_data(rows, key)
        p = self._task_settings.get("points_per_half_cycle")
        if p is not None and p < DEFAULT_POINTS_PER_HALF_CYCLE:
            data.notes.append(f"Long test: sampled at {p} points per half cycle (instead of "
                              f"{DEFAULT_POINTS_PER_HALF_CYCLE}) to keep the run within the window's memory budget.")
        self.panels[key].set_data(data)
        self.status_label.setText(f"{PROTOCOL_TITLES[key]} done")
        self.plotsUpdated.emit(key)

    def _task_failed(self, message: str) -> None:
        key = self._task_key
        self._end_task_ui()
        if key is not None:
            self.panels[key].show_message(f"{PROTOCOL_TITLES[key]} failed:\n{message}")
            self.plotsUpdated.emit(key)
        self.status_label.setText(message)

    def _task_cancelled(self) -> None:
        if getattr(self, "_replacing", False):
            return
        key = self._task_key
        self._end_task_ui()
        if key is not None and not self._closing:
            self._dirty_plots.add(key)
            self.panels[key].show_message(
                f"{PROTOCOL_TITLES[key]}: cancelled. Switch tabs or edit the design to run it again.")
        self.status_label.setText("Simulation cancelled")
