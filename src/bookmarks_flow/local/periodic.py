"""A background thread that does one thing every few seconds until stopped: what AWS services do on their own
schedule (CloudWatch judging alarms, EventBridge running schedules), for the local stack."""

from __future__ import annotations

import threading
from collections.abc import Callable


class Periodic:
    def __init__(self, name: str, interval_seconds: float, tick: Callable[[], object]) -> None:
        self._name = name
        self._interval = interval_seconds
        self._tick = tick
        self._stopped = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        def loop() -> None:
            while not self._stopped.wait(self._interval):
                self._tick()

        self._thread = threading.Thread(target=loop, name=self._name, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopped.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
