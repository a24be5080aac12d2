"""Tags written in one text cell (a CSV field, a JSON Lines string): separated by commas, semicolons or spaces,
since no tag may hold any of them."""

from __future__ import annotations

import re

_TAG_SEPARATORS = re.compile(r"[,;\s]+")


def tags_of_cell(cell: str) -> list[str]:
    return [tag for tag in _TAG_SEPARATORS.split(cell) if tag]
