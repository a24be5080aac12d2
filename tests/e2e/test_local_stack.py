"""The local stack driven only over HTTP and boto3, as a user would: submit, read the mailbox, follow the
link, decide, and find the outcome."""

from __future__ import annotations

from typing import Any

import requests

from bookmarks_flow.client import BookmarksClient
from tests.support.bookmark_status import status_of, unique_url
from tests.support.mail import approval_link, wait_for_message
from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for


def final_status(client: BookmarksClient, bookmark_id: str, expected: set[str]) -> dict[str, Any]:
    return status_of(client, bookmark_id, expected, timeout=20)


def test_an_approved_submission_goes_from_submission_to_notification(stack: RunningStack) -> None:
    alice = stack.client("alice")
    url = unique_url("approved")
    accepted = alice.submit(url, title="A good read", tags=["reading"])
    assert accepted["status"] == "SUBMITTED"

    link = approval_link(stack.api, accepted["bookmarkId"])
    page = requests.get(link, timeout=10)
    assert page.status_code == 200
    assert "A good read" in page.text
    decided = stack.client("maria").decide(link, "APPROVED", "Nice one")

    assert decided["decision"]["decision"] == "APPROVED"
    bookmark = final_status(alice, accepted["bookmarkId"], {"APPROVED"})
    assert bookmark["decisions"][0]["decidedBy"] == "maria"
    announcement = wait_for_message(stack.api, accepted["bookmarkId"], "team@example.com", "BOOKMARK_APPROVED")
    assert url in announcement["body"]
    listed = [item["bookmarkId"] for item in alice.bookmarks(status="APPROVED", tag="reading")["items"]]
    assert accepted["bookmarkId"] in listed


def test_a_rejected_submission_tells_the_submitter_the_managers_comment(stack: RunningStack) -> None:
    alice = stack.client("alice")
    accepted = alice.submit(unique_url("rejected"))

    stack.client("maria").decide(approval_link(stack.api, accepted["bookmarkId"]), "REJECTED", "Behind a paywall")

    assert final_status(alice, accepted["bookmarkId"], {"REJECTED"})["decisions"][0]["comment"] == "Behind a paywall"
    told = wait_for_message(stack.api, accepted["bookmarkId"], "alice@example.com", "BOOKMARK_REJECTED")
    assert "Behind a paywall" in told["body"]


def test_a_duplicate_submission_points_at_the_first_bookmark(stack: RunningStack) -> None:
    alice, bob = stack.client("alice"), stack.client("bob")
    url = unique_url("duplicate")
    first = alice.submit(url)
    approval_link(stack.api, first["bookmarkId"])

    second = bob.submit(url.replace("https://example.com", "HTTPS://Example.COM:443") + "?utm_source=chat#top")

    duplicate = final_status(bob, second["bookmarkId"], {"DUPLICATE"})
    assert duplicate["duplicateOf"] == first["bookmarkId"]
    told = wait_for_message(stack.api, second["bookmarkId"], "bob@example.com", "BOOKMARK_DUPLICATE")
    assert first["bookmarkId"] in told["body"]


def test_an_invalid_submission_is_recorded_invalid_with_its_reason(stack: RunningStack) -> None:
    alice = stack.client("alice")

    accepted = alice.submit("https://[zzzz]/private")

    invalid = final_status(alice, accepted["bookmarkId"], {"INVALID"})
    assert "host cannot be read" in invalid["reasons"]
    told = wait_for_message(stack.api, accepted["bookmarkId"], "alice@example.com", "BOOKMARK_INVALID")
    assert "host cannot be read" in told["body"]


def test_the_aws_endpoint_serves_step_functions_to_boto3(stack: RunningStack) -> None:
    accepted = stack.client("alice").submit(unique_url("boto3"))
    sfn = stack.aws_client("stepfunctions")
    machine = stack.config()["stateMachineArn"]

    executions = sfn.list_executions(stateMachineArn=machine)["executions"]

    assert accepted["executionArn"] in [execution["executionArn"] for execution in executions]
    history = wait_for(
        lambda: sfn.get_execution_history(executionArn=accepted["executionArn"])["events"], 10, "the history"
    )
    assert history[0]["type"] == "ExecutionStarted"


def test_lambda_output_goes_to_cloudwatch_logs_not_the_terminal(stack: RunningStack) -> None:
    accepted = stack.client("alice").submit(unique_url("logs"))
    approval_link(stack.api, accepted["bookmarkId"])
    logs = stack.aws_client("logs")

    events = logs.filter_log_events(logGroupName="/aws/lambda/bookmarks-flow-RequestApprovalFunction")["events"]

    assert any(accepted["bookmarkId"] in event["message"] for event in events)
    assert not any("Approval requested" in line for line in stack.output)


def test_the_local_pages_refuse_a_foreign_host_name(stack: RunningStack) -> None:
    for path in ("/_local/mailbox", "/_local/console/"):
        rebound = requests.get(f"{stack.api}{path}", headers={"Host": "attacker.example:3000"}, timeout=10)
        assert rebound.status_code == 403
        assert requests.get(f"{stack.api}{path}", timeout=10).status_code == 200
