"""Removes task tokens from everything the console shows.

A task token is a bearer credential: whoever holds it can approve or reject the submission. The engine puts it in
TaskScheduled parameters (and a caller may put one anywhere in an input), so the console redacts structurally (any
value under a key named like ``taskToken``) and textually (any string containing a token found that way, for
example an error cause that quotes it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

REDACTED = "[redacted task token]"
_TOKEN_KEYS = frozenset({"tasktoken", "task_token"})
_MIN_TEXTUAL_TOKEN_LENGTH = 8
"""Shorter values are redacted under their key but not searched for in text, where they would mangle prose."""


def is_token_key(key: str) -> bool:
    """``taskToken`` and ``TaskToken`` hold tokens; ``taskToken.$`` holds only the path to one, so it stays."""
    return key.lower() in _TOKEN_KEYS


def find_tokens(value: Any) -> set[str]:
    """The token values under token keys, also inside strings that are themselves JSON documents."""
    found: set[str] = set()
    _collect(value, found)
    return found


def _collect(value: Any, found: set[str]) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and is_token_key(key) and isinstance(item, str):
                found.add(item)
            else:
                _collect(item, found)
    elif isinstance(value, list):
        for item in value:
            _collect(item, found)
    elif isinstance(value, str):
        document = _as_json_document(value)
        if document is not None:
            _collect(document, found)


def _as_json_document(text: str) -> dict[str, Any] | list[Any] | None:
    """Event details nest JSON in strings; only objects and arrays are worth parsing."""
    stripped = text.lstrip()
    if not stripped.startswith(("{", "[")):
        return None
    try:
        parsed = json.loads(text)
    except ValueError:
        return None
    return parsed if isinstance(parsed, dict | list) else None


class Redactor:
    """Redacts structurally, and textually for the tokens it was told about (see ``from_values``)."""

    def __init__(self, known_tokens: Iterable[str] = ()) -> None:
        self.known_tokens = sorted(
            {token for token in known_tokens if len(token) >= _MIN_TEXTUAL_TOKEN_LENGTH}, key=len, reverse=True
        )

    @classmethod
    def from_values(cls, *values: Any) -> Redactor:
        """Learns every token present in the values, so that a token quoted elsewhere is caught too."""
        tokens: set[str] = set()
        for value in values:
            tokens |= find_tokens(value)
        return cls(tokens)

    def value(self, value: Any) -> Any:
        """A copy of a JSON value without tokens; a string holding a JSON document is redacted inside and re-encoded."""
        if isinstance(value, dict):
            return {
                key: REDACTED if isinstance(key, str) and is_token_key(key) else self.value(item)
                for key, item in value.items()
            }
        if isinstance(value, list):
            return [self.value(item) for item in value]
        if isinstance(value, str):
            return self.text(value)
        return value

    def text(self, text: str) -> str:
        """Redacts a string: as a JSON document when it is one (keeping its compactness), else as prose."""
        document = _as_json_document(text)
        if document is not None:
            return json.dumps(self.value(document), ensure_ascii=False)
        for token in self.known_tokens:
            text = text.replace(token, REDACTED)
        return text
