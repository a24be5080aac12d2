"""The execution input of a submission, written so that a retry with the same body is byte-for-byte equal.

Step Functions answers a StartExecution with a known name and the same input as idempotent while the execution
runs, and ExecutionAlreadyExists once it has closed (or when the input differs); comparing the stored input
with the retry's tells the two apart at any time.
"""

from __future__ import annotations

import json
from typing import Any


def submission_input(submission: Any, username: str, email: str, correlation_id: str) -> str:
    """``correlation_id`` is the API request's id: a retry's differs, so a retry while the execution runs is
    told from a reused key by its stored submission (same_submission), as one after it closed."""
    document = {
        "submission": submission,
        "submitter": {"username": username, "email": email},
        "correlationId": correlation_id,
    }
    return json.dumps(document, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def same_submission(stored_input: str, submission: Any) -> bool:
    """Whether an execution's input carries this submission (the submitter is the same by construction)."""
    try:
        stored = json.loads(stored_input)
    except ValueError:
        return False
    return isinstance(stored, dict) and stored.get("submission") == submission
