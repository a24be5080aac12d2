"""One id finds a submission everywhere: the API request that submitted it is in the API's access log, its
request id is the execution's correlationId and the correlation_id of every function's log line about it; the
access log says who decided, and never holds a token or a link's signature. Read from the local stack's
CloudWatch Logs, where API Gateway and Lambda write on AWS."""

from __future__ import annotations

import json
import uuid
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.e2e.test_approval_links import decide, submitted_link
from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for

pytestmark = pytest.mark.e2e

ACCESS_LOG_FIELDS = {
    "requestId",
    "requestTime",
    "httpMethod",
    "resourcePath",
    "status",
    "responseLength",
    "integrationLatency",
    "sourceIp",
    "user",
}


def log_lines(stack: RunningStack, group: str) -> list[str]:
    logs = stack.aws_client("logs")
    try:
        events = logs.filter_log_events(logGroupName=group)["events"]
    except logs.exceptions.ResourceNotFoundException:
        return []
    return [str(event["message"]) for event in events]


def access_log_group(stack: RunningStack) -> str:
    groups = stack.aws_client("logs").describe_log_groups(logGroupNamePrefix="/aws/local/")["logGroups"]
    [group] = [g["logGroupName"] for g in groups if "ApiAccessLogs" in g["logGroupName"]]
    return str(group)


def access_entries(stack: RunningStack) -> list[dict[str, Any]]:
    return [json.loads(line) for line in log_lines(stack, access_log_group(stack))]


def function_entries(stack: RunningStack, logical_id: str) -> list[dict[str, Any]]:
    group = f"/aws/lambda/bookmarks-flow-{logical_id}"
    return [json.loads(line) for line in log_lines(stack, group) if line.startswith("{") and '"level"' in line]


def submission(stack: RunningStack) -> tuple[str, str, str]:
    """(bookmark id, approval link, the request id of the POST /bookmarks that submitted it)."""
    bookmark_id, link = submitted_link(stack, title=f"correlated {uuid.uuid4().hex}")
    execution = stack.aws_client("stepfunctions").describe_execution(
        executionArn=f"arn:aws:states:us-east-1:123456789012:execution:bookmarks-flow-submit-bookmark:{bookmark_id}"
    )
    return bookmark_id, link, str(json.loads(execution["input"])["correlationId"])


def test_every_api_request_is_one_json_line_in_the_access_log(stack: RunningStack) -> None:
    bookmark_id, _, request_id = submission(stack)

    [entry] = [entry for entry in access_entries(stack) if entry["requestId"] == request_id]

    assert set(entry) == ACCESS_LOG_FIELDS
    assert (entry["httpMethod"], entry["resourcePath"], entry["status"], entry["user"]) == (
        "POST",
        "/bookmarks",
        "202",
        "alice",
    )
    assert bookmark_id  # the bookmark id is found through the functions' lines with the same id


def test_the_submitting_request_id_is_the_correlation_id_of_every_functions_lines(stack: RunningStack) -> None:
    bookmark_id, _, request_id = submission(stack)

    functions = ("SubmitBookmarkFunction", "ValidateSubmissionFunction", "RequestApprovalFunction")

    def correlated() -> dict[str, list[dict[str, Any]]] | None:
        found = {
            name: [entry for entry in function_entries(stack, name) if entry.get("correlation_id") == request_id]
            for name in functions
        }
        return found if all(found.values()) else None

    found: dict[str, list[dict[str, Any]]] = wait_for(correlated, 10, "every function's lines")
    for name, entries in found.items():
        assert any(entry.get("bookmarkId") == bookmark_id for entry in entries), name


def test_the_decisions_lines_carry_the_submissions_id_and_the_decisions_request_id(stack: RunningStack) -> None:
    bookmark_id, link, request_id = submission(stack)
    assert decide(stack, link, "APPROVED", stack.token("maria")).status_code == 200

    def decided() -> list[dict[str, Any]]:
        entries = function_entries(stack, "DecideApprovalFunction")
        return [entry for entry in entries if entry.get("message") == "Decision recorded"]

    [line] = [entry for entry in wait_for(decided, 10, "the decision's line") if entry["bookmarkId"] == bookmark_id]
    assert line["correlation_id"] == request_id
    [access] = [entry for entry in access_entries(stack) if entry["requestId"] == line["requestId"]]
    assert (access["resourcePath"], access["user"], access["status"]) == ("/approvals/{approvalId}", "maria", "200")


def test_the_access_log_says_who_decided_and_holds_no_token(stack: RunningStack) -> None:
    _, link, _ = submission(stack)
    token = stack.token("maria")
    signature = parse_qs(urlsplit(link).query)["signature"][0]

    assert decide(stack, link, "APPROVED", token).status_code == 200

    decisions = [
        entry
        for entry in access_entries(stack)
        if (entry["httpMethod"], entry["resourcePath"]) == ("POST", "/approvals/{approvalId}")
    ]
    assert [(entry["user"], entry["status"]) for entry in decisions][-1] == ("maria", "200")
    text = "\n".join(log_lines(stack, access_log_group(stack)))
    assert signature not in text
    assert token not in text
    assert "taskToken" not in text


def test_an_unauthenticated_request_is_logged_without_a_user(stack: RunningStack) -> None:
    assert requests.get(f"{stack.api}/bookmarks", timeout=10).status_code == 401

    entries = [entry for entry in access_entries(stack) if entry["status"] == "401"]
    assert entries
    assert entries[-1]["user"] == "-"
