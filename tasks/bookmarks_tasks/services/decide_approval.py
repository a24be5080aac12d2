"""Deciding an approval: single use, safe against double clicks and against a task that already ended.

A decision is recorded on the approval first (a conditional write) and only then sent to the waiting task. When
that task has just timed out because a reminder or the escalation was due, the workflow is taking up its next
wait for the same approval: the decision stays recorded and the workflow's next wait completes at once with it
(handlers/request_approval.py), because a task token can be completed only once and this one is spent.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bookmarks_tasks.aws.approvals_table import (
    AlreadyDecided,
    claim_decision,
    claim_first_approval,
    finish_decision,
    get_approval,
    release_claim,
)
from bookmarks_tasks.aws.task_callback import TaskClosed, send_decision, send_first_approval
from bookmarks_tasks.domain.approval_decision import Decision, DecisionKind
from bookmarks_tasks.domain.approval_plan import EXPIRY


class Outcome(StrEnum):
    DECIDED = "DECIDED"
    FIRST_APPROVAL = "FIRST_APPROVAL"
    RECORDED = "RECORDED"
    SAME_MANAGER = "SAME_MANAGER"
    ALREADY_DECIDED = "ALREADY_DECIDED"
    TASK_CLOSED = "TASK_CLOSED"
    NOT_FOUND = "NOT_FOUND"


@dataclass(frozen=True)
class DecisionResult:
    outcome: Outcome
    record: dict[str, Any]


def _needs_first_approval(record: dict[str, Any], decision: Decision) -> bool:
    two_person = int(record.get("approvalsNeeded", 1)) >= 2
    return two_person and decision.kind is DecisionKind.APPROVED and "firstApprovedBy" not in record


def _refused(record: dict[str, Any], decision: Decision) -> DecisionResult:
    if record.get("status") != "DECIDED" and record.get("firstApprovedBy") == decision.decided_by:
        return DecisionResult(Outcome.SAME_MANAGER, record)
    return DecisionResult(Outcome.ALREADY_DECIDED, record)


def _first_approval(table_name: str, approval_id: str, decision: Decision, record: dict[str, Any]) -> DecisionResult:
    before = claim_first_approval(table_name, approval_id, decision)
    # What is left of the wait the first approval ends: the second wait ends at the same deadline. A record
    # written before deadlines were kept ends at the link's expiry.
    deadline = int(before.get("deadlineAt") or before.get("expiresAt") or 0)
    remaining = max(1, deadline - int(time.time()))
    try:
        send_first_approval(str(before["taskToken"]), decision, remaining)
    except TaskClosed:
        # The wait timed out at a deadline meanwhile: its next wait finds the record HALF_APPROVED and asks on.
        return DecisionResult(Outcome.FIRST_APPROVAL, record)
    return DecisionResult(Outcome.FIRST_APPROVAL, {**record, **decision.document()})


def decide_approval(table_name: str, approval_id: str, decision: Decision) -> DecisionResult:
    record = get_approval(table_name, approval_id)
    if record is None:
        return DecisionResult(Outcome.NOT_FOUND, {})
    try:
        if _needs_first_approval(record, decision):
            try:
                return _first_approval(table_name, approval_id, decision, record)
            except AlreadyDecided as first_taken:
                record = first_taken.record or record  # another manager approved first: this may be the second
        claim = claim_decision(table_name, approval_id, decision)
    except AlreadyDecided as already:
        return _refused(already.record or record, decision)
    if claim.task_token is None:
        return DecisionResult(Outcome.RECORDED, {**record, **decision.document()})
    try:
        send_decision(claim.task_token, decision)
    except TaskClosed as closed:
        if closed.code == "TaskTimedOut" and claim.next_deadline != EXPIRY:
            # Timed out at a reminder or the escalation, not at the expiry: the next wait takes the decision up.
            return DecisionResult(Outcome.RECORDED, {**record, **decision.document()})
        finish_decision(table_name, approval_id, "TASK_CLOSED")
        return DecisionResult(Outcome.TASK_CLOSED, record)
    except Exception:
        release_claim(table_name, approval_id, decision, str(record.get("status", "PENDING")))
        raise
    finish_decision(table_name, approval_id, decision.kind.value)
    return DecisionResult(Outcome.DECIDED, {**record, **decision.document()})
