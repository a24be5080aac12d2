"""What happened to each state in one execution, derived only from its history.

The graph colours, the states table and the per-state panel all read this, so it is pure (events in, records out)
and unit-tested on hand-written histories. Statuses use the diagram renderer's vocabulary.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from bookmarks_flow.console.events import (
    Event,
    details,
    event_id,
    is_state_entered,
    is_state_exited,
    is_task_event,
    owning_states,
    state_type_of,
    timestamp,
)

StateStatus = Literal["succeeded", "failed", "caught", "retried", "running", "waiting", "not_reached"]
AttemptOutcome = Literal["scheduled", "started", "submitted", "succeeded", "failed"]

STATUS_LABELS: Mapping[StateStatus, str] = {
    "succeeded": "Succeeded",
    "failed": "Failed",
    "caught": "Caught error",
    "retried": "Succeeded after retry",
    "running": "In progress",
    "waiting": "Waiting for callback",
    "not_reached": "Not reached",
}

_END_EVENTS = {
    "ExecutionSucceeded": "SUCCEEDED",
    "ExecutionFailed": "FAILED",
    "ExecutionTimedOut": "TIMED_OUT",
    "ExecutionAborted": "ABORTED",
}
_ATTEMPT_FAILURE_SUFFIXES = ("Failed", "TimedOut", "StartFailed", "SubmitFailed", "ScheduleFailed")


@dataclass
class Attempt:
    """One try at a task's work: scheduled, perhaps started and submitted, then succeeded or failed."""

    scheduled_event_id: int
    resource_type: str = ""
    resource: str = ""
    parameters: str | None = None
    scheduled_at: datetime | None = None
    ended_at: datetime | None = None
    outcome: AttemptOutcome = "scheduled"
    error: str | None = None
    cause: str | None = None
    output: str | None = None
    submitted_output: str | None = None

    @property
    def waits_for_callback(self) -> bool:
        return self.resource.endswith(".waitForTaskToken")


@dataclass
class Visit:
    """One entry into a state (a loop enters a state again)."""

    entered_event_id: int
    state_type: str
    entered_at: datetime | None
    input: str | None
    exited_at: datetime | None = None
    output: str | None = None
    exited: bool = False
    attempts: list[Attempt] = field(default_factory=list)
    error: str | None = None
    cause: str | None = None
    status: StateStatus = "running"

    @property
    def failed_attempts(self) -> list[Attempt]:
        return [attempt for attempt in self.attempts if attempt.outcome == "failed"]

    @property
    def final_error(self) -> tuple[str | None, str | None]:
        """The error the visit ended with: its own, or the last failed attempt's."""
        if self.error is not None:
            return self.error, self.cause
        if self.attempts and self.attempts[-1].outcome == "failed":
            return self.attempts[-1].error, self.attempts[-1].cause
        return None, None


@dataclass
class StateRun:
    """Everything one state did in the execution; its status is its latest visit's."""

    name: str
    visits: list[Visit] = field(default_factory=list)

    @property
    def status(self) -> StateStatus:
        return self.visits[-1].status if self.visits else "not_reached"

    @property
    def latest(self) -> Visit | None:
        return self.visits[-1] if self.visits else None

    @property
    def retries(self) -> int:
        """Attempts beyond the first in each visit: what the Retry policies cost."""
        return sum(max(len(visit.attempts) - 1, 0) for visit in self.visits)


@dataclass(frozen=True)
class ExecutionEnd:
    status: str
    error: str | None
    cause: str | None


def derive_state_runs(events: Iterable[Event], state_names: Iterable[str] = ()) -> dict[str, StateRun]:
    """State name → its run. ``state_names`` (from the definition) adds the states never reached, in that order."""
    ordered = sorted(events, key=event_id)
    runs: dict[str, StateRun] = {name: StateRun(name) for name in state_names}
    owner = owning_states(ordered)
    open_visits: dict[str, Visit] = {}
    end: ExecutionEnd | None = None
    for event in ordered:
        event_type = str(event.get("type", ""))
        info = details(event)
        name = info.get("name")
        if is_state_entered(event_type) and isinstance(name, str):
            visit = Visit(event_id(event), state_type_of(event_type), timestamp(event), _text(info.get("input")))
            runs.setdefault(name, StateRun(name)).visits.append(visit)
            open_visits[name] = visit
        elif is_state_exited(event_type) and isinstance(name, str):
            visit_or_none = open_visits.pop(name, None)
            if visit_or_none is not None:
                visit_or_none.exited = True
                visit_or_none.exited_at = timestamp(event)
                visit_or_none.output = _text(info.get("output"))
        elif event_type in _END_EVENTS:
            end = ExecutionEnd(_END_EVENTS[event_type], _text(info.get("error")), _text(info.get("cause")))
        else:
            state = owner.get(event_id(event))
            visit_or_none = open_visits.get(state) if state is not None else None
            if visit_or_none is not None:
                _apply(visit_or_none, event, event_type, info)
    for run in runs.values():
        for visit in run.visits:
            visit.status = _visit_status(visit, end)
    if end is not None and end.status != "SUCCEEDED":
        for visit in open_visits.values():
            if visit.final_error == (None, None):
                visit.error = end.error or f"Execution{end.status.title().replace('_', '')}"
                visit.cause = end.cause
    return runs


def execution_end(events: Iterable[Event]) -> ExecutionEnd | None:
    """How the execution ended, if it has: the last execution-level closing event."""
    for event in sorted(events, key=event_id, reverse=True):
        event_type = str(event.get("type", ""))
        if event_type in _END_EVENTS:
            info = details(event)
            return ExecutionEnd(_END_EVENTS[event_type], _text(info.get("error")), _text(info.get("cause")))
    return None


def highlights(runs: Mapping[str, StateRun]) -> dict[str, StateStatus]:
    """The diagram renderer's input: state name → status."""
    return {name: run.status for name, run in runs.items()}


def transition_count(events: Iterable[Event]) -> int:
    """What the console calls state transitions: one per state entered."""
    return sum(1 for event in events if is_state_entered(str(event.get("type", ""))))


def _apply(visit: Visit, event: Event, event_type: str, info: Mapping[str, object]) -> None:
    if is_task_event(event_type):
        _apply_task_event(visit, event, event_type, info)
    elif event_type.endswith(("Failed", "TimedOut")):
        # Map and Parallel states fail as a whole (MapStateFailed, ParallelStateFailed).
        visit.error = _text(info.get("error")) or event_type
        visit.cause = _text(info.get("cause"))


def _apply_task_event(visit: Visit, event: Event, event_type: str, info: Mapping[str, object]) -> None:
    if event_type.endswith("Scheduled"):
        visit.attempts.append(
            Attempt(
                scheduled_event_id=event_id(event),
                resource_type=str(info.get("resourceType", "")),
                resource=str(info.get("resource", "")),
                parameters=_text(info.get("parameters") or info.get("input")),
                scheduled_at=timestamp(event),
            )
        )
        return
    if not visit.attempts or visit.attempts[-1].outcome in ("succeeded", "failed"):
        # A start failure can arrive without a Scheduled event of its own; it is still an attempt.
        visit.attempts.append(
            Attempt(
                event_id(event),
                str(info.get("resourceType", "")),
                str(info.get("resource", "")),
                scheduled_at=timestamp(event),
            )
        )
    attempt = visit.attempts[-1]
    if event_type.endswith("Started"):
        attempt.outcome = "started"
    elif event_type.endswith("Submitted"):
        attempt.outcome = "submitted"
        attempt.submitted_output = _text(info.get("output"))
    elif event_type.endswith("Succeeded"):
        attempt.outcome = "succeeded"
        attempt.output = _text(info.get("output"))
        attempt.ended_at = timestamp(event)
    elif event_type.endswith(_ATTEMPT_FAILURE_SUFFIXES):
        attempt.outcome = "failed"
        attempt.error = _text(info.get("error")) or ("States.Timeout" if event_type.endswith("TimedOut") else None)
        attempt.cause = _text(info.get("cause"))
        attempt.ended_at = timestamp(event)


def _visit_status(visit: Visit, end: ExecutionEnd | None) -> StateStatus:
    error, _ = visit.final_error
    if visit.exited:
        if error is not None:
            return "caught"
        return "retried" if visit.failed_attempts else "succeeded"
    if end is not None:
        return "succeeded" if end.status == "SUCCEEDED" and error is None else "failed"
    if error is not None and visit.error is not None:
        return "failed"
    last = visit.attempts[-1] if visit.attempts else None
    if last is not None and last.waits_for_callback and last.outcome in ("started", "submitted"):
        return "waiting"
    return "running"


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None
