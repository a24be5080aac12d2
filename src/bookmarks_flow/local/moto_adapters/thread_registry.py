"""Thread registry: moto's engine appends every thread it starts (one per execution, one per program, one per
task state, one per callback wait...) to ``moto.stepfunctions.parser.utils.TMP_THREADS`` and never removes one,
and nothing in moto reads the list: a finished thread's objects (its Event, Condition and lock) stay in memory for
the life of the process, about a dozen per execution. This gives the engine a list that forgets finished threads
as new ones arrive; the threads that are still running stay listed."""

from __future__ import annotations

import sys
import threading
from typing import Any

from moto.stepfunctions.parser import utils

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

_ENGINE_PACKAGE = "moto.stepfunctions.parser"
PRUNE_EVERY = 256


class LiveThreads(list[threading.Thread]):
    """A list that drops the threads that have finished every ``PRUNE_EVERY`` appends."""

    def __init__(self, threads: list[threading.Thread] | None = None) -> None:
        super().__init__(thread for thread in threads or [] if thread.is_alive())
        self._lock = threading.Lock()
        self._appends = 0

    def append(self, thread: threading.Thread) -> None:
        with self._lock:
            self._appends += 1
            if self._appends % PRUNE_EVERY == 0:
                self[:] = [listed for listed in self if listed.is_alive()]
            super().append(thread)


def engine_modules_holding(registry: Any) -> list[Any]:
    """Every imported engine module that refers to ``registry`` by name (``from ... import TMP_THREADS``)."""
    return [
        module
        for name, module in list(sys.modules.items())
        if name.startswith(_ENGINE_PACKAGE) and getattr(module, "TMP_THREADS", None) is registry
    ]


def install() -> Undo:
    original = utils.TMP_THREADS
    live = LiveThreads(original)
    return undo_all([replace_attribute(module, "TMP_THREADS", live) for module in engine_modules_holding(original)])
