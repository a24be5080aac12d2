"""The approval plan: when a waiting approval is reminded, escalated and expired, and how many must approve."""

from __future__ import annotations

from bookmarks_tasks.domain.approval_plan import (
    ESCALATION,
    EXPIRY,
    REMINDER,
    REQUEST,
    ApprovalSettings,
    approval_plan,
    deadlines,
    first_wait,
    parse_tags,
)


def test_a_plan_without_reminders_or_escalation_only_expires() -> None:
    assert deadlines(ApprovalSettings(timeout_seconds=300)) == [(300, EXPIRY)]


def test_reminders_repeat_up_to_their_number_and_the_escalation_falls_in_between() -> None:
    settings = ApprovalSettings(timeout_seconds=100, reminder_seconds=20, max_reminders=3, escalation_seconds=50)
    assert deadlines(settings) == [(20, REMINDER), (40, REMINDER), (50, ESCALATION), (60, REMINDER), (100, EXPIRY)]


def test_nothing_is_planned_at_or_after_the_expiry() -> None:
    settings = ApprovalSettings(timeout_seconds=30, reminder_seconds=20, max_reminders=5, escalation_seconds=30)
    assert deadlines(settings) == [(20, REMINDER), (30, EXPIRY)]


def test_a_reminder_due_with_the_escalation_gives_way_to_it() -> None:
    settings = ApprovalSettings(timeout_seconds=100, reminder_seconds=25, max_reminders=2, escalation_seconds=50)
    assert deadlines(settings) == [(25, REMINDER), (50, ESCALATION), (100, EXPIRY)]


def test_each_step_waits_from_the_previous_deadline_and_names_the_next() -> None:
    settings = ApprovalSettings(timeout_seconds=100, reminder_seconds=20, max_reminders=1, escalation_seconds=50)
    steps = approval_plan(settings, [])["steps"]
    assert [(s["waitSeconds"], s["then"], s["next"]) for s in steps] == [
        (20, REMINDER, 1),
        (30, ESCALATION, 2),
        (50, EXPIRY, 2),
    ]
    assert sum(step["waitSeconds"] for step in steps) == 100


def test_a_bookmark_with_a_two_person_tag_needs_two_approvals() -> None:
    settings = ApprovalSettings(timeout_seconds=60, two_person_tags=parse_tags(" Security, legal ,"))
    assert approval_plan(settings, ["docs", "security"])["approvalsNeeded"] == 2
    assert approval_plan(settings, ["docs"])["approvalsNeeded"] == 1


def test_the_workflow_starts_waiting_for_the_first_step_because_of_the_request() -> None:
    plan = approval_plan(ApprovalSettings(timeout_seconds=60, reminder_seconds=10, max_reminders=1), [])
    assert first_wait(plan) == {"step": plan["steps"][0], "reason": REQUEST}
