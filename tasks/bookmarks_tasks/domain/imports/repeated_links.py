"""A link that a file holds twice (the same page saved in two browser folders) is imported once.

The first line with a normalised URL keeps it and gains the later lines' tags (its folders); each later line
is reported as a repeat of that line. Deciding this in the file, before the map, keeps the report the same
on every run: left to the URL claim, which of two parallel items wins would vary. The key is the normalised
URL, from the one normalise_url that single submissions use; a URL it refuses is left for validation to
report.
"""

from __future__ import annotations

from dataclasses import dataclass

from bookmarks_tasks.domain.imports.import_lines import ImportedLine, ParsedLine
from bookmarks_tasks.domain.url_normalisation import InvalidUrl, normalise_url


@dataclass(frozen=True)
class RepeatedLine:
    """A line whose link an earlier line of the same file already holds."""

    line: int
    first_line: int
    normalized_url: str

    def as_item(self) -> dict[str, object]:
        return {"line": self.line, "repeatOf": self.first_line, "normalizedUrl": self.normalized_url}


def _normalised(line: ImportedLine) -> str | None:
    url = line.submission.get("url")
    if not isinstance(url, str):
        return None
    try:
        return normalise_url(url)
    except InvalidUrl:
        return None


def _with_tags(line: ImportedLine, tags: object) -> ImportedLine:
    own = line.submission.get("tags")
    if not isinstance(own, list) or not isinstance(tags, list):
        return line
    merged = list(dict.fromkeys([*own, *tags]))
    return ImportedLine(line.line, {**line.submission, "tags": merged})


def without_repeats(lines: list[ParsedLine]) -> list[ParsedLine | RepeatedLine]:
    """The lines in file order, each link's first line carrying the tags of all its lines."""
    result: list[ParsedLine | RepeatedLine] = []
    kept: dict[str, int] = {}
    for line in lines:
        key = _normalised(line) if isinstance(line, ImportedLine) else None
        if not isinstance(line, ImportedLine) or key is None:
            result.append(line)
        elif key in kept:
            first = result[kept[key]]
            if isinstance(first, ImportedLine):
                result[kept[key]] = _with_tags(first, line.submission.get("tags"))
            result.append(RepeatedLine(line.line, first.line, key))
        else:
            kept[key] = len(result)
            result.append(line)
    return result
