"""A decision is validated before it can reach the waiting workflow."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from bookmarks_tasks.domain.approval_decision import DecisionKind, InvalidDecision, make_decision

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_a_decision_carries_who_when_and_why() -> None:
    decision = make_decision("approved", "maria", " fine ", NOW)
    assert decision.kind is DecisionKind.APPROVED
    assert json.loads(decision.cause()) == {
        "decision": "APPROVED",
        "decidedBy": "maria",
        "decidedAt": "2026-11-23T12:00:00Z",
        "comment": "fine",
    }


def test_an_unknown_decision_is_refused() -> None:
    with pytest.raises(InvalidDecision):
        make_decision("maybe", "maria", None, NOW)


def test_an_overlong_comment_is_refused() -> None:
    with pytest.raises(InvalidDecision):
        make_decision("REJECTED", "maria", "x" * 1001, NOW)
