"""When a waiting approval is reminded, escalated and expired, and how many managers must approve it.

The workflow's wait ("Ask A Manager") times out at each of these deadlines in turn; JSONPath has no arithmetic
to work the intervals out, so they are computed here, once per submission, by the function that already runs
first on every path (Validate Submission): the plain approved path gains no state and no invocation.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

REMINDER = "REMINDER"
ESCALATION = "ESCALATION"
EXPIRY = "EXPIRY"
REQUEST = "REQUEST"


@dataclass(frozen=True)
class ApprovalSettings:
    """The template's parameters ApprovalTimeoutSeconds, ApprovalReminderSeconds (0: no reminder),
    ApprovalMaxReminders, ApprovalEscalationSeconds (0: no escalation) and TwoPersonApprovalTags."""

    timeout_seconds: int
    reminder_seconds: int = 0
    max_reminders: int = 0
    escalation_seconds: int = 0
    two_person_tags: frozenset[str] = frozenset()


def parse_tags(text: str) -> frozenset[str]:
    """A comma-separated parameter value, as a set of lower-case tags (tags are normalised that way)."""
    return frozenset(tag.strip().lower() for tag in text.split(",") if tag.strip())


def deadlines(settings: ApprovalSettings) -> list[tuple[int, str]]:
    """(seconds after the request, what happens then), in order; the last is always the expiry. Reminders and
    the escalation fall strictly before the expiry; a reminder due at the moment of the escalation is dropped
    (the escalation message reminds as well)."""
    timeout = settings.timeout_seconds
    events: dict[int, str] = {}
    if settings.reminder_seconds > 0:
        for count in range(1, settings.max_reminders + 1):
            at = count * settings.reminder_seconds
            if at < timeout:
                events[at] = REMINDER
    if 0 < settings.escalation_seconds < timeout:
        events[settings.escalation_seconds] = ESCALATION
    return [*sorted(events.items()), (timeout, EXPIRY)]


def approval_plan(settings: ApprovalSettings, tags: list[str]) -> dict[str, Any]:
    """The plan the workflow carries: each step waits ``waitSeconds`` (since the previous deadline), then does
    ``then``; ``next`` is the index of the following step (JSONPath cannot add)."""
    steps: list[dict[str, Any]] = []
    previous = 0
    timeline = deadlines(settings)
    for index, (at, then) in enumerate(timeline):
        steps.append(
            {"index": index, "waitSeconds": at - previous, "then": then, "next": min(index + 1, len(timeline) - 1)}
        )
        previous = at
    two_person = bool(settings.two_person_tags & {tag.lower() for tag in tags})
    return {"steps": steps, "approvalsNeeded": 2 if two_person else 1}


def first_wait(plan: dict[str, Any]) -> dict[str, Any]:
    """The wait the workflow starts with: the first step, entered because the approval was requested."""
    return {"step": plan["steps"][0], "reason": REQUEST}
