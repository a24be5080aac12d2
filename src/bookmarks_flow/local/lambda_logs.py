"""Where the local functions' output goes: CloudWatch Logs of the local endpoint, as on AWS
(``aws --endpoint-url http://127.0.0.1:4566 logs tail /aws/lambda/<function>``), not the terminal."""

from __future__ import annotations

import contextlib
import io
import threading
import time
from typing import Any


class CloudWatchLogsSink:
    def __init__(self, session: Any) -> None:
        self._logs = session.client("logs")
        self._streams: set[str] = set()
        self._lock = threading.Lock()

    def write(self, function_name: str, line: str) -> None:
        self.write_to_group(f"/aws/lambda/{function_name}", line)

    def write_to_group(self, group: str, line: str) -> None:
        """One line in the group's ``local`` stream (the group and the stream made on first use)."""
        with self._lock:
            if group not in self._streams:
                # A restarted stack with its state kept already has them (bookmarks_flow.local.persistence).
                exists = self._logs.exceptions.ResourceAlreadyExistsException
                with contextlib.suppress(exists):
                    self._logs.create_log_group(logGroupName=group)
                with contextlib.suppress(exists):
                    self._logs.create_log_stream(logGroupName=group, logStreamName="local")
                self._streams.add(group)
            self._logs.put_log_events(
                logGroupName=group,
                logStreamName="local",
                logEvents=[{"timestamp": int(time.time() * 1000), "message": line}],
            )


class FunctionOutput(io.TextIOBase):
    """A stdout for one function: complete lines go to the sink."""

    def __init__(self, function_name: str, sink: CloudWatchLogsSink) -> None:
        self._function_name = function_name
        self._sink = sink
        self._pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            if line.strip():
                self._sink.write(self._function_name, line)
        return len(text)
