"""What the end-to-end tests of the kept state (issue 11) set up before they stop or kill the stack."""

from __future__ import annotations

from typing import Any

from tests.support.bookmark_status import status_of, unique_url
from tests.support.mail import approval_link, messages_about
from tests.support.stack_process import RunningStack

SETTLED = {"PENDING_APPROVAL", "APPROVED", "REJECTED", "DUPLICATE", "INVALID", "EXPIRED", "FAILED"}


def approved_and_waiting(stack: RunningStack) -> tuple[str, str, str]:
    """One bookmark approved, one waiting for a manager: (approved id, waiting id, the waiting one's URL)."""
    alice = stack.client("alice")
    approved = alice.submit(unique_url("approved"))["bookmarkId"]
    stack.client("maria").decide(approval_link(stack.api, approved), "APPROVED", "keep it")
    status_of(alice, approved, {"APPROVED"})
    waiting_url = unique_url("waiting")
    waiting = alice.submit(waiting_url)["bookmarkId"]
    approval_link(stack.api, waiting)
    status_of(alice, waiting, {"PENDING_APPROVAL"})
    return approved, waiting, waiting_url


def approval_emails(api: str, bookmark_id: str) -> list[dict[str, Any]]:
    return [
        message
        for message in messages_about(api, bookmark_id, "approvers@example.com")
        if message["attributes"].get("eventType") == "APPROVAL_REQUESTED"
    ]
