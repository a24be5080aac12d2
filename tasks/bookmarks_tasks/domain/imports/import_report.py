"""The report of an import, from the results its map run wrote: every line of the file, once, by outcome.

Each child execution of the map handled one batch and returned ``{"decided": [...], "claimed": [...]}`` (with
review, ``claimed`` holds the links sent for review: outcome ``review``, the bookmark id its submission's); a
child that failed (after its retries) is in the FAILED results with its input, so its lines are reported as
failed rather than lost.
"""

from __future__ import annotations

import json
from typing import Any

_OUTCOMES = ("imported", "review", "duplicate", "invalid", "failed")


def _entries_of_child(result: dict[str, Any]) -> list[dict[str, Any]]:
    if result.get("Status") != "SUCCEEDED":
        batch = json.loads(result.get("Input") or "{}")
        reason = "the import could not finish this line: run the import again to retry it"
        return [
            {"line": item.get("line", 0), "outcome": "failed", "reasons": [reason]}
            for item in batch.get("Items", [])
            if isinstance(item, dict)
        ]
    output = json.loads(result.get("Output") or "{}")
    return [*output.get("decided", []), *output.get("claimed", [])]


def _public(entry: dict[str, Any]) -> dict[str, Any]:
    """What the report says of a line: no internal state (the validated bookmark, the DynamoDB tags)."""
    kept = {"line": entry["line"], "outcome": entry["outcome"]}
    for key in ("bookmarkId", "duplicateOf", "repeatOf", "reasons"):
        if key in entry:
            kept[key] = entry[key]
    if "bookmark" in entry:
        kept["url"] = entry["bookmark"].get("url")
    return kept


def import_report(child_results: list[dict[str, Any]]) -> dict[str, Any]:
    entries = sorted(
        (_public(entry) for result in child_results for entry in _entries_of_child(result)), key=lambda e: e["line"]
    )
    counts = {outcome: sum(1 for entry in entries if entry["outcome"] == outcome) for outcome in _OUTCOMES}
    return {"counts": counts, "lines": entries}


def summary_text(import_id: str, importer: str, counts: dict[str, int]) -> str:
    reviewed = f", sent {counts['review']} for review" if counts.get("review") else ""
    return (
        f"{importer} imported {counts['imported']} bookmarks{reviewed} "
        f"({counts['duplicate']} already known, {counts['invalid']} invalid, {counts['failed']} failed). "
        f"Import {import_id[:12]}."
    )
