"""Large browser exports for the end-to-end import and the bench, written as Chrome writes its bookmark file,
with the outcome each link must have in the import's report known from how it was written."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

_HEAD = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<!-- This is an automatically generated file.
     It will be read and overwritten.
     DO NOT EDIT! -->
<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">
<TITLE>Bookmarks</TITLE>
<H1>Bookmarks</H1>
<DL><p>
"""
FOLDER_SIZE = 100


@dataclass
class Export:
    """The file's text and, by line number, each link's expected outcome ("imported", "duplicate" with the
    line it repeats, "invalid")."""

    lines: list[str] = field(default_factory=list)
    expected: dict[int, tuple[str, int | None]] = field(default_factory=dict)

    def write(self, text: str) -> int:
        self.lines.append(text)
        return len(self.lines)

    @property
    def content(self) -> bytes:
        return ("\n".join(self.lines) + "\n").encode("utf-8")


def chrome_export(
    links: int, site: str = "import.example", bookmarklet_every: int = 50, repeat_every: int = 40
) -> Export:
    """``links`` links in folders of 100 (Topic N, inside "Work"); every ``bookmarklet_every``-th link is a
    javascript: bookmarklet, every ``repeat_every``-th repeats the link 7 places before it."""
    export = Export()
    for head_line in _HEAD.rstrip("\n").split("\n"):
        export.write(head_line)
    export.write('    <DT><H3 ADD_DATE="1700000000" LAST_MODIFIED="1700000000">Work</H3>')
    export.write("    <DL><p>")
    first_line: dict[int, int] = {}
    for number in range(links):
        if number % FOLDER_SIZE == 0:
            if number:
                export.write("        </DL><p>")
            export.write(f'        <DT><H3 ADD_DATE="1700000000">Topic {number // FOLDER_SIZE}</H3>')
            export.write("        <DL><p>")
        if number % bookmarklet_every == bookmarklet_every - 1:
            line = export.write(
                f'            <DT><A HREF="javascript:alert({number})" ADD_DATE="1700000001">Tool {number}</A>'
            )
            export.expected[line] = ("invalid", None)
        elif number % repeat_every == repeat_every - 1 and (number - 7) in first_line:
            original = number - 7
            url = f"https://{site}/page/{original}?utm_source=copy"
            line = export.write(f'            <DT><A HREF="{url}" ADD_DATE="1700000001">Again {original}</A>')
            export.expected[line] = ("duplicate", first_line[original])
        else:
            url = f"https://{site}/page/{number}"
            line = export.write(f'            <DT><A HREF="{url}" ADD_DATE="1700000001">Page {number} &amp; more</A>')
            first_line[number] = line
            export.expected[line] = ("imported", None)
    export.write("        </DL><p>")
    export.write("    </DL><p>")
    export.write("</DL><p>")
    return export


def report_mismatches(report: dict[str, Any], export: Export, bookmark_id_of: Callable[[int], str]) -> list[str]:
    """Each line of an import's report that is not the outcome its line was written for (empty when all are):
    every line reported once, imported with its own bookmark id, a repeat a duplicate of the line it repeats,
    a bookmarklet invalid with the single submission's reason."""
    lines = [line["line"] for line in report["lines"]]
    mismatches = [] if lines == sorted(export.expected) else [f"lines reported: {len(lines)}"]
    for line in report["lines"]:
        outcome, repeats = export.expected.get(line["line"], ("not in the file", None))
        wanted: dict[str, Any] = {"outcome": outcome}
        if outcome == "imported":
            wanted["bookmarkId"] = bookmark_id_of(line["line"])
        if outcome == "duplicate":
            wanted["duplicateOf"] = bookmark_id_of(repeats or 0)
        if outcome == "invalid":
            wanted["reasons"] = ["url: only http and https URLs are accepted"]
        if any(line.get(key) != value for key, value in wanted.items()):
            mismatches.append(f"line {line['line']}: {line} (wanted {wanted})")
    return mismatches
