"""Timed-out task tokens: when a callback task times out (States.Timeout), moto never marks its token, so a
later SendTaskSuccess or SendTaskFailure on it is accepted silently while the execution is still running (the
outcome goes nowhere). On AWS it fails with TaskTimedOut ("The task token has timed out", SendTaskSuccess's
errors), which is how a decision arriving while the workflow takes up its next wait (a reminder) learns that this
token is spent. This reports the timeout on the token's callback endpoint (``CallbackConsumerTimeout``), and
answers TaskTimedOut for such a token: moto's send_task_* mean to, but test the wrapping error's type instead of
the reported one and then build TaskDoesNotExist without its required message (a TypeError)."""

from __future__ import annotations

from typing import Any

from moto.stepfunctions.parser.api import TaskTimedOut
from moto.stepfunctions.parser.asl.component.common.timeouts.timeout import EvalTimeoutError
from moto.stepfunctions.parser.asl.component.state.exec.execute_state import ExecutionState
from moto.stepfunctions.parser.asl.eval.callback.callback import (
    CallbackConsumerTimeout,
    CallbackId,
    CallbackOutcome,
    CallbackPoolManager,
)
from moto.stepfunctions.parser.asl.eval.environment import Environment

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all


class _TaskTimedOut(TaskTimedOut):  # type: ignore[misc]  # moto.stepfunctions.parser.api is untyped
    """moto's TaskTimedOut passes no error type to moto's AWSError (InvalidToken does), so the client would see an
    empty error code."""

    def __init__(self, message: str) -> None:
        super().__init__(message, "TaskTimedOut", 400)


def _report_timeout(env: Environment) -> None:
    task = env.states.context_object.context_object_data.get("Task")
    token = task.get("Token") if task else None
    endpoint = env.callback_pool_manager.get(token) if token else None
    if endpoint is not None:
        endpoint.report(CallbackConsumerTimeout())


def install() -> Undo:
    original = ExecutionState._evaluate_with_timeout
    original_notify = CallbackPoolManager.notify

    def _evaluate_with_timeout(self: ExecutionState, env: Environment) -> Any:
        try:
            return original(self, env)
        except EvalTimeoutError:
            _report_timeout(env)
            raise

    def notify(self: CallbackPoolManager, callback_id: CallbackId, outcome: CallbackOutcome) -> bool:
        endpoint = self.get(callback_id)
        if endpoint is not None and isinstance(endpoint.consumer_error, CallbackConsumerTimeout):
            raise _TaskTimedOut("Task Timed Out: the task of this token has timed out")
        return bool(original_notify(self, callback_id, outcome))

    return undo_all(
        [
            replace_attribute(ExecutionState, "_evaluate_with_timeout", _evaluate_with_timeout),
            replace_attribute(CallbackPoolManager, "notify", notify),
        ]
    )
