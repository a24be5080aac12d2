"""The bookmark words table (template.yaml, BookmarkWordsTable): one item per word of each approved bookmark,
newest first within a word. The workflow writes them in the transaction that approves the bookmark (the state
"Mark The Bookmark Approved"); ``word_item`` says what it writes, for the tests and the bench that compare.

Each item carries all the bookmark's words and tags: a search reads one word's items, keeps those that hold its
other words and its tag, and reads only those bookmarks (DynamoDB charges a BatchGetItem by item, each rounded up
to 4 KB, and a Query by the total size it reads)."""

from __future__ import annotations

from typing import Any

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
