"""The local stack keeps its promises across crashes (issue 11): each test starts ``bookmarks local`` on a state
directory of its own, kills it (``kill -9``) and starts it again on the same directory."""

from __future__ import annotations

import threading
from pathlib import Path

import requests

from bookmarks_flow.client import ApiError
from tests.support.bookmark_status import status_of, unique_url
from tests.support.kept_state import SETTLED, approval_emails, approved_and_waiting
from tests.support.mail import approval_link
from tests.support.stack_process import RunningStack, start_stack, stop_stack
from tests.support.workflow import wait_for


def submit_until_killed(stack: RunningStack, accepted: list[str], stop: threading.Event) -> None:
    client = stack.client("bob")
    while not stop.is_set():
        try:
            answer = client.submit(unique_url("in-flight"))
        except (ApiError, requests.RequestException):
            return
        accepted.append(answer["bookmarkId"])


def test_a_kill_during_submissions_loses_nothing_that_was_acknowledged(tmp_path: Path) -> None:
    stack = start_stack(state_dir=tmp_path)
    approved, waiting, waiting_url = approved_and_waiting(stack)
    alice = stack.client("alice")
    link = approval_link(stack.api, waiting)
    accepted: list[str] = []
    stop = threading.Event()
    submitters = [threading.Thread(target=submit_until_killed, args=(stack, accepted, stop)) for _ in range(6)]
    for submitter in submitters:
        submitter.start()
    wait_for(lambda: len(accepted) >= 20, 60, "twenty submissions to be accepted")
    stack.kill()
    stop.set()
    for submitter in submitters:
        submitter.join(timeout=30)
    acknowledged = list(accepted)

    stack = start_stack(state_dir=tmp_path, ports=stack.ports)
    try:
        for bookmark_id in acknowledged:
            status_of(alice, bookmark_id, SETTLED, timeout=60)
        assert alice.bookmark(approved)["status"] == "APPROVED"
        assert requests.get(link, timeout=30).status_code == 200
        stack.client("maria").decide(link, "APPROVED", "after the crash")
        assert status_of(alice, waiting, {"APPROVED"})["decisions"][0]["comment"] == "after the crash"
        assert len(approval_emails(stack.api, waiting)) == 1
        again = alice.submit(waiting_url)["bookmarkId"]
        assert status_of(alice, again, {"DUPLICATE"})["status"] == "DUPLICATE"
    finally:
        stop_stack(stack)


def test_a_torn_journal_tail_is_dropped_and_the_rest_loads(tmp_path: Path) -> None:
    stack = start_stack(state_dir=tmp_path)
    alice = stack.client("alice")
    bookmark_id = alice.submit(unique_url("torn"))["bookmarkId"]
    status_of(alice, bookmark_id, {"PENDING_APPROVAL"})
    stack.kill()
    [*_, last] = sorted(tmp_path.glob("journal-*.log"))
    with last.open("ab") as journal:
        journal.write(b"\x00\x00\x10\x00\xde\xad\xbe\xefhalf a rec")  # a header promising 4 KiB, then a crash

    stack = start_stack(state_dir=tmp_path, ports=stack.ports)
    try:
        assert alice.bookmark(bookmark_id)["status"] == "PENDING_APPROVAL"
        assert "incomplete last journal record" in "".join(stack.output)
    finally:
        stop_stack(stack)
