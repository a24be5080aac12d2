"""CSV with a header (url, title, description, tags), as a spreadsheet saves it: a byte-order mark, CRLF,
quoted commas, quotes and line breaks."""

from __future__ import annotations

from bookmarks_tasks.domain.imports.csv_bookmarks import header_columns, parse_csv_bookmarks
from bookmarks_tasks.domain.imports.file_text import file_text
from bookmarks_tasks.domain.imports.import_lines import ImportedLine, MalformedLine, ParsedLine
from tests.tasks.import_fixtures import fixture_bytes


def _spreadsheet() -> list[ParsedLine]:
    return parse_csv_bookmarks(file_text(fixture_bytes("spreadsheet_with_bom.csv")))


def test_quoted_commas_quotes_and_line_breaks_stay_in_their_field() -> None:
    first = _spreadsheet()[0]
    assert isinstance(first, ImportedLine)
    assert first.submission["title"] == "RFC 4180: Common Format, and MIME Type, for CSV Files"
    assert first.submission["description"] == 'Quoted fields may hold commas, "quotes" and\r\nline breaks'


def test_a_row_is_numbered_by_the_line_it_starts_on_after_a_quoted_line_break() -> None:
    assert [line.line for line in _spreadsheet()] == [2, 4, 5, 6, 7]


def test_the_byte_order_mark_does_not_become_part_of_the_url_column() -> None:
    assert header_columns(file_text(fixture_bytes("spreadsheet_with_bom.csv"))) == [
        "url",
        "title",
        "description",
        "tags",
    ]


def test_tags_in_one_cell_are_split_on_semicolons_and_spaces() -> None:
    rows = _spreadsheet()
    assert isinstance(rows[0], ImportedLine)
    assert isinstance(rows[1], ImportedLine)
    assert rows[0].submission["tags"] == ["csv", "standards"]
    assert rows[1].submission["tags"] == ["json", "formats"]


def test_a_row_with_too_many_fields_is_reported_and_the_next_rows_are_read() -> None:
    rows = _spreadsheet()
    assert rows[3] == MalformedLine(6, "the row has 5 fields but the header names 4")
    assert isinstance(rows[4], ImportedLine)
    assert rows[4].submission["url"] == "https://docs.python.org/3/library/csv.html"


def test_columns_are_matched_whatever_their_case_and_order() -> None:
    rows = parse_csv_bookmarks("Tags , URL\nnews,https://example.com/\n")
    assert rows == [ImportedLine(2, {"url": "https://example.com/", "tags": ["news"]})]


def test_a_header_without_a_url_column_is_not_a_bookmark_csv() -> None:
    assert header_columns("link,title\nhttps://example.com/,x\n") is None


def test_an_unterminated_quote_is_reported_with_the_line_it_starts_on() -> None:
    rows = parse_csv_bookmarks('url,title\nhttps://example.com/,"open\n')
    assert len(rows) == 1
    assert isinstance(rows[0], MalformedLine)
    assert rows[0].line == 2
