"""The execution page's model: what it says about waiting and failing states, and that it is redacted."""

from __future__ import annotations

import json
from datetime import timedelta

from bookmarks_flow.console.execution_page import attention_state, error_origin
from bookmarks_flow.console.execution_view import build_execution_view
from tests.console.histories import START, History

TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAb2y-a-very-long-task-token"
ARN = "arn:aws:states:us-east-1:123456789012:execution:demo:b1"
DEFINITION = {
    "StartAt": "Validate",
    "States": {
        "Validate": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Ask"},
        "Ask": {
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke.waitForTaskToken",
            "TimeoutSecondsPath": "$.timeoutSeconds",
            "Next": "Done",
        },
        "Done": {"Type": "Succeed"},
    },
}
PARAMETERS = json.dumps(
    {"FunctionName": "arn:aws:lambda:us-east-1:1:function:request-approval", "Payload": {"taskToken": TOKEN}}
)
SUBMITTED = json.dumps(
    {"Payload": {"approvalId": "a1", "expiresAt": 1795458887, "approvalLink": "https://x/approvals/a1"}}
)


def description(status: str = "RUNNING", **extra: object) -> dict[str, object]:
    return {
        "executionArn": ARN,
        "stateMachineArn": "arn:aws:states:us-east-1:123456789012:stateMachine:demo",
        "name": "b1",
        "status": status,
        "startDate": START,
        "input": '{"timeoutSeconds": 300}',
        **extra,
    }


def waiting_history() -> History:
    return (
        History()
        .started('{"timeoutSeconds": 300}')
        .task("Validate")
        .entered("Ask", state_input='{"timeoutSeconds": 300}')
        .scheduled("invoke.waitForTaskToken", PARAMETERS)
        .task_started("invoke.waitForTaskToken")
        .submitted(SUBMITTED)
    )


def test_a_waiting_state_says_who_holds_the_token_and_what_was_asked() -> None:
    view = build_execution_view(description(), waiting_history().events, DEFINITION)

    waiting = view.visits_by_state["Ask"][-1].waiting

    assert waiting is not None
    assert waiting.recipient == "Lambda function request-approval"
    assert [(field.label, field.link) for field in waiting.request] == [
        ("approvalId", None),
        ("expiresAt", None),
        ("approvalLink", "https://x/approvals/a1"),
    ]


def test_a_waiting_state_times_out_at_its_entry_plus_the_timeout_its_path_reads() -> None:
    history = waiting_history()
    entered = history.events[-4]["timestamp"]

    view = build_execution_view(description(), history.events, DEFINITION)

    waiting = view.visits_by_state["Ask"][-1].waiting
    assert waiting is not None
    assert waiting.times_out_at == (entered + timedelta(seconds=300)).strftime("%Y-%m-%d %H:%M:%S.000 UTC")


def test_nothing_in_the_view_contains_the_task_token() -> None:
    view = build_execution_view(description(), waiting_history().events, DEFINITION)

    assert TOKEN not in repr(view)


def test_states_are_listed_in_execution_order_then_the_unreached() -> None:
    view = build_execution_view(description(), waiting_history().events, DEFINITION)

    assert [(row.name, row.status) for row in view.states] == [
        ("Validate", "succeeded"),
        ("Ask", "waiting"),
        ("Done", "not_reached"),
    ]


def test_the_waiting_state_needs_attention_first() -> None:
    view = build_execution_view(description(), waiting_history().events, DEFINITION)

    assert attention_state(view) == "Ask"


def test_the_error_origin_is_the_first_state_that_ended_with_the_execution_error() -> None:
    history = (
        History()
        .started()
        .entered("Validate")
        .scheduled()
        .task_failed("Boom", "because")
        .exited("Validate")
        .entered("Failed", "Fail")
        .failed("Boom", "because")
    )

    view = build_execution_view(description("FAILED", error="Boom", cause="because"), history.events, DEFINITION)

    assert error_origin(view) == "Validate"


def test_a_successful_execution_needs_no_attention() -> None:
    history = History().started().task("Validate").entered("Done", "Succeed").exited("Done", "Succeed").succeeded()

    view = build_execution_view(description("SUCCEEDED", output="{}"), history.events, DEFINITION)

    assert attention_state(view) is None


def test_error_events_are_flagged_in_the_history() -> None:
    history = History().started().entered("Validate").scheduled().task_failed("Boom")

    view = build_execution_view(description(), history.events, DEFINITION)

    assert [event.type for event in view.events if event.is_error] == ["TaskFailed"]


def test_history_events_are_attributed_to_their_state() -> None:
    view = build_execution_view(description(), waiting_history().events, DEFINITION)

    assert [(event.type, event.state) for event in view.events][-3:] == [
        ("TaskScheduled", "Ask"),
        ("TaskStarted", "Ask"),
        ("TaskSubmitted", "Ask"),
    ]
