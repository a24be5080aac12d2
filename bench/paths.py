"""Runs each path of the workflow in the local environment and keeps what the cost model needs from it: the
execution history, the Lambda invocations (measured duration, AWS calls made by the handler), the e-mails
delivered, and the size of the items the path left in each table."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from bench.environments import Invocation, metered_runtime, recording_handler_calls, stamped_mailbox
from bench.workload import (
    APPROVAL_ESCALATION,
    APPROVAL_REMINDER,
    APPROVAL_REQUESTED,
    APPROVAL_SECOND_APPROVAL,
    Workflow,
    submission,
)
from bookmarks_flow.local.environment import LocalEnvironment

TERMINAL = {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"}
# moto's task tokens are short; AWS's are up to 2,048 characters (aws-facts.md). An item that stores a token is
# sized as if it held one of that length: the approval record is then over 1 KB and costs 3 write units.
AWS_TASK_TOKEN_CHARS = 2048
WAIT_SECONDS = 60.0


class Path(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"
    DUPLICATE = "duplicate"
    INVALID = "invalid"
    EXPIRED = "expired"
    FAILED = "failed"
    # Issue 15's paths, run with FOLLOW_UP_PARAMETERS (see run_follow_ups).
    REMINDED = "approved after a reminder"
    ESCALATED = "escalated then approved"
    TWO_PERSON = "two-person approved"
    EXPIRED_AFTER_ESCALATION = "expired after escalation"


# One reminder after 3 s, the escalation after 6 s, the expiry after 9 s; "security" needs two approvals. Seconds
# apart, so that the decisions the bench sends (on the e-mail) land well before the next deadline.
FOLLOW_UP_PARAMETERS = {
    "ApprovalTimeoutSeconds": "9",
    "ApprovalReminderSeconds": "3",
    "ApprovalMaxReminders": "1",
    "ApprovalEscalationSeconds": "6",
    "TwoPersonApprovalTags": "security",
}
Decide = Callable[[str], None]


@dataclass
class PathRun:
    path: Path
    status: str
    events: list[dict[str, Any]]
    invocations: list[Invocation]
    emails: int
    item_bytes: dict[str, int] = field(default_factory=dict)  # table -> largest item the path left there


def dynamodb_item_bytes(item: dict[str, Any]) -> int:
    """An item's size as DynamoDB bills it: attribute names plus values (numbers approximated as text)."""
    return sum(len(name.encode()) + _value_bytes(value) for name, value in item.items())


def _value_bytes(value: dict[str, Any]) -> int:
    (kind, content), *_ = value.items()
    if kind in ("S", "N", "B"):
        return len(str(content).encode())
    if kind in ("BOOL", "NULL"):
        return 1
    if kind == "L":
        return 3 + sum(1 + _value_bytes(element) for element in content)
    if kind == "M":
        return 3 + sum(1 + len(k.encode()) + _value_bytes(v) for k, v in content.items())
    if kind in ("SS", "NS", "BS"):
        return sum(len(str(element).encode()) for element in content)
    return len(str(content).encode())


class PathRunner:
    """Drives one path at a time in an environment whose runtime is metered."""

    def __init__(self, environment: LocalEnvironment) -> None:
        self.environment = environment
        self.workflow = Workflow.of(environment)
        self.mailbox = stamped_mailbox(environment)
        self.runtime = metered_runtime(environment)
        self.tables = {
            logical_id: str(environment.stack.physical(logical_id))
            for logical_id in ("BookmarksTable", "ApprovalsTable", "IdempotencyTable")
        }

    def run(
        self,
        path: Path,
        name: str,
        url: str | None = None,
        decide: Decide | None = None,
        *,
        decide_on: Mapping[str, Decide] | None = None,
        tags: list[str] | None = None,
    ) -> PathRun:
        """``decide`` answers the approval request; ``decide_on`` answers the messages of the given event types
        (a reminder, an escalation, a request for the second approval)."""
        answers = dict(decide_on or {})
        if decide is not None:
            answers.setdefault(APPROVAL_REQUESTED, decide)
        self.mailbox.take(timeout=0)
        gc.collect()  # the previous run's garbage, collected now rather than inside a timed invocation
        self.runtime.record = []
        self.runtime.recording = True
        emails = 0
        with recording_handler_calls(self.runtime):
            arn = self.workflow.start(name, submission(0, name, url=url, tags=tags))
            deadline = time.monotonic() + WAIT_SECONDS
            status = "RUNNING"
            while status not in TERMINAL and time.monotonic() < deadline:
                for delivery in self.mailbox.take(timeout=0.05):
                    emails += 1
                    answer = answers.get(delivery.event_type)
                    if answer is not None:
                        answer(delivery.body)
                status = self.workflow.status(arn)
            emails += len(self.mailbox.take(timeout=0.05))
        self.runtime.recording = False
        if status not in TERMINAL:
            raise TimeoutError(f"the {path} execution {name} did not finish within {WAIT_SECONDS} s")
        return PathRun(
            path=path,
            status=status,
            events=self.workflow.history(arn),
            invocations=list(self.runtime.record),
            emails=emails,
            item_bytes=self._item_bytes(name),
        )

    def _item_bytes(self, bookmark_id: str) -> dict[str, int]:
        dynamodb = self.workflow.dynamodb
        sizes: dict[str, int] = {}
        for logical_id, table in self.tables.items():
            largest = 0
            for page in dynamodb.get_paginator("scan").paginate(TableName=table):
                for item in page["Items"]:
                    mentions = item.get("bookmarkId", {}).get("S") == bookmark_id or logical_id == "IdempotencyTable"
                    if mentions:
                        token = item.get("taskToken", {}).get("S", "")
                        padding = max(0, AWS_TASK_TOKEN_CHARS - len(token)) if token else 0
                        largest = max(largest, dynamodb_item_bytes(item) + padding)
            sizes[logical_id] = largest
        return sizes


def warm_up(environment: LocalEnvironment, *, expiring: bool = False) -> None:
    """One execution, not recorded: the first invocation of each function imports its module. ``expiring``: an
    environment whose approvals time out within seconds, where a decision could arrive after its token timed out
    (TaskTimedOut, as on AWS), so the warm-up lets its approval expire instead."""
    runner = PathRunner(environment)
    if expiring:
        runner.run(Path.EXPIRED, "warm-expired", "https://example.com/warm/expired")
    else:
        runner.run(Path.APPROVED, "warm-approved", "https://example.com/warm/approved", runner.workflow.approve)


def run_paths(environment: LocalEnvironment, repeat: int, fault_function: str | None = None) -> list[PathRun]:
    """Every path except ``expired`` (it needs a short approval timeout: see run_expired), ``repeat`` times.

    ``failed``: Lambda itself (not the code) fails every attempt of ``fault_function``: three retries, then the
    failure path.
    """
    runner = PathRunner(environment)
    approve, reject = runner.workflow.approve, runner.workflow.reject
    runs: list[PathRun] = []
    for attempt in range(repeat):
        base = f"https://example.com/cost/{attempt}"
        runs.append(runner.run(Path.APPROVED, f"cost-{attempt}-approved", f"{base}/approved", approve))
        runs.append(runner.run(Path.REJECTED, f"cost-{attempt}-rejected", f"{base}/rejected", reject))
        runs.append(runner.run(Path.DUPLICATE, f"cost-{attempt}-duplicate", f"{base}/approved"))
        runs.append(runner.run(Path.INVALID, f"cost-{attempt}-invalid", "not a link"))
        if fault_function is not None:
            environment.runtime.inject_service_fault(fault_function, "ServiceException", times=4)
            runs.append(runner.run(Path.FAILED, f"cost-{attempt}-failed", f"{base}/failed"))
    return runs


def run_expired(environment: LocalEnvironment, repeat: int) -> list[PathRun]:
    """Submissions nobody decides, in an environment whose ApprovalTimeoutSeconds is short."""
    runner = PathRunner(environment)
    return [
        runner.run(Path.EXPIRED, f"cost-{attempt}-expired", f"https://example.com/cost/{attempt}/expired")
        for attempt in range(repeat)
    ]


def run_follow_ups(environment: LocalEnvironment, repeat: int) -> list[PathRun]:
    """Issue 15's paths, in an environment provisioned with FOLLOW_UP_PARAMETERS: approved at the reminder;
    approved at the escalation (after the reminder); approved twice (two-person tag); expired after the reminder
    and the escalation."""
    runner = PathRunner(environment)
    workflow = runner.workflow
    twice = {APPROVAL_REQUESTED: workflow.approve_first_of_two, APPROVAL_SECOND_APPROVAL: workflow.approve}
    runs: list[PathRun] = []
    for attempt in range(repeat):
        base = f"https://example.com/cost/{attempt}"
        reminded = {APPROVAL_REMINDER: workflow.approve}
        runs.append(runner.run(Path.REMINDED, f"cost-{attempt}-reminded", f"{base}/reminded", decide_on=reminded))
        runs.append(
            runner.run(
                Path.ESCALATED,
                f"cost-{attempt}-escalated",
                f"{base}/escalated",
                decide_on={APPROVAL_ESCALATION: workflow.approve},
            )
        )
        runs.append(
            runner.run(
                Path.TWO_PERSON,
                f"cost-{attempt}-two-person",
                f"{base}/two-person",
                decide_on=twice,
                tags=["security"],
            )
        )
        runs.append(runner.run(Path.EXPIRED_AFTER_ESCALATION, f"cost-{attempt}-ignored", f"{base}/ignored"))
    return runs
