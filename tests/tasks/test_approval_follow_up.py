"""The messages that follow an approval request (reminder, escalation, second approval) carry the first e-mail's
link, and the approval page says when one of two approvals is given."""

from __future__ import annotations

import re

from bookmarks_tasks.domain.approval_follow_up import SECOND_APPROVAL, compose_follow_up
from bookmarks_tasks.domain.approval_links import LinkKey
from bookmarks_tasks.domain.approval_page import confirmation_page
from bookmarks_tasks.domain.approval_plan import ESCALATION, REMINDER
from bookmarks_tasks.domain.approval_request import compose_approval_request
from bookmarks_tasks.domain.submission import Bookmark, Submitter

KEY = LinkKey(key_id="k" * 32, secret="s" * 32)
BOOKMARK = Bookmark(
    url="https://example.com/a", normalized_url="https://example.com/a", title="A", description="", tags=["security"]
)
SUBMITTER = Submitter(username="alice", email="alice@example.com")
LINK = re.compile(r"https?://\S+")


def test_every_follow_up_carries_the_link_of_the_first_email_and_only_that_link() -> None:
    first = compose_approval_request(
        approval_id="approval-1",
        bookmark_id="b1",
        bookmark=BOOKMARK,
        submitter=SUBMITTER,
        now=1_000,
        timeout_seconds=600,
        base_url="https://api.example.com/api",
        key=KEY,
    )
    for reason in (REMINDER, ESCALATION, SECOND_APPROVAL):
        follow_up = compose_follow_up(
            reason=reason,
            approval_id="approval-1",
            bookmark_id="b1",
            bookmark=BOOKMARK,
            submitter=SUBMITTER,
            now=1_300,
            expires_at=first.expires_at,
            base_url="https://api.example.com/api",
            key=KEY,
        )
        assert follow_up.request.link == first.link
        assert LINK.findall(follow_up.request.body) == [first.link, BOOKMARK.url]
        assert "5 minutes" in follow_up.request.body  # what is left of the ten, not the ten


def test_the_approval_page_names_the_first_approver_of_a_two_person_bookmark() -> None:
    record = {"url": BOOKMARK.url, "title": "A", "tags": ["security"], "submitterUsername": "alice"}
    page = confirmation_page(
        record={**record, "firstApprovedBy": "maria"},
        expires="1",
        kid="k",
        signature="s",
        client_id="c",
        cognito_endpoint="https://idp",
        nonce="n",
    ).body
    assert "maria approved it already" in page
