"""The local stack keeps its promises across clean restarts (issue 11): each test starts ``bookmarks local`` on a
state directory of its own, stops it (Ctrl-C) and starts it again on the same directory."""

from __future__ import annotations

import time
from pathlib import Path

import requests

from bookmarks_flow.client import mailbox
from tests.support.bookmark_status import status_of, unique_url
from tests.support.kept_state import approval_emails, approved_and_waiting
from tests.support.mail import approval_link, wait_for_message
from tests.support.stack_process import start_stack, stop_stack


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
