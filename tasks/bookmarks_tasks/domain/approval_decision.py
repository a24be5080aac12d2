"""A manager's decision and how it travels back to the waiting workflow.

Approval completes the task (SendTaskSuccess); rejection fails it with the error ``Approval.Rejected``
(SendTaskFailure), which the state machine catches into the rejected path. Both carry the same JSON
document, so the workflow records who decided, when and why either way.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from bookmarks_tasks.domain.text import CONTROL_CHARACTERS, is_unicode_text

REJECTION_ERROR = "Approval.Rejected"
MAX_COMMENT_LENGTH = 1000


class DecisionKind(StrEnum):
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class InvalidDecision(ValueError):
    pass


@dataclass(frozen=True)
class Decision:
    kind: DecisionKind
    decided_by: str
    decided_at: str
    comment: str

    def document(self) -> dict[str, Any]:
        return {
            "decision": self.kind.value,
            "decidedBy": self.decided_by,
            "decidedAt": self.decided_at,
            "comment": self.comment,
        }

    def cause(self) -> str:
        return json.dumps(self.document(), separators=(",", ":"))


def make_decision(kind: str, decided_by: str, comment: str | None, now: datetime) -> Decision:
    try:
        decision_kind = DecisionKind(kind.upper())
    except ValueError as error:
        raise InvalidDecision("decision must be APPROVED or REJECTED") from error
    text = (comment or "").strip()
    if len(text) > MAX_COMMENT_LENGTH:
        raise InvalidDecision(f"comment is longer than {MAX_COMMENT_LENGTH} characters")
    if CONTROL_CHARACTERS.search(text):
        raise InvalidDecision("comment contains control characters")
    if not is_unicode_text(text):
        raise InvalidDecision("comment contains characters that are not valid Unicode text")
    if not decided_by:
        raise InvalidDecision("the deciding manager is unknown")
    timestamp = now.isoformat(timespec="seconds").replace("+00:00", "Z")
    return Decision(kind=decision_kind, decided_by=decided_by, decided_at=timestamp, comment=text)
