"""How a stored bookmark is shown: never with credentials in its URL, even from a record written before
validation stripped them."""

from __future__ import annotations

from bookmarks_tasks.domain.bookmark_view import present_bookmark


def test_a_stored_url_with_a_password_is_shown_without_it() -> None:
    view = present_bookmark({"bookmarkId": "b1", "status": "INVALID", "url": "https://bob:hunter2@example.com/x"})
    assert view["url"] == "https://example.com/x"


def test_a_url_with_an_at_sign_in_its_path_is_shown_unchanged() -> None:
    view = present_bookmark({"bookmarkId": "b1", "status": "APPROVED", "url": "https://medium.com/@someone/post"})
    assert view["url"] == "https://medium.com/@someone/post"


def test_the_audit_trail_lists_the_approval_events_then_the_decision() -> None:
    record = {
        "bookmarkId": "b1",
        "status": "APPROVED",
        "approvalEvents": [
            {"event": "REMINDER", "by": "bookmarks-flow", "at": "2026-11-30T10:00:02.100Z", "comment": ""},
            {"event": "FIRST_APPROVAL", "by": "maria", "at": "2026-11-30T10:00:03Z", "comment": "ok"},
        ],
        "decisions": [{"decision": "APPROVED", "decidedBy": "omar", "decidedAt": "2026-11-30T10:00:03Z"}],
    }
    trail = present_bookmark(record)["auditTrail"]
    assert [(entry["event"], entry["by"]) for entry in trail] == [
        ("REMINDER", "bookmarks-flow"),
        ("FIRST_APPROVAL", "maria"),
        ("APPROVED", "omar"),
    ]
    assert trail[-1]["comment"] == ""
