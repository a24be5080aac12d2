"""A batch of an import's lines, checked with the single-submission rules and the importing manager as the
submitter."""

from __future__ import annotations

from bookmarks_tasks.domain.imports.import_batch import check_batch
from bookmarks_tasks.domain.imports.import_ids import imported_bookmark_id

IMPORT_ID = "a" * 64
MARIA = {"username": "maria", "email": "maria@example.com"}


def test_a_valid_line_goes_on_to_claim_its_url_with_a_bookmark_id_from_the_file_and_line() -> None:
    checked = check_batch([{"line": 4, "submission": {"url": "https://Example.com/a?utm_source=x"}}], IMPORT_ID, MARIA)
    [valid] = checked["valid"]
    assert valid["bookmarkId"] == imported_bookmark_id(IMPORT_ID, 4)
    assert valid["bookmark"]["normalizedUrl"] == "https://example.com/a"
    assert valid["submitter"] == MARIA


def test_a_line_the_rules_refuse_is_decided_invalid_with_every_reason() -> None:
    checked = check_batch([{"line": 2, "submission": {"url": "ftp://x", "tags": ["Not A Tag"]}}], IMPORT_ID, MARIA)
    [invalid] = checked["decided"]
    assert invalid["outcome"] == "invalid"
    assert invalid["reasons"][0] == "url: only http and https URLs are accepted"
    assert len(invalid["reasons"]) == 2


def test_a_malformed_line_is_decided_invalid_with_the_parsers_reason() -> None:
    checked = check_batch([{"line": 9, "problem": "the line is not JSON"}], IMPORT_ID, MARIA)
    assert checked["decided"] == [{"line": 9, "outcome": "invalid", "reasons": ["the line is not JSON"]}]


def test_a_repeated_line_is_a_duplicate_of_the_bookmark_its_first_line_becomes() -> None:
    checked = check_batch([{"line": 30, "repeatOf": 12, "normalizedUrl": "https://e.com/"}], IMPORT_ID, MARIA)
    [repeat] = checked["decided"]
    assert (repeat["outcome"], repeat["duplicateOf"]) == ("duplicate", imported_bookmark_id(IMPORT_ID, 12))


def test_an_item_that_is_not_a_line_of_the_file_is_decided_invalid_not_raised() -> None:
    assert check_batch(["junk"], IMPORT_ID, MARIA)["decided"][0]["outcome"] == "invalid"
