"""``bookmarks list`` prints each id whole on its own line, whatever the width of the other fields."""

from __future__ import annotations

from bookmarks_flow.bookmark_listing import listing_lines


def test_each_id_starts_its_own_line_whole() -> None:
    bookmark_id = "bm-" + "0123456789abcdef" * 5
    lines = listing_lines([{"bookmarkId": bookmark_id, "status": "APPROVED", "title": "t" * 300, "url": "u"}])
    assert lines[0] == f"{bookmark_id}  APPROVED"


def test_an_empty_list_says_so() -> None:
    assert listing_lines([]) == ["No bookmarks."]
