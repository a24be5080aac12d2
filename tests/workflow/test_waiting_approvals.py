"""The managers' waiting list (GET /approvals, BrowseBookmarksFunction) skips approvals whose link expired: they
stay PENDING in the table until their TTL removes them, and may fill the oldest end of the index."""

from __future__ import annotations

import json
import time

from bookmarks_flow.local.api.integrations import HttpRequest
from tests.support.workflow import Workflow

MANAGER = {"cognito:username": "maria", "cognito:groups": "managers"}


def _expired_approvals(workflow: Workflow, count: int) -> None:
    table = workflow.env.stack.physical("ApprovalsTable")
    dynamodb = workflow.env.client("dynamodb")
    for number in range(count):
        dynamodb.put_item(
            TableName=table,
            Item={
                "approvalId": {"S": f"expired-{number:03}"},
                "status": {"S": "PENDING"},
                "createdAt": {"S": f"2020-01-01T00:00:{number % 60:02}Z"},
                "bookmarkId": {"S": f"bm-expired-{number}"},
                "url": {"S": "https://example.com/expired"},
                "expiresAt": {"N": str(int(time.time()) - 3600)},
            },
        )


def test_a_page_of_the_waiting_list_is_full_even_behind_many_expired_approvals(workflow: Workflow) -> None:
    waiting = workflow.submit("https://example.com/still-waiting")
    workflow.wait_for_approval_request(waiting)
    _expired_approvals(workflow, 30)

    request = HttpRequest("GET", "/approvals", "/approvals", {}, {"limit": "5"}, {}, {}, b"", "127.0.0.1", MANAGER)
    answer = workflow.call_api_function("BrowseBookmarksFunction", request)

    assert answer["statusCode"] == 200
    assert [item["bookmarkId"] for item in json.loads(answer["body"])["items"]] == [waiting]
