"""Reading GetExecutionHistory events without caring which of the forty-odd detail shapes each one has."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

Event = Mapping[str, Any]

TASK_EVENT_PREFIXES = ("Task", "LambdaFunction", "Activity")
"""The three families whose events describe attempts at a state's work (an attempt ends, and a retry starts anew)."""


def details(event: Event) -> Mapping[str, Any]:
    """Every event carries at most one ``<camelCaseType>EventDetails`` member; this returns it, or nothing."""
    for key, value in event.items():
        if key.endswith("EventDetails") and isinstance(value, Mapping):
            return value
    return {}


def event_id(event: Event) -> int:
    return int(event.get("id", 0))


def timestamp(event: Event) -> datetime | None:
    value = event.get("timestamp")
    return value if isinstance(value, datetime) else None


def is_state_entered(event_type: str) -> bool:
    return event_type.endswith("StateEntered")


def is_state_exited(event_type: str) -> bool:
    return event_type.endswith("StateExited")


def is_task_event(event_type: str) -> bool:
    return event_type.startswith(TASK_EVENT_PREFIXES) and "State" not in event_type


def state_type_of(event_type: str) -> str:
    """``TaskStateEntered`` → ``Task``: the history names the state type, so no definition is needed for it."""
    for suffix in ("StateEntered", "StateExited", "StateAborted"):
        if event_type.endswith(suffix):
            return event_type.removesuffix(suffix)
    return ""


def owning_states(events: Iterable[Event]) -> dict[int, str | None]:
    """Event id → the state the event belongs to (None for execution-level events).

    The previous-event chain says it where the engine sets it (a retry's TaskScheduled follows the TaskFailed); the
    most recently entered open state is the fallback, which is exact for workflows without Map or Parallel.
    """
    owner: dict[int, str | None] = {}
    open_states: list[str] = []
    for event in sorted(events, key=event_id):
        event_type = str(event.get("type", ""))
        name = details(event).get("name")
        current: str | None
        if is_state_entered(event_type) and isinstance(name, str):
            current = name
            open_states.append(name)
        elif (is_state_exited(event_type) or event_type.endswith("StateAborted")) and isinstance(name, str):
            current = name
            if name in open_states:
                open_states.remove(name)
        elif event_type.startswith("Execution"):
            current = None
        else:
            current = owner.get(int(event.get("previousEventId", 0)))
            if current is None and open_states:
                current = open_states[-1]
        owner[event_id(event)] = current
    return owner
