"""Reading the local mailbox over HTTP, as a person reading their e-mail would."""

from __future__ import annotations

from typing import Any

from bookmarks_flow.client import mailbox
from tests.support.workflow import wait_for


def messages_about(api: str, bookmark_id: str, to: str | None = None) -> list[dict[str, Any]]:
    return [m for m in mailbox(api, to) if m.get("attributes", {}).get("bookmarkId") == bookmark_id]


def wait_for_message(api: str, bookmark_id: str, to: str, event_type: str, timeout: float = 20) -> dict[str, Any]:
    def found() -> dict[str, Any] | None:
        for message in messages_about(api, bookmark_id, to):
            if message["attributes"].get("eventType") == event_type:
                return message
        return None

    message: dict[str, Any] = wait_for(found, timeout, f"a {event_type} message to {to} about {bookmark_id}")
    return message


def approval_link(api: str, bookmark_id: str) -> str:
    message = wait_for_message(api, bookmark_id, "approvers@example.com", "APPROVAL_REQUESTED")
    [link] = [link for link in message["links"] if "/approvals/" in link]
    return str(link)
