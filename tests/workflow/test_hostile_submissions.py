"""On moto's engine, with the real handlers: whatever a submitter types ends INVALID with a reason, never FAILED,
and nothing reaches the failed-submissions (dead-letter) queue; a password in a URL is recorded nowhere."""

from __future__ import annotations

import json
import uuid
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.workflow import Workflow, wait_for

ANY_TEXT = st.text(st.characters(exclude_categories=()), max_size=60)
HOSTILE_URLS = st.one_of(
    st.sampled_from(
        ["http://[::1/", "http://[zzzz]/", "https://[::1]x/", "http://ex\ud800.com/", "http://ex.com:\u00b2/"]
    ),
    ANY_TEXT.map(lambda text: "https://example.com/" + text),
    ANY_TEXT,
)
HOSTILE_SUBMISSIONS = st.fixed_dictionaries(
    {"url": HOSTILE_URLS},
    optional={
        "title": st.one_of(ANY_TEXT, st.just("\ud800")),
        "description": ANY_TEXT,
        "tags": st.lists(ANY_TEXT, max_size=12),
    },
)


def run(workflow: Workflow, submission: Any) -> tuple[str, dict[str, Any]]:
    """Starts an execution and waits until it ends or waits for a manager (a valid URL); returns its record."""
    name = f"bm-{uuid.uuid4()}"
    workflow.start({"submission": submission, "submitter": {"username": "alice", "email": "alice@example.com"}}, name)
    arn = workflow.execution_arn(name)

    def settled() -> dict[str, Any] | None:
        execution: dict[str, Any] = workflow.sfn.describe_execution(executionArn=arn)
        waiting = execution["status"] == "RUNNING" and workflow.approval_for(name) is not None
        return execution if execution["status"] != "RUNNING" or waiting else None

    return name, wait_for(settled, 30, f"execution {name} to end or wait for a manager")


# One environment serves every example (the function-scoped fixture is reused on purpose): each execution has
# its own name.
@settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(submission=HOSTILE_SUBMISSIONS)
def test_hostile_text_ends_invalid_or_pending_and_never_failed(workflow: Workflow, submission: Any) -> None:
    name, execution = run(workflow, submission)

    assert execution["status"] in ("SUCCEEDED", "RUNNING"), execution
    record = workflow.bookmark(name)
    assert record["status"] in ("INVALID", "PENDING_APPROVAL", "DUPLICATE"), record
    if record["status"] == "INVALID":
        assert record["reasons"]
    assert workflow.queue_messages("FailedSubmissionsQueue") == []


THE_INPUTS_THAT_USED_TO_FAIL = (
    {"url": "http://[::1/"},
    {"url": "http://[zzzz]/"},
    {"url": "https://example.com/surrogate", "title": "\ud800"},
    {"url": "https://example.com/" + "\u00e9" * 1100},
)


def test_the_inputs_that_used_to_fail_now_end_invalid(workflow: Workflow) -> None:
    outcomes = [run(workflow, submission) for submission in THE_INPUTS_THAT_USED_TO_FAIL]

    assert [execution["status"] for _, execution in outcomes] == ["SUCCEEDED"] * len(outcomes)
    assert [workflow.bookmark(name)["status"] for name, _ in outcomes] == ["INVALID"] * len(outcomes)
    assert workflow.queue_messages("FailedSubmissionsQueue") == []


def test_a_password_in_a_url_is_not_recorded_sent_or_output(workflow: Workflow, submitter_inbox: Any) -> None:
    bookmark_id = workflow.submit("https://alice:hunter2@example.com/private")

    execution = workflow.wait_until_finished(bookmark_id)

    record = workflow.bookmark(bookmark_id)
    assert record["status"] == "INVALID"
    assert record["url"] == "https://example.com/private"
    assert "user name or password" in record["reasons"]
    [message] = wait_for(submitter_inbox, 5, "the submitter's message")
    assert "hunter2" not in json.dumps(message)
    assert "hunter2" not in execution["output"]
    later_states = [event for event in workflow.history(bookmark_id) if event["type"] != "ExecutionStarted"]
    leaked = [event["type"] for event in later_states[3:] if "hunter2" in json.dumps(event, default=str)]
    assert leaked == [], "only the execution's input and the validation task's own input may hold it"
