"""An approval is close to its timeout in the last quarter of its own decision window."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bookmarks_tasks.domain.approval_deadlines import deadline_report, is_near_timeout

CREATED = datetime(2026, 1, 1, tzinfo=UTC)
START = CREATED.timestamp()


def approval(window_seconds: int) -> dict[str, Any]:
    return {"createdAt": CREATED.isoformat(), "expiresAt": int(START) + window_seconds}


def test_an_approval_three_quarters_through_its_window_is_near_its_timeout() -> None:
    assert is_near_timeout(approval(400), now=START + 300)


def test_an_approval_before_the_last_quarter_is_not_near_its_timeout() -> None:
    assert not is_near_timeout(approval(400), now=START + 299)


def test_the_warning_scales_with_the_window() -> None:
    three_days = approval(259200)
    assert not is_near_timeout(three_days, now=START + 259200 - 64801)
    assert is_near_timeout(three_days, now=START + 259200 - 64800)  # 18 hours left


def test_an_expired_approval_is_neither_waiting_nor_near_its_timeout() -> None:
    report = deadline_report([approval(400)], now=START + 400)
    assert (report.waiting, report.near_timeout, report.least_seconds_left) == (0, 0, None)


def test_the_report_counts_what_waits_and_what_is_near_its_timeout() -> None:
    report = deadline_report([approval(400), approval(4000)], now=START + 350)
    assert (report.waiting, report.near_timeout, report.least_seconds_left) == (2, 1, 50)
