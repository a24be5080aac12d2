"""What a manager receives when a bookmark needs a decision."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bookmarks_tasks.domain.approval_links import build_link
from bookmarks_tasks.domain.email_subject import email_subject
from bookmarks_tasks.domain.submission import Bookmark, Submitter


@dataclass(frozen=True)
class ApprovalRequest:
    approval_id: str
    bookmark_id: str
    expires_at: int
    link: str
    subject: str
    body: str


def describe_duration(seconds: int) -> str:
    for unit, size in (("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            count = seconds // size
            return f"{count} {unit}{'s' if count != 1 else ''}"
    return f"{seconds} seconds"


def new_approval_id() -> str:
    """192 random bits: unguessable, and useless without the server-side record it names."""
    return secrets.token_urlsafe(24)


def compose_approval_request(
    *,
    approval_id: str,
    bookmark_id: str,
    bookmark: Bookmark,
    submitter: Submitter,
    now: int,
    timeout_seconds: int,
    base_url: str,
    secret: str,
) -> ApprovalRequest:
    expires_at = now + timeout_seconds
    link = build_link(base_url, approval_id, expires_at, secret)
    tags = ", ".join(bookmark.tags) or "none"
    subject = email_subject("Approval needed: ", bookmark.title)
    body = (
        f"{submitter.username} submitted a bookmark for the team's knowledge base.\n\n"
        f"Title: {bookmark.title}\n"
        f"URL: {bookmark.url}\n"
        f"Tags: {tags}\n"
        f"Description: {bookmark.description or '(none)'}\n\n"
        f"Review it and approve or reject it here (the link expires in {describe_duration(timeout_seconds)} "
        f"and works once):\n{link}\n"
    )
    return ApprovalRequest(
        approval_id=approval_id,
        bookmark_id=bookmark_id,
        expires_at=expires_at,
        link=link,
        subject=subject,
        body=body,
    )
