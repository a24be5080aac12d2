"""The two local environments the bench compares, and the instruments it puts into them.

"local" is the environment as the project runs it (every adapter). "stock" is moto's engine with only the
correctness adapters the workflow needs to run at all, and none of the performance adapters: what a project
without them would get.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

from botocore.client import BaseClient

from bench import PROJECT_DIR
from bookmarks_flow.local import environment as local_environment
from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_flow.local.lambda_runtime import InvocationResult, LocalFunction, LocalLambdaRuntime
from bookmarks_flow.local.mailbox import Mailbox
from bookmarks_flow.local.moto_adapters.patching import replace_attribute
from bookmarks_flow.local.persistence.store import DurableStore


class Profile(StrEnum):
    LOCAL = "local"
    STOCK = "stock"
    DURABLE = "durable"  # LOCAL with its state kept on disk (bookmarks_flow.local.persistence), fsync on
    # The project's local environment with IAM enforcement off: what enforcement costs, in the same run.
    LOCAL_NO_IAM = "local-no-iam"


# Where the functions' log lines go during a bench: printing them would cost more than producing them.
_NULL_OUTPUT = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - open for the life of the process


@dataclass(frozen=True)
class Delivery:
    at: float  # time.perf_counter() when the message reached the mailbox
    event_type: str
    bookmark_id: str
    to: str
    body: str


class StampedMailbox(Mailbox):
    """The local mailbox, plus the moment each message arrived and a queue of unread ones to wait on."""

    def __init__(self) -> None:
        super().__init__()
        self._unread: deque[Delivery] = deque()
        self._arrived = threading.Condition()

    def deliver(self, **message: Any) -> None:
        super().deliver(**message)
        attributes = message.get("attributes") or {}
        delivery = Delivery(
            at=time.perf_counter(),
            event_type=str(attributes.get("eventType", "")),
            bookmark_id=str(attributes.get("bookmarkId", "")),
            to=str(message.get("to", "")),
            body=str(message.get("body", "")),
        )
        with self._arrived:
            self._unread.append(delivery)
            self._arrived.notify_all()

    def take(self, timeout: float) -> list[Delivery]:
        """The messages delivered since the last call; waits up to ``timeout`` seconds for one."""
        with self._arrived:
            if not self._unread:
                self._arrived.wait(timeout)
            taken = list(self._unread)
            self._unread.clear()
        return taken


@dataclass
class Invocation:
    function: str
    seconds: float
    calls: list[tuple[str, str, dict[str, Any]]]  # (service, operation, parameters) the handler made


class MeteredRuntime(LocalLambdaRuntime):
    """The local Lambda runtime, timing each invocation and recording the AWS calls the handler makes."""

    def __init__(self) -> None:
        super().__init__(output=lambda _name: _NULL_OUTPUT)
        self.recording = False  # the cost model turns it on; a throughput run would only pile records up
        self.record: list[Invocation] = []
        self._current = threading.local()

    def invoke(self, function: LocalFunction, payload: bytes, interactive: bool = False) -> InvocationResult:
        if not self.recording:
            return super().invoke(function, payload, interactive)
        invocation = Invocation(function=function.name, seconds=0.0, calls=[])
        before = self.invocations.get(function.name, 0)
        self._current.invocation = invocation
        started = time.perf_counter()
        try:
            return super().invoke(function, payload, interactive)
        finally:
            invocation.seconds = time.perf_counter() - started
            self._current.invocation = None
            if self.invocations.get(function.name, 0) > before:  # a service fault is not a billed invocation
                self.record.append(invocation)

    def note_call(self, service: str, operation: str, parameters: dict[str, Any]) -> None:
        invocation: Invocation | None = getattr(self._current, "invocation", None)
        if invocation is not None:
            invocation.calls.append((service, operation, parameters))


@contextmanager
def recording_handler_calls(runtime: MeteredRuntime) -> Iterator[None]:
    """Every botocore call made inside a handler is noted on the invocation (the calls the handler pays for)."""
    original = BaseClient._make_api_call

    def make_api_call(client: BaseClient, operation_name: str, api_params: dict[str, Any]) -> Any:
        runtime.note_call(client.meta.service_model.service_name, operation_name, api_params)
        return original(client, operation_name, api_params)

    undo = replace_attribute(BaseClient, "_make_api_call", make_api_call)
    try:
        yield
    finally:
        undo()


def quiet_engine_logs() -> None:
    """moto's engine logs every failure event at ERROR; the failed path produces them on purpose."""
    logging.getLogger("moto.stepfunctions.parser").setLevel(logging.CRITICAL)


@contextmanager
def bench_environment(
    profile: Profile, parameters: dict[str, str] | None = None, runtime: MeteredRuntime | None = None
) -> Iterator[LocalEnvironment]:
    """A started LocalEnvironment with the profile's adapters, a StampedMailbox and a metered runtime."""
    state = tempfile.TemporaryDirectory(prefix="bench-state-") if profile is Profile.DURABLE else None
    store = DurableStore(Path(state.name)).open() if state is not None else None
    environment = LocalEnvironment(
        PROJECT_DIR,
        parameters or {},
        runtime=runtime or MeteredRuntime(),
        store=store,
        enforce_iam=profile in (Profile.LOCAL, Profile.DURABLE),
    )
    environment.mailbox = StampedMailbox()
    undo = None
    if profile is Profile.STOCK:
        undo = replace_attribute(local_environment, "install_adapters", local_environment.correctness_adapters)
    try:
        with environment:
            if store is not None:
                store.begin(environment.stack, environment.mailbox)
                _acknowledge_each_call(environment, store)
            yield environment
    finally:
        if store is not None:
            store.close(final_snapshot=False)
        if state is not None:
            state.cleanup()
        if undo is not None:
            undo()


def _acknowledge_each_call(environment: LocalEnvironment, store: DurableStore) -> None:
    """The driver's calls stand for requests from outside (over HTTP in the real stack, where the answer waits
    for the journal's fsync: persistence/acknowledgements.py); each of its clients waits the same way."""
    make_client = environment.client

    def client(service: str) -> Any:
        made = make_client(service)
        made.meta.events.register("after-call", lambda **_: store.sync())
        return made

    environment.client = client  # type: ignore[method-assign]


def stamped_mailbox(environment: LocalEnvironment) -> StampedMailbox:
    mailbox = environment.mailbox
    if not isinstance(mailbox, StampedMailbox):
        raise TypeError("the bench environment has a StampedMailbox")
    return mailbox


def metered_runtime(environment: LocalEnvironment) -> MeteredRuntime:
    runtime = environment.runtime
    if not isinstance(runtime, MeteredRuntime):
        raise TypeError("the bench environment has a MeteredRuntime")
    return runtime
