"""Pending approvals, oldest first, read from the approvals table's Waiting index. The index projects no task
token (template.yaml lists the attributes it keeps), so this read cannot leak one."""

from __future__ import annotations

from typing import Any

from bookmarks_tasks.aws.index_query import query_page
from bookmarks_tasks.aws.items import plain_item

WAITING_INDEX = "Waiting"
# A position in the index: the table's key and the index's keys (template.yaml, ApprovalsTable).
WAITING_INDEX_POSITION_KEYS = ("approvalId", "status", "createdAt")
MAX_EVALUATED = 1000


def waiting_approvals(
    table_name: str, *, now: int, limit: int, start: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Approvals still PENDING whose link has not expired (an expired one stays PENDING until its TTL)."""
    arguments: dict[str, Any] = {
        "TableName": table_name,
        "IndexName": WAITING_INDEX,
        "KeyConditionExpression": "#status = :pending",
        "FilterExpression": "expiresAt > :now",
        "ExpressionAttributeNames": {"#status": "status"},
        "ExpressionAttributeValues": {":pending": {"S": "PENDING"}, ":now": {"N": str(now)}},
        "ScanIndexForward": True,
    }
    # The filter runs after Limit: a page can hold only expired approvals (they stay PENDING until their TTL
    # removes them) and come back empty with more to read. Read on until the page is full or the index ends,
    # evaluating at most MAX_EVALUATED entries for one request.
    items: list[dict[str, Any]] = []
    position, evaluated = start, 0
    while True:
        remaining = limit - len(items)
        response = query_page({**arguments, "Limit": remaining}, position)
        items.extend(plain_item(item) for item in response.get("Items", []))
        evaluated += remaining
        position = response.get("LastEvaluatedKey")
        if position is None or len(items) >= limit or evaluated >= MAX_EVALUATED:
            return items, position
