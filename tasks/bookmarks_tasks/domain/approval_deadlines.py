"""When a waiting approval is close to its timeout: in the last quarter of its decision window.

A fraction of each approval's own window (from its request to its expiry), not a fixed margin, so that the
same rule warns 18 hours ahead of a three-day window and 15 minutes ahead of a one-hour one, and no redeploy
is needed when ApprovalTimeoutSeconds changes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

WARNING_FRACTION = 0.25


@dataclass(frozen=True)
class DeadlineReport:
    waiting: int
    near_timeout: int
    least_seconds_left: int | None


def seconds_left(record: dict[str, Any], now: float) -> float:
    return float(record["expiresAt"]) - now


def is_near_timeout(record: dict[str, Any], now: float) -> bool:
    expires_at = float(record["expiresAt"])
    window = expires_at - datetime.fromisoformat(str(record["createdAt"])).timestamp()
    left = expires_at - now
    return 0 < left <= window * WARNING_FRACTION


def deadline_report(records: Iterable[dict[str, Any]], now: float) -> DeadlineReport:
    still_waiting = [record for record in records if seconds_left(record, now) > 0]
    lefts = [seconds_left(record, now) for record in still_waiting]
    return DeadlineReport(
        waiting=len(still_waiting),
        near_timeout=sum(1 for record in still_waiting if is_near_timeout(record, now)),
        least_seconds_left=int(min(lefts)) if lefts else None,
    )
