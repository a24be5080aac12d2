"""Latency in the local environment, one execution at a time: how long a submitter waits before the manager has
the approval e-mail, and how long after the manager's decision the subscribers have their notification."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from bench.environments import StampedMailbox, stamped_mailbox
from bench.workload import APPROVAL_REQUESTED, BOOKMARK_APPROVED, Workflow, submission
from bookmarks_flow.local.environment import LocalEnvironment

WAIT_SECONDS = 30.0


@dataclass(frozen=True)
class Percentiles:
    p50_ms: float
    p95_ms: float
    max_ms: float

    @classmethod
    def of(cls, seconds: list[float]) -> Percentiles:
        ordered = sorted(seconds)
        return cls(
            p50_ms=round(_percentile(ordered, 50) * 1000, 2),
            p95_ms=round(_percentile(ordered, 95) * 1000, 2),
            max_ms=round(ordered[-1] * 1000, 2) if ordered else 0.0,
        )


@dataclass(frozen=True)
class LatencyResult:
    runs: int
    submit_to_approval_request: Percentiles
    approve_to_notification: Percentiles


def _percentile(ordered: list[float], percent: float) -> float:
    """Nearest-rank percentile: the smallest value with at least ``percent`` % of the values at or below it."""
    if not ordered:
        return 0.0
    rank = max(1, math.ceil(percent / 100 * len(ordered)))
    return ordered[rank - 1]


def _await(mailbox: StampedMailbox, event_type: str, bookmark_id: str) -> tuple[float, str]:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        for delivery in mailbox.take(timeout=1.0):
            if delivery.event_type == event_type and delivery.bookmark_id == bookmark_id:
                return delivery.at, delivery.body
    raise TimeoutError(f"no {event_type} e-mail for {bookmark_id} within {WAIT_SECONDS} s")


def measure_latency(environment: LocalEnvironment, runs: int) -> LatencyResult:
    """``runs`` serial submissions, each approved as soon as its approval e-mail arrives (plus one to warm up)."""
    workflow = Workflow.of(environment)
    mailbox = stamped_mailbox(environment)
    to_request: list[float] = []
    to_notification: list[float] = []
    for index in range(runs + 1):
        name = f"latency-{index}"
        submitted = time.perf_counter()
        workflow.start(name, submission(index, "latency"))
        requested_at, body = _await(mailbox, APPROVAL_REQUESTED, name)
        approved = time.perf_counter()
        workflow.approve(body)
        notified_at, _ = _await(mailbox, BOOKMARK_APPROVED, name)
        if index > 0:  # the first run imports the handlers
            to_request.append(requested_at - submitted)
            to_notification.append(notified_at - approved)
    return LatencyResult(
        runs=runs,
        submit_to_approval_request=Percentiles.of(to_request),
        approve_to_notification=Percentiles.of(to_notification),
    )
