"""The Netscape bookmark file: what Chrome, Edge, Firefox and Safari write when you export bookmarks.

It is HTML of the 1990s: ``<DT><H3>`` names a folder whose links follow in the next ``<DL>``; ``<DT><A
HREF=...>`` is a link, optionally followed by ``<DD>`` and its description; tags are unclosed. Python's
HTMLParser reads it as browsers do (entities decoded, any case, unquoted attributes). Folders become tags;
Firefox's own ``TAGS`` attribute adds its tags. Every link is reported, even a ``javascript:`` bookmarklet:
validation, not the parser, refuses what is not an http(s) URL, with the same reason as a typed submission.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from bookmarks_tasks.domain.imports.folder_tags import folder_tag
from bookmarks_tasks.domain.imports.import_lines import ImportedLine, MalformedLine, ParsedLine

DOCTYPE = "<!doctype netscape-bookmark-file-1>"
# Attributes with which a browser marks a folder as its own container, not one the user made.
_CONTAINER_MARKS = ("personal_toolbar_folder", "unfiled_bookmarks_folder")


@dataclass
class _Link:
    line: int
    href: str | None
    tags: list[str]
    title: list[str] = field(default_factory=list)
    description: list[str] = field(default_factory=list)

    def parsed(self) -> ParsedLine:
        if self.href is None:
            return MalformedLine(self.line, "the link has no HREF attribute")
        submission: dict[str, Any] = {"url": self.href, "title": "".join(self.title).strip(), "tags": self.tags}
        description = " ".join("".join(self.description).split())
        if description:
            submission["description"] = description
        return ImportedLine(self.line, submission)


class _BookmarkFileReader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[_Link] = []
        self._folders: list[str | None] = []
        self._pending_folder: str | None = None
        self._folder_name: list[str] | None = None
        self._folder_is_container = False
        self._link: _Link | None = None
        self._describing: _Link | None = None

    def _tags(self, own: str | None) -> list[str]:
        tags = [tag for tag in self._folders if tag is not None]
        for tag in (own or "").split(","):
            if tag.strip() and tag.strip().lower() not in tags:
                tags.append(tag.strip().lower())
        return list(dict.fromkeys(tags))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self._describing = None if tag in ("dt", "dl", "h3", "a") else self._describing
        if tag == "h3":
            self._folder_name = []
            self._folder_is_container = any((attributes.get(mark) or "").lower() == "true" for mark in _CONTAINER_MARKS)
        elif tag == "dl":
            self._folders.append(self._pending_folder)
            self._pending_folder = None
        elif tag == "a":
            self._link = _Link(
                line=self.getpos()[0], href=attributes.get("href"), tags=self._tags(attributes.get("tags"))
            )
            self.links.append(self._link)
        elif tag == "dd" and self.links:
            self._describing = self.links[-1]

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._folder_name is not None:
            name = "".join(self._folder_name)
            self._pending_folder = None if self._folder_is_container else folder_tag(name)
            self._folder_name = None
        elif tag == "dl" and self._folders:
            self._folders.pop()
        elif tag == "a":
            self._link = None
        elif tag == "dl":
            self._describing = None

    def handle_data(self, data: str) -> None:
        if self._folder_name is not None:
            self._folder_name.append(data)
        elif self._link is not None:
            self._link.title.append(data)
        elif self._describing is not None:
            self._describing.description.append(data)


def is_netscape_bookmarks(text: str) -> bool:
    return text.lstrip()[: len(DOCTYPE)].lower() == DOCTYPE


def parse_netscape_bookmarks(text: str) -> list[ParsedLine]:
    reader = _BookmarkFileReader()
    reader.feed(text)
    reader.close()
    return [link.parsed() for link in reader.links]
