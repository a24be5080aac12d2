"""Python's cyclic garbage collector paused while the local stack starts and a restart builds the state back.

Unpickling a snapshot makes millions of objects that all live on; every few hundred allocations the collector
runs, and its older generations walk the whole growing heap again, finding nothing to free: most of a snapshot's
unpickling time went there (10,000 bookmarks and 1,000 waiting executions: 2.4 s with the collector, 0.7 s
without, on this project's 2-core machine). Replaying the journal afterwards allocates the same way.

``bookmarks local`` keeps it off for its whole start (the imports too), then freezes what the start made
(``gc.freeze``: moved to a generation the collector never walks), so that the first collection after the start
does not walk all of it while the first requests wait.
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


def after_start() -> None:
    """What the start made lives on (the imported modules, the restored backends): out of the collector's sight."""
    gc.freeze()
    gc.enable()
