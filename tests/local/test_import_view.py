"""What `bookmarks import` prints while an import runs and when it ends."""

from __future__ import annotations

from bookmarks_flow.import_view import progress_line, report_lines


def test_progress_shows_done_failed_rate_and_time_left() -> None:
    line = progress_line({"links": 1000, "done": 250, "failed": 2, "running": 100}, elapsed_seconds=5.0)
    assert line == "250/1000 links done, 2 failed, 50 links/s, 15 s left"


def test_progress_before_any_link_is_done_has_no_estimate() -> None:
    assert progress_line({"links": 10, "done": 0, "failed": 0, "running": 0}, 1.0).endswith("time left unknown")


def test_the_report_lists_duplicates_with_the_existing_bookmark_and_invalid_lines_with_reasons() -> None:
    report = {
        "counts": {"imported": 1, "duplicate": 1, "invalid": 1, "failed": 0},
        "lines": [
            {"line": 2, "outcome": "imported", "bookmarkId": "b2"},
            {"line": 3, "outcome": "duplicate", "duplicateOf": "b0"},
            {"line": 4, "outcome": "invalid", "reasons": ["url: the URL is empty", "at most 10 tags are allowed"]},
        ],
    }
    assert report_lines(report) == [
        "Imported 1, duplicates 1, invalid 1, failed 0.",
        "  line 3: duplicate of bookmark b0",
        "  line 4: invalid: url: the URL is empty; at most 10 tags are allowed",
    ]


def test_the_report_lists_each_link_sent_for_review_with_its_bookmark_id() -> None:
    report = {
        "counts": {"imported": 0, "review": 1, "duplicate": 0, "invalid": 0, "failed": 0},
        "lines": [{"line": 3, "outcome": "review", "bookmarkId": "i-abc-3", "url": "https://example.com/"}],
    }
    assert report_lines(report) == [
        "Imported 0, sent for review 1, duplicates 0, invalid 0, failed 0.",
        "  line 3: sent for review as bookmark i-abc-3",
    ]
