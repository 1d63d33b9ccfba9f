"""Cyclic garbage collection runs on the GUI thread only (gui/gc_guard.py): a collection started on a
worker could finalise Qt objects there and deadlock with the GUI thread (seen in this suite)."""

import gc
import threading
import weakref


def test_a_window_moves_cyclic_gc_to_a_gui_thread_timer(qtbot, window):
    assert not gc.isenabled()  # no automatic collection, on any thread

    class Node:
        pass

    collected_on = []
    a, b = Node(), Node()
    a.other, b.other = b, a  # a reference cycle only the cyclic collector frees
    ref = weakref.ref(a, lambda _r: collected_on.append(threading.current_thread() is threading.main_thread()))
    del a, b
    for _ in range(5000):  # pass generation 0's threshold so that the timer collects
        [Node()] * 2
        gc_objs = [[] for _ in range(1)]
        gc_objs[0].append(gc_objs)
    qtbot.waitUntil(lambda: ref() is None, timeout=5000)
    assert collected_on == [True]  # freed by the GUI thread's timer
