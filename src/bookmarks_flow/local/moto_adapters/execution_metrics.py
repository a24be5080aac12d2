"""Execution metrics: Step Functions publishes AWS/States ExecutionsStarted, ExecutionsSucceeded,
ExecutionsFailed, ExecutionsAborted, ExecutionsTimedOut and ExecutionTime for each state machine; moto publishes
nothing, so an alarm on failed executions could never fire locally. This publishes them when an execution starts
and when its worker reports the end."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication, Execution

from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

_ENDED = {
    "SUCCEEDED": "ExecutionsSucceeded",
    "FAILED": "ExecutionsFailed",
    "ABORTED": "ExecutionsAborted",
    "TIMED_OUT": "ExecutionsTimedOut",
}


def _state_machine_arn(execution: Execution) -> str:
    """A version's ARN is the state machine's with ``:N`` after it; the metric's dimension is the state machine."""
    arn = str(execution.state_machine.arn)
    parts = arn.split(":")
    return ":".join(parts[:7]) if len(parts) > 7 else arn


def _milliseconds(start: Any, stop: Any) -> float:
    if not isinstance(start, datetime) or not isinstance(stop, datetime):
        return 0.0
    aware = [moment if moment.tzinfo else moment.replace(tzinfo=UTC) for moment in (start, stop)]
    return max(0.0, (aware[1] - aware[0]).total_seconds() * 1000)


def install(metrics: ServiceMetrics) -> Undo:
    original_start = Execution.start
    original_terminated = BaseExecutionWorkerCommunication.terminated

    def start(self: Execution) -> None:
        original_start(self)
        metrics.count("AWS/States", "ExecutionsStarted", {"StateMachineArn": _state_machine_arn(self)})

    def terminated(self: BaseExecutionWorkerCommunication) -> None:
        original_terminated(self)
        execution = self.execution
        status = str(getattr(execution.exec_status, "value", execution.exec_status))
        dimensions = {"StateMachineArn": _state_machine_arn(execution)}
        if status in _ENDED:
            metrics.count("AWS/States", _ENDED[status], dimensions)
        duration = _milliseconds(execution.start_date, execution.stop_date)
        metrics.publish("AWS/States", "ExecutionTime", dimensions, duration, "Milliseconds")

    return undo_all(
        [
            replace_attribute(Execution, "start", start),
            replace_attribute(BaseExecutionWorkerCommunication, "terminated", terminated),
        ]
    )
