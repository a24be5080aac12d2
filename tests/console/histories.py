"""Hand-written execution histories in the shape GetExecutionHistory returns, for the pure console modules."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

START = datetime(2026, 11, 23, 12, 0, 0, tzinfo=UTC)
_DETAIL_KEYS = {
    "ExecutionStarted": "executionStartedEventDetails",
    "ExecutionSucceeded": "executionSucceededEventDetails",
    "ExecutionFailed": "executionFailedEventDetails",
    "ExecutionAborted": "executionAbortedEventDetails",
    "ExecutionTimedOut": "executionTimedOutEventDetails",
}


@dataclass
class History:
    """Appends events with consecutive ids, each one second after the last, chained by previousEventId."""

    events: list[dict[str, Any]] = field(default_factory=list)

    def add(self, event_type: str, detail_key: str | None = None, **details: Any) -> History:
        number = len(self.events) + 1
        event: dict[str, Any] = {
            "id": number,
            "previousEventId": number - 1,
            "type": event_type,
            "timestamp": START + timedelta(seconds=number),
        }
        key = detail_key or _DETAIL_KEYS.get(event_type)
        if key is not None:
            event[key] = details
        self.events.append(event)
        return self

    def started(self, execution_input: str = "{}") -> History:
        return self.add("ExecutionStarted", input=execution_input)

    def entered(self, name: str, state_type: str = "Task", state_input: str = "{}") -> History:
        return self.add(f"{state_type}StateEntered", "stateEnteredEventDetails", name=name, input=state_input)

    def exited(self, name: str, state_type: str = "Task", output: str = "{}") -> History:
        return self.add(f"{state_type}StateExited", "stateExitedEventDetails", name=name, output=output)

    def scheduled(self, resource: str = "invoke", parameters: str = "{}") -> History:
        return self.add(
            "TaskScheduled",
            "taskScheduledEventDetails",
            resourceType="lambda",
            resource=resource,
            region="us-east-1",
            parameters=parameters,
        )

    def task_started(self, resource: str = "invoke") -> History:
        return self.add("TaskStarted", "taskStartedEventDetails", resourceType="lambda", resource=resource)

    def submitted(self, output: str, resource: str = "invoke.waitForTaskToken") -> History:
        return self.add(
            "TaskSubmitted", "taskSubmittedEventDetails", resourceType="lambda", resource=resource, output=output
        )

    def task_succeeded(self, output: str = "{}") -> History:
        return self.add("TaskSucceeded", "taskSucceededEventDetails", resourceType="lambda", output=output)

    def task_failed(self, error: str, cause: str = "") -> History:
        return self.add("TaskFailed", "taskFailedEventDetails", resourceType="lambda", error=error, cause=cause)

    def task_timed_out(self) -> History:
        return self.add("TaskTimedOut", "taskTimedOutEventDetails", resourceType="lambda", error="States.Timeout")

    def task(self, name: str, output: str = "{}") -> History:
        """A task state that works at the first attempt."""
        return self.entered(name).scheduled().task_started().task_succeeded(output).exited(name, output=output)

    def succeeded(self, output: str = "{}") -> History:
        return self.add("ExecutionSucceeded", output=output)

    def failed(self, error: str, cause: str) -> History:
        return self.add("ExecutionFailed", error=error, cause=cause)
