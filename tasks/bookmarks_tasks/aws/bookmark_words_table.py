"""The bookmark words table (template.yaml, BookmarkWordsTable): one item per word of each approved bookmark,
newest first within a word. The workflow writes them in the transaction that approves the bookmark (the state
"Mark The Bookmark Approved"); ``word_item`` says what it writes, for the tests and the bench that compare.

Each item carries all the bookmark's words and tags: a search reads one word's items, keeps those that hold its
other words and its tag, and reads only those bookmarks (DynamoDB charges a BatchGetItem by item, each rounded up
to 4 KB, and a Query by the total size it reads)."""

from __future__ import annotations

import time
from typing import Any

from bookmarks_tasks.aws.bookmarks_table import get_bookmarks
from bookmarks_tasks.aws.clients import unvalidated_client
from bookmarks_tasks.domain.bookmark_search import indexed_words

# A position in the table: its key (word, then the bookmark's createdAt and id).
WORD_POSITION_KEYS = ("word", "position")


def word_position(created_at: str, bookmark_id: str) -> str:
    """Sorts by creation time, newest last; the id keeps two bookmarks of the same instant apart."""
    return f"{created_at}#{bookmark_id}"


def word_item(word: str, created_at: str, bookmark_id: str, words: list[str], tags: list[str]) -> dict[str, Any]:
    """``words`` and ``tags`` are all the bookmark's, so that a search checks its other words and its tag without
    reading the bookmark: only the bookmarks of the page it answers are read."""
    return {
        "word": {"S": word},
        "position": {"S": word_position(created_at, bookmark_id)},
        "bookmarkId": {"S": bookmark_id},
        "words": {"S": " ".join(words)},
        "tags": {"L": [{"S": tag} for tag in tags]},
    }


def holds(entry: dict[str, Any], words: list[str], tag: str | None) -> bool:
    """Whether the bookmark an index item stands for holds every word and the tag."""
    if not set(words) <= set(entry.get("words", {}).get("S", "").split()):
        return False
    return tag is None or {"S": tag} in entry.get("tags", {}).get("L", [])


def newest_with_word_query(table_name: str, word: str) -> dict[str, Any]:
    return {
        "TableName": table_name,
        "KeyConditionExpression": "word = :word",
        "ExpressionAttributeValues": {":word": {"S": word}},
        "ScanIndexForward": False,
    }


# DynamoDB's BatchWriteItem takes at most 25 requests
# (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_BatchWriteItem.html).
BATCH_WRITE_ITEMS = 25
WRITE_ATTEMPTS = 8


class IndexWriteFailed(RuntimeError):
    """DynamoDB kept refusing some writes (throttled): writing them again is safe."""


def index_items(bookmark: dict[str, Any]) -> list[dict[str, Any]]:
    """What the state "Mark The Bookmark Approved" writes for this bookmark (a plain item)."""
    words = indexed_words(bookmark)
    tags = [str(tag) for tag in bookmark.get("tags") or []]
    return [word_item(word, str(bookmark["createdAt"]), str(bookmark["bookmarkId"]), words, tags) for word in words]


def put_word_items(table_name: str, items: list[dict[str, Any]], dynamodb: Any = None) -> None:
    """Writes the items 25 a request, asking again, backed off, for what DynamoDB leaves unprocessed. Writing an
    item again changes nothing. The items are ``word_item``'s, built here: no client-side validation."""
    dynamodb = dynamodb or unvalidated_client("dynamodb")
    for start in range(0, len(items), BATCH_WRITE_ITEMS):
        request: dict[str, Any] = {
            table_name: [{"PutRequest": {"Item": item}} for item in items[start : start + BATCH_WRITE_ITEMS]]
        }
        for attempt in range(WRITE_ATTEMPTS):
            if attempt:
                time.sleep(min(0.1 * 2**attempt, 5.0))
            request = dynamodb.batch_write_item(RequestItems=request).get("UnprocessedItems") or {}
            if not request:
                break
        else:
            raise IndexWriteFailed(f"DynamoDB left {sum(map(len, request.values()))} index items unwritten")


def index_bookmarks(bookmarks_table: str, words_table: str, bookmark_ids: list[str]) -> int:
    """Indexes the approved bookmarks among ``bookmark_ids`` (an import's, recorded without the workflow's
    transaction); the number of index items written."""
    bookmarks = get_bookmarks(bookmarks_table, bookmark_ids)
    items = [
        item
        for bookmark in bookmarks.values()
        if bookmark.get("status") == "APPROVED"
        for item in index_items(bookmark)
    ]
    put_word_items(words_table, items)
    return len(items)
