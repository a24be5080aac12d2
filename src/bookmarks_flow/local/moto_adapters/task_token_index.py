"""Task token index: moto's SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat look for the token in every
execution the backend ever started (``StepFunctionsParserBackend._get_executions``), so one approval costs time
in proportion to all executions so far; and while any execution is still building its environment the scan
fails with AttributeError (``'NoneType' object has no attribute 'callback_pool_manager'``).

This remembers the callback pool each token was added to and the execution that owns the pool, and runs moto's
own method over that one execution. A token it does not know (an invalid one, or one issued before a restart to
an execution not resumed yet) takes moto's full scan, so every error (InvalidToken, TaskTimedOut,
TaskDoesNotExist) is still moto's; the scan leaves out executions still building their environment (they have
no callback yet, so the token cannot be theirs).
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import Any

from moto.stepfunctions.parser.asl.eval.callback.callback import CallbackPoolManager
from moto.stepfunctions.parser.backend.execution import Execution
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

# The backend methods that find a token by scanning ``self._get_executions(...)``.
TOKEN_METHODS = ("send_task_success", "send_task_failure", "send_task_heartbeat")
# The pool methods that register a token.
POOL_METHODS = ("add", "add_activity_task")


class TokenIndex:
    """token -> callback pool -> execution, all weak: the index never keeps an execution alive."""

    def __init__(self) -> None:
        self._pools: weakref.WeakValueDictionary[str, CallbackPoolManager] = weakref.WeakValueDictionary()
        self._owners: weakref.WeakKeyDictionary[CallbackPoolManager, weakref.ref[Execution]] = (
            weakref.WeakKeyDictionary()
        )
        self._lock = threading.Lock()

    def add_pool(self, pool: CallbackPoolManager, execution: Execution) -> None:
        with self._lock:
            self._owners[pool] = weakref.ref(execution)

    def add_token(self, token: str, pool: CallbackPoolManager) -> None:
        with self._lock:
            self._pools[token] = pool

    def execution_for(self, token: str) -> Execution | None:
        with self._lock:
            pool = self._pools.get(token)
            owner = self._owners.get(pool) if pool is not None else None
        return owner() if owner is not None else None


class _WithEnvironments:
    """The backend as moto's token scan sees it, without the executions that have no environment yet."""

    def __init__(self, backend: StepFunctionsParserBackend) -> None:
        self._backend = backend

    def _get_executions(self, execution_status: Any = None) -> list[Execution]:
        executions = self._backend._get_executions(execution_status)
        return [e for e in executions if getattr(e.exec_worker, "env", None) is not None]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._backend, name)


class _OneExecution:
    """The backend as moto's token methods see it, with only the execution that owns the token."""

    def __init__(self, backend: StepFunctionsParserBackend, execution: Execution) -> None:
        self._backend = backend
        self._execution = execution

    def _get_executions(self, execution_status: Any = None) -> list[Execution]:
        if execution_status is None or self._execution.exec_status == execution_status:
            return [self._execution]
        return []

    def __getattr__(self, name: str) -> Any:
        return getattr(self._backend, name)


def _belongs_to(execution: Execution, backend: StepFunctionsParserBackend) -> bool:
    return bool(execution.account_id == backend.account_id and execution.region_name == backend.region_name)


def install(index: TokenIndex | None = None) -> Undo:
    tokens = index or TokenIndex()
    undos: list[Undo] = []

    original_environment = ExecutionWorker._get_evaluation_environment

    def get_evaluation_environment(self: ExecutionWorker) -> Any:
        environment = original_environment(self)
        execution = getattr(self._execution_communication, "execution", None)
        if isinstance(execution, Execution):
            tokens.add_pool(environment.callback_pool_manager, execution)
        return environment

    undos.append(replace_attribute(ExecutionWorker, "_get_evaluation_environment", get_evaluation_environment))

    for name in POOL_METHODS:
        undos.append(
            replace_attribute(CallbackPoolManager, name, _registering(getattr(CallbackPoolManager, name), tokens))
        )
    for name in TOKEN_METHODS:
        undos.append(
            replace_attribute(
                StepFunctionsParserBackend, name, _narrowed(getattr(StepFunctionsParserBackend, name), tokens)
            )
        )
    return undo_all(undos)


def _registering(original: Callable[..., Any], tokens: TokenIndex) -> Callable[..., Any]:
    def method(self: CallbackPoolManager, callback_id: str, *args: Any, **kwargs: Any) -> Any:
        endpoint = original(self, callback_id, *args, **kwargs)
        tokens.add_token(callback_id, self)
        return endpoint

    return method


def _narrowed(original: Callable[..., Any], tokens: TokenIndex) -> Callable[..., Any]:
    def method(self: StepFunctionsParserBackend, task_token: str, *args: Any, **kwargs: Any) -> Any:
        execution = tokens.execution_for(task_token)
        if execution is None or not _belongs_to(execution, self):
            return original(_WithEnvironments(self), task_token, *args, **kwargs)
        return original(_OneExecution(self, execution), task_token, *args, **kwargs)

    return method
