"""Every path of workflows/submit_bookmark.asl.json, executed by moto's engine with the real handler code."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_tasks.services.decide_approval import Outcome
from tests.support.workflow import Workflow, wait_for

PROJECT_DIR = Path(__file__).resolve().parents[2]
Inbox = Callable[[], list[dict[str, Any]]]


def test_an_approved_submission_is_stored_approved_and_announced(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("https://Example.com/guide?utm_source=mail#intro", title="Guide", tags=["Docs"])
    approval = workflow.wait_for_approval_request(bookmark_id)
    assert workflow.bookmark(bookmark_id)["status"] == "PENDING_APPROVAL"

    result = workflow.decide(bookmark_id, "APPROVED", manager="maria", comment="useful")

    assert result.outcome is Outcome.DECIDED
    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    bookmark = workflow.bookmark(bookmark_id)
    assert bookmark["status"] == "APPROVED"
    assert bookmark["normalizedUrl"] == "https://example.com/guide"
    assert bookmark["tags"] == ["docs"]
    assert bookmark["decidedBy"] == "maria"
    assert [d["decision"] for d in bookmark["decisions"]] == ["APPROVED"]
    [request] = workflow.mail_to("approvers@example.com")
    [link] = [link for link in request.links if "/approvals/" in link]
    assert approval["approvalId"] in link
    assert "taskToken" not in request.body
    assert approval["taskToken"] not in request.body
    [announcement] = workflow.mail_to("team@example.com")
    assert "Guide" in announcement.body
    assert announcement.attributes["eventType"] == "BOOKMARK_APPROVED"
    [downstream] = workflow.queue_messages("DownstreamQueue")
    body = json.loads(downstream["Body"])
    assert body["eventId"] == f"{bookmark_id}:BookmarkApproved"
    assert body["bookmark"]["normalizedUrl"] == bookmark["normalizedUrl"]


def test_the_manager_is_asked_through_a_task_token_that_stays_server_side(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("https://example.com/token")
    approval = workflow.wait_for_approval_request(bookmark_id)

    # The approval is stored before the function returns; TaskSubmitted follows its return.
    submitted = wait_for(
        lambda: [e for e in workflow.history(bookmark_id) if e["type"] == "TaskSubmitted"], 20, "TaskSubmitted"
    )

    assert len(submitted) == 1
    output = json.loads(submitted[0]["taskSubmittedEventDetails"]["output"])["Payload"]
    assert output["approvalId"] == approval["approvalId"]
    assert approval["taskToken"] not in json.dumps(output)
    assert workflow.entered_states(bookmark_id)[-1] == "Ask A Manager"


def test_an_invalid_submission_ends_invalid_and_the_submitter_is_told_why(
    workflow: Workflow, submitter_inbox: Inbox
) -> None:
    bookmark_id = workflow.submit("ftp://example.com/file", tags=["Not A Tag!"])

    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"

    bookmark = workflow.bookmark(bookmark_id)
    assert bookmark["status"] == "INVALID"
    assert "only http and https URLs are accepted" in bookmark["reasons"]
    assert "tag" in bookmark["reasons"]
    [message] = wait_for(submitter_inbox, 5, "the submitter's message")
    assert "only http and https" in message["Body"]
    assert message["MessageAttributes"]["eventType"]["StringValue"] == "BOOKMARK_INVALID"
    assert workflow.approval_for(bookmark_id) is None


def test_a_submission_missing_everything_is_recorded_invalid_not_failed(workflow: Workflow) -> None:
    bookmark_id = "bm-empty-input"
    workflow.start({}, bookmark_id)

    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"

    bookmark = workflow.bookmark(bookmark_id)
    assert bookmark["status"] == "INVALID"
    assert "submission is required" in bookmark["reasons"]
    assert "submitter is required" in bookmark["reasons"]


def test_a_duplicate_submission_points_at_the_existing_bookmark(workflow: Workflow, submitter_inbox: Inbox) -> None:
    first = workflow.submit("https://example.com/dup/", username="bob", email="bob@example.com")
    workflow.wait_for_approval_request(first)

    second = workflow.submit("HTTPS://EXAMPLE.com:443/dup/?utm_campaign=x#top")

    assert workflow.wait_until_finished(second)["status"] == "SUCCEEDED"
    duplicate = workflow.bookmark(second)
    assert duplicate["status"] == "DUPLICATE"
    assert duplicate["duplicateOf"] == first
    [message] = wait_for(submitter_inbox, 5, "the submitter's message")
    assert first in message["Body"]
    assert workflow.approval_for(second) is None


def test_two_concurrent_submissions_of_one_url_yield_exactly_one_bookmark(workflow: Workflow) -> None:
    ids = [f"bm-race-{n}" for n in range(2)]
    barrier = threading.Barrier(len(ids))

    def submit(bookmark_id: str) -> None:
        barrier.wait()
        workflow.submit("https://example.com/race", bookmark_id=bookmark_id)

    threads = [threading.Thread(target=submit, args=(bookmark_id,)) for bookmark_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    def settled() -> list[str] | None:
        found = sorted(workflow.bookmark(bookmark_id).get("status", "") for bookmark_id in ids)
        return found if set(found) <= {"DUPLICATE", "PENDING_APPROVAL"} else None

    # Both settle first (a busy machine is slow), then the outcome is checked: two PENDING_APPROVAL is a lost race.
    assert wait_for(settled, 60, "both submissions to settle") == ["DUPLICATE", "PENDING_APPROVAL"]
    winner = workflow.url_claim("https://example.com/race")["bookmarkId"]
    loser = next(bookmark_id for bookmark_id in ids if bookmark_id != winner)
    assert workflow.bookmark(winner)["status"] == "PENDING_APPROVAL"
    assert workflow.bookmark(loser)["duplicateOf"] == winner


def test_a_rejected_submission_records_the_managers_comment_and_tells_the_submitter(
    workflow: Workflow, submitter_inbox: Inbox
) -> None:
    bookmark_id = workflow.submit("https://example.com/rejected")

    result = workflow.decide(bookmark_id, "REJECTED", manager="maria", comment="Paywalled, sorry")

    assert result.outcome is Outcome.DECIDED
    assert workflow.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    bookmark = workflow.bookmark(bookmark_id)
    assert bookmark["status"] == "REJECTED"
    assert bookmark["decisionComment"] == "Paywalled, sorry"
    assert bookmark["decidedBy"] == "maria"
    [message] = wait_for(submitter_inbox, 5, "the submitter's message")
    assert "Paywalled, sorry" in message["Body"]
    assert "Mark The Bookmark Rejected" in workflow.entered_states(bookmark_id)
    assert workflow.mail_to("team@example.com") == []


def test_a_second_decision_on_the_same_approval_changes_nothing(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("https://example.com/twice")
    assert workflow.decide(bookmark_id, "APPROVED").outcome is Outcome.DECIDED
    workflow.wait_until_finished(bookmark_id)

    second = workflow.decide(bookmark_id, "REJECTED", manager="other")

    assert second.outcome is Outcome.ALREADY_DECIDED
    assert second.record["decision"] == "APPROVED"
    assert workflow.bookmark(bookmark_id)["status"] == "APPROVED"


def test_an_approval_that_times_out_expires_and_frees_the_url() -> None:
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "2"}) as env:
        workflow = Workflow(env)
        bookmark_id = workflow.submit("https://example.com/slow")
        workflow.wait_for_approval_request(bookmark_id)

        assert workflow.wait_until_finished(bookmark_id, timeout=20)["status"] == "SUCCEEDED"

        assert workflow.bookmark(bookmark_id)["status"] == "EXPIRED"
        assert workflow.url_claim("https://example.com/slow") == {}
        timeouts = [e for e in workflow.history(bookmark_id) if e["type"] == "TaskTimedOut"]
        assert timeouts
        assert timeouts[0]["taskTimedOutEventDetails"]["error"] == "States.Timeout"
        late = workflow.decide(bookmark_id, "APPROVED")
        assert late.outcome is Outcome.TASK_CLOSED


def test_a_task_failing_permanently_ends_failed_with_a_dead_letter_message(workflow: Workflow) -> None:
    # The approvers' topic disappears: publishing the approval request can never succeed.
    workflow.env.client("sns").delete_topic(TopicArn=workflow.env.stack.physical("ApprovalRequestsTopic"))
    bookmark_id = workflow.submit("https://example.com/broken")

    description = workflow.wait_until_finished(bookmark_id)

    assert description["status"] == "FAILED"
    bookmark = workflow.bookmark(bookmark_id)
    assert bookmark["status"] == "FAILED"
    assert bookmark["failureError"] == "NotFoundException"
    [dead_letter] = workflow.queue_messages("FailedSubmissionsQueue")
    body = json.loads(dead_letter["Body"])
    assert body["bookmarkId"] == bookmark_id
    assert body["error"]["Error"] == "NotFoundException"
    assert workflow.url_claim("https://example.com/broken") == {}


def test_a_transient_failure_is_retried_and_then_succeeds(workflow: Workflow) -> None:
    workflow.env.runtime.inject_service_fault("bookmarks-flow-ValidateSubmissionFunction", times=2)

    bookmark_id = workflow.submit("https://example.com/flaky")

    workflow.wait_for_approval_request(bookmark_id, timeout=20)
    events = workflow.history(bookmark_id)
    failures = [e["taskFailedEventDetails"]["error"] for e in events if e["type"] == "TaskFailed"]
    assert failures == ["Lambda.ServiceException", "Lambda.ServiceException"]
    assert workflow.bookmark(bookmark_id)["status"] == "PENDING_APPROVAL"
    assert "Record The Failure" not in workflow.entered_states(bookmark_id)
