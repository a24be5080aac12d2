"""JSON Lines: one submission object per line; a broken line is reported and the others are read."""

from __future__ import annotations

from bookmarks_tasks.domain.imports.file_text import file_text
from bookmarks_tasks.domain.imports.import_lines import ImportedLine, MalformedLine
from bookmarks_tasks.domain.imports.json_lines_bookmarks import parse_json_lines_bookmarks
from tests.tasks.import_fixtures import fixture_bytes


def test_each_object_is_read_with_its_line_number_and_blank_lines_are_skipped() -> None:
    lines = parse_json_lines_bookmarks(file_text(fixture_bytes("links.jsonl")))
    assert [line.line for line in lines] == [1, 2, 3, 5, 6, 7]


def test_a_line_that_is_not_json_is_reported_with_the_column() -> None:
    lines = parse_json_lines_bookmarks(file_text(fixture_bytes("links.jsonl")))
    assert lines[2] == MalformedLine(3, "the line is not JSON: Expecting ',' delimiter at column 63")


def test_a_json_value_that_is_not_an_object_is_reported() -> None:
    lines = parse_json_lines_bookmarks(file_text(fixture_bytes("links.jsonl")))
    assert lines[3] == MalformedLine(5, "the line is JSON but not an object")


def test_tags_given_as_text_are_split_like_a_csv_cell() -> None:
    lines = parse_json_lines_bookmarks(file_text(fixture_bytes("links.jsonl")))
    assert lines[5] == ImportedLine(7, {"url": "https://example.com/tags-as-text", "tags": ["one", "two", "three"]})


def test_a_line_separator_inside_a_string_does_not_split_the_line() -> None:
    lines = parse_json_lines_bookmarks('{"url": "https://example.com/", "title": "a\u2028b"}\n')
    assert lines == [ImportedLine(1, {"url": "https://example.com/", "title": "a\u2028b"})]


def test_json_nested_beyond_the_recursion_limit_is_reported_not_raised() -> None:
    lines = parse_json_lines_bookmarks('{"url": ' + "[" * 100_000 + "\n")
    assert len(lines) == 1
    assert isinstance(lines[0], MalformedLine)
