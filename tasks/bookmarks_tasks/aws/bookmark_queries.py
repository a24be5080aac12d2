"""The web app's reads of the bookmarks: a search of approved bookmarks and one person's suggestions, newest
first. A search with words reads the bookmark words table under one of its words and checks the others on the
bookmarks themselves; one with no words reads the approved bookmarks' index."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bookmarks_tasks.aws.bookmark_words_table import holds, newest_with_word_query
from bookmarks_tasks.aws.bookmarks_table import (
    STATUS_INDEX_POSITION_KEYS,
    bookmarks_by_status,
    get_bookmarks,
    newest_by_status_query,
)
from bookmarks_tasks.aws.index_query import query_page
from bookmarks_tasks.aws.items import plain_item
from bookmarks_tasks.domain.bookmark_search import driving_word, matches
from bookmarks_tasks.domain.search_read_size import MAX_READ_PER_SEARCH, next_read_size

SUBMITTER_INDEX = "BySubmitter"
# A position in the index: the table's key and the index's keys (template.yaml, BookmarksTable).
SUBMITTER_INDEX_POSITION_KEYS = ("pk", "submitterUsername", "createdAt")

Page = tuple[list[dict[str, Any]], dict[str, Any] | None]


def _position(item: dict[str, Any], key_names: tuple[str, ...]) -> dict[str, Any]:
    return {name: item[name] for name in key_names}


def _pages(
    arguments: dict[str, Any], start: dict[str, Any] | None, *, wanted: int, found: list[Any]
) -> Iterator[dict[str, Any]]:
    """The Query pages of one search, newest first, each as large as the matches so far say the page still needs
    (search_read_size), until the index ends or MAX_READ_PER_SEARCH items were read; the last page's
    LastEvaluatedKey is where the search stopped."""
    read = 0
    position = start
    while True:
        arguments["Limit"] = next_read_size(wanted=wanted, found=len(found), read=read)
        response = query_page(arguments, position)
        read += int(response.get("ScannedCount", 0))
        yield response
        position = response.get("LastEvaluatedKey")
        if not position or read >= MAX_READ_PER_SEARCH:
            return


def newest_approved(table_name: str, *, tag: str | None, limit: int, start: dict[str, Any] | None) -> Page:
    """Approved bookmarks, newest first; with a tag, read on until a page is full (DynamoDB filters after reading)."""
    if tag is None:
        return bookmarks_by_status(table_name, "APPROVED", limit, None, start)
    arguments = newest_by_status_query(table_name, "APPROVED", tag)
    found: list[dict[str, Any]] = []
    last: dict[str, Any] = {}
    for last in _pages(arguments, start, wanted=limit, found=found):
        for raw in last.get("Items", []):
            found.append(raw)
            if len(found) == limit:
                return [plain_item(item) for item in found], _position(raw, STATUS_INDEX_POSITION_KEYS)
    return [plain_item(item) for item in found], last.get("LastEvaluatedKey")


def approved_with_words(
    bookmarks_table: str,
    words_table: str,
    *,
    words: list[str],
    tag: str | None,
    limit: int,
    start: dict[str, Any] | None,
) -> Page:
    """Approved bookmarks holding every word (and the tag), newest first, found through one word's index."""
    arguments = newest_with_word_query(words_table, driving_word(words))
    found: list[dict[str, Any]] = []
    last: dict[str, Any] = {}
    for last in _pages(arguments, start, wanted=limit, found=found):
        # Only the bookmarks that hold every word and the tag are read (the index items say which do), and no
        # more at a time than the page still needs.
        candidates = [entry for entry in last.get("Items", []) if holds(entry, words, tag)]
        while candidates:
            wanted, candidates = candidates[: limit - len(found)], candidates[limit - len(found) :]
            bookmarks = get_bookmarks(bookmarks_table, [entry["bookmarkId"]["S"] for entry in wanted])
            for entry in wanted:
                bookmark = bookmarks.get(entry["bookmarkId"]["S"])
                if bookmark is None or bookmark.get("status") != "APPROVED" or not matches(bookmark, words):
                    continue
                if tag is not None and tag not in (bookmark.get("tags") or []):
                    continue
                found.append(bookmark)
                if len(found) == limit:
                    return found, {"word": entry["word"], "position": entry["position"]}
    return found, last.get("LastEvaluatedKey")


def bookmarks_of_submitter(table_name: str, username: str, limit: int, start: dict[str, Any] | None) -> Page:
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
