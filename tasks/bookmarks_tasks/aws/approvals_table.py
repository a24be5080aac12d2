"""Server-side records of pending approvals: the only place a task token is stored."""

from __future__ import annotations

from typing import Any

from bookmarks_tasks.aws.clients import client
from bookmarks_tasks.aws.items import plain_item
from bookmarks_tasks.domain.approval_decision import Decision
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
    correlation_id: str = "",
) -> None:
    """``correlation_id`` (the submission's) lets the decision's log lines carry the same id."""
    correlation = {"correlationId": {"S": correlation_id}} if correlation_id else {}
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
            **correlation,
        },
        ConditionExpression="attribute_not_exists(approvalId)",
    )


class AlreadyDecided(Exception):
    def __init__(self, record: dict[str, Any]) -> None:
        super().__init__("the approval was already decided")
        self.record = record


def get_approval(table_name: str, approval_id: str) -> dict[str, Any] | None:
    key = {"approvalId": {"S": approval_id}}
    item = client("dynamodb").get_item(TableName=table_name, Key=key, ConsistentRead=True)
    return plain_item(item["Item"]) if "Item" in item else None


def claim_decision(table_name: str, approval_id: str, decision: Decision) -> str:
    """Single use: only the first decision moves the record out of PENDING; it gets the task token back."""
    try:
        response = client("dynamodb").update_item(
            TableName=table_name,
            Key={"approvalId": {"S": approval_id}},
            UpdateExpression="SET #status = :decided, decision = :decision, decidedBy = :by, decidedAt = :at, "
            "decisionComment = :comment",
            ConditionExpression="#status = :pending",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={
                ":decided": {"S": "DECIDED"},
                ":pending": {"S": "PENDING"},
                ":decision": {"S": decision.kind.value},
                ":by": {"S": decision.decided_by},
                ":at": {"S": decision.decided_at},
                ":comment": {"S": decision.comment},
            },
            ReturnValues="ALL_OLD",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    except client("dynamodb").exceptions.ConditionalCheckFailedException as error:
        raise AlreadyDecided(plain_item(error.response.get("Item", {}))) from error
    return str(response["Attributes"]["taskToken"]["S"])


def finish_decision(table_name: str, approval_id: str, outcome: str) -> None:
    """Drops the task token once it has been used (or can no longer be), so that it is stored no longer than needed."""
    client("dynamodb").update_item(
        TableName=table_name,
        Key={"approvalId": {"S": approval_id}},
        UpdateExpression="SET outcome = :outcome REMOVE taskToken",
        ExpressionAttributeValues={":outcome": {"S": outcome}},
    )


def release_claim(table_name: str, approval_id: str, decision: Decision) -> None:
    """Undoes a claim whose callback failed for a transient reason, so that the manager can try again."""
    client("dynamodb").update_item(
        TableName=table_name,
        Key={"approvalId": {"S": approval_id}},
        UpdateExpression="SET #status = :pending REMOVE decision, decidedBy, decidedAt, decisionComment",
        ConditionExpression="#status = :decided AND decidedAt = :at",
        ExpressionAttributeNames={"#status": "status"},
        ExpressionAttributeValues={
            ":pending": {"S": "PENDING"},
            ":decided": {"S": "DECIDED"},
            ":at": {"S": decision.decided_at},
        },
    )
