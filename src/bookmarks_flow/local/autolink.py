"""Links in plain text, found the way GitHub's autolinker (GFM "extended autolinks") finds them, and turned into
HTML in one pass: links never overlap, so a short URL inside a longer one can never become a nested anchor.

A link starts at ``http://`` or ``https://`` and runs to white space, ``<``, ``>`` or a quote. Then, as in
GFM: trailing ``? ! . , : * _ ~`` are punctuation of the sentence, not of the link; a trailing ``)`` belongs
to the link only while the link has as many ``(`` as ``)``; a trailing entity-like ``&name;`` is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape

_CANDIDATE = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_TRAILING_PUNCTUATION = "?!.,:*_~"
_ENTITY_AT_END = re.compile(r"&[A-Za-z0-9]+;$")
_SCHEME_ONLY = re.compile(r"https?://", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    start: int
    end: int
    url: str


def _trim(candidate: str) -> str:
    url = candidate
    while url:
        unbalanced_parenthesis = url[-1] == ")" and url.count(")") > url.count("(")
        if url[-1] in _TRAILING_PUNCTUATION or unbalanced_parenthesis:
            url = url[:-1]
        elif url[-1] == ";" and (entity := _ENTITY_AT_END.search(url)):
            url = url[: entity.start()]
        else:
            break
    return url


def find_links(text: str) -> Iterator[Link]:
    """Every link in ``text``, left to right, none overlapping another."""
    for candidate in _CANDIDATE.finditer(text):
        url = _trim(candidate.group())
        if not _SCHEME_ONLY.fullmatch(url) and _SCHEME_ONLY.match(url):
            yield Link(candidate.start(), candidate.start() + len(url), url)


def linkify(text: str, rel: str = "noreferrer noopener") -> str:
    """``text`` as HTML: everything escaped, each link an anchor whose href and text are exactly the link."""
    parts: list[str] = []
    position = 0
    for link in find_links(text):
        parts.append(escape(text[position : link.start]))
        url = escape(link.url, quote=True)
        parts.append(f'<a href="{url}" rel="{rel}">{url}</a>')
        position = link.end
    parts.append(escape(text[position:]))
    return "".join(parts)
