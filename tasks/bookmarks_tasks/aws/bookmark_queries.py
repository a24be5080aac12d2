"""The web app's reads of the bookmarks table: a word search over approved bookmarks and one person's
suggestions. Both read an index newest first; the search filters in code, because DynamoDB has no
case-insensitive ``contains``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from bookmarks_tasks.aws.bookmarks_table import STATUS_INDEX_POSITION_KEYS, newest_by_status_query
from bookmarks_tasks.aws.index_query import query_page
from bookmarks_tasks.aws.items import plain_item
from bookmarks_tasks.domain.search_read_size import MAX_READ_PER_SEARCH, next_read_size

SUBMITTER_INDEX = "BySubmitter"
# A position in the index: the table's key and the index's keys (template.yaml, BookmarksTable).
SUBMITTER_INDEX_POSITION_KEYS = ("pk", "submitterUsername", "createdAt")


def _position(item: dict[str, Any], key_names: tuple[str, ...]) -> dict[str, Any]:
    return {name: item[name] for name in key_names}


def search_approved(
    table_name: str,
    *,
    matches: Callable[[dict[str, Any]], bool],
    tag: str | None,
    limit: int,
    start: dict[str, Any] | None,
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Approved bookmarks, newest first, that ``matches`` accepts; a page ends after ``limit`` of them."""
    arguments = newest_by_status_query(table_name, "APPROVED", tag)
    found: list[dict[str, Any]] = []
    read = 0
    position = start
    while True:
        arguments["Limit"] = next_read_size(wanted=limit, found=len(found), read=read)
        response = query_page(arguments, position)
        read += int(response.get("ScannedCount", 0))
        for raw in response.get("Items", []):
            if matches(plain_item(raw)):
                found.append(raw)
                if len(found) == limit:
                    return [plain_item(item) for item in found], _position(raw, STATUS_INDEX_POSITION_KEYS)
        position = response.get("LastEvaluatedKey")
        if not position or read >= MAX_READ_PER_SEARCH:
            return [plain_item(item) for item in found], position


def bookmarks_of_submitter(
    table_name: str, username: str, limit: int, start: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Everything one person suggested, in any status, newest first."""
    arguments: dict[str, Any] = {
        "TableName": table_name,
        "IndexName": SUBMITTER_INDEX,
        "KeyConditionExpression": "submitterUsername = :username",
        "ExpressionAttributeValues": {":username": {"S": username}},
        "ScanIndexForward": False,
        "Limit": limit,
    }
    response = query_page(arguments, start)
    return [plain_item(item) for item in response.get("Items", [])], response.get("LastEvaluatedKey")
