"""Long work off the GUI thread: a function ``run(inputs, state) -> result`` on a QThread.

The function does no GUI work. It reports progress with ``state.progress(fraction, message)`` and
calls ``state.check()`` (raises :class:`Cancelled`) often enough to stop within a fraction of a
second. :class:`TaskRunner` runs one task at a time and turns the outcome into signals on the GUI
thread: ``finished(result)``, ``failed(message)``, ``cancelled()``, ``progress(fraction, message)``.
"""

from __future__ import annotations

import threading
import time
import traceback
from typing import Any, Callable

from PySide6.QtCore import QObject, QThread, Signal

from ..errors import AnodeLabError


class Cancelled(Exception):
    """Raised by :meth:`TaskState.check` after the user pressed Cancel."""


class TaskState:
    """What a running task may touch: progress reporting and the cancel flag (thread-safe)."""

    def __init__(self, report: Callable[[float, str], None] | None = None, min_interval_s: float = 0.05):
        self._cancel = threading.Event()
        self._report = report
        self._min_interval = min_interval_s
        self._last = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled()

    def progress(self, fraction: float, message: str = "") -> None:
        """Report progress in [0, 1] (throttled) and honour a pending cancel."""
        self.check()
        now = time.monotonic()
        if self._report is not None and (now - self._last >= self._min_interval or fraction >= 1.0):
            self._last = now
            self._report(float(min(max(fraction, 0.0), 1.0)), message)


class _TaskThread(QThread):
    progressed = Signal(float, str)
    succeeded = Signal(object)
    failed = Signal(str)
    was_cancelled = Signal()

    def __init__(self, fn: Callable[[Any, TaskState], Any], inputs: Any, parent: QObject | None = None):
        super().__init__(parent)
        self.fn = fn
        self.inputs = inputs
        self.state = TaskState(self.progressed.emit)

    def run(self) -> None:  # worker thread
        try:
            result = self.fn(self.inputs, self.state)
        except Cancelled:
            self.was_cancelled.emit()
            return
        except AnodeLabError as exc:
            self.failed.emit(str(exc))
            return
        except Exception as exc:  # a bug in a task must not take the window down
            traceback.print_exc()
            self.failed.emit(f"internal error: {type(exc).__name__}: {exc}")
            return
        if self.state.cancelled:
            self.was_cancelled.emit()
        else:
            self.succeeded.emit(result)


class TaskRunner(QObject):
    """Runs one task at a time; starting a new one cancels the previous one.

    At most one thread computes at any time: while a cancelled task is still winding down (a numpy
    call cannot be interrupted, it stops at its next ``state.check()``), a new request waits as the
    *pending* task, and a newer request replaces it. So a burst of edits costs one run in flight plus
    one queued, never a thread (and its arrays) per edit.
    """

    started = Signal(str)
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    #: emitted once the thread has really stopped, whatever the outcome
    idle = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._thread: _TaskThread | None = None
        self._old: list[_TaskThread] = []
        self._pending: tuple | None = None
        self.label = ""

    def is_running(self) -> bool:
        """A task is running or waiting for a cancelled one to stop."""
        return self._pending is not None or (self._thread is not None and self._thread.isRunning())

    def threads_alive(self) -> int:
        """Threads of this runner still running (current and cancelled ones winding down)."""
        alive = [t for t in [self._thread, *self._old] if t is not None and t.isRunning()]
        return len(alive)

    def start(self, fn: Callable[[Any, TaskState], Any], inputs: Any, label: str = "") -> None:
        self.cancel()
        self.label = label
        self._old = [t for t in self._old if t.isRunning()]
        if self._old:  # a cancelled run still computes: queue this one (replacing any queued one)
            self._pending = (fn, inputs, label)
            self.started.emit(label)
            return
        self._launch(fn, inputs, label)

    def _launch(self, fn: Callable[[Any, TaskState], Any], inputs: Any, label: str) -> None:
        th = _TaskThread(fn, inputs, self)
        th.progressed.connect(self._on_progress)
        th.succeeded.connect(self._on_success)
        th.failed.connect(self._on_failed)
        th.was_cancelled.connect(self._on_cancelled)
        th.finished.connect(self._on_thread_finished)
        self._thread = th
        self.started.emit(label)
        th.start()

    def cancel(self) -> None:
        """Ask the current task to stop; its result, if any, is dropped."""
        if self._pending is not None:
            self._pending = None
            self.cancelled.emit()
        th = self._thread
        if th is None:
            return
        th.state.cancel()
        self._thread = None
        if th.isRunning():
            self._old.append(th)
            self.cancelled.emit()

    def wait(self, timeout_ms: int = 10000) -> bool:
        """Block until every thread has stopped (used on close and in tests)."""
        ok = True
        for _round in range(2):  # the running threads, then a pending task started once they stopped
            for th in [self._thread, *self._old]:
                if th is not None:
                    ok = th.wait(timeout_ms) and ok
            self._old = [t for t in self._old if t.isRunning()]
            if self._pending is None or self._old:
                break
            pending, self._pending = self._pending, None
            self._launch(*pending)
        return ok

    def shutdown(self) -> None:
        self.cancel()
        self.wait()

    # ------------------------------------------------------------------ slots (GUI thread)
    def _current(self) -> bool:
        return self.sender() is self._thread

    def _on_progress(self, fraction: float, message: str) -> None:
        if self._current():
            self.progress.emit(fraction, message)

    def _on_success(self, result: object) -> None:
        if self._current():
            self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        if self._current():
            self.failed.emit(message)

    def _on_cancelled(self) -> None:
        # a task that noticed the cancel itself (the runner already emitted `cancelled`)
        pass

    def _on_thread_finished(self) -> None:
        th = self.sender()
        if th is self._thread:
            self._thread = None
        if th in self._old:
            self._old.remove(th)
        if isinstance(th, _TaskThread):
            th.deleteLater()
        if self._pending is not None and self.threads_alive() == 0:
            pending, self._pending = self._pending, None
            self._launch(*pending)
            return
        if self.threads_alive() == 0:
            self.idle.emit()
