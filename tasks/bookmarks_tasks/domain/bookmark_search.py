"""Word search over a bookmark's title, URL, description and tags: every word must appear, in any case."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MAX_WORDS = 10
# api/openapi.yaml's maxLength for q and tag: API Gateway's validator checks only that required parameters are
# present, so the function checks the rest.
MAX_QUERY_LENGTH = 200
MAX_TAG_LENGTH = 32


class InvalidSearch(ValueError):
    pass


def search_words(query: str | None) -> list[str]:
    """The distinct words of a query, lower-cased; an empty query matches everything."""
    if query is not None and len(query) > MAX_QUERY_LENGTH:
        raise InvalidSearch(f"q is at most {MAX_QUERY_LENGTH} characters")
    words = list(dict.fromkeys(word.casefold() for word in (query or "").split()))
    if len(words) > MAX_WORDS:
        raise InvalidSearch(f"q may hold at most {MAX_WORDS} words")
    return words


def search_tag(tag: str | None) -> str | None:
    """The tag to filter by, lower-cased as tags are stored; None (or empty) filters nothing."""
    if not tag:
        return None
    if len(tag) > MAX_TAG_LENGTH:
        raise InvalidSearch(f"tag is at most {MAX_TAG_LENGTH} characters")
    return tag.lower()


def searchable_text(record: dict[str, Any]) -> str:
    tags: Iterable[Any] = record.get("tags") or []
    parts = [record.get("title"), record.get("url"), record.get("description"), *tags]
    return " ".join(str(part) for part in parts if part).casefold()


def matches(record: dict[str, Any], words: list[str]) -> bool:
    text = searchable_text(record)
    return all(word in text for word in words)
