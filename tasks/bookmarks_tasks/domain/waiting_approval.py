"""How a manager sees a suggestion that waits for a decision: its bookmark, how long it has waited, and the
signed approval link (the same link the e-mail carried; the task token stays in the approvals table)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from bookmarks_tasks.domain.approval_links import LinkKey, build_link


def waited_seconds(created_at: str, now: float) -> int:
    return max(0, int(now - datetime.fromisoformat(created_at).timestamp()))


def present_waiting_approval(record: dict[str, Any], *, base_url: str, key: LinkKey, now: float) -> dict[str, Any]:
    expires_at = int(record["expiresAt"])
    return {
        "approvalId": str(record["approvalId"]),
        "bookmarkId": str(record.get("bookmarkId", "")),
        "url": str(record.get("url", "")),
        "title": str(record.get("title", "")),
        "tags": [str(tag) for tag in record.get("tags") or []],
        "submitter": str(record.get("submitterUsername", "")),
        "createdAt": str(record["createdAt"]),
        "waitingSeconds": waited_seconds(str(record["createdAt"]), now),
        "expiresAt": datetime.fromtimestamp(expires_at, UTC).isoformat(),
        "approvalLink": build_link(base_url, str(record["approvalId"]), expires_at, key),
    }
