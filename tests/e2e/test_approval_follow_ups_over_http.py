"""A reminder and an escalation on the local stack, driven over HTTP as people would: the stack started with
``--parameter-overrides``, the mailbox read at /_local/mailbox, the link followed and decided through the API."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest

from bookmarks_flow.client import mailbox
from tests.support.bookmark_status import status_of, unique_url
from tests.support.mail import approval_link, wait_for_message
from tests.support.stack_process import PROJECT_DIR, RunningStack, start_stack, stop_stack

if TYPE_CHECKING:
    from playwright.sync_api import Page

# A reminder 2 s after the request, the escalation after 5 s; a minute in all.
FOLLOW_UPS = "ApprovalReminderSeconds=2 ApprovalMaxReminders=1 ApprovalEscalationSeconds=5"


@pytest.fixture(scope="module")
def reminding_stack() -> Iterator[RunningStack]:
    stack = start_stack(approval_timeout=60, extra=("--parameter-overrides", FOLLOW_UPS))
    try:
        yield stack
    finally:
        if stack.process.poll() is None:
            stop_stack(stack)


BLOCK = re.compile(r"<!-- follow-ups:start -->\s*```bash\n(?P<commands>.*?)```\s*<!-- follow-ups:end -->", re.DOTALL)


def test_the_readmes_second_walkthrough_works_as_written(reminding_stack: RunningStack) -> None:
    """First in this module: its decide follows the newest approval link in the mailbox."""
    readme = (PROJECT_DIR / "README.md").read_text(encoding="utf-8")
    match = BLOCK.search(readme)
    assert match, "README.md has no follow-ups block"
    assert f'--parameter-overrides "{FOLLOW_UPS}"' in readme
    environment = {**os.environ, "BOOKMARKS_API_URL": reminding_stack.api, "COLUMNS": "200"}
    outputs = []
    for command in [line for line in match["commands"].splitlines() if line.strip()]:
        result = subprocess.run(
            shlex.split(command), cwd=PROJECT_DIR, env=environment, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
        outputs.append(result.stdout)

    submitted, _, approvers, _, escalations, decided = outputs
    assert "PENDING_APPROVAL" in submitted
    assert "Reminder: approval needed" in approvers
    assert "Escalated: approval needed" in escalations
    assert "approved" in decided
    [escalated] = [m for m in mailbox(reminding_stack.api, "escalations@example.com")]
    bookmark_id = escalated["attributes"]["bookmarkId"]
    bookmark = status_of(reminding_stack.client("alice"), bookmark_id, {"APPROVED"}, timeout=20)
    assert [(e["event"], e["by"]) for e in bookmark["auditTrail"]][-1] == ("APPROVED", "erin")
    assert [e["event"] for e in bookmark["auditTrail"]] == ["REMINDER", "ESCALATION", "APPROVED"]


def _link(message: dict[str, object]) -> str:
    links = message["links"]
    assert isinstance(links, list)
    return str(next(link for link in links if "/approvals/" in str(link)))


def test_a_reminder_mails_the_same_link_and_a_manager_approves_through_it(reminding_stack: RunningStack) -> None:
    alice = reminding_stack.client("alice")
    bookmark_id = alice.submit(unique_url("reminded"), title="Worth a reminder")["bookmarkId"]
    first = approval_link(reminding_stack.api, bookmark_id)

    reminder = wait_for_message(reminding_stack.api, bookmark_id, "approvers@example.com", "APPROVAL_REMINDER")
    reminding_stack.client("maria").decide(_link(reminder), "APPROVED", "Sorry, I was away")

    assert _link(reminder) == first
    bookmark = status_of(alice, bookmark_id, {"APPROVED"}, timeout=20)
    assert [entry["event"] for entry in bookmark["auditTrail"]] == ["REMINDER", "APPROVED"]
    assert bookmark["auditTrail"][-1]["comment"] == "Sorry, I was away"


def test_an_escalation_reaches_the_escalation_group_whose_member_decides(reminding_stack: RunningStack) -> None:
    alice = reminding_stack.client("alice")
    bookmark_id = alice.submit(unique_url("escalated"), title="Nobody looked")["bookmarkId"]

    escalation = wait_for_message(
        reminding_stack.api, bookmark_id, "escalations@example.com", "APPROVAL_ESCALATION", timeout=30
    )
    decided = reminding_stack.client("erin").decide(_link(escalation), "REJECTED", "Out of scope")

    assert decided["decision"]["decidedBy"] == "erin"
    bookmark = status_of(alice, bookmark_id, {"REJECTED"}, timeout=20)
    trail = [(entry["event"], entry["by"]) for entry in bookmark["auditTrail"]]
    assert trail == [("REMINDER", "bookmarks-flow"), ("ESCALATION", "bookmarks-flow"), ("REJECTED", "erin")]


def test_the_web_app_lists_the_reminder_and_the_escalation_in_the_suggestion_s_history(
    reminding_stack: RunningStack, page: Page
) -> None:
    from playwright.sync_api import expect  # the page fixture skips this test without a browser

    from tests.e2e.web_app_pages import my_card, open_app

    title = f"Followed up {uuid.uuid4().hex[:10]}"
    bookmark_id = reminding_stack.client("alice").submit(unique_url("history"), title=title)["bookmarkId"]
    wait_for_message(reminding_stack.api, bookmark_id, "escalations@example.com", "APPROVAL_ESCALATION", timeout=30)

    open_app(page, reminding_stack.api, "alice", view="mine")
    card = my_card(page, title)
    card.locator("summary", has_text="History").click()

    entries = card.locator(".history li")
    expect(entries).to_have_count(2)
    expect(entries.nth(0)).to_contain_text("Managers reminded")
    expect(entries.nth(1)).to_contain_text("Escalated to more managers")
    expect(entries.nth(0).locator("time")).to_have_count(1)
    expect(entries.nth(0)).not_to_contain_text("deadline")  # the service's own note is for operators
