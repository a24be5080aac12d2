"""Word search over a bookmark's title, tags, URL and description: every word must be one of the bookmark's
words, in any case.

A word is a run of letters and digits, so "doc.rust-lang.org" holds the words doc, rust, lang and org, and a
query is read the same way. The workflow indexes a bookmark under each of its words when it is approved
(``indexed_words``, the bookmark words table), and a search reads the index of one of its words, so a search
costs what its answer costs rather than what the whole collection costs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

MAX_WORDS = 10
# api/openapi.yaml's maxLength for q and tag: API Gateway's validator checks only that required parameters are
# present, so the function checks the rest.
MAX_QUERY_LENGTH = 200
MAX_TAG_LENGTH = 32
# One transaction approves a bookmark and indexes its words: DynamoDB's TransactWriteItems takes at most 100
# actions (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html), and the
# bookmark's own update is one of them.
MAX_INDEXED_WORDS = 99
# A longer run (a hash in a URL) is nobody's search word; it would only make index keys long.
MAX_WORD_LENGTH = 40

_WORD = re.compile(r"[^\W_]+")


class InvalidSearch(ValueError):
    pass


def words_in(text: str) -> list[str]:
    """The distinct words of a text, lower-cased, in order."""
    return list(dict.fromkeys(_WORD.findall(text.casefold())))


def search_words(query: str | None) -> list[str]:
    """The distinct words of a query; an empty query matches everything."""
    if query is not None and len(query) > MAX_QUERY_LENGTH:
        raise InvalidSearch(f"q is at most {MAX_QUERY_LENGTH} characters")
    words = words_in(query or "")
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


def indexed_words(record: dict[str, Any]) -> list[str]:
    """The words a bookmark is found by: the title's first, then the tags', the URL's and the description's."""
    tags: Iterable[Any] = record.get("tags") or []
    parts = [record.get("title"), *tags, record.get("url"), record.get("description")]
    words = words_in(" ".join(str(part) for part in parts if part))
    return [word for word in words if len(word) <= MAX_WORD_LENGTH][:MAX_INDEXED_WORDS]


def driving_word(words: list[str]) -> str:
    """The word whose index a search reads: the longest, as long words tend to be the rare ones."""
    return max(words, key=len)


def matches(record: dict[str, Any], words: list[str]) -> bool:
    return set(words) <= set(indexed_words(record))
