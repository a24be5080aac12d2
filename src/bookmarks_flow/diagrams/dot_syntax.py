"""Writing Graphviz DOT safely: quoting, HTML-like labels and attribute lists."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Mapping


class HtmlLabel(str):
    """A label in Graphviz's HTML-like syntax, written as ``<...>`` instead of as a quoted string."""

    __slots__ = ()


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def escape(text: str) -> str:
    """Text for inside an HtmlLabel."""
    return html.escape(text, quote=True)


def lines(text: str, width: int) -> list[str]:
    """Word-wrapped lines, so long state names and conditions make tall boxes instead of very wide ones."""
    return textwrap.wrap(text, width=width, break_long_words=False, break_on_hyphens=False) or [""]


def attributes(values: Mapping[str, str | int | float | HtmlLabel]) -> str:
    parts = []
    for key, value in values.items():
        if isinstance(value, HtmlLabel):
            parts.append(f"{key}=<{value}>")
        elif isinstance(value, str):
            parts.append(f"{key}={quote(value)}")
        else:
            parts.append(f"{key}={value}")
    return "[" + ", ".join(parts) + "]"
