"""Python's cyclic garbage collector runs on the GUI thread only.

A collection that starts on a worker thread (any allocation can trigger one) may finalise Qt wrapper
objects there; their C++ destructors take Qt locks that the GUI thread holds while it waits for the
GIL — a deadlock seen in the test suite (main thread in a pyqtgraph paint, a TaskRunner worker
allocating in ``uncertainty.intervals``). pyqtgraph's :class:`GarbageCollector` is the standard cure:
automatic collection is switched off and a GUI-thread timer collects each generation when its
threshold is passed, so cycles are still freed, a fraction of a second later.
"""

from __future__ import annotations

import gc

_collector = None


def collect_on_gui_thread(interval_s: float = 0.5):
    """Install (once) the GUI-thread collector; call from the GUI thread after the QApplication exists."""
    global _collector
    if _collector is None:
        from pyqtgraph.util.garbage_collector import GarbageCollector

        _collector = GarbageCollector(interval=interval_s)
    return _collector


def restore_automatic_collection() -> None:
    """Stop the timer and switch automatic collection back on (tests that leave the GUI behind)."""
    global _collector
    if _collector is not None:
        _collector.timer.stop()
        _collector = None
    gc.enable()
    gc.collect()
