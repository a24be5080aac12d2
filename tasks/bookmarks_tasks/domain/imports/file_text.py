"""The text of an uploaded file, whatever encoding the program that wrote it chose.

Browsers write bookmark exports in UTF-8 today; older exports (Internet Explorer, Netscape) and spreadsheets
saved by Excel are often Windows-1252, and some tools write UTF-16 with a byte-order mark. The order follows
the HTML standard's encoding sniffing: a byte-order mark wins, then valid UTF-8, then a charset the file
declares in its first bytes, then Windows-1252 (which the standard uses for "ISO-8859-1" labels).
"""

from __future__ import annotations

import codecs
import re

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_DECLARED_CHARSET = re.compile(rb"charset\s*=\s*[\"']?([A-Za-z0-9._-]{1,40})", re.IGNORECASE)
_SNIFF_BYTES = 1024
FALLBACK_ENCODING = "windows-1252"


def _declared_encoding(content: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(content[:_SNIFF_BYTES])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def file_text(content: bytes) -> str:
    """Never raises: bytes no encoding explains become U+FFFD, which validation then shows to the manager."""
    for bom, encoding in _BOMS:
        if content.startswith(bom):
            return content[len(bom) :].decode(encoding, errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(content)
    # A file that says UTF-8 but is not, or says Latin-1 or ASCII, is Windows-1252 in practice.
    encoding = FALLBACK_ENCODING if declared in (None, "utf-8", "latin-1", "iso8859-1", "ascii") else declared
    return content.decode(str(encoding), errors="replace")
