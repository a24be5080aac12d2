"""One batch of an import, checked item by item with the rules of a single submission.

Each item is a line the file's parser produced: a submission, a line the format refused (``problem``), or a
repeat of an earlier line (``repeatOf``). A submission is checked by validate_submission, with the importing
manager as its submitter: the one definition of what a valid bookmark is. What is decided here (invalid,
repeated) is final; a valid link still has to claim its URL, which the workflow does with the same
conditional write as a single submission.
"""

from __future__ import annotations

from typing import Any

from bookmarks_tasks.domain.imports.import_ids import imported_bookmark_id
from bookmarks_tasks.domain.submission import validate_submission
from bookmarks_tasks.domain.validation_state_result import validation_state_result


def _checked(item: Any, import_id: str, importer: dict[str, Any]) -> dict[str, Any]:
    if not isinstance(item, dict) or not isinstance(item.get("line"), int):
        return {"line": 0, "outcome": "invalid", "reasons": ["the item is not a line of the import file"]}
    line = item["line"]
    if "problem" in item:
        return {"line": line, "outcome": "invalid", "reasons": [str(item["problem"])]}
    if "repeatOf" in item:
        return {
            "line": line,
            "outcome": "duplicate",
            "duplicateOf": imported_bookmark_id(import_id, int(item["repeatOf"])),
            "repeatOf": item["repeatOf"],
        }
    result = validate_submission({"submission": item.get("submission"), "submitter": importer})
    if not result.valid:
        return {"line": line, "outcome": "invalid", "reasons": result.reasons}
    state = validation_state_result(result)
    return {"line": line, "outcome": "valid", "bookmarkId": imported_bookmark_id(import_id, line), **state}


def check_batch(items: list[Any], import_id: str, importer: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """``valid`` items go on to claim their URL; ``decided`` ones are already in the report."""
    checked = [_checked(item, import_id, importer) for item in items]
    return {
        "valid": [entry for entry in checked if entry["outcome"] == "valid"],
        "decided": [entry for entry in checked if entry["outcome"] != "valid"],
    }
