"""Executions brought back from the journal into moto's Step Functions backend.

A finished execution comes back as what the AWS CLI sees: its status, dates, output and history. A running one
comes back with a worker that goes on from its recorded history (resume_plan.py) under its old ARN, name, input
and start date.
"""

from __future__ import annotations

import copy
import json
from types import SimpleNamespace
from typing import Any

from moto.stepfunctions.parser.api import ExecutionStatus, GetExecutionHistoryOutput
from moto.stepfunctions.parser.asl.component.common.flow.start_at import StartAt
from moto.stepfunctions.parser.asl.eval.callback.callback import CallbackPoolManager
from moto.stepfunctions.parser.backend.execution import Execution
from moto.stepfunctions.parser.backend.execution_worker import ExecutionWorker

from bookmarks_flow.local.persistence.records import ExecutionRecord, TaskOutcomeSent
from bookmarks_flow.local.persistence.resume_plan import ResumePlan, plan_resume


class _RecordedHistory:
    def __init__(self, events: list[dict[str, Any]]) -> None:
        self._events = events

    def get_event_history(self) -> list[dict[str, Any]]:
        return copy.deepcopy(self._events)


class _FinishedWorker:
    """What moto reaches through ``exec_worker`` of an execution that has ended: its history, no callbacks."""

    def __init__(self, events: list[dict[str, Any]]) -> None:
        self.env = SimpleNamespace(
            event_manager=_RecordedHistory(events), callback_pool_manager=CallbackPoolManager(activity_store={})
        )

    def stop(self, *args: Any, **kwargs: Any) -> None:
        return None


class ResumedWorker(ExecutionWorker):  # type: ignore[misc]
    resume_plan: ResumePlan
    recorded_events: list[dict[str, Any]]

    def _execution_logic(self) -> None:
        plan = self.resume_plan
        if not self.recorded_events:  # the crash came before its first event: it starts as it would have
            plan.finish()
            super()._execution_logic()
            return
        program = copy.copy(self._get_evaluation_entrypoint())
        program.start_at = StartAt(plan.state_name)  # type: ignore[misc]
        self.env = environment = self._get_evaluation_environment()
        manager = environment.event_manager
        manager._history_event_list.extend(copy.deepcopy(self.recorded_events))
        manager._event_id_gen._next_id = max((int(e["id"]) for e in self.recorded_events), default=0) + 1
        context = environment.event_history_context
        context.source_event_id = context.last_published_event_id = plan.previous_event_id
        environment.states.reset(input_value=plan.state_input)
        try:
            program.eval(environment)
        finally:
            plan.finish()
        self._execution_communication.terminated()


class RestoredExecution(Execution):  # type: ignore[misc]
    _durable_restored = True
    resume_plan: ResumePlan | None = None
    recorded_events: list[dict[str, Any]]

    def _get_start_execution_worker(self) -> ExecutionWorker:
        worker = super()._get_start_execution_worker()
        worker.__class__ = ResumedWorker
        assert isinstance(worker, ResumedWorker)
        assert self.resume_plan is not None
        worker.resume_plan = self.resume_plan
        worker.recorded_events = self.recorded_events
        return worker

    def to_history_output(self) -> GetExecutionHistoryOutput:
        if self.exec_worker is None or self.exec_worker.env is None:
            return GetExecutionHistoryOutput(events=copy.deepcopy(self.recorded_events))  # type: ignore[typeddict-item]
        return super().to_history_output()


def _top_level(definition: str) -> tuple[set[str], str]:
    document = json.loads(definition)
    return set(document.get("States", {})), str(document.get("StartAt", ""))


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
        execution.exec_worker = _FinishedWorker(record.events)  # type: ignore[assignment]
        return execution
    states, start_at = _top_level(state_machine.definition)
    execution.resume_plan = plan_resume(record, states, start_at, outcomes)
    execution.exec_status = ExecutionStatus.RUNNING
    return execution


def resume(execution: RestoredExecution) -> None:
    execution.exec_status = None
    execution.start()
