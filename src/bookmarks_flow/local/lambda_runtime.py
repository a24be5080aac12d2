"""Runs the real handler code of the template's functions in this process, the way Lambda would.

Each function gets its own environment (the template's variables plus the ones Lambda sets), its module is
imported once and kept warm, and an unhandled exception becomes a function error
(``{"errorType", "errorMessage", "stackTrace"}``) so that the state machine's Retry and Catch see what they
would see on AWS. Invocations are serialised because a process has one ``os.environ``; API Gateway's go first
(``invocation_queue``).

Like Lambda's one process per function, each function has its own copy of the handler's modules (the
``bookmarks_tasks`` package and powertools): a boto3 client, a cached secret or a logger that one function
keeps at module level is never seen by another. With IAM enforced, a function's calls are signed with its own
role's credentials (``invocation_credentials``), for the invoking thread only.
"""

from __future__ import annotations

import importlib
import io
import json
import os
import sys
import threading
import time
import traceback
import uuid
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO, cast

from bookmarks_flow.local.iam.role_credentials import RoleCredentials
from bookmarks_flow.local.invocation_credentials import signing_as
from bookmarks_flow.local.invocation_hold import InvocationHold, InvocationHolds, Matching
from bookmarks_flow.local.invocation_queue import InvocationQueue

# Lambda sets these for every function; the local stack has no X-Ray daemon to send traces to.
_LAMBDA_DEFAULTS = {"POWERTOOLS_TRACE_DISABLED": "true", "AWS_LAMBDA_RUNTIME_API": "127.0.0.1:9001"}
# The packages whose module-level state (clients, caches, loggers) belongs to one function's process.
_PER_FUNCTION_PACKAGES = frozenset({"bookmarks_tasks", "aws_lambda_powertools"})


def _per_function(module_name: str) -> bool:
    return module_name.partition(".")[0] in _PER_FUNCTION_PACKAGES


@dataclass(frozen=True)
class LocalFunction:
    name: str
    arn: str
    code_dir: Path
    handler: str
    environment: dict[str, str]
    memory_mb: int = 128
    timeout_seconds: int = 3
    region: str = "us-east-1"


@dataclass
class InvocationResult:
    payload: bytes
    function_error: str | None = None


@dataclass
class LocalLambdaContext:
    """The attributes of the Lambda context object that handlers and powertools read."""

    function_name: str
    invoked_function_arn: str
    memory_limit_in_mb: int
    deadline: float
    aws_request_id: str = field(default_factory=lambda: str(uuid.uuid4()))
    function_version: str = "$LATEST"

    @property
    def log_group_name(self) -> str:
        return f"/aws/lambda/{self.function_name}"

    @property
    def log_stream_name(self) -> str:
        return f"local/{self.aws_request_id}"

    def get_remaining_time_in_millis(self) -> int:
        return max(0, int((self.deadline - time.monotonic()) * 1000))


def function_name(name_or_arn: str) -> str:
    """Invoke takes a name, a full ARN or a qualified ARN; the function is the part after ``:function:``."""
    return name_or_arn.split(":function:")[-1].split(":")[0] if ":function:" in name_or_arn else name_or_arn


class ServiceFault(Exception):
    """An injected failure of the Lambda service itself (not of the function), such as a throttle."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


@dataclass
class _Fault:
    code: str
    remaining: int


class _LineTee(io.TextIOBase):
    """A function's stdout that also hands each complete line to listeners (as CloudWatch Logs receives lines).

    One per function, kept across invocations: powertools' Logger holds on to the stream it was created with.
    ``sys.stdout`` is the process's, so while it points here other threads print here too; their text goes on
    to the stream they would have used (``fallback``), never into the function's log."""

    def __init__(self, function_name: str, listeners: list[Callable[[str, str], None]]) -> None:
        self.function_name = function_name
        self.target: TextIO = sys.stdout
        self.fallback: TextIO = sys.stdout
        self.owner: int | None = None  # the thread running the function's invocation
        self._listeners = listeners
        self._pending = ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        if threading.get_ident() != self.owner:
            return self.fallback.write(text)
        self.target.write(text)
        self._pending += text
        *lines, self._pending = self._pending.split("\n")
        for line in lines:
            for listener in self._listeners:
                listener(self.function_name, line)
        return len(text)

    def flush(self) -> None:
        self.target.flush()


class LocalLambdaRuntime:
    def __init__(self, output: Callable[[str], TextIO] | None = None) -> None:
        """``output(function_name)`` gives the stream a function's prints and logs go to (default: stdout)."""
        self._output = output
        self._line_listeners: list[Callable[[str, str], None]] = []
        self._tees: dict[str, _LineTee] = {}
        self._functions: dict[str, LocalFunction] = {}
        self._handlers: dict[str, Callable[[Any, Any], Any]] = {}
        self._faults: dict[str, _Fault] = {}
        self._modules: dict[str, dict[str, Any]] = {}
        self._credentials: dict[str, RoleCredentials] = {}
        self._environment_before: dict[str, str | None] = {}
        self._queue = InvocationQueue()
        self._holds = InvocationHolds()
        self.invocations: dict[str, int] = {}

    def register(self, function: LocalFunction) -> None:
        self._functions[function.name] = function

    def add_line_listener(self, listener: Callable[[str, str], None]) -> None:
        """``listener(function_name, line)`` receives every line a function writes (embedded metrics, say)."""
        self._line_listeners.append(listener)

    def assign_credentials(self, function_name: str, credentials: RoleCredentials) -> None:
        """The credentials of the function's role: its calls are signed with them from now on."""
        self._credentials[function_name] = credentials

    def modules_of(self, function_name: str) -> dict[str, Any]:
        """The function's own copies of its packages' modules (empty before its first invocation)."""
        return dict(self._modules.get(function_name, {}))

    def function_for(self, name_or_arn: str) -> LocalFunction | None:
        return self._functions.get(function_name(name_or_arn))

    @property
    def functions(self) -> list[LocalFunction]:
        return list(self._functions.values())

    def inject_service_fault(self, function_name: str, code: str = "ServiceException", times: int = 1) -> None:
        """The next ``times`` invocations fail in the Lambda service (as ``Lambda.<code>``), not in the code."""
        self._faults[function_name] = _Fault(code=code, remaining=times)

    def hold_invocations(self, function_name: str, matching: Matching) -> AbstractContextManager[InvocationHold]:
        """The function's invocations whose event ``matching`` accepts wait, as behind a slow start, until the block
        ends; held before their turn, so the other invocations go on."""
        return self._holds.holding(function_name, matching)

    def invoke(self, function: LocalFunction, payload: bytes, interactive: bool = False) -> InvocationResult:
        """``interactive``: a person waits for the answer (API Gateway's call), so it takes the next turn."""
        event = json.loads(payload) if payload else {}
        self._holds.wait_at_the_door(function.name, event if isinstance(event, dict) else {})
        with self._queue.turn(interactive):
            fault = self._faults.get(function.name)
            if fault is not None and fault.remaining > 0:
                fault.remaining -= 1
                raise ServiceFault(fault.code, f"Injected {fault.code} for {function.name}")
            self.invocations[function.name] = self.invocations.get(function.name, 0) + 1
            with (
                self._environment(function),
                self._own_modules(function),
                self._signing(function),
                self._stdout(function),
            ):
                handler = self._handler(function)
                context = LocalLambdaContext(
                    function_name=function.name,
                    invoked_function_arn=function.arn,
                    memory_limit_in_mb=function.memory_mb,
                    deadline=time.monotonic() + function.timeout_seconds,
                )
                try:
                    result = handler(event, context)
                except Exception as error:  # noqa: BLE001 - every unhandled error is the function's error
                    body = {
                        "errorType": type(error).__name__,
                        "errorMessage": str(error),
                        "stackTrace": traceback.format_tb(error.__traceback__),
                    }
                    return InvocationResult(payload=json.dumps(body).encode(), function_error="Unhandled")
                return InvocationResult(payload=json.dumps(result).encode())

    def _handler(self, function: LocalFunction) -> Callable[[Any, Any], Any]:
        handler = self._handlers.get(function.name)
        if handler is None:
            code_dir = str(function.code_dir.resolve())
            if code_dir not in sys.path:
                sys.path.insert(0, code_dir)
            module_name, _, attribute = function.handler.rpartition(".")
            handler = getattr(importlib.import_module(module_name), attribute)
            self._handlers[function.name] = handler
        return handler

    @contextmanager
    def _signing(self, function: LocalFunction) -> Iterator[None]:
        credentials = self._credentials.get(function.name)
        if credentials is None:
            yield
            return
        with signing_as(credentials):
            yield

    @contextmanager
    def _own_modules(self, function: LocalFunction) -> Iterator[None]:
        """Puts the function's own copies of its packages in sys.modules for the invocation (imported fresh
        on its first one, as in a new Lambda process), and everyone else's back afterwards."""
        outside = {name: module for name, module in list(sys.modules.items()) if _per_function(name)}
        for name in outside:
            sys.modules.pop(name, None)
        sys.modules.update(self._modules.get(function.name, {}))
        try:
            yield
        finally:
            own = {name: module for name, module in list(sys.modules.items()) if _per_function(name)}
            self._modules[function.name] = own
            for name in own:
                sys.modules.pop(name, None)
            sys.modules.update(outside)

    @contextmanager
    def _stdout(self, function: LocalFunction) -> Iterator[None]:
        if self._output is None and not self._line_listeners:
            yield
            return
        saved = sys.stdout
        tee = self._tees.setdefault(function.name, _LineTee(function.name, self._line_listeners))
        tee.target = self._output(function.name) if self._output is not None else saved
        tee.fallback, tee.owner = saved, threading.get_ident()
        sys.stdout = cast(TextIO, tee)
        try:
            yield
        finally:
            sys.stdout = saved
            tee.owner = None

    def restore_environment(self) -> None:
        """Puts ``os.environ`` back as it was before the first invocation, removing what only functions set: for
        when the stack stops (the process, a test session, goes on without the functions' variables)."""
        with self._queue.turn(interactive=True):
            for key, value in self._environment_before.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value
            self._environment_before.clear()

    @contextmanager
    def _environment(self, function: LocalFunction) -> Iterator[None]:
        """Sets the function's variables for the invocation and puts the previous values back afterwards.

        Variables are only ever added or changed, never removed: other threads (the engine building a boto3
        client) may be iterating ``os.environ`` meanwhile, and a key removed under them raises KeyError. A
        variable only another function sets may therefore stay visible; every function sets its own.
        """
        overlay = {
            **_LAMBDA_DEFAULTS,
            "AWS_REGION": function.region,
            "AWS_DEFAULT_REGION": function.region,
            "AWS_LAMBDA_FUNCTION_NAME": function.name,
            "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": str(function.memory_mb),
            "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
            "AWS_LAMBDA_LOG_GROUP_NAME": f"/aws/lambda/{function.name}",
            **function.environment,
        }
        saved = {key: os.environ[key] for key in overlay if key in os.environ}
        for key in overlay:
            self._environment_before.setdefault(key, os.environ.get(key))
        os.environ.update(overlay)
        try:
            yield
        finally:
            os.environ.update(saved)
