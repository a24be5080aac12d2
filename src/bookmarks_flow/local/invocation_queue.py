"""The order in which the local Lambda runtime runs invocations that wait for it: callers first, then the rest.

The runtime runs one invocation at a time (a process has one ``os.environ`` and one ``sys.modules``). On AWS a
function answering API Gateway never waits for another function's invocations: each function scales on its
own. With a plain lock it did, with no order at all: 150 submissions in flight kept a GET /bookmarks/{id}
waiting 8.8 s for the lock, and under CI's load one waited past API Gateway's 29 s limit and answered 504.

So a caller that a person waits on (API Gateway's Lambda proxy integration) takes the next turn, ahead of the
engine's tasks and scheduled rules; within each class, turns go first come, first served, so nobody starves
behind later arrivals. The turn is re-entrant for the thread that holds it, as the lock was.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager


class InvocationQueue:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: dict[bool, deque[tuple[int, threading.Event]]] = {True: deque(), False: deque()}
        self._owner: int | None = None
        self._depth = 0

    @property
    def waiting(self) -> int:
        """How many invocations wait for a turn."""
        with self._lock:
            return sum(len(line) for line in self._waiting.values())

    @contextmanager
    def turn(self, interactive: bool = False) -> Iterator[None]:
        """Holds the runtime for the block, once every earlier caller of the same class (and, for a background
        invocation, every waiting interactive one) has had its turn."""
        me = threading.get_ident()
        with self._lock:
            if self._owner is None:
                self._owner, self._depth = me, 1
                handed = None
            elif self._owner == me:
                self._depth += 1
                handed = None
            else:
                handed = threading.Event()
                self._waiting[interactive].append((me, handed))
        if handed is not None:
            handed.wait()  # the releasing thread made this one the owner before setting the event
        try:
            yield
        finally:
            self._release()

    def _release(self) -> None:
        with self._lock:
            self._depth -= 1
            if self._depth > 0:
                return
            for line in (self._waiting[True], self._waiting[False]):
                if line:
                    self._owner, handed = line.popleft()
                    self._depth = 1
                    handed.set()
                    return
            self._owner = None
