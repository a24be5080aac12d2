"""Every approval still PENDING, read page by page from the approvals table's Waiting index (which projects no
task token)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bookmarks_tasks.aws.waiting_approvals import waiting_approvals

PAGE_SIZE = 100


def all_waiting_approvals(table_name: str, now: int) -> Iterator[dict[str, Any]]:
    start: dict[str, Any] | None = None
    while True:
        items, start = waiting_approvals(table_name, now=now, limit=PAGE_SIZE, start=start)
        yield from items
        if not start:
            return
