"""Python's cyclic garbage collector paused while a restart builds the state back.

Unpickling a snapshot makes millions of objects that all live on; every few hundred allocations the collector
runs, and its older generations walk the whole growing heap again, finding nothing to free: most of a snapshot's
unpickling time went there (10,000 bookmarks and 1,000 waiting executions: 2.4 s with the collector, 0.7 s
without, on this project's 2-core machine). Replaying the journal afterwards allocates the same way.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """The collector off for the block, and back as it was after it (a caller may have paused it already)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
