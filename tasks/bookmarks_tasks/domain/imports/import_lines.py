"""What a parser makes of one link in an import file: a submission to check, or a line it could not read.

A parser never stops at a bad line: it reports the line and reads on. The submission it makes is the same
``{"url", "title", "description", "tags"}`` document the API accepts, so that validate_submission, the one
definition of the rules, judges imported links exactly as it judges typed ones.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ImportedLine:
    """A link read from ``line`` (1-based, the line its entry starts on in the file)."""

    line: int
    submission: dict[str, Any]

    def as_item(self) -> dict[str, Any]:
        return {"line": self.line, "submission": self.submission}


@dataclass(frozen=True)
class MalformedLine:
    """A line the format's own grammar refuses (not JSON, a CSV row with too many fields...)."""

    line: int
    reason: str

    def as_item(self) -> dict[str, Any]:
        return {"line": self.line, "problem": self.reason}


ParsedLine = ImportedLine | MalformedLine
