"""The execution history as a downloadable JSON document: every event, redacted, nested JSON unfolded."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from bookmarks_flow.console.jsontext import unfold
from bookmarks_flow.console.redaction import Redactor


def export_document(description: Mapping[str, Any], history: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    redactor = Redactor.from_values(description.get("input"), description.get("output"), *history)
    return {
        "executionArn": description.get("executionArn"),
        "name": description.get("name"),
        "status": description.get("status"),
        "redaction": "task tokens are replaced by a placeholder",
        "events": [_event(event, redactor) for event in history],
    }


def _event(event: Mapping[str, Any], redactor: Redactor) -> dict[str, Any]:
    moment = event.get("timestamp")
    exported: dict[str, Any] = {
        "id": event.get("id"),
        "previousEventId": event.get("previousEventId"),
        "type": event.get("type"),
        "timestamp": moment.isoformat() if isinstance(moment, datetime) else moment,
    }
    for key, value in event.items():
        if key.endswith("EventDetails") and isinstance(value, Mapping):
            exported[key] = unfold(value, redactor)
    return exported
