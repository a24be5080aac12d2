"""Reminders, escalation, two-person approval and the audit trail (issue 15), executed by moto's engine with the
real handlers and deadlines of seconds. Each test names the behaviour it specifies."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_tasks.domain.bookmark_view import audit_trail
from bookmarks_tasks.services.decide_approval import Outcome
from tests.support.workflow import Workflow, wait_for

PROJECT_DIR = Path(__file__).resolve().parents[2]
APPROVERS = "approvers@example.com"
ESCALATIONS = "escalations@example.com"
NO_FOLLOW_UPS = {"ApprovalReminderSeconds": "0", "ApprovalEscalationSeconds": "0"}


def _environment(**parameters: str) -> Iterator[Workflow]:
    with LocalEnvironment(PROJECT_DIR, parameters) as env:
        yield Workflow(env)


@pytest.fixture
def reminding() -> Iterator[Workflow]:
    """One reminder 2 s after the request; no escalation; 60 s to decide."""
    yield from _environment(
        ApprovalTimeoutSeconds="60",
        ApprovalReminderSeconds="2",
        ApprovalMaxReminders="1",
        ApprovalEscalationSeconds="0",
    )


@pytest.fixture
def escalating() -> Iterator[Workflow]:
    """Escalation 2 s after the request; no reminder; 10 s to decide in all (a loaded machine takes seconds to
    deliver the escalation e-mail and the decision)."""
    yield from _environment(ApprovalTimeoutSeconds="10", ApprovalReminderSeconds="0", ApprovalEscalationSeconds="2")


@pytest.fixture
def two_person() -> Iterator[Workflow]:
    yield from _environment(ApprovalTimeoutSeconds="60", TwoPersonApprovalTags="security", **NO_FOLLOW_UPS)


def _mail(workflow: Workflow, address: str, subject_start: str) -> Any:
    def found() -> Any:
        return next((m for m in workflow.mail_to(address) if m.subject.startswith(subject_start)), None)

    return wait_for(found, 30, f"a message to {address} starting {subject_start!r}")


def _approval_link(mail: Any) -> str:
    return str(next(link for link in mail.links if "/approvals/" in link))


def _events(workflow: Workflow, bookmark_id: str) -> list[str]:
    return [entry["event"] for entry in audit_trail(workflow.bookmark(bookmark_id))]


def test_a_reminded_request_is_approved_through_the_link_of_the_first_email(reminding: Workflow) -> None:
    bookmark_id = reminding.submit("https://example.com/reminded")
    first = _approval_link(_mail(reminding, APPROVERS, "Approval needed"))
    reminder = _mail(reminding, APPROVERS, "Reminder: approval needed")

    result = reminding.decide_link(_approval_link(reminder), "APPROVED", comment="sorry, was away")

    assert _approval_link(reminder) == first
    assert result.outcome is Outcome.DECIDED
    assert reminding.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    assert reminding.bookmark(bookmark_id)["status"] == "APPROVED"
    assert _events(reminding, bookmark_id) == ["REMINDER", "APPROVED"]
    assert reminding.entered_states(bookmark_id).count("Ask A Manager") == 2
    assert len([m for m in reminding.mail_to(APPROVERS)]) == 2  # the request and one reminder, no more


def test_reminders_stop_at_the_configured_number() -> None:
    for workflow in _environment(
        ApprovalTimeoutSeconds="5", ApprovalReminderSeconds="1", ApprovalMaxReminders="2", ApprovalEscalationSeconds="0"
    ):
        bookmark_id = workflow.submit("https://example.com/bounded")

        assert workflow.wait_until_finished(bookmark_id, timeout=30)["status"] == "SUCCEEDED"

        assert _events(workflow, bookmark_id) == ["REMINDER", "REMINDER", "EXPIRY"]
        reminders = [m for m in workflow.mail_to(APPROVERS) if m.subject.startswith("Reminder")]
        assert len(reminders) == 2


def test_an_escalated_request_is_decided_by_a_member_of_the_escalation_group(escalating: Workflow) -> None:
    bookmark_id = escalating.submit("https://example.com/escalated")
    escalation = _mail(escalating, ESCALATIONS, "Escalated: approval needed")

    status, body = escalating.post_decision(
        _approval_link(escalation), "APPROVED", manager="erin", groups="escalation-managers"
    )

    assert status == 200, body
    assert escalating.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    bookmark = escalating.bookmark(bookmark_id)
    assert bookmark["status"] == "APPROVED"
    assert bookmark["decidedBy"] == "erin"
    assert _events(escalating, bookmark_id) == ["ESCALATION", "APPROVED"]


def test_the_escalation_group_cannot_decide_before_the_request_is_escalated(reminding: Workflow) -> None:
    reminding.submit("https://example.com/not-yet")
    link = _approval_link(_mail(reminding, APPROVERS, "Approval needed"))

    status, body = reminding.post_decision(link, "APPROVED", manager="erin", groups="escalation-managers")

    assert status == 403
    assert "escalation group" in body["message"]


def test_an_escalated_request_nobody_decides_expires_frees_the_url_and_tells_the_submitter(
    escalating: Workflow,
) -> None:
    bookmark_id = escalating.submit("https://example.com/ignored")

    assert escalating.wait_until_finished(bookmark_id, timeout=30)["status"] == "SUCCEEDED"

    assert escalating.bookmark(bookmark_id)["status"] == "EXPIRED"
    assert escalating.url_claim("https://example.com/ignored") == {}
    assert _events(escalating, bookmark_id) == ["ESCALATION", "EXPIRY"]
    assert next(m.subject for m in escalating.mail_to(ESCALATIONS)).startswith("Escalated")
    expired = [e for e in escalating.history(bookmark_id) if e.get("stateEnteredEventDetails", {}).get("name")]
    assert "Tell The Submitter It Expired" in [e["stateEnteredEventDetails"]["name"] for e in expired]


def test_a_two_person_bookmark_is_approved_by_two_different_managers(two_person: Workflow) -> None:
    bookmark_id = two_person.submit("https://example.com/secure", tags=["security"])
    link = _approval_link(_mail(two_person, APPROVERS, "Approval needed"))

    first_status, first = two_person.post_decision(link, "APPROVED", manager="maria", comment="fine by me")
    second_request = _mail(two_person, APPROVERS, "Second approval needed")
    second_status, _ = two_person.post_decision(_approval_link(second_request), "APPROVED", manager="omar")

    assert (first_status, second_status) == (200, 200)
    assert "first of two" in first["message"]
    assert two_person.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    assert two_person.bookmark(bookmark_id)["status"] == "APPROVED"
    trail = audit_trail(two_person.bookmark(bookmark_id))
    assert [(e["event"], e["by"]) for e in trail] == [("FIRST_APPROVAL", "maria"), ("APPROVED", "omar")]
    assert "Tell The Submitter It Is Half-Way" in two_person.entered_states(bookmark_id)


def test_the_wait_for_the_second_approval_lasts_only_what_was_left_of_the_first(two_person: Workflow) -> None:
    """Else every first approval would push the decision past the link's expiry."""
    bookmark_id = two_person.submit("https://example.com/secure-deadline", tags=["security"])
    link = _approval_link(_mail(two_person, APPROVERS, "Approval needed"))
    time.sleep(2)

    two_person.post_decision(link, "APPROVED", manager="maria")
    _mail(two_person, APPROVERS, "Second approval needed")

    waits = [
        json.loads(e["stateEnteredEventDetails"]["input"])["approvalWait"]["step"]["waitSeconds"]
        for e in two_person.history(bookmark_id)
        if e.get("stateEnteredEventDetails", {}).get("name") == "Ask A Manager"
    ]
    assert waits[0] == 60
    assert 1 <= waits[1] <= 58


def test_a_two_person_bookmark_rejected_by_the_second_manager_is_rejected(two_person: Workflow) -> None:
    bookmark_id = two_person.submit("https://example.com/secure-no", tags=["security"])
    link = _approval_link(_mail(two_person, APPROVERS, "Approval needed"))
    two_person.post_decision(link, "APPROVED", manager="maria")
    _mail(two_person, APPROVERS, "Second approval needed")

    status, _ = two_person.post_decision(link, "REJECTED", manager="omar", comment="leaks internal hostnames")

    assert status == 200
    assert two_person.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    bookmark = two_person.bookmark(bookmark_id)
    assert bookmark["status"] == "REJECTED"
    assert bookmark["decisionComment"] == "leaks internal hostnames"
    assert _events(two_person, bookmark_id) == ["FIRST_APPROVAL", "REJECTED"]


def test_the_same_manager_cannot_give_both_approvals(two_person: Workflow) -> None:
    bookmark_id = two_person.submit("https://example.com/secure-twice", tags=["security"])
    link = _approval_link(_mail(two_person, APPROVERS, "Approval needed"))
    two_person.post_decision(link, "APPROVED", manager="maria")
    _mail(two_person, APPROVERS, "Second approval needed")

    status, body = two_person.post_decision(link, "APPROVED", manager="maria")

    assert status == 409
    assert "second manager" in body["message"]
    assert two_person.bookmark(bookmark_id)["status"] == "PENDING_APPROVAL"
    assert (two_person.approval_for(bookmark_id) or {}).get("status") == "PENDING"  # waiting for someone else


def test_a_bookmark_without_a_two_person_tag_needs_one_approval(two_person: Workflow) -> None:
    bookmark_id = two_person.submit("https://example.com/plain", tags=["docs"])

    assert two_person.decide(bookmark_id, "APPROVED").outcome is Outcome.DECIDED

    assert two_person.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    assert two_person.bookmark(bookmark_id)["status"] == "APPROVED"


@pytest.fixture
def reminding_later() -> Iterator[Workflow]:
    """One reminder 10 s after the request: time enough to hold up the next wait before the deadline, even on a
    loaded machine."""
    yield from _environment(
        ApprovalTimeoutSeconds="60",
        ApprovalReminderSeconds="10",
        ApprovalMaxReminders="1",
        ApprovalEscalationSeconds="0",
    )


def test_a_decision_arriving_while_a_reminder_is_being_sent_is_applied_once(reminding_later: Workflow) -> None:
    """The decision is recorded and answered 202; the next wait finds it and completes its own new token with it
    (a token completes only once, and the one the decision was sent with had timed out)."""
    reminding = reminding_later
    bookmark_id = reminding.submit("https://example.com/race-reminder")

    status, body = reminding.decide_while_the_wait_is_renewed(bookmark_id, comment="just in time")

    assert status == 202, body
    assert reminding.wait_until_finished(bookmark_id)["status"] == "SUCCEEDED"
    bookmark = reminding.bookmark(bookmark_id)
    assert bookmark["status"] == "APPROVED"
    assert bookmark["decisionComment"] == "just in time"
    assert [m for m in reminding.mail_to(APPROVERS) if m.subject.startswith("Reminder")] == []
    assert _events(reminding, bookmark_id) == ["REMINDER", "APPROVED"]
