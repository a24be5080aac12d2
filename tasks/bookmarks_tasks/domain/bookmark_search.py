"""Word search over a bookmark's title, URL, description and tags: every word must appear, in any case."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MAX_WORDS = 10


class InvalidSearch(ValueError):
    pass


def search_words(query: str | None) -> list[str]:
    """The distinct words of a query, lower-cased; an empty query matches everything."""
    words = list(dict.fromkeys(word.casefold() for word in (query or "").split()))
    if len(words) > MAX_WORDS:
        raise InvalidSearch(f"q may hold at most {MAX_WORDS} words")
    return words


def searchable_text(record: dict[str, Any]) -> str:
    tags: Iterable[Any] = record.get("tags") or []
    parts = [record.get("title"), record.get("url"), record.get("description"), *tags]
    return " ".join(str(part) for part in parts if part).casefold()


def matches(record: dict[str, Any], words: list[str]) -> bool:
    text = searchable_text(record)
    return all(word in text for word in words)
