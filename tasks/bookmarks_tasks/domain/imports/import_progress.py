"""What GET /imports/{importId} answers: the execution's status, the map run's item counts while it runs, and
the report once it has ended."""

from __future__ import annotations

from typing import Any

FINISHED = {"SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"}


def import_progress(
    import_id: str, execution: dict[str, Any], links: int, item_counts: dict[str, Any] | None
) -> dict[str, Any]:
    counts = item_counts or {}
    done = int(counts.get("succeeded", 0)) + int(counts.get("failed", 0)) + int(counts.get("timedOut", 0))
    answer: dict[str, Any] = {
        "importId": import_id,
        "status": execution["status"],
        "startedAt": execution["startDate"].isoformat(),
        "progress": {
            "links": links,
            "done": done,
            "failed": int(counts.get("failed", 0)) + int(counts.get("timedOut", 0)),
            "running": int(counts.get("running", 0)),
        },
    }
    if execution.get("stopDate") is not None:
        answer["stoppedAt"] = execution["stopDate"].isoformat()
    if execution["status"] in FINISHED - {"SUCCEEDED"}:
        answer["error"] = str(execution.get("error") or execution["status"])
    return answer
