"""Snapshots written by a forked child while the stack goes on (snapshot_child.py): what it writes loads like a
snapshot written in process, and a child that fails leaves the journal to be replayed."""

from __future__ import annotations

import time
from pathlib import Path

from bookmarks_flow.local.persistence import snapshot_child
from bookmarks_flow.local.persistence.store import DurableStore
from tests.support.durable_environment import environment_on


def test_a_snapshot_written_by_a_child_folds_the_journal_and_loads_after_a_crash(tmp_path: Path) -> None:
    with environment_on(tmp_path, crash=True) as before:
        pool = before.stack.physical("UserPool")
        before.client("cognito-idp").admin_create_user(UserPoolId=pool, Username="kept", MessageAction="SUPPRESS")
        assert before.store is not None
        assert before.store.snapshot(in_child=True)
        before.client("cognito-idp").admin_create_user(UserPoolId=pool, Username="after", MessageAction="SUPPRESS")

    store = DurableStore(tmp_path).open()
    with environment_on(tmp_path, crash=False, store=store) as after:
        users = {u["Username"] for u in after.client("cognito-idp").list_users(UserPoolId=pool)["Users"]}

    assert {"kept", "after"} <= users
    assert store.report.journal_records == 1  # only the request after the child's snapshot was replayed


def _forever() -> None:
    while True:
        time.sleep(1)


def test_a_child_that_fails_reports_it() -> None:
    def fail() -> None:
        raise OSError("disk full")

    child = snapshot_child.start(fail)

    assert child is not None
    assert snapshot_child.wait(child, timeout=30) is False


def test_a_child_that_takes_too_long_is_killed() -> None:
    child = snapshot_child.start(_forever)

    assert child is not None
    assert snapshot_child.wait(child, timeout=0.5) is False
