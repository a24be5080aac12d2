"""The messages that follow an approval request while nobody has decided: a reminder, an escalation, a request
for the second approval. Each carries the same signed link as the first e-mail (same approval id, same expiry)."""

from __future__ import annotations

from dataclasses import dataclass

from bookmarks_tasks.domain.approval_links import LinkKey, build_link
from bookmarks_tasks.domain.approval_plan import ESCALATION, REMINDER
from bookmarks_tasks.domain.approval_request import ApprovalRequest, approval_body, describe_duration
from bookmarks_tasks.domain.email_subject import email_subject
from bookmarks_tasks.domain.submission import Bookmark, Submitter

SECOND_APPROVAL = "SECOND_APPROVAL"
FOLLOW_UPS = frozenset({REMINDER, ESCALATION, SECOND_APPROVAL})

_OPENINGS = {
    REMINDER: ("Reminder: approval needed: ", "Reminder: nobody has decided on this bookmark yet.\n\n"),
    ESCALATION: (
        "Escalated: approval needed: ",
        "Escalated to you: the managers have not decided on this bookmark in time. As a member of the\n"
        "escalation group you can approve or reject it through this message's link.\n\n",
    ),
    SECOND_APPROVAL: (
        "Second approval needed: ",
        "One manager approved this bookmark; its tags need the approval of a second, different manager.\n\n",
    ),
}


@dataclass(frozen=True)
class FollowUp:
    reason: str
    request: ApprovalRequest


def compose_follow_up(
    *,
    reason: str,
    approval_id: str,
    bookmark_id: str,
    bookmark: Bookmark,
    submitter: Submitter,
    now: int,
    expires_at: int,
    base_url: str,
    key: LinkKey,
) -> FollowUp:
    """The link is built again from the stored approval id and expiry: with the same key it is the very link of
    the first e-mail; after a key rotation it is an equally valid one (the first stays valid too)."""
    prefix, opening = _OPENINGS[reason]
    link = build_link(base_url, approval_id, expires_at, key)
    body = opening + approval_body(bookmark, submitter, link, describe_duration(max(1, expires_at - now)))
    request = ApprovalRequest(
        approval_id=approval_id,
        bookmark_id=bookmark_id,
        expires_at=expires_at,
        link=link,
        subject=email_subject(prefix, bookmark.title),
        body=body,
    )
    return FollowUp(reason=reason, request=request)
