"""``bookmarks list`` as plain lines: a bookmark id is always printed whole on its own line, at any terminal
width, so it can be copied into ``bookmarks status`` (a table folds or cuts its columns to fit)."""

from __future__ import annotations

from typing import Any


def listing_lines(items: list[dict[str, Any]]) -> list[str]:
    if not items:
        return ["No bookmarks."]
    lines: list[str] = []
    for item in items:
        lines.append(f"{item['bookmarkId']}  {item.get('status', '')}")
        lines.append(f"    {item.get('title', '')}")
        lines.append(f"    {item.get('url', '')}")
        if item.get("tags"):
            lines.append(f"    tags: {', '.join(item['tags'])}")
        lines.append("")
    return lines
