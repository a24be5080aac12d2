"""Indexing the approved bookmarks the word index does not hold yet.

The workflow indexes a bookmark in the transaction that approves it. Bookmarks approved before the index existed
(a deployed stack updated to this version) are found by a search without words but not by their words until
``bookmarks reindex`` writes their items. Writing an item again changes nothing, so the command can be run
again, or stopped and run again, at any time.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import Any

from bookmarks_tasks.aws.bookmark_words_table import word_item
from bookmarks_tasks.aws.bookmarks_table import newest_by_status_query
from bookmarks_tasks.aws.items import plain_item
from bookmarks_tasks.domain.bookmark_search import indexed_words

# DynamoDB's BatchWriteItem takes at most 25 requests
# (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
BATCH_WRITE_ITEMS = 25
ATTEMPTS = 8


class ReindexFailed(RuntimeError):
    """DynamoDB kept refusing some writes (throttled): run the command again."""


def approved_bookmarks(dynamodb: Any, bookmarks_table: str) -> Iterator[dict[str, Any]]:
    arguments = newest_by_status_query(bookmarks_table, "APPROVED", None)
    while True:
        page = dynamodb.query(**arguments)
        for item in page.get("Items", []):
            yield plain_item(item)
        if "LastEvaluatedKey" not in page:
            return
        arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def index_items(bookmark: dict[str, Any]) -> list[dict[str, Any]]:
    """What the state "Mark The Bookmark Approved" writes for this bookmark."""
    words = indexed_words(bookmark)
    tags = [str(tag) for tag in bookmark.get("tags") or []]
    return [word_item(word, str(bookmark["createdAt"]), str(bookmark["bookmarkId"]), words, tags) for word in words]


def _write(dynamodb: Any, words_table: str, items: list[dict[str, Any]]) -> None:
    request: dict[str, Any] = {words_table: [{"PutRequest": {"Item": item}} for item in items]}
    for attempt in range(ATTEMPTS):
        if attempt:
            time.sleep(min(0.1 * 2**attempt, 5.0))  # backing off, as DynamoDB asks of unprocessed items
        request = dynamodb.batch_write_item(RequestItems=request).get("UnprocessedItems") or {}
        if not request:
            return
    raise ReindexFailed(f"DynamoDB left {sum(len(writes) for writes in request.values())} items unwritten")


def reindex(
    dynamodb: Any, bookmarks_table: str, words_table: str, progress: Callable[[int, int], None] = lambda _b, _i: None
) -> tuple[int, int]:
    """Writes every approved bookmark's index items; (bookmarks, items) written. ``progress`` hears the same."""
    bookmarks = written = 0
    pending: list[dict[str, Any]] = []
    for bookmark in approved_bookmarks(dynamodb, bookmarks_table):
        pending.extend(index_items(bookmark))
        bookmarks += 1
        while len(pending) >= BATCH_WRITE_ITEMS:
            _write(dynamodb, words_table, pending[:BATCH_WRITE_ITEMS])
            written += BATCH_WRITE_ITEMS
            del pending[:BATCH_WRITE_ITEMS]
        progress(bookmarks, written)
    if pending:
        _write(dynamodb, words_table, pending)
        written += len(pending)
    progress(bookmarks, written)
    return bookmarks, written
