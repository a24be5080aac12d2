"""Invocations held at the door: what a slow start of a function (a cold start, a throttled retry) looks like to
its caller, on demand. Tests use it to keep a workflow between two of its steps for as long as they need, which a
service fault cannot do: the workflow retries a fault a bounded number of times, with jittered waits, so a fault's
window closes at a moment no test can know."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

Matching = Callable[[dict[str, Any]], bool]


class InvocationHold:
    """Holds the invocations of one function whose event ``matching`` accepts, until released."""

    def __init__(self, function_name: str, matching: Matching) -> None:
        self.function_name = function_name
        self._matching = matching
        self._holding = threading.Event()
        self._released = threading.Event()

    def applies_to(self, function_name: str, event: dict[str, Any]) -> bool:
        return function_name == self.function_name and not self._released.is_set() and self._matching(event)

    def hold(self) -> None:
        self._holding.set()
        self._released.wait()

    def wait_until_holding(self, timeout: float) -> bool:
        """True once an invocation is held (the caller is waiting on it), False after ``timeout`` seconds."""
        return self._holding.wait(timeout)

    def release(self) -> None:
        self._released.set()


class InvocationHolds:
    """The holds in place in one Lambda runtime."""

    def __init__(self) -> None:
        self._holds: list[InvocationHold] = []
        self._lock = threading.Lock()

    def wait_at_the_door(self, function_name: str, event: dict[str, Any]) -> None:
        """Returns when no hold in place applies to this invocation (at once, unless a test holds it)."""
        with self._lock:
            holds = [hold for hold in self._holds if hold.applies_to(function_name, event)]
        for hold in holds:
            hold.hold()

    @contextmanager
    def holding(self, function_name: str, matching: Matching) -> Iterator[InvocationHold]:
        """The invocations ``matching`` accepts wait until the block ends (or the hold is released)."""
        hold = InvocationHold(function_name, matching)
        with self._lock:
            self._holds.append(hold)
        try:
            yield hold
        finally:
            hold.release()
            with self._lock:
                self._holds.remove(hold)
