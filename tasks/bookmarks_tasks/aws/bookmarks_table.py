"""Reading bookmarks; the workflow is the only writer."""

from __future__ import annotations

import time
from typing import Any

from botocore.exceptions import ClientError

from bookmarks_tasks.aws.clients import client
from bookmarks_tasks.aws.items import plain_item

STATUS_INDEX = "ByStatus"
# A position in the index: the table's key and the index's keys (template.yaml, BookmarksTable).
STATUS_INDEX_POSITION_KEYS = ("pk", "status", "createdAt")


class InvalidStartPosition(ValueError):
    """DynamoDB refused the start position: it was not one this index returned."""


def get_bookmark(table_name: str, bookmark_id: str) -> dict[str, Any] | None:
    response = client("dynamodb").get_item(
        TableName=table_name, Key={"pk": {"S": f"BOOKMARK#{bookmark_id}"}}, ConsistentRead=True
    )
    return plain_item(response["Item"]) if "Item" in response else None


# DynamoDB's BatchGetItem reads at most 100 keys a request
# (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchGetItem.html).
BATCH_GET_KEYS = 100
BATCH_GET_ATTEMPTS = 5


class BookmarksUnavailable(RuntimeError):
    """DynamoDB kept some keys of a batch unread (throttled): the read failed, it did not find nothing."""


def get_bookmarks(table_name: str, bookmark_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The bookmarks that exist among ``bookmark_ids``, by id; keys DynamoDB leaves unprocessed are asked again."""
    found: dict[str, dict[str, Any]] = {}
    for start in range(0, len(bookmark_ids), BATCH_GET_KEYS):
        chunk = dict.fromkeys(bookmark_ids[start : start + BATCH_GET_KEYS])
        keys = [{"pk": {"S": f"BOOKMARK#{bookmark_id}"}} for bookmark_id in chunk]
        request: dict[str, Any] = {table_name: {"Keys": keys}}
        for attempt in range(BATCH_GET_ATTEMPTS):
            if attempt:
                time.sleep(min(0.05 * 2**attempt, 1.0))  # backing off, as DynamoDB asks of unprocessed keys
            response = client("dynamodb").batch_get_item(RequestItems=request)
            for item in response.get("Responses", {}).get(table_name, []):
                plain = plain_item(item)
                found[str(plain["bookmarkId"])] = plain
            request = response.get("UnprocessedKeys") or {}
            if not request:
                break
        else:
            raise BookmarksUnavailable("DynamoDB left keys unprocessed after every attempt")
    return found


def newest_by_status_query(table_name: str, status: str, tag: str | None) -> dict[str, Any]:
    """The Query arguments for one status, newest first, filtered by a tag when one is given."""
    arguments: dict[str, Any] = {
        "TableName": table_name,
        "IndexName": STATUS_INDEX,
        "KeyConditionExpression": "#status = :status",
        "ExpressionAttributeNames": {"#status": "status"},
        "ExpressionAttributeValues": {":status": {"S": status}},
        "ScanIndexForward": False,
    }
    if tag:
        arguments["FilterExpression"] = "contains(tags, :tag)"
        arguments["ExpressionAttributeValues"][":tag"] = {"S": tag}
    return arguments


def bookmarks_by_status(
    table_name: str, status: str, limit: int, tag: str | None, start: dict[str, Any] | None
) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Newest first. With a tag, a page may hold fewer than ``limit`` items: DynamoDB filters after reading."""
    arguments = {**newest_by_status_query(table_name, status, tag), "Limit": limit}
    if start:
        arguments["ExclusiveStartKey"] = start
    try:
        response = client("dynamodb").query(**arguments)
    except ClientError as error:
        if start and error.response["Error"]["Code"] == "ValidationException":
            raise InvalidStartPosition(error.response["Error"].get("Message", "")) from error
        raise
    return [plain_item(item) for item in response.get("Items", [])], response.get("LastEvaluatedKey")
