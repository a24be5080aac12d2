"""JSON as people read it: indented, with the JSON documents that the history nests inside strings unfolded."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bookmarks_flow.console.redaction import Redactor


def parse_or_none(text: str | None) -> Any:
    """The parsed document, or None when the text is missing or not JSON (the caller then shows it raw)."""
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


def pretty(text: str | None, redactor: Redactor) -> str | None:
    """Redacted and indented; text that is not JSON comes back redacted but otherwise as it was."""
    if text is None:
        return None
    redacted = redactor.text(text)
    try:
        return json.dumps(json.loads(redacted), indent=2, ensure_ascii=False)
    except ValueError:
        return redacted


def unfold(details: Mapping[str, Any], redactor: Redactor) -> dict[str, Any]:
    """Event details with nested JSON strings (input, output, parameters) parsed, so one indent shows them whole."""
    unfolded: dict[str, Any] = {}
    for key, value in redactor.value(dict(details)).items():
        if isinstance(value, str) and value.lstrip().startswith(("{", "[")):
            parsed = parse_or_none(value)
            unfolded[key] = value if parsed is None else parsed
        else:
            unfolded[key] = value
    return unfolded


def dumps(value: Any) -> str:
    return json.dumps(value, indent=2, ensure_ascii=False, default=str)
