"""The web app's reads of the bookmarks: a search of approved bookmarks and one person's suggestions, newest
first. A search with words reads the bookmark words table under one of its words and checks the others on the
bookmarks themselves; one with no words reads the approved bookmarks' index."""

from __future__ import annotations

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


def newest_approved(table_name: str, *, tag: str | None, limit: int, start: dict[str, Any] | None) -> Page:
    """Approved bookmarks, newest first; with a tag, read on until a page is full (DynamoDB filters after reading)."""
    if tag is None:
        return bookmarks_by_status(table_name, "APPROVED", limit, None, start)
    arguments = newest_by_status_query(table_name, "APPROVED", tag)
    found: list[dict[str, Any]] = []
    read = 0
    position = start
    while True:
        arguments["Limit"] = next_read_size(wanted=limit, found=len(found), read=read)
        response = query_page(arguments, position)
        read += int(response.get("ScannedCount", 0))
        for raw in response.get("Items", []):
            found.append(raw)
            if len(found) == limit:
                return [plain_item(item) for item in found], _position(raw, STATUS_INDEX_POSITION_KEYS)
        position = response.get("LastEvaluatedKey")
        if not position or read >= MAX_READ_PER_SEARCH:
            return [plain_item(item) for item in found], position


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
    read = 0
    position = start
    while True:
        arguments["Limit"] = next_read_size(wanted=limit, found=len(found), read=read)
        response = query_page(arguments, position)
        entries = response.get("Items", [])
        read += len(entries)
        # Only the bookmarks that hold every word and the tag are read (the index items say which do), and no
        # more at a time than the page still needs.
        candidates = [entry for entry in entries if holds(entry, words, tag)]
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
        position = response.get("LastEvaluatedKey")
        if not position or read >= MAX_READ_PER_SEARCH:
            return found, position


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
