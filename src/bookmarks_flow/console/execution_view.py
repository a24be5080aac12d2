"""Everything the execution page shows, computed once from DescribeExecution, the history and the definition.

All text leaving this module is redacted (task tokens) and ready to print; the templates only escape and lay out.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bookmarks_flow.console import formatting
from bookmarks_flow.console.definition import state_types
from bookmarks_flow.console.events import details, event_id, owning_states, timestamp
from bookmarks_flow.console.jsontext import dumps, parse_or_none, pretty, unfold
from bookmarks_flow.console.redaction import Redactor
from bookmarks_flow.console.state_status import (
    STATUS_LABELS,
    Attempt,
    StateRun,
    StateStatus,
    Visit,
    derive_state_runs,
    highlights,
    transition_count,
)

ERROR_EVENT_SUFFIXES = ("Failed", "TimedOut", "Aborted")


@dataclass(frozen=True)
class Field:
    label: str
    value: str
    link: str | None = None


@dataclass(frozen=True)
class CallbackWait:
    """What a ``.waitForTaskToken`` state waits for: who got the (hidden) token and what they were asked."""

    recipient: str
    request: tuple[Field, ...]
    submitted: str | None
    times_out_at: str | None


@dataclass(frozen=True)
class AttemptDetail:
    number: int
    outcome: str
    scheduled_at: str
    scheduled_clock: str
    ended_at: str
    duration: str
    resource: str
    error: str | None
    cause: str | None
    parameters: str | None
    output: str | None


@dataclass(frozen=True)
class VisitDetail:
    number: int
    status: StateStatus
    status_label: str
    entered_at: str
    exited_at: str
    duration: str
    input: str | None
    output: str | None
    error: str | None
    cause: str | None
    attempts: tuple[AttemptDetail, ...]
    waiting: CallbackWait | None


@dataclass(frozen=True)
class StateRow:
    name: str
    state_type: str
    status: StateStatus
    status_label: str
    visits: int
    retries: int
    entered_at: str
    duration: str
    error: str | None


@dataclass(frozen=True)
class EventRow:
    id: int
    type: str
    state: str | None
    timestamp: str
    elapsed: str
    details: str
    is_error: bool


@dataclass(frozen=True)
class ExecutionView:
    arn: str
    name: str
    machine_arn: str
    machine_name: str
    status: str
    started: str
    stopped: str
    duration: str
    transitions: int
    input: str | None
    output: str | None
    error: str | None
    cause: str | None
    definition: Mapping[str, Any]
    statuses: Mapping[str, StateStatus]
    states: tuple[StateRow, ...]
    events: tuple[EventRow, ...]
    visits_by_state: Mapping[str, tuple[VisitDetail, ...]]

    @property
    def running(self) -> bool:
        return self.status == "RUNNING"

    def event_types(self) -> list[str]:
        return sorted({event.type for event in self.events})

    def event_states(self) -> list[str]:
        return sorted({event.state for event in self.events if event.state})


def build_execution_view(
    description: Mapping[str, Any],
    history: Sequence[Mapping[str, Any]],
    definition: Mapping[str, Any],
    now: datetime | None = None,
) -> ExecutionView:
    redactor = Redactor.from_values(description.get("input"), description.get("output"), *history)
    types = state_types(definition)
    runs = derive_state_runs(history, types)
    started = description.get("startDate")
    stopped = description.get("stopDate")
    end = stopped if isinstance(stopped, datetime) else (now or datetime.now(UTC))
    machine_arn = str(description.get("stateMachineArn", ""))
    cause = description.get("cause")
    return ExecutionView(
        arn=str(description["executionArn"]),
        name=str(description.get("name", "")),
        machine_arn=machine_arn,
        machine_name=machine_arn.rsplit(":", 1)[-1],
        status=str(description.get("status", "")),
        started=formatting.timestamp(started if isinstance(started, datetime) else None),
        stopped=formatting.timestamp(stopped if isinstance(stopped, datetime) else None),
        duration=formatting.duration(formatting.elapsed(started if isinstance(started, datetime) else None, end)),
        transitions=transition_count(history),
        input=pretty(description.get("input"), redactor),
        output=pretty(description.get("output"), redactor),
        error=redactor.text(str(description["error"])) if description.get("error") else None,
        cause=redactor.text(str(cause)) if cause else None,
        definition=definition,
        statuses=highlights(runs),
        states=tuple(_state_row(run, types.get(run.name)) for run in _in_execution_order(runs)),
        events=_event_rows(history, redactor),
        visits_by_state={
            name: tuple(
                _visit_detail(name, number, visit, definition, redactor) for number, visit in enumerate(run.visits, 1)
            )
            for name, run in runs.items()
        },
    )


def _in_execution_order(runs: Mapping[str, StateRun]) -> list[StateRun]:
    """Visited states in the order they were first entered, then the others in definition order."""
    visited = sorted((run for run in runs.values() if run.visits), key=lambda run: run.visits[0].entered_event_id)
    return visited + [run for run in runs.values() if not run.visits]


def _state_row(run: StateRun, declared_type: str | None) -> StateRow:
    latest = run.latest
    error = latest.final_error[0] if latest else None
    return StateRow(
        name=run.name,
        state_type=declared_type or (latest.state_type if latest else ""),
        status=run.status,
        status_label=STATUS_LABELS[run.status],
        visits=len(run.visits),
        retries=run.retries,
        entered_at=formatting.timestamp(latest.entered_at) if latest else "—",
        duration=formatting.duration(formatting.elapsed(latest.entered_at, latest.exited_at)) if latest else "—",
        error=error,
    )


def _visit_detail(
    name: str, number: int, visit: Visit, definition: Mapping[str, Any], redactor: Redactor
) -> VisitDetail:
    error, cause = visit.final_error
    waiting = None
    if visit.status == "waiting" and visit.attempts:
        waiting = _callback_wait(name, visit, visit.attempts[-1], definition, redactor)
    return VisitDetail(
        number=number,
        status=visit.status,
        status_label=STATUS_LABELS[visit.status],
        entered_at=formatting.timestamp(visit.entered_at),
        exited_at=formatting.timestamp(visit.exited_at),
        duration=formatting.duration(formatting.elapsed(visit.entered_at, visit.exited_at)),
        input=pretty(visit.input, redactor),
        output=pretty(visit.output, redactor),
        error=redactor.text(error) if error else None,
        cause=redactor.text(cause) if cause else None,
        attempts=tuple(_attempt_detail(index, attempt, redactor) for index, attempt in enumerate(visit.attempts, 1)),
        waiting=waiting,
    )


def _attempt_detail(number: int, attempt: Attempt, redactor: Redactor) -> AttemptDetail:
    return AttemptDetail(
        number=number,
        outcome={"submitted": "submitted, waiting for callback"}.get(attempt.outcome, attempt.outcome),
        scheduled_at=formatting.timestamp(attempt.scheduled_at),
        scheduled_clock=formatting.clock(attempt.scheduled_at),
        ended_at=formatting.timestamp(attempt.ended_at),
        duration=formatting.duration(formatting.elapsed(attempt.scheduled_at, attempt.ended_at)),
        resource=":".join(part for part in (attempt.resource_type, attempt.resource) if part),
        error=redactor.text(attempt.error) if attempt.error else None,
        cause=redactor.text(attempt.cause) if attempt.cause else None,
        parameters=pretty(attempt.parameters, redactor),
        output=pretty(attempt.output, redactor),
    )


def _callback_wait(
    name: str, visit: Visit, attempt: Attempt, definition: Mapping[str, Any], redactor: Redactor
) -> CallbackWait:
    parameters = parse_or_none(attempt.parameters)
    recipient = attempt.resource_type or "the integrated service"
    if isinstance(parameters, Mapping) and isinstance(parameters.get("FunctionName"), str):
        recipient = f"Lambda function {parameters['FunctionName'].rsplit(':', 1)[-1]}"
    submitted = parse_or_none(attempt.submitted_output)
    payload = submitted.get("Payload") if isinstance(submitted, Mapping) else None
    request = payload if isinstance(payload, Mapping) else submitted
    fields = tuple(_request_fields(redactor.value(request))) if isinstance(request, Mapping) else ()
    return CallbackWait(
        recipient=recipient,
        request=fields,
        submitted=pretty(attempt.submitted_output, redactor),
        times_out_at=_timeout_at(name, visit, definition),
    )


def _request_fields(request: Mapping[str, Any]) -> list[Field]:
    fields = []
    for key, value in request.items():
        if isinstance(value, str) and value.startswith(("https://", "http://")):
            fields.append(Field(key, value, link=value))
        elif key.lower().endswith(("at", "expires")) and formatting.epoch_seconds(value):
            fields.append(Field(key, f"{value} ({formatting.epoch_seconds(value)})"))
        else:
            fields.append(Field(key, value if isinstance(value, str) else dumps(value)))
    return fields


def _timeout_at(name: str, visit: Visit, definition: Mapping[str, Any]) -> str | None:
    """Entered time plus TimeoutSeconds, or plus the value TimeoutSecondsPath reads from the state's input."""
    state = _find_state(definition, name)
    if state is None or visit.entered_at is None:
        return None
    seconds = state.get("TimeoutSeconds")
    path = state.get("TimeoutSecondsPath")
    if seconds is None and isinstance(path, str):
        seconds = _read_path(parse_or_none(visit.input), path)
    if isinstance(seconds, bool) or not isinstance(seconds, int | float):
        return None
    return formatting.timestamp(visit.entered_at + timedelta(seconds=seconds))


def _find_state(definition: Mapping[str, Any], name: str) -> Mapping[str, Any] | None:
    states = definition.get("States")
    if not isinstance(states, Mapping):
        return None
    state = states.get(name)
    return state if isinstance(state, Mapping) else None


def _read_path(document: Any, path: str) -> Any:
    """Only the ``$.a.b`` form: enough to show a timeout, and nothing that could be mistaken for an evaluator."""
    if not path.startswith("$."):
        return None
    for part in path[2:].split("."):
        if not isinstance(document, Mapping) or part not in document:
            return None
        document = document[part]
    return document


def _event_rows(history: Sequence[Mapping[str, Any]], redactor: Redactor) -> tuple[EventRow, ...]:
    """Rows in id order; "since start" counts from the first event, the engine's own clock for this execution."""
    ordered = sorted(history, key=event_id)
    started = timestamp(ordered[0]) if ordered else None
    owner = owning_states(history)
    rows = []
    for event in ordered:
        event_type = str(event.get("type", ""))
        moment = timestamp(event)
        rows.append(
            EventRow(
                id=event_id(event),
                type=event_type,
                state=owner.get(event_id(event)),
                timestamp=formatting.timestamp(moment),
                elapsed=formatting.duration(formatting.elapsed(started, moment)) if started and moment else "—",
                details=dumps(unfold(details(event), redactor)),
                is_error=event_type.endswith(ERROR_EVENT_SUFFIXES),
            )
        )
    return tuple(rows)
