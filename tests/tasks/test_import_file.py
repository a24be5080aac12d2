"""A whole import file: its format told from its content, and refused before anything starts when it is
empty, too big, or in no format bookmarks reads."""

from __future__ import annotations

import pytest

from bookmarks_tasks.domain.imports.import_file import (
    MAX_IMPORT_BYTES,
    MAX_IMPORT_LINKS,
    UNKNOWN_FORMAT,
    ImportRefused,
    read_import_file,
)
from tests.tasks.import_fixtures import fixture_bytes


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("chrome_bookmarks.html", "netscape-html"),
        ("firefox_bookmarks.html", "netscape-html"),
        ("safari_bookmarks.html", "netscape-html"),
        ("spreadsheet_with_bom.csv", "csv"),
        ("links.jsonl", "json-lines"),
    ],
)
def test_the_format_is_told_from_the_content(name: str, expected: str) -> None:
    assert read_import_file(fixture_bytes(name)).format == expected


def _refusal(content: bytes) -> str:
    with pytest.raises(ImportRefused) as raised:
        read_import_file(content)
    return raised.value.reason


def test_an_empty_file_is_refused() -> None:
    assert _refusal(b" \r\n\t") == "the file is empty"


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    assert "larger than 4 MiB" in _refusal(b"url\n" + b"x" * MAX_IMPORT_BYTES)


def test_a_file_in_no_known_format_is_refused_with_the_formats_that_are() -> None:
    assert _refusal(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n") == UNKNOWN_FORMAT


def test_a_bookmark_file_without_links_is_refused() -> None:
    assert _refusal(b"<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n</DL>") == (
        "the file is netscape-html but holds no links"
    )


def test_a_file_with_more_links_than_the_limit_is_refused() -> None:
    content = "url\n" + "".join(f"https://example.com/{n}\n" for n in range(MAX_IMPORT_LINKS + 1))
    assert f"more than {MAX_IMPORT_LINKS}" in _refusal(content.encode())


def test_a_utf16_file_with_a_byte_order_mark_is_read() -> None:
    content = "url,title\nhttps://example.com/,Ünïcode\n".encode("utf-16")
    assert read_import_file(content).format == "csv"
