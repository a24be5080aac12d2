"""Writing Mermaid flowchart text safely: ids and quoted labels."""

from __future__ import annotations

import textwrap

# Mermaid reads "#name;" as an HTML entity, which is how a label can hold quotes and angle brackets.
_ENTITIES = {"#": "#35;", "&": "#amp;", '"': "#quot;", "<": "#lt;", ">": "#gt;"}


def mermaid_id(node_id: str) -> str:
    """Model ids use hyphens, which Mermaid can confuse with arrows; underscores keep them one-to-one."""
    return node_id.replace("-", "_")


def text(value: str) -> str:
    return "".join(_ENTITIES.get(character, character) for character in value)


def wrapped(value: str, width: int) -> str:
    """Escaped text broken into lines, so long names make tall boxes instead of very wide ones."""
    lines = textwrap.wrap(value, width=width, break_long_words=False, break_on_hyphens=False) or [""]
    return "<br/>".join(text(line) for line in lines)
