"""Server-side records of pending approvals: the only place a task token is stored."""

from __future__ import annotations

from bookmarks_tasks.aws.clients import client
from bookmarks_tasks.domain.approval_request import ApprovalRequest
from bookmarks_tasks.domain.submission import Bookmark, Submitter


def save_pending_approval(
    *,
    table_name: str,
    request: ApprovalRequest,
    task_token: str,
    execution_arn: str,
    bookmark: Bookmark,
    submitter: Submitter,
    created_at: str,
) -> None:
    client("dynamodb").put_item(
        TableName=table_name,
        Item={
            "approvalId": {"S": request.approval_id},
            "status": {"S": "PENDING"},
            "taskToken": {"S": task_token},
            "bookmarkId": {"S": request.bookmark_id},
            "executionArn": {"S": execution_arn},
            "url": {"S": bookmark.url},
            "title": {"S": bookmark.title},
            "description": {"S": bookmark.description},
            "tags": {"L": [{"S": tag} for tag in bookmark.tags]},
            "submitterUsername": {"S": submitter.username},
            "createdAt": {"S": created_at},
            "expiresAt": {"N": str(request.expires_at)},
            # TTL deletes the record (and its token) a day after the link stops working.
            "expiresAtEpoch": {"N": str(request.expires_at + 86400)},
        },
        ConditionExpression="attribute_not_exists(approvalId)",
    )
