"""Indexing the approved bookmarks the word index does not hold yet.

The workflow indexes a bookmark in the transaction that approves it. Bookmarks approved before the index existed
(a deployed stack updated to this version) are found by a search without words but not by their words until
``bookmarks reindex`` writes their items. Writing an item again changes nothing, so the command can be run
again, or stopped and run again, at any time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from bookmarks_tasks.aws.bookmark_words_table import BATCH_WRITE_ITEMS, index_items, put_word_items
from bookmarks_tasks.aws.bookmarks_table import newest_by_status_query
from bookmarks_tasks.aws.items import plain_item


def approved_bookmarks(dynamodb: Any, bookmarks_table: str) -> Iterator[dict[str, Any]]:
    arguments = newest_by_status_query(bookmarks_table, "APPROVED", None)
    while True:
        page = dynamodb.query(**arguments)
        for item in page.get("Items", []):
            yield plain_item(item)
        if "LastEvaluatedKey" not in page:
            return
        arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]


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
            put_word_items(words_table, pending[:BATCH_WRITE_ITEMS], dynamodb)
            written += BATCH_WRITE_ITEMS
            del pending[:BATCH_WRITE_ITEMS]
        progress(bookmarks, written)
    if pending:
        put_word_items(words_table, pending, dynamodb)
        written += len(pending)
    progress(bookmarks, written)
    return bookmarks, written
