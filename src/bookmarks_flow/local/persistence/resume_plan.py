"""Where a running execution goes on after a restart, read from its recorded history.

A Standard execution is deterministic given its history (the way Temporal resumes a workflow): it goes on from
the last top-level state it entered, with that state's recorded input. While the engine evaluates that state
again, the events it would add that are already recorded are not added twice, a task whose result is recorded
is answered from the record instead of being run again (no second e-mail, no second write), a callback task gets
its recorded task token back (the approvals table holds it), and its timeout counts from when it was first
scheduled.
"""

from __future__ import annotations

import datetime
import json
import threading
from collections.abc import Set
from dataclasses import dataclass, field
from typing import Any

from bookmarks_flow.local.persistence.records import ExecutionRecord, TaskOutcomeSent

_NO_RESULT = object()
# How long whatever reaches a resuming execution (its task token, StopExecution) waits for it to be back at its
# callback: a decision comes through API Gateway, which gives up after 29 s; under load a resume took over 10 s.
CATCH_UP_SECONDS = 25.0


def _details(event: dict[str, Any], key: str) -> dict[str, Any]:
    value = event.get(key)
    return value if isinstance(value, dict) else {}


def event_time(event: dict[str, Any]) -> datetime.datetime:
    stamp = event["timestamp"]
    if isinstance(stamp, datetime.datetime):
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=datetime.UTC)
    return datetime.datetime.fromisoformat(str(stamp).replace("Z", "+00:00"))


@dataclass
class ResumePlan:
    state_name: str
    state_input: Any
    previous_event_id: int
    tail: list[dict[str, Any]]
    token: str | None = None
    recorded_result: Any = _NO_RESULT
    outcome: TaskOutcomeSent | None = None
    scheduled_at: datetime.datetime | None = None
    replaying: bool = True
    caught_up: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def has_recorded_result(self) -> bool:
        return self.recorded_result is not _NO_RESULT

    @property
    def only_waits(self) -> bool:
        """At its callback with its task submitted and no outcome yet: resuming it does nothing but wait."""
        return self.token is not None and self.outcome is None and self.has_recorded_result

    def elapsed_seconds(self, now: datetime.datetime) -> float:
        return max(0.0, (now - self.scheduled_at).total_seconds()) if self.scheduled_at else 0.0

    def take_recorded(self, event_type: str) -> dict[str, Any] | None:
        """The recorded event the engine is about to add again, or None (and replay is over) if it differs."""
        with self._lock:
            if not self.replaying:
                return None
            if self.tail and self.tail[0]["type"] == event_type:
                return self.tail.pop(0)
            self.finish()
            return None

    def finish(self) -> None:
        self.replaying = False
        self.tail = []
        self.caught_up.set()


def _outcome_in_history(tail: list[dict[str, Any]], token: str | None) -> TaskOutcomeSent | None:
    for event in tail:
        if event["type"] == "TaskSucceeded":
            output = _details(event, "taskSucceededEventDetails").get("output")
            return TaskOutcomeSent(token=token or "", succeeded=True, output=output)
        if event["type"] == "TaskFailed":
            details = _details(event, "taskFailedEventDetails")
            return TaskOutcomeSent(
                token=token or "", succeeded=False, error=details.get("error"), cause=details.get("cause")
            )
    return None


def plan_resume(
    record: ExecutionRecord, top_level_states: Set[str], start_at: str, outcomes: dict[str, TaskOutcomeSent]
) -> ResumePlan:
    events = record.events
    entered = [
        index
        for index, event in enumerate(events)
        if str(event["type"]).endswith("StateEntered")
        and _details(event, "stateEnteredEventDetails").get("name") in top_level_states
    ]
    if not entered:
        started = next((e for e in events if e["type"] == "ExecutionStarted"), None)
        from_the_start = ResumePlan(
            state_name=start_at,
            state_input=json.loads(record.started.input),
            previous_event_id=int(started["id"]) if started else 0,
            tail=[],
        )
        from_the_start.finish()
        return from_the_start
    index = entered[-1]
    entry = events[index]
    details = _details(entry, "stateEnteredEventDetails")
    tail = [dict(event) for event in events[index:]]
    plan = ResumePlan(
        state_name=str(details["name"]),
        state_input=json.loads(details.get("input") or "{}"),
        previous_event_id=int(entry.get("previousEventId", 0)),
        tail=tail,
    )
    scheduled = [event for event in tail if event["type"] == "TaskScheduled"]
    if len(scheduled) > 1:
        # Retried attempts: replay up to the first retry and let the engine run the task again from there.
        plan.tail = tail[: tail.index(scheduled[1])]
    plan.scheduled_at = event_time(scheduled[0]) if scheduled else event_time(entry)
    token = next((t for issued_at, t in reversed(record.tokens) if issued_at >= index), None)
    submitted = next((e for e in plan.tail if e["type"] == "TaskSubmitted"), None)
    succeeded = next((e for e in plan.tail if e["type"] == "TaskSucceeded"), None)
    if submitted is not None:
        plan.token = token
        plan.recorded_result = json.loads(_details(submitted, "taskSubmittedEventDetails").get("output") or "null")
        plan.outcome = _outcome_in_history(plan.tail, token) or (outcomes.get(token) if token else None)
    elif succeeded is not None:
        plan.recorded_result = json.loads(_details(succeeded, "taskSucceededEventDetails").get("output") or "null")
    elif token is not None:
        # Scheduled with its token issued but not submitted: the invoke is repeated with the same token, which
        # the approval task is idempotent on (one approval, one e-mail per token).
        plan.token = token
    if not plan.tail:
        plan.finish()
    return plan
