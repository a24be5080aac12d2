"""What a manager receives when a bookmark needs a decision."""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from bookmarks_tasks.domain.approval_links import LinkKey, build_link
from bookmarks_tasks.domain.display_text import display_text
from bookmarks_tasks.domain.email_subject import email_subject
from bookmarks_tasks.domain.link_origin import link_origin
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


def quoted(text: str) -> str:
    """Every line of the submitter's text behind "| ", so no line of it can pass for one of the service's."""
    lines = display_text(text).splitlines() or [""]
    return "\n".join(f"  | {line}" for line in lines)


def approval_body(bookmark: Bookmark, submitter: Submitter, link: str, lifetime: str) -> str:
    """The service's own words and its one link first; then the submitter's words, delimited and quoted."""
    who = display_text(submitter.username)
    origin = link_origin(bookmark.url)
    where = (
        f"The bookmark's link goes to: {origin.domain_label()}\n  (host {origin.host_label()})\n"
        if origin
        else "The bookmark's link could not be read.\n"
    )
    return (
        f"{who} submitted a bookmark for the team's knowledge base and it needs your decision.\n\n"
        f"Approve or reject it on this page (the link expires in {lifetime} and works once):\n{link}\n\n"
        "This is the only link from bookmarks-flow in this message. The approval page is on the same site as\n"
        "this link; anything below that asks you to go elsewhere or to sign in was written by the submitter.\n\n"
        f"{where}"
        f"Tags: {', '.join(bookmark.tags) or 'none'}\n\n"
        f"----- Submitted by {who}: their words, not ours -----\n"
        f"  Title:\n{quoted(bookmark.title)}\n"
        f"  Link:\n{quoted(bookmark.url)}\n"
        f"  Description:\n{quoted(bookmark.description or '(none)')}\n"
        f"----- End of what {who} submitted -----\n"
    )


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
    key: LinkKey,
) -> ApprovalRequest:
    expires_at = now + timeout_seconds
    link = build_link(base_url, approval_id, expires_at, key)
    subject = email_subject("Approval needed: ", bookmark.title)
    body = approval_body(bookmark, submitter, link, describe_duration(timeout_seconds))
    return ApprovalRequest(
        approval_id=approval_id,
        bookmark_id=bookmark_id,
        expires_at=expires_at,
        link=link,
        subject=subject,
        body=body,
    )
