"""Submit → approve → notified, against a deployed stack, then remove everything the run made.

Each step reports as it ends; the first that fails raises SmokeFailure, and the clean-up runs either way.
"""

from __future__ import annotations

import re
import secrets
import time
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import Any

from bookmarks_flow.client import ApiError, BookmarksClient
from bookmarks_flow.smoke.failure import SmokeFailure
from bookmarks_flow.smoke.listener import Notification, TopicListener
from bookmarks_flow.smoke.outputs import stack_outputs
from bookmarks_flow.smoke.users import ThrowAwayUsers

_APPROVAL_LINK = re.compile(r"https?://[^\s<>\"']+/approvals/[^\s<>\"']+")
POLL_SECONDS = 0.5


@dataclass
class SmokeRun:
    stack_name: str
    timeout_seconds: float
    report: Callable[[str], None]
    run_id: str = field(default_factory=lambda: secrets.token_hex(6))
    started: float = field(default_factory=time.monotonic)

    def step(self, text: str) -> None:
        self.report(f"[{time.monotonic() - self.started:5.1f} s] {text}")


def _wait_for_status(client: BookmarksClient, bookmark_id: str, wanted: str, timeout_seconds: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout_seconds
    seen = "nothing"
    while time.monotonic() < deadline:
        try:
            bookmark = client.bookmark(bookmark_id)
        except ApiError as error:
            seen = f"HTTP {error.status}"
        else:
            seen = str(bookmark.get("status"))
            if seen == wanted:
                return bookmark
            if seen in {"INVALID", "DUPLICATE", "REJECTED", "EXPIRED", "FAILED"}:
                raise SmokeFailure(f"bookmark {bookmark_id} ended {seen}, not {wanted}: {bookmark}")
        time.sleep(POLL_SECONDS)
    raise SmokeFailure(f"bookmark {bookmark_id} is {seen}, not {wanted}, after {timeout_seconds:.0f} s")


def _remove_bookmark(dynamodb: Any, table_name: str, bookmark_id: str) -> None:
    """The bookmark record and its URL claim (the ASL's keys: BOOKMARK#id and URL#normalizedUrl)."""
    key = {"pk": {"S": f"BOOKMARK#{bookmark_id}"}}
    item = dynamodb.get_item(TableName=table_name, Key=key).get("Item", {})
    normalized_url = item.get("normalizedUrl", {}).get("S")
    if normalized_url:
        dynamodb.delete_item(TableName=table_name, Key={"pk": {"S": f"URL#{normalized_url}"}})
    dynamodb.delete_item(TableName=table_name, Key=key)


def _stop_if_running(stepfunctions: Any, state_machine_arn: str, bookmark_id: str) -> None:
    """A run that failed half-way must not leave its execution waiting for a manager for days."""
    execution_arn = state_machine_arn.replace(":stateMachine:", ":execution:", 1) + f":{bookmark_id}"
    if stepfunctions.describe_execution(executionArn=execution_arn)["status"] == "RUNNING":
        stepfunctions.stop_execution(executionArn=execution_arn, cause="bookmarks smoke test clean-up")


def run_smoke(session: Any, run: SmokeRun) -> str:
    """Returns the id of the bookmark that went through (and was then removed)."""
    outputs = stack_outputs(session.client("cloudformation"), run.stack_name)
    run.step(f"stack {run.stack_name}: API {outputs['ApiUrl']}")
    with ExitStack() as cleanup:
        users = ThrowAwayUsers(
            session.client("cognito-idp"), outputs["UserPoolId"], outputs["UserPoolClientId"], run.run_id
        )
        cleanup.callback(users.remove_all)
        submitter = users.create("submitter")
        manager = users.create("manager", group=outputs["ManagersGroupName"])
        run.step(f"throw-away users {submitter.username} and {manager.username} created")

        listener = TopicListener(
            session.client("sqs"),
            session.client("sns"),
            queue_name=f"bookmarks-smoke-{run.run_id}",
            topic_arns=[outputs["ApprovalRequestsTopicArn"], outputs["BookmarkEventsTopicArn"]],
        )
        cleanup.callback(listener.close)
        listener.open()
        run.step("listening to the approval and event topics")

        api = outputs["ApiUrl"].rstrip("/")
        as_submitter = BookmarksClient(api, users.id_token(submitter))
        accepted = as_submitter.submit(
            f"https://example.com/bookmarks-smoke/{run.run_id}",
            title=f"bookmarks smoke test {run.run_id}",
            description="Made by `bookmarks smoke`; removed when the run ends.",
            tags=["smoke-test"],
        )
        bookmark_id = str(accepted["bookmarkId"])
        cleanup.callback(_remove_bookmark, session.client("dynamodb"), outputs["BookmarksTableName"], bookmark_id)
        cleanup.callback(
            _stop_if_running, session.client("stepfunctions"), outputs["SubmitBookmarkStateMachineArn"], bookmark_id
        )
        run.step(f"submitted: bookmark {bookmark_id} accepted")
        _wait_for_status(as_submitter, bookmark_id, "PENDING_APPROVAL", run.timeout_seconds)
        run.step("PENDING_APPROVAL")

        def is_our_request(notification: Notification) -> bool:
            return notification.topic_arn == outputs["ApprovalRequestsTopicArn"] and run.run_id in notification.message

        request = listener.wait_for("approval request", is_our_request, run.timeout_seconds)
        link = _APPROVAL_LINK.search(request.message)
        if link is None:
            raise SmokeFailure(f"the approval request carries no approval link: {request.message[:300]!r}")
        run.step("approval request received with its link")

        BookmarksClient(api, users.id_token(manager)).decide(link.group(0), "APPROVED", "bookmarks smoke test")
        _wait_for_status(as_submitter, bookmark_id, "APPROVED", run.timeout_seconds)
        run.step("approved by the throw-away manager: APPROVED")

        def is_our_announcement(notification: Notification) -> bool:
            return (
                notification.topic_arn == outputs["BookmarkEventsTopicArn"]
                and notification.attributes.get("eventType") == "BOOKMARK_APPROVED"
                and notification.attributes.get("submitter") == submitter.username
            )

        listener.wait_for("BOOKMARK_APPROVED notification", is_our_announcement, run.timeout_seconds)
        run.step("subscribers notified (BOOKMARK_APPROVED)")
    run.step("removed the users, the queue, its subscriptions and the bookmark")
    return bookmark_id
