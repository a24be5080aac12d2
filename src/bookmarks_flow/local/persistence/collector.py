"""Python's cyclic garbage collector paused while the local stack starts and a restart builds the state back.

Unpickling a snapshot makes millions of objects that all live on; every few hundred allocations the collector
runs, and its older generations walk the whole growing heap again, finding nothing to free: most of a snapshot's
unpickling time went there (10,000 bookmarks and 1,000 waiting executions: 2.4 s with the collector, 0.7 s
without, on this project's 2-core machine). Replaying the journal afterwards allocates the same way.

``bookmarks local`` keeps it off for its whole start (the imports too), then freezes what the start made
(``gc.freeze``: moved to a generation the collector never walks), so that the first collection after the start
does not walk all of it while the first requests wait.

After the start it collects less often than Python's default (``COLLECTOR_THRESHOLDS``): the stack keeps its
tables and execution histories in memory, so a bulk import makes millions of objects that live on, and with the
default thresholds (700, 10, 10) the collector walked them again and again, a quarter of a 2,000-link import's time
(16 of 65 s, gc.callbacks, load average 7). Garbage that is a cycle is still collected: the young generation every
10,000 allocations (rather than 700), the oldest when it has grown by a quarter and 100 middle collections passed.
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


def pause_for_start() -> None:
    gc.disable()


# gc.set_threshold's (young, middle, old): https://docs.python.org/3.11/library/gc.html#gc.set_threshold
COLLECTOR_THRESHOLDS = (10_000, 20, 100)


def after_start() -> None:
    """What the start made lives on (the imported modules, the restored backends): out of the collector's sight;
    from now on, collections at COLLECTOR_THRESHOLDS."""
    gc.freeze()
    gc.set_threshold(*COLLECTOR_THRESHOLDS)
    gc.enable()
