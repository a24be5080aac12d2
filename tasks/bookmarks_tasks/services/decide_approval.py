"""Deciding an approval: single use, safe against double clicks and against a task that already ended."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from bookmarks_tasks.aws.approvals_table import (
    AlreadyDecided,
    claim_decision,
    finish_decision,
    get_approval,
    release_claim,
)
from bookmarks_tasks.aws.task_callback import TaskClosed, send_decision
from bookmarks_tasks.domain.approval_decision import Decision


class Outcome(StrEnum):
    DECIDED = "DECIDED"
    ALREADY_DECIDED = "ALREADY_DECIDED"
    TASK_CLOSED = "TASK_CLOSED"
    NOT_FOUND = "NOT_FOUND"


@dataclass(frozen=True)
class DecisionResult:
    outcome: Outcome
    record: dict[str, Any]


def decide_approval(table_name: str, approval_id: str, decision: Decision) -> DecisionResult:
    record = get_approval(table_name, approval_id)
    if record is None:
        return DecisionResult(Outcome.NOT_FOUND, {})
    try:
        task_token = claim_decision(table_name, approval_id, decision)
    except AlreadyDecided as already:
        return DecisionResult(Outcome.ALREADY_DECIDED, already.record or record)
    try:
        send_decision(task_token, decision)
    except TaskClosed:
        finish_decision(table_name, approval_id, "TASK_CLOSED")
        return DecisionResult(Outcome.TASK_CLOSED, record)
    except Exception:
        release_claim(table_name, approval_id, decision)
        raise
    finish_decision(table_name, approval_id, decision.kind.value)
    return DecisionResult(Outcome.DECIDED, {**record, **decision.document()})
