"""Completing the waiting "Ask A Manager" task with a decision."""

from __future__ import annotations

import json

from botocore.exceptions import ClientError

from bookmarks_tasks.aws.clients import client
from bookmarks_tasks.domain.approval_decision import REJECTION_ERROR, Decision, DecisionKind

# The task is gone: it timed out, the execution ended, or the token was already used.
TASK_CLOSED_ERRORS = frozenset({"TaskTimedOut", "TaskDoesNotExist", "InvalidToken"})


class TaskClosed(Exception):
    """``code`` is Step Functions' error: TaskTimedOut while the execution runs on, else the task is gone."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def send_decision(task_token: str, decision: Decision) -> None:
    sfn = client("stepfunctions")
    try:
        if decision.kind is DecisionKind.APPROVED:
            sfn.send_task_success(taskToken=task_token, output=decision.cause())
        else:
            sfn.send_task_failure(taskToken=task_token, error=REJECTION_ERROR, cause=decision.cause())
    except ClientError as error:
        if error.response["Error"]["Code"] in TASK_CLOSED_ERRORS:
            raise TaskClosed(error.response["Error"]["Code"]) from error
        raise


def send_first_approval(task_token: str, decision: Decision, remaining_seconds: int) -> None:
    """The first of two approvals completes the wait with ``secondApprovalNeeded``: the workflow records it,
    tells the submitter and waits for the second for ``remaining_seconds`` (what was left of this wait)."""
    document = {**decision.document(), "secondApprovalNeeded": True, "remainingSeconds": remaining_seconds}
    try:
        client("stepfunctions").send_task_success(taskToken=task_token, output=json.dumps(document))
    except ClientError as error:
        if error.response["Error"]["Code"] in TASK_CLOSED_ERRORS:
            raise TaskClosed(error.response["Error"]["Code"]) from error
        raise
