"""Executions brought back from the journal into moto's Step Functions backend.

A finished execution comes back as what the AWS CLI sees: its status, dates, output and history. A running one
comes back with a worker that goes on from its recorded history (resume_plan.py) under its old ARN, name, input
and start date.

A running one is not resumed at once: until the store resumes it (in the background, after the stack is ready),
it holds a pending worker that shows its recorded history, and the first thing that needs the engine (its task
token sent, StopExecution) resumes it there and then and waits until it is back at its callback. A restart then
does not wait for a thousand executions to start their threads, and nothing that reaches one finds it missing.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any

from moto.stepfunctions.parser.api import ExecutionStatus, GetExecutionHistoryOutput
from moto.stepfunctions.parser.asl.component.common.flow.start_at import StartAt
from moto.stepfunctions.parser.asl.eval.callback.callback import CallbackOutcome, CallbackPoolManager
from moto.stepfunctions.parser.backend.execution import Execution
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

from bookmarks_flow.local.persistence.kept_map_runs import KeptMapRuns
from bookmarks_flow.local.persistence.records import ExecutionRecord, MapRunKept, TaskOutcomeSent
from bookmarks_flow.local.persistence.resume_plan import CATCH_UP_SECONDS, ResumePlan, plan_resume


class _RecordedHistory:
    def __init__(self, events: list[dict[str, Any]]) -> None:
        self._events = events

    def get_event_history(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self._events)


class _FinishedWorker:
    """What moto reaches through ``exec_worker`` of an execution that has ended: its history and map runs, no
    callbacks."""

    def __init__(self, events: list[dict[str, Any]], map_runs: tuple[MapRunKept, ...] = ()) -> None:
        self.env = SimpleNamespace(
            event_manager=_RecordedHistory(events),
            callback_pool_manager=CallbackPoolManager(activity_store={}),
            map_run_record_pool_manager=KeptMapRuns(map_runs),
        )

    def stop(self, *args: Any, **kwargs: Any) -> None:
        return None


class _PendingCallbacks:
    """The callback pool moto's SendTask* scan finds on a pending execution: its own token resumes it first."""

    def __init__(self, execution: RestoredExecution) -> None:
        self._execution = execution

    def _resumed_pool(self, callback_id: str) -> Any:
        execution = self._execution
        plan = execution.resume_plan
        if plan is None or plan.token != callback_id or execution.resumer is None:
            return None
        execution.resumer(execution)
        environment = getattr(execution.exec_worker, "env", None)
        return None if execution.pending or environment is None else environment.callback_pool_manager

    def notify(self, callback_id: str, outcome: CallbackOutcome) -> bool:
        pool = self._resumed_pool(callback_id)
        return bool(pool.notify(callback_id, outcome)) if pool is not None else False

    def heartbeat(self, callback_id: str) -> bool:
        pool = self._resumed_pool(callback_id)
        return bool(pool.heartbeat(callback_id)) if pool is not None else False


class _PendingWorker(_FinishedWorker):
    """Stands in for the worker of a running execution not resumed yet. False, so that ``Execution.start``
    (which refuses an execution that has a worker) puts the real one in its place without a gap."""

    def __init__(self, execution: RestoredExecution) -> None:
        super().__init__(execution.recorded_events)
        self.env.callback_pool_manager = _PendingCallbacks(execution)

    def __bool__(self) -> bool:
        return False


def _waiting_for_the_callback(pool: CallbackPoolManager, plan: ResumePlan) -> None:
    """Once the worker is handed over, moto's SendTask* scan reaches its pool, but its replay adds the recorded
    token to the pool only when it is back at the callback state: a decision arriving in between found no
    endpoint and was refused (InvalidToken, a 410 for the manager). The pool waits for the replay instead."""
    for name in ("notify", "heartbeat"):
        setattr(pool, name, _after_catching_up(getattr(pool, name), plan))


def _after_catching_up(method: Callable[..., bool], plan: ResumePlan) -> Callable[..., bool]:
    @functools.wraps(method)
    def waiting(callback_id: str, *args: Any, **kwargs: Any) -> bool:
        if callback_id == plan.token:
            plan.caught_up.wait(CATCH_UP_SECONDS)
        return method(callback_id, *args, **kwargs)

    return waiting


class ResumedWorker(ExecutionWorker):  # type: ignore[misc]
    resume_plan: ResumePlan
    recorded_events: list[dict[str, Any]]

    def prepare(self) -> None:
        """Builds its evaluation environment, with the recorded history, before the worker is handed to the
        execution: moto's SendTask* scan reads ``exec_worker.env`` of every running execution, and one resumed
        while a decision arrives must never show it None (the scan then fails with AttributeError)."""
        if not self.recorded_events:  # the crash came before its first event: it starts as it would have
            return
        plan = self.resume_plan
        self.env = environment = self._get_evaluation_environment()
        manager = environment.event_manager
        manager._history_event_list.extend(copy.deepcopy(self.recorded_events))
        manager._event_id_gen._next_id = max((int(e["id"]) for e in self.recorded_events), default=0) + 1
        context = environment.event_history_context
        context.source_event_id = context.last_published_event_id = plan.previous_event_id
        environment.states.reset(input_value=plan.state_input)
        _waiting_for_the_callback(environment.callback_pool_manager, plan)

    def _execution_logic(self) -> None:
        plan = self.resume_plan
        environment = self.env
        if environment is None:
            plan.finish()
            super()._execution_logic()
            return
        program = copy.copy(self._get_evaluation_entrypoint())
        program.start_at = StartAt(plan.state_name)  # type: ignore[misc]
        try:
            program.eval(environment)
        finally:
            plan.finish()
        self._execution_communication.terminated()


class RestoredExecution(Execution):  # type: ignore[misc]
    _durable_restored = True
    resume_plan: ResumePlan | None = None
    recorded_events: list[dict[str, Any]]
    # Set by the store while the execution is pending: resumes it (if the store is still open) and waits.
    resumer: Callable[[RestoredExecution], None] | None = None

    @property
    def pending(self) -> bool:
        return isinstance(self.exec_worker, _PendingWorker)

    def stop(self, *args: Any, **kwargs: Any) -> None:
        if self.pending and self.resumer is not None:
            self.resumer(self)
        super().stop(*args, **kwargs)

    def _get_start_execution_worker(self) -> ExecutionWorker:
        worker = super()._get_start_execution_worker()
        worker.__class__ = ResumedWorker
        assert isinstance(worker, ResumedWorker)
        assert self.resume_plan is not None
        worker.resume_plan = self.resume_plan
        worker.recorded_events = self.recorded_events
        worker.prepare()
        return worker

    def to_history_output(self) -> GetExecutionHistoryOutput:
        if self.exec_worker is None or self.exec_worker.env is None:
            return GetExecutionHistoryOutput(events=copy.deepcopy(self.recorded_events))  # type: ignore[typeddict-item]
        return super().to_history_output()


@functools.lru_cache(maxsize=64)
def _top_level(definition: str) -> tuple[frozenset[str], str]:
    """Parsed once per definition, not once per execution (a thousand waiting executions share one)."""
    document = json.loads(definition)
    return frozenset(document.get("States", {})), str(document.get("StartAt", ""))


def restore_execution(
    record: ExecutionRecord, state_machine: Any, outcomes: dict[str, TaskOutcomeSent]
) -> RestoredExecution:
    """The execution as moto holds it; a running one is not started yet (``resume`` does that)."""
    started = record.started
    execution = RestoredExecution(
        name=started.name,
        sm_type=state_machine.sm_type,
        role_arn=state_machine.roleArn,
        exec_arn=started.arn,
        account_id=state_machine.backend.account_id,
        region_name=state_machine.backend.region_name,
        state_machine=state_machine,
        start_date=started.start_date,
        cloud_watch_logging_session=None,
        activity_store={},
        input_data=started.input,
        trace_header=started.trace_header,
    )
    execution.recorded_events = record.events
    ended = record.ended
    if ended is not None:
        execution.exec_status = ExecutionStatus(ended.status)
        execution.stop_date = ended.stop_date
        execution.output = ended.output
        execution.error = ended.error
        execution.cause = ended.cause
        execution.exec_worker = _FinishedWorker(record.events, record.map_runs)  # type: ignore[assignment]
        return execution
    states, start_at = _top_level(state_machine.definition)
    execution.resume_plan = plan_resume(record, states, start_at, outcomes)
    execution.exec_status = ExecutionStatus.RUNNING
    execution.exec_worker = _PendingWorker(execution)  # type: ignore[assignment]
    return execution


def resume(execution: RestoredExecution) -> None:
    """Starts the pending execution's worker (the caller makes sure it is done once)."""
    execution.exec_status = None
    execution.start()
