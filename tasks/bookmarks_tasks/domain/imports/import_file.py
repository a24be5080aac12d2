"""An uploaded import file, read into numbered lines, or refused before anything starts with a reason.

The format is told from the content, not a file name (the API receives only bytes): a Netscape bookmark file
starts with its DOCTYPE, JSON Lines with ``{``, and a CSV file with a header row that has a ``url`` column.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bookmarks_tasks.domain.imports.csv_bookmarks import header_columns, parse_csv_bookmarks
from bookmarks_tasks.domain.imports.file_text import file_text
from bookmarks_tasks.domain.imports.import_lines import ParsedLine
from bookmarks_tasks.domain.imports.json_lines_bookmarks import is_json_lines, parse_json_lines_bookmarks
from bookmarks_tasks.domain.imports.netscape_bookmarks import is_netscape_bookmarks, parse_netscape_bookmarks

# A Lambda function's request payload is at most 6 MB (Lambda quotas, "Invocation payload": 6 MB each for
# request and response, synchronous); the API hands the file to the function base64-encoded (4/3 of its size)
# inside a JSON event, so 4 MiB is the most that fits.
MAX_IMPORT_BYTES = 4 * 1024 * 1024
MAX_IMPORT_LINKS = 20_000
UNKNOWN_FORMAT = (
    "the file is not a format bookmarks can import: a browser's bookmark export (HTML), "
    "CSV with a header row that names a url column, or JSON Lines"
)


class ImportRefused(ValueError):
    """The whole file is refused; ``reason`` says why, for a 4xx answer."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class ImportFile:
    format: str
    lines: list[ParsedLine]


def _parser_for(text: str) -> tuple[str, Callable[[str], list[ParsedLine]]]:
    if is_netscape_bookmarks(text):
        return "netscape-html", parse_netscape_bookmarks
    if is_json_lines(text):
        return "json-lines", parse_json_lines_bookmarks
    if header_columns(text) is not None:
        return "csv", parse_csv_bookmarks
    raise ImportRefused(UNKNOWN_FORMAT)


def read_import_file(content: bytes) -> ImportFile:
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportRefused(f"the file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MiB: split it in parts")
    text = file_text(content)
    if not text.strip():
        raise ImportRefused("the file is empty")
    name, parser = _parser_for(text)
    lines = parser(text)
    if not lines:
        raise ImportRefused(f"the file is {name} but holds no links")
    if len(lines) > MAX_IMPORT_LINKS:
        raise ImportRefused(f"the file holds {len(lines)} links, more than {MAX_IMPORT_LINKS}: split it in parts")
    return ImportFile(format=name, lines=lines)
