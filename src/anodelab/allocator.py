"""Make glibc's malloc keep the scoring engine's temporary arrays on the heap.

Chunked scoring allocates and frees some 400 temporary arrays of 128–256 kB per chunk. glibc
serves an allocation of 128 kB or more with a fresh ``mmap`` until a freed mapping teaches it
otherwise (its "dynamic mmap threshold"), and it returns free memory at the top of the heap to the
kernel once more than twice that threshold is free. Whether a scoring run hits that regime depends
on what the process freed before, so the same call ran anywhere from 2.6 to 4.3 × 10⁶ designs/s on
the reference machine, and two threads were *slower* than one: both threads fault in fresh pages and
serialise on the kernel's memory-map lock.

:func:`tune_for_batch_scoring` fixes the two thresholds at values inside the range glibc's own
dynamic adjustment reaches (it raises the mmap threshold up to 32 MiB and the trim threshold to
twice that): allocations below 1 MiB come from the heap, and up to 64 MiB of free heap is kept
for reuse instead of being returned and faulted in again. Large arrays (results, batches) are
still mapped and unmapped as before. The settings apply to the whole process; they are made once,
on the first chunked scoring call, and only on glibc. Set ``ANODELAB_NO_MALLOC_TUNING=1`` to leave
malloc alone.
"""

from __future__ import annotations

import ctypes
import os
import sys

#: mallopt() parameter numbers from glibc's <malloc.h>.
M_TRIM_THRESHOLD = -1
M_MMAP_THRESHOLD = -3

MMAP_THRESHOLD_BYTES = 1 << 20
TRIM_THRESHOLD_BYTES = 64 << 20

_state = {"done": False, "applied": False}


def tune_for_batch_scoring() -> bool:
    """Apply the malloc settings once per process; True when they are in effect."""
    if _state["done"]:
        return _state["applied"]
    _state["done"] = True
    if os.environ.get("ANODELAB_NO_MALLOC_TUNING") or not sys.platform.startswith("linux"):
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt  # the process's own symbols: glibc's mallopt (no ldconfig call)
    except (OSError, AttributeError):  # not glibc (e.g. musl has no mallopt)
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    mallopt.restype = ctypes.c_int
    ok = mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD_BYTES) == 1
    ok = mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD_BYTES) == 1 and ok
    _state["applied"] = ok
    return ok
