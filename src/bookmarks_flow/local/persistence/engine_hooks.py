"""Hooks in moto's Step Functions engine: what an execution does goes to the journal, and a resumed execution
replays its recorded history instead of doing it twice (see resume_plan.py).

The engine has no execution id where events are added, so the environment an execution builds is tagged: its
event manager and callback pool (shared by every frame of the execution) carry a ``_durable`` tap.
"""

from __future__ import annotations

import datetime
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from moto.stepfunctions.parser.asl.component.common.timeouts.timeout import Timeout
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service import (
    StateTaskService,
)
from moto.stepfunctions.parser.asl.component.state.exec.state_task.service.state_task_service_callback import (
    StateTaskServiceCallback,
)
from moto.stepfunctions.parser.asl.eval.callback.callback import (
    CallbackOutcomeFailure,
    CallbackOutcomeSuccess,
    CallbackPoolManager,
)
from moto.stepfunctions.parser.asl.eval.event.event_manager import EventManager
from moto.stepfunctions.parser.asl.eval.states import ContextObject
from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication, Execution
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker
from moto.stepfunctions.parser.models import StepFunctionsParserBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all
from bookmarks_flow.local.persistence.kept_map_runs import map_runs_of
from bookmarks_flow.local.persistence.records import (
    ExecutionEnded,
    ExecutionStarted,
    HistoryEventAdded,
    TaskOutcomeSent,
    TaskTokenIssued,
)
from bookmarks_flow.local.persistence.resume_plan import ResumePlan

Record = Callable[[Any], None]


@dataclass
class Tap:
    arn: str
    record: Record
    plan: ResumePlan | None = None


_override = threading.local()


def tap_of(holder: Any) -> Tap | None:
    tap = getattr(holder, "_durable", None)
    return tap if isinstance(tap, Tap) else None


def _replaying(env: Any) -> ResumePlan | None:
    tap = tap_of(env.event_manager)
    return tap.plan if tap is not None and tap.plan is not None and tap.plan.replaying else None


def install(record: Record) -> Undo:
    undos: list[Undo] = []

    original_start = Execution.start

    def start(self: Execution) -> None:
        if not getattr(self, "_durable_restored", False):
            record(
                ExecutionStarted(
                    arn=self.exec_arn,
                    state_machine_arn=self.state_machine_arn,
                    name=self.name,
                    input=self.execution_input,
                    start_date=self.start_date,
                    trace_header=self.trace_header,
                )
            )
        original_start(self)

    undos.append(replace_attribute(Execution, "start", start))

    original_environment = ExecutionWorker._get_evaluation_environment

    def get_evaluation_environment(self: ExecutionWorker) -> Any:
        environment = original_environment(self)
        execution = getattr(self._execution_communication, "execution", None)
        if isinstance(execution, Execution):
            tap = Tap(execution.exec_arn, record, getattr(self, "resume_plan", None))
            environment.event_manager._durable = tap
            environment.callback_pool_manager._durable = tap
        return environment

    undos.append(replace_attribute(ExecutionWorker, "_get_evaluation_environment", get_evaluation_environment))

    original_add_event = EventManager.add_event

    def add_event(self: EventManager, context: Any, event_type: Any, *args: Any, **kwargs: Any) -> int:
        tap = tap_of(self)
        if tap is None:
            return int(original_add_event(self, context, event_type, *args, **kwargs))
        if tap.plan is not None and tap.plan.replaying:
            recorded = tap.plan.take_recorded(_name(event_type))
            if recorded is not None:
                event_id = int(recorded["id"])
                context.last_published_event_id = event_id
                if kwargs.get("update_source_event_id", True):
                    context.source_event_id = event_id
                return event_id
        event_id = int(original_add_event(self, context, event_type, *args, **kwargs))
        for event in reversed(self._history_event_list):
            if event["id"] == event_id:
                tap.record(HistoryEventAdded(tap.arn, {**event, "type": _name(event["type"])}))
                break
        return event_id

    undos.append(replace_attribute(EventManager, "add_event", add_event))

    original_timeout = Timeout._eval_body

    def timeout_eval_body(self: Timeout, env: Any) -> None:
        original_timeout(self, env)
        plan = _replaying(env)
        if plan is not None and plan.scheduled_at is not None:
            elapsed = plan.elapsed_seconds(datetime.datetime.now(datetime.UTC))
            env.stack[-1] = max(0.0, float(env.stack[-1]) - elapsed)

    undos.append(replace_attribute(Timeout, "_eval_body", timeout_eval_body))

    original_callback_body = StateTaskServiceCallback._eval_body

    def callback_eval_body(self: StateTaskServiceCallback, env: Any) -> None:
        plan = _replaying(env)
        _override.token = plan.token if plan is not None else None
        try:
            original_callback_body(self, env)
        finally:
            _override.token = None

    undos.append(replace_attribute(StateTaskServiceCallback, "_eval_body", callback_eval_body))

    original_update_token = ContextObject.update_task_token

    def update_task_token(self: ContextObject) -> str:
        token = getattr(_override, "token", None)
        if not token:
            return str(original_update_token(self))
        _override.token = None
        self.context_object_data["Task"] = {"Token": token}
        return str(token)

    undos.append(replace_attribute(ContextObject, "update_task_token", update_task_token))

    original_add = CallbackPoolManager.add

    def add(self: CallbackPoolManager, callback_id: str, *args: Any, **kwargs: Any) -> Any:
        endpoint = original_add(self, callback_id, *args, **kwargs)
        tap = tap_of(self)
        if tap is not None:
            plan = tap.plan
            if plan is not None and plan.replaying and plan.token == callback_id:
                if plan.outcome is not None:
                    endpoint.notify(_callback_outcome(callback_id, plan.outcome))
                plan.caught_up.set()
            else:
                tap.record(TaskTokenIssued(tap.arn, callback_id))
        return endpoint

    undos.append(replace_attribute(CallbackPoolManager, "add", add))

    for service_class in _service_task_classes():
        undos.append(_answer_from_record(service_class))

    original_terminated = BaseExecutionWorkerCommunication.terminated

    def terminated(self: BaseExecutionWorkerCommunication) -> None:
        original_terminated(self)
        execution = self.execution
        for map_run in map_runs_of(execution):
            record(map_run)
        record(
            ExecutionEnded(
                arn=execution.exec_arn,
                status=str(execution.exec_status.value if execution.exec_status else "FAILED"),
                stop_date=execution.stop_date,
                output=execution.output,
                error=execution.error,
                cause=execution.cause,
            )
        )

    undos.append(replace_attribute(BaseExecutionWorkerCommunication, "terminated", terminated))

    for name, succeeded in (("send_task_success", True), ("send_task_failure", False)):
        undos.append(_recording_outcomes(name, succeeded, record))
    return undo_all(undos)


def _name(event_type: Any) -> str:
    """The plain name (``TaskScheduled``), so that records do not depend on moto's enum."""
    return str(getattr(event_type, "value", event_type))


def _callback_outcome(token: str, outcome: TaskOutcomeSent) -> Any:
    if outcome.succeeded:
        return CallbackOutcomeSuccess(callback_id=token, output=outcome.output or "null")
    return CallbackOutcomeFailure(callback_id=token, error=outcome.error, cause=outcome.cause)


def _service_task_classes() -> list[type]:
    found: list[type] = []
    pending: list[type] = [StateTaskService]
    while pending:
        current = pending.pop()
        if "_eval_service_task" in current.__dict__:
            found.append(current)
        pending.extend(current.__subclasses__())
    return found


def _answer_from_record(service_class: type) -> Undo:
    original = service_class.__dict__["_eval_service_task"]

    def eval_service_task(self: Any, env: Any, *args: Any, **kwargs: Any) -> None:
        plan = _replaying(env)
        if plan is not None and plan.has_recorded_result:
            env.stack.append(plan.recorded_result)
            return
        original(self, env, *args, **kwargs)

    return replace_attribute(service_class, "_eval_service_task", eval_service_task)


def _recording_outcomes(name: str, succeeded: bool, record: Record) -> Undo:
    original = getattr(StepFunctionsParserBackend, name)

    def method(self: StepFunctionsParserBackend, task_token: str, *args: Any, **kwargs: Any) -> Any:
        result = original(self, task_token, *args, **kwargs)
        if succeeded:
            output = kwargs.get("outcome", args[0] if args else None)
            record(TaskOutcomeSent(token=task_token, succeeded=True, output=output))
        else:
            error = kwargs.get("error", args[0] if args else None)
            cause = kwargs.get("cause", args[1] if len(args) > 1 else None)
            record(TaskOutcomeSent(token=task_token, succeeded=False, error=error, cause=cause))
        return result

    return replace_attribute(StepFunctionsParserBackend, name, method)
