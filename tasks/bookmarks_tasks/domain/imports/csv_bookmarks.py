"""CSV with a header row naming its columns: ``url`` (required), ``title``, ``description``, ``tags``.

Spreadsheets quote a field holding commas or line breaks (RFC 4180); Excel starts a UTF-8 file with a
byte-order mark, which file_text removes. Column names are matched without regard to case or surrounding
spaces; other columns are ignored. Tags in one cell are separated by commas, semicolons or spaces. A row is
reported by the line it starts on, so a quoted line break does not shift the numbers that follow.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from bookmarks_tasks.domain.imports.import_lines import ImportedLine, MalformedLine, ParsedLine
from bookmarks_tasks.domain.imports.tag_cells import tags_of_cell

URL_COLUMN = "url"
_TEXT_COLUMNS = ("title", "description")


def header_columns(text: str) -> list[str] | None:
    """The header's column names, lower-cased, when the first line is a header with a ``url`` column."""
    first_line = text.splitlines()[0] if text.strip() else ""
    try:
        columns = [name.strip().lower() for name in next(csv.reader([first_line]))]
    except (csv.Error, StopIteration):
        return None
    return columns if URL_COLUMN in columns else None


def _submission(row: dict[str, str]) -> dict[str, Any]:
    submission: dict[str, Any] = {"url": row[URL_COLUMN]}
    for column in _TEXT_COLUMNS:
        if row.get(column, "").strip():
            submission[column] = row[column]
    submission["tags"] = tags_of_cell(row.get("tags", ""))
    return submission


def parse_csv_bookmarks(text: str) -> list[ParsedLine]:
    lines = io.StringIO(text, newline="")
    reader = csv.reader(lines, strict=True)
    parsed: list[ParsedLine] = []
    try:
        columns = [name.strip().lower() for name in next(reader)]
    except StopIteration:
        return parsed
    while True:
        start = reader.line_num + 1
        try:
            fields = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            parsed.append(MalformedLine(start, f"the row cannot be read as CSV: {error}"))
            continue
        if not any(field.strip() for field in fields):
            continue
        if len(fields) != len(columns):
            parsed.append(MalformedLine(start, f"the row has {len(fields)} fields but the header names {len(columns)}"))
            continue
        parsed.append(ImportedLine(start, _submission(dict(zip(columns, fields, strict=True)))))
    return parsed
