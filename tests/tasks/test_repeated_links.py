"""A link a file holds twice (the same page in two folders) is imported once, with both folders' tags."""

from __future__ import annotations

from bookmarks_tasks.domain.imports.import_file import read_import_file
from bookmarks_tasks.domain.imports.import_lines import ImportedLine, MalformedLine, ParsedLine
from bookmarks_tasks.domain.imports.repeated_links import RepeatedLine, without_repeats
from tests.tasks.import_fixtures import fixture_bytes


def test_a_url_repeated_in_another_folder_is_reported_as_a_repeat_of_its_first_line() -> None:
    lines = without_repeats(read_import_file(fixture_bytes("chrome_bookmarks.html")).lines)
    assert RepeatedLine(27, 14, "https://aws.amazon.com/step-functions/") in lines


def test_the_first_line_gains_the_tags_of_the_folders_that_repeat_it() -> None:
    lines = without_repeats(read_import_file(fixture_bytes("chrome_bookmarks.html")).lines)
    first = next(line for line in lines if line.line == 14)
    assert isinstance(first, ImportedLine)
    assert first.submission["tags"] == ["work", "reading-later"]


def test_urls_are_compared_after_the_single_submission_normalisation() -> None:
    lines = without_repeats(
        [
            ImportedLine(1, {"url": "https://Example.com/a?utm_source=x", "tags": []}),
            ImportedLine(2, {"url": "https://example.com:443/a#top", "tags": []}),
        ]
    )
    assert lines[1] == RepeatedLine(2, 1, "https://example.com/a")


def test_invalid_and_malformed_lines_are_left_for_validation_and_never_repeat() -> None:
    lines: list[ParsedLine] = [
        ImportedLine(1, {"url": "javascript:x"}),
        ImportedLine(2, {"url": "javascript:x"}),
        MalformedLine(3, "bad"),
    ]
    assert without_repeats(list(lines)) == lines
