"""The AWS requests the local endpoint acknowledges, written to the journal before the answer leaves.

Every request that reaches moto (from the AWS CLI over HTTP, from the API server, from a Lambda handler or from
the engine's service integrations) goes through ``BaseResponse.call_action``. A request that changes state and
succeeds is journaled there, with moto's random source seeded from its sequence number, while a lock keeps
state-changing requests in journal order (moto itself is not safe under concurrent writes either). On restart,
the journal tail is dispatched again through the same class with the same seed, in the same order.

Step Functions requests are not replayed: executions are journaled as their own records (engine_hooks.py).

A record is written (``os.write``) before the answer leaves, which a ``kill -9`` cannot undo. The fsync that
makes it survive a power cut waits for the answer that leaves the process (acknowledgements.py): requests made
inside it (the engine's integrations, the Lambda handlers) are acknowledged to no one.
"""

from __future__ import annotations

import importlib
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from moto.core.request import Request
from moto.core.responses import BaseResponse
from moto.moto_api._internal import mock_random

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute
from bookmarks_flow.local.persistence.journal import Journal

# Actions that only read. Everything else that succeeds is journaled (ReceiveMessage and InitiateAuth change state).
READ_PREFIXES = ("Get", "Describe", "List", "Query", "Scan", "BatchGet", "Head", "Filter", "Lookup", "Test")
NOT_REPLAYED_SERVICES = ("stepfunctions",)
# A Lambda invoke changes nothing itself; the handler's own requests are journaled one by one.
NOT_JOURNALED_ACTIONS = ("Invoke", "InvokeAsync", "InvokeWithResponseStream")


@dataclass(frozen=True)
class RequestRecord:
    seq: int
    response_class: str
    method: str
    url: str
    headers: list[tuple[str, str]]
    body: bytes


def is_mutating(action: str) -> bool:
    return bool(action) and not action.startswith(READ_PREFIXES) and action not in NOT_JOURNALED_ACTIONS


def _service_of(response: BaseResponse) -> str:
    return type(response).__module__.split(".")[1]


def _body_bytes(raw: Any, request: Request) -> bytes:
    """The body as sent; a form-encoded one (query protocol: SNS, SQS's older form) was parsed away by werkzeug."""
    if raw:
        return raw if isinstance(raw, bytes) else str(raw).encode("utf-8")
    if request.form:
        return urlencode(list(request.form.items(multi=True))).encode("ascii")
    return b""


class RequestJournal:
    """Captures acknowledged state-changing requests into ``journal`` (set by the store)."""

    def __init__(self) -> None:
        self.journal: Journal | None = None
        self.write_lock = threading.RLock()
        self._seq = 0
        self.appended = 0  # requests journaled in the current segment (the store resets it)

    def set_sequence(self, seq: int) -> None:
        self._seq = seq

    @property
    def sequence(self) -> int:
        return self._seq

    def call_action(self, original: Callable[[BaseResponse], Any], response: BaseResponse) -> Any:
        if self.journal is None:
            return original(response)
        service = _service_of(response)
        action = response._get_action()
        if service in NOT_REPLAYED_SERVICES:
            return original(response)
        if not is_mutating(action):
            return original(response)
        with self.write_lock:
            # Read under the lock: a snapshot taken while this request waited for it has started a new segment
            # and closed the old one, whose records the snapshot holds; this request belongs in the new one.
            journal = self.journal
            if journal is None:
                return original(response)
            self._seq += 1
            seq = self._seq
            mock_random.seed(seq)
            result = original(response)
            if int(result[0]) < 300:
                request = response.normalized_request
                journal.append(
                    RequestRecord(
                        seq=seq,
                        response_class=f"{type(response).__module__}:{type(response).__qualname__}",
                        method=request.method,
                        url=response.uri,
                        headers=list(request.headers.items()),
                        body=_body_bytes(response.raw_body, request),
                    )
                )
                self.appended += 1
        return result


def replay(record: RequestRecord) -> int:
    """Dispatches a journaled request again, as it was; returns the status moto answers."""
    module_name, class_name = record.response_class.split(":")
    response_class = getattr(importlib.import_module(module_name), class_name)
    request = Request.from_primitives(record.method, record.url, dict(record.headers), record.body)
    mock_random.seed(record.seq)
    status = response_class.dispatch(request, record.url, request.headers)[0]
    return int(status)


def install(requests: RequestJournal) -> Undo:
    original = BaseResponse.call_action

    def call_action(self: BaseResponse) -> Any:
        return requests.call_action(original, self)

    return replace_attribute(BaseResponse, "call_action", call_action)
