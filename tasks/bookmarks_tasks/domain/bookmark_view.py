"""How a stored bookmark is shown through the API: no internal keys, the submitter by name only."""

from __future__ import annotations

from typing import Any

from bookmarks_tasks.domain.url_credentials import without_userinfo

_PUBLIC_FIELDS = (
    "bookmarkId",
    "status",
    "url",
    "normalizedUrl",
    "title",
    "description",
    "tags",
    "createdAt",
    "updatedAt",
    "reasons",
    "duplicateOf",
)


def present_bookmark(record: dict[str, Any]) -> dict[str, Any]:
    view = {field: record[field] for field in _PUBLIC_FIELDS if field in record}
    if isinstance(view.get("url"), str):
        # Records written before credentials were stripped at validation must not show them either.
        view["url"] = without_userinfo(view["url"])
    if "submitterUsername" in record:
        view["submitter"] = record["submitterUsername"]
    view["decisions"] = [
        {key: decision.get(key, "") for key in ("decision", "decidedBy", "decidedAt", "comment")}
        for decision in record.get("decisions", [])
    ]
    view["auditTrail"] = audit_trail(record)
    return view


def audit_trail(record: dict[str, Any]) -> list[dict[str, str]]:
    """The workflow's approval events (first approval, reminders, escalation, expiry), appended in the order they
    happened, then the decision that ended the approval. The approved path writes its decision once, to
    ``decisions``, so the trail costs it nothing."""
    events = [
        {key: str(event.get(key, "")) for key in ("event", "by", "at", "comment")}
        for event in record.get("approvalEvents", [])
    ]
    decisions = [
        {
            "event": str(decision.get("decision", "")),
            "by": str(decision.get("decidedBy", "")),
            "at": str(decision.get("decidedAt", "")),
            "comment": str(decision.get("comment", "")),
        }
        for decision in record.get("decisions", [])
    ]
    return events + decisions


def submitted_bookmark(bookmark_id: str) -> dict[str, Any]:
    """A submission whose workflow is still validating it: nothing is recorded yet but its status."""
    return {"bookmarkId": bookmark_id, "status": "SUBMITTED", "decisions": [], "auditTrail": []}
