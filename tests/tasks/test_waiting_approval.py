"""A waiting approval as a manager sees it: how long it has waited and the link the e-mail carried."""

from __future__ import annotations

from bookmarks_tasks.domain.approval_links import LinkCheck, LinkKey, check_link
from bookmarks_tasks.domain.claims import groups_of
from bookmarks_tasks.domain.waiting_approval import present_waiting_approval

KEY = LinkKey("0f8e2c5a-4b7d-4e1f-9a3c-6d2b8e1f0a47", "s" * 64)
RECORD = {
    "approvalId": "abc",
    "bookmarkId": "b-1",
    "url": "https://example.com/",
    "title": "Example",
    "tags": ["x"],
    "submitterUsername": "alice",
    "createdAt": "2026-01-01T00:00:00+00:00",
    "expiresAt": 1767312000,
    "taskToken": "never-shown",
}
NOW = 1767225600 + 90  # 90 seconds after createdAt


def present() -> dict[str, object]:
    return present_waiting_approval(RECORD, base_url="https://api.example.com/api", key=KEY, now=NOW)


def test_a_waiting_approval_says_how_long_it_has_waited() -> None:
    assert present()["waitingSeconds"] == 90


def test_a_waiting_approval_link_is_signed_and_valid_until_the_approval_expires() -> None:
    link = str(present()["approvalLink"])
    query = dict(part.split("=") for part in link.split("?")[1].split("&"))

    assert link.startswith("https://api.example.com/api/approvals/abc?")
    assert check_link("abc", query["expires"], query["kid"], query["signature"], [KEY], NOW) is LinkCheck.VALID


def test_a_waiting_approval_never_carries_the_task_token() -> None:
    assert "never-shown" not in str(present())


def test_groups_read_as_api_gateway_sends_them() -> None:
    assert groups_of({"cognito:groups": "[managers admins]"}) == {"managers", "admins"}
    assert groups_of({}) == set()
