"""Server-side records of pending approvals: the only place a task token is stored."""

from __future__ import annotations

from dataclasses import dataclass
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
    approvals_needed: int = 1,
    next_deadline: str = "EXPIRY",
    deadline_at: int = 0,
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
            "nextDeadline": {"S": next_deadline},
            **({"deadlineAt": {"N": str(deadline_at)}} if deadline_at else {}),
            **({"approvalsNeeded": {"N": str(approvals_needed)}} if approvals_needed != 1 else {}),
        },
        ConditionExpression="attribute_not_exists(approvalId)",
    )


def take_over_pending_approval(table_name: str, approval_id: str, task_token: str, execution_arn: str) -> bool | None:
    """An earlier attempt of this same wait saved the approval and then died (its Lambda killed mid-way, or the
    local stack crashed): this attempt's task token replaces its token. Whether the approval request was already
    published (``requestSentAt``), or None when the record is not a pending one of this execution."""
    try:
        answer = client("dynamodb").update_item(
            TableName=table_name,
            Key={"approvalId": {"S": approval_id}},
            UpdateExpression="SET taskToken = :token",
            ConditionExpression="executionArn = :execution AND #status = :pending",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues={
                ":token": {"S": task_token},
                ":execution": {"S": execution_arn},
                ":pending": {"S": "PENDING"},
            },
            ReturnValues="ALL_NEW",
        )
    except client("dynamodb").exceptions.ConditionalCheckFailedException:
        return None
    return "requestSentAt" in answer["Attributes"]


def mark_request_sent(table_name: str, approval_id: str, sent_at: str) -> None:
    """The approval e-mail went out: an attempt repeated after a crash does not send it again."""
    client("dynamodb").update_item(
        TableName=table_name,
        Key={"approvalId": {"S": approval_id}},
        UpdateExpression="SET requestSentAt = :sent",
        ExpressionAttributeValues={":sent": {"S": sent_at}},
    )


class AlreadyDecided(Exception):
    def __init__(self, record: dict[str, Any]) -> None:
        super().__init__("the approval was already decided")
        self.record = record


def get_approval(table_name: str, approval_id: str) -> dict[str, Any] | None:
    key = {"approvalId": {"S": approval_id}}
    item = client("dynamodb").get_item(TableName=table_name, Key=key, ConsistentRead=True)
    return plain_item(item["Item"]) if "Item" in item else None


def _claim(table_name: str, approval_id: str, update: str, condition: str, values: dict[str, Any]) -> dict[str, Any]:
    """One conditional write on the approval record; the record as it was before (it holds the task token), or
    AlreadyDecided with the record as it is when the condition fails."""
    try:
        response = client("dynamodb").update_item(
            TableName=table_name,
            Key={"approvalId": {"S": approval_id}},
            UpdateExpression=update,
            ConditionExpression=condition,
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues=values,
            ReturnValues="ALL_OLD",
            ReturnValuesOnConditionCheckFailure="ALL_OLD",
        )
    except client("dynamodb").exceptions.ConditionalCheckFailedException as error:
        raise AlreadyDecided(plain_item(error.response.get("Item", {}))) from error
    return dict(response["Attributes"])


def _manager(decision: Decision) -> dict[str, Any]:
    return {
        ":by": {"S": decision.decided_by},
        ":at": {"S": decision.decided_at},
        ":comment": {"S": decision.comment},
    }


@dataclass(frozen=True)
class Claim:
    """What a claimed decision is sent with: the wait's task token (None when the wait holds none at the moment:
    the workflow is taking up its next wait and will find the decision), and what that wait ends with."""

    task_token: str | None
    next_deadline: str


def claim_decision(table_name: str, approval_id: str, decision: Decision) -> Claim:
    """Single use: only the first decision moves the record out of PENDING (or, with two approvals needed, out
    of HALF_APPROVED, by a manager other than the first)."""
    before = _claim(
        table_name,
        approval_id,
        "SET #status = :decided, decision = :decision, decidedBy = :by, decidedAt = :at, decisionComment = :comment",
        # A rejection needs anyone; an approval of a two-person record needs a first approval by someone else.
        "(#status = :pending OR #status = :half) AND (:decision = :rejected OR "
        "attribute_not_exists(approvalsNeeded) OR (attribute_exists(firstApprovedBy) AND firstApprovedBy <> :by))",
        {
            ":decided": {"S": "DECIDED"},
            ":pending": {"S": "PENDING"},
            ":half": {"S": "HALF_APPROVED"},
            ":rejected": {"S": "REJECTED"},
            ":decision": {"S": decision.kind.value},
            **_manager(decision),
        },
    )
    token = before.get("taskToken", {}).get("S")
    next_deadline = str(before.get("nextDeadline", {}).get("S", "EXPIRY"))
    return Claim(task_token=str(token) if token else None, next_deadline=next_deadline)


def claim_first_approval(table_name: str, approval_id: str, decision: Decision) -> dict[str, Any]:
    """The first of two approvals: PENDING becomes HALF_APPROVED, the manager is recorded and the task token is
    handed back (and dropped from the record: the workflow's next wait brings a new one) with the rest of the
    record as it was."""
    before = _claim(
        table_name,
        approval_id,
        "SET #status = :half, firstApprovedBy = :by, firstApprovedAt = :at, firstApprovalComment = :comment "
        "REMOVE taskToken",
        "#status = :pending AND attribute_not_exists(firstApprovedBy)",
        {":half": {"S": "HALF_APPROVED"}, ":pending": {"S": "PENDING"}, **_manager(decision)},
    )
    return plain_item(before)


def renew_wait(
    table_name: str, approval_id: str, task_token: str, next_deadline: str, deadline_at: int, escalated_at: str | None
) -> bool:
    """The workflow waits again (after a reminder, the escalation or a first approval): the same record, so the
    same link, gets the new task token. False when a decision was recorded meanwhile (the record is DECIDED):
    the caller completes the new token with it."""
    escalation = ", escalatedAt = if_not_exists(escalatedAt, :escalated)" if escalated_at else ""
    values: dict[str, Any] = {
        ":token": {"S": task_token},
        ":next": {"S": next_deadline},
        ":deadline": {"N": str(deadline_at)},
        ":pending": {"S": "PENDING"},
        ":half": {"S": "HALF_APPROVED"},
    }
    if escalated_at:
        values[":escalated"] = {"S": escalated_at}
    try:
        client("dynamodb").update_item(
            TableName=table_name,
            Key={"approvalId": {"S": approval_id}},
            UpdateExpression="SET #status = :pending, taskToken = :token, nextDeadline = :next, deadlineAt = :deadline"
            + escalation,
            ConditionExpression="#status = :pending OR #status = :half",
            ExpressionAttributeNames={"#status": "status"},
            ExpressionAttributeValues=values,
        )
    except client("dynamodb").exceptions.ConditionalCheckFailedException:
        return False
    return True


def finish_decision(table_name: str, approval_id: str, outcome: str) -> None:
    """Drops the task token once it has been used (or can no longer be), so that it is stored no longer than needed."""
    client("dynamodb").update_item(
        TableName=table_name,
        Key={"approvalId": {"S": approval_id}},
        UpdateExpression="SET outcome = :outcome REMOVE taskToken",
        ExpressionAttributeValues={":outcome": {"S": outcome}},
    )


def release_claim(table_name: str, approval_id: str, decision: Decision, previous_status: str = "PENDING") -> None:
    """Undoes a claim whose callback failed for a transient reason, so that the manager can try again."""
    client("dynamodb").update_item(
        TableName=table_name,
        Key={"approvalId": {"S": approval_id}},
        UpdateExpression="SET #status = :previous REMOVE decision, decidedBy, decidedAt, decisionComment",
        ConditionExpression="#status = :decided AND decidedAt = :at",
        ExpressionAttributeNames={"#status": "status"},
        ExpressionAttributeValues={
            ":previous": {"S": previous_status},
            ":decided": {"S": "DECIDED"},
            ":at": {"S": decision.decided_at},
        },
    )
