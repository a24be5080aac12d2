"""Waiting for a bookmark's status through the API, as a person polling `bookmarks status` would."""

from __future__ import annotations

import uuid
from typing import Any

from bookmarks_flow.client import BookmarksClient
from tests.support.workflow import wait_for


def unique_url(name: str) -> str:
    return f"https://example.com/{name}/{uuid.uuid4().hex[:8]}"


def status_of(client: BookmarksClient, bookmark_id: str, expected: set[str], timeout: float = 30) -> dict[str, Any]:
    """The bookmark once its status is one of ``expected``."""

    def reached() -> dict[str, Any] | None:
        bookmark = client.bookmark(bookmark_id)
        return bookmark if bookmark["status"] in expected else None

    found: dict[str, Any] = wait_for(reached, timeout, f"{bookmark_id} to become one of {expected}", interval=0.2)
    return found
