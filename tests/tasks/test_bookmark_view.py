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
