"""Browser folders become tags: a folder name is folded into the tag alphabet (a-z, 0-9, '-').

The containers every browser makes for itself (the bookmarks bar, "Other bookmarks", the menu) say nothing
about a link, so they give no tag. A folder whose name has no letter or digit of the tag alphabet left
(a name in a non-Latin script) gives no tag either, rather than making every link inside it invalid.
"""

from __future__ import annotations

import re
import unicodedata

from bookmarks_tasks.domain.submission import TAG_PATTERN

_TAG_LENGTH = 32
_OUTSIDE_ALPHABET = re.compile(r"[^a-z0-9]+")
# Chrome, Edge, Firefox and Safari exports, in the languages' English names as the browsers write them.
BROWSER_CONTAINERS = frozenset(
    {
        "bookmarks",
        "bookmarks bar",
        "bookmarks toolbar",
        "bookmarks menu",
        "bookmarksbar",
        "bookmarksmenu",
        "other bookmarks",
        "mobile bookmarks",
        "favorites",
        "favourites",
        "favorites bar",
        "other favorites",
        "reading list",
    }
)


def folder_tag(name: str) -> str | None:
    """The tag a folder gives its links, or None for a browser's own container or an unspellable name."""
    if name.strip().lower() in BROWSER_CONTAINERS:
        return None
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    tag = _OUTSIDE_ALPHABET.sub("-", ascii_name).strip("-")[:_TAG_LENGTH].rstrip("-")
    return tag if TAG_PATTERN.match(tag) else None
