"""JSON Lines: one JSON object per line, with the same fields as a submission to the API.

``tags`` may be a list or, as in a CSV cell, one string of tags separated by commas or spaces. A line that is
not a JSON object is reported with its number; blank lines are skipped, as the format allows.
"""

from __future__ import annotations

import json
from typing import Any

from bookmarks_tasks.domain.imports.import_lines import ImportedLine, MalformedLine, ParsedLine
from bookmarks_tasks.domain.imports.tag_cells import tags_of_cell

_FIELDS = ("url", "title", "description", "tags")


def is_json_lines(text: str) -> bool:
    return text.lstrip().startswith("{")


def _submission(document: dict[str, Any]) -> dict[str, Any]:
    submission = {name: document[name] for name in _FIELDS if name in document}
    if isinstance(submission.get("tags"), str):
        submission["tags"] = tags_of_cell(submission["tags"])
    return submission


def parse_json_lines_bookmarks(text: str) -> list[ParsedLine]:
    parsed: list[ParsedLine] = []
    # Split on line feeds only: JSON allows U+2028 and the like inside a string, where splitlines would cut.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            document = json.loads(line)
        except json.JSONDecodeError as error:
            parsed.append(MalformedLine(number, f"the line is not JSON: {error.msg} at column {error.colno}"))
            continue
        except RecursionError:
            parsed.append(MalformedLine(number, "the line nests JSON too deeply"))
            continue
        if not isinstance(document, dict):
            parsed.append(MalformedLine(number, "the line is JSON but not an object"))
            continue
        parsed.append(ImportedLine(number, _submission(document)))
    return parsed
