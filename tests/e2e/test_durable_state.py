"""The local stack keeps its promises across restarts and crashes (issue 11): each test starts ``bookmarks local``
on a state directory of its own, stops it (Ctrl-C) or kills it (``kill -9``), and starts it again on the same
directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

import requests

from bookmarks_flow.client import ApiError, mailbox
from tests.support.bookmark_status import status_of, unique_url
from tests.support.mail import approval_link, messages_about, wait_for_message
from tests.support.stack_process import PROJECT_DIR, RunningStack, start_stack, stop_stack
from tests.support.workflow import wait_for

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


def test_a_clean_restart_keeps_users_tokens_executions_histories_and_mail(tmp_path: Path) -> None:
    stack = start_stack(state_dir=tmp_path)
    approved, waiting, _ = approved_and_waiting(stack)
    alice = stack.client("alice")
    sfn = stack.aws_client("stepfunctions")
    execution_arn = stack.config()["stateMachineArn"].replace(":stateMachine:", ":execution:") + f":{approved}"
    history = sfn.get_execution_history(executionArn=execution_arn)["events"]
    pool_id = stack.config()["userPoolId"]
    mail_before = mailbox(stack.api)
    stop_stack(stack)

    stack = start_stack(state_dir=tmp_path, ports=stack.ports)
    try:
        assert stack.config()["userPoolId"] == pool_id
        assert alice.bookmark(approved)["status"] == "APPROVED"  # the ID token from before the restart
        sfn = stack.aws_client("stepfunctions")
        assert sfn.describe_execution(executionArn=execution_arn)["status"] == "SUCCEEDED"
        assert sfn.get_execution_history(executionArn=execution_arn)["events"] == history
        assert mailbox(stack.api) == mail_before
        stack.client("maria").decide(approval_link(stack.api, waiting), "REJECTED", "not for us")
        assert status_of(alice, waiting, {"REJECTED"})["status"] == "REJECTED"
        wait_for_message(stack.api, waiting, "alice@example.com", "BOOKMARK_REJECTED")
        assert len(approval_emails(stack.api, waiting)) == 1
    finally:
        stop_stack(stack)


def test_an_approval_that_times_out_while_the_stack_is_down_expires_after_the_restart(tmp_path: Path) -> None:
    stack = start_stack(approval_timeout=6, state_dir=tmp_path)
    alice = stack.client("alice")
    url = unique_url("expiring")
    bookmark_id = alice.submit(url)["bookmarkId"]
    status_of(alice, bookmark_id, {"PENDING_APPROVAL"})
    link = approval_link(stack.api, bookmark_id)
    stopped_at = time.monotonic()
    stop_stack(stack)
    time.sleep(max(0.0, 7 - (time.monotonic() - stopped_at)))

    stack = start_stack(approval_timeout=6, state_dir=tmp_path, ports=stack.ports)
    try:
        assert status_of(alice, bookmark_id, {"EXPIRED"}, timeout=10)["status"] == "EXPIRED"
        wait_for_message(stack.api, bookmark_id, "alice@example.com", "BOOKMARK_EXPIRED")
        assert requests.get(link, timeout=30).status_code == 410
        again = alice.submit(url)["bookmarkId"]  # the URL was released
        assert status_of(alice, again, {"PENDING_APPROVAL"})["status"] == "PENDING_APPROVAL"
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


def _bookmarks_local(*arguments: str) -> subprocess.CompletedProcess[str]:
    command = [str(Path(sys.executable).parent / "bookmarks"), "local", "--project", str(PROJECT_DIR), *arguments]
    environment = {**os.environ, "COLUMNS": "300"}
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=environment, check=False)


def test_a_state_directory_from_another_version_is_refused_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "VERSION.json").write_text(json.dumps({"format": 1, "bookmarks-flow": "0.0.9", "moto": "5.0.0"}))

    run = _bookmarks_local("--state-dir", str(tmp_path), "--api-port", "0", "--aws-port", "0")

    assert run.returncode == 2
    message = " ".join(run.stdout.split())
    assert "bookmarks-flow 0.0.9" in message
    assert f"this is bookmarks-flow {version('bookmarks-flow')}" in message
    assert "bookmarks local --reset" in message


def test_reset_asks_first_and_empties_the_state_with_yes(tmp_path: Path) -> None:
    (tmp_path / "snapshot.bin").write_bytes(b"old state")

    declined = subprocess.run(
        [str(Path(sys.executable).parent / "bookmarks"), "local", "--state-dir", str(tmp_path), "--reset"],
        input="n\n",
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert declined.returncode == 1
    assert (tmp_path / "snapshot.bin").exists()

    stack = start_stack(state_dir=tmp_path, extra=("--reset", "--yes"))
    try:
        assert stack.client("alice").bookmarks(status="APPROVED")["items"] == []
    finally:
        stop_stack(stack)
