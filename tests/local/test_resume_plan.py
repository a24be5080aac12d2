"""Where a running execution goes on after a restart, read from its recorded history (resume_plan.py)."""

from __future__ import annotations

import datetime
import json
from typing import Any

from bookmarks_flow.local.persistence.records import ExecutionRecord, ExecutionStarted, TaskOutcomeSent
from bookmarks_flow.local.persistence.resume_plan import plan_resume

STATES = {"Validate", "Ask A Manager", "Record"}
START = datetime.datetime(2026, 11, 30, 1, 0, tzinfo=datetime.UTC)


def event(event_id: int, kind: str, seconds: int = 0, **details: Any) -> dict[str, Any]:
    return {
        "id": event_id,
        "previousEventId": event_id - 1,
        "type": kind,
        "timestamp": (START + datetime.timedelta(seconds=seconds)).isoformat().replace("+00:00", "Z"),
        **details,
    }


def entered(event_id: int, name: str, state_input: dict[str, Any]) -> dict[str, Any]:
    return event(
        event_id, "TaskStateEntered", stateEnteredEventDetails={"name": name, "input": json.dumps(state_input)}
    )


def record(events: list[dict[str, Any]], tokens: list[tuple[int, str]] | None = None) -> ExecutionRecord:
    started = ExecutionStarted("arn:execution", "arn:machine", "b1", json.dumps({"n": 1}), START)
    return ExecutionRecord(started, events, tokens or [])


def waiting_history() -> list[dict[str, Any]]:
    return [
        event(1, "ExecutionStarted"),
        entered(2, "Validate", {"n": 1}),
        event(3, "TaskScheduled"),
        event(4, "TaskSucceeded", taskSucceededEventDetails={"output": '{"ok": true}'}),
        event(5, "TaskStateExited"),
        entered(6, "Ask A Manager", {"n": 2}),
        event(7, "TaskScheduled", seconds=10),
        event(8, "TaskStarted", seconds=10),
        event(9, "TaskSubmitted", seconds=11, taskSubmittedEventDetails={"output": '{"Payload": {"id": "a1"}}'}),
    ]


def test_a_waiting_execution_goes_on_at_its_callback_with_its_old_token_and_no_new_invoke() -> None:
    plan = plan_resume(record(waiting_history(), [(6, "token-1")]), STATES, "Validate", {})

    assert plan.state_name == "Ask A Manager"
    assert plan.state_input == {"n": 2}
    assert plan.previous_event_id == 5
    assert plan.token == "token-1"
    assert plan.recorded_result == {"Payload": {"id": "a1"}}
    assert plan.outcome is None
    assert [e["type"] for e in plan.tail] == ["TaskStateEntered", "TaskScheduled", "TaskStarted", "TaskSubmitted"]


def test_an_execution_at_its_callback_with_no_decision_only_waits() -> None:
    """Such an execution can be resumed after the stack is ready: nothing is due from it until its token comes."""
    plan = plan_resume(record(waiting_history(), [(6, "token-1")]), STATES, "Validate", {})

    assert plan.only_waits


def test_an_execution_with_a_decision_to_deliver_does_not_only_wait() -> None:
    sent = TaskOutcomeSent(token="token-1", succeeded=True, output='{"decision": "APPROVED"}')

    plan = plan_resume(record(waiting_history(), [(6, "token-1")]), STATES, "Validate", {"token-1": sent})

    assert not plan.only_waits


def test_its_timeout_counts_from_when_the_task_was_scheduled() -> None:
    plan = plan_resume(record(waiting_history(), [(6, "token-1")]), STATES, "Validate", {})

    assert plan.elapsed_seconds(START + datetime.timedelta(seconds=70)) == 60


def test_a_decision_acknowledged_before_the_crash_is_delivered_after_it() -> None:
    sent = TaskOutcomeSent(token="token-1", succeeded=True, output='{"decision": "APPROVED"}')

    plan = plan_resume(record(waiting_history(), [(6, "token-1")]), STATES, "Validate", {"token-1": sent})

    assert plan.outcome == sent


def test_a_task_whose_result_is_recorded_is_answered_from_the_record() -> None:
    history = [*waiting_history()[:5], entered(6, "Record", {"n": 3}), event(7, "TaskScheduled")]
    history.append(event(8, "TaskSucceeded", taskSucceededEventDetails={"output": '{"written": 1}'}))

    plan = plan_resume(record(history), STATES, "Validate", {})

    assert plan.state_name == "Record"
    assert plan.recorded_result == {"written": 1}
    assert plan.token is None


def test_a_token_issued_by_an_earlier_state_is_not_reused() -> None:
    history = [*waiting_history()[:5], entered(6, "Record", {"n": 3}), event(7, "TaskScheduled")]

    plan = plan_resume(record(history, [(2, "token-of-validate")]), STATES, "Validate", {})

    assert plan.token is None
    assert not plan.has_recorded_result


def test_an_execution_that_entered_no_state_starts_from_the_beginning() -> None:
    plan = plan_resume(record([event(1, "ExecutionStarted")]), STATES, "Validate", {})

    assert plan.state_name == "Validate"
    assert plan.state_input == {"n": 1}
    assert not plan.replaying
