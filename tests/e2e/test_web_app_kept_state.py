"""The web app's reads after `bookmarks local` restarts on its state directory: the search, "my suggestions"
and the managers' waiting list read the indexes the web app added (ByStatus, BySubmitter, Waiting), and the
app is served again, with its config from the restored stack."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.support.kept_state import approved_and_waiting
from tests.support.stack_process import RunningStack, start_stack, stop_stack


def _get(stack: RunningStack, username: str, path: str) -> dict[str, Any]:
    response = requests.get(f"{stack.api}{path}", headers={"Authorization": stack.token(username)}, timeout=30)
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


@pytest.fixture(scope="module")
def restarted(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[RunningStack, str, str, str]]:
    state_dir: Path = tmp_path_factory.mktemp("state")
    stack = start_stack(state_dir=state_dir)
    try:
        approved, waiting, _ = approved_and_waiting(stack)
        pool_id = stack.config()["userPoolId"]
    finally:
        stop_stack(stack)
    stack = start_stack(state_dir=state_dir, ports=stack.ports)
    try:
        yield stack, approved, waiting, pool_id
    finally:
        stop_stack(stack)


def test_the_search_finds_an_approved_bookmark_after_a_restart(restarted: tuple[RunningStack, str, str, str]) -> None:
    stack, approved, _, _ = restarted

    found = _get(stack, "bob", "/search?q=approved")

    assert approved in [item["bookmarkId"] for item in found["items"]]


def test_my_suggestions_are_listed_after_a_restart(restarted: tuple[RunningStack, str, str, str]) -> None:
    stack, approved, waiting, _ = restarted

    mine = {item["bookmarkId"]: item["status"] for item in _get(stack, "alice", "/me/bookmarks")["items"]}

    assert mine == {approved: "APPROVED", waiting: "PENDING_APPROVAL"}


def test_the_waiting_list_shows_the_suggestion_left_waiting_before_the_restart(
    restarted: tuple[RunningStack, str, str, str],
) -> None:
    stack, _, waiting, _ = restarted

    listed = [item["bookmarkId"] for item in _get(stack, "maria", "/approvals")["items"]]

    assert listed == [waiting]


def test_the_app_is_served_with_the_restored_pool_in_its_config(restarted: tuple[RunningStack, str, str, str]) -> None:
    stack, _, _, pool_id = restarted

    page = requests.get(f"{stack.api}/", timeout=30)
    config = requests.get(f"{stack.api}/config.json", timeout=30).json()

    assert page.status_code == 200
    assert "text/html" in page.headers["Content-Type"]
    assert config["userPoolId"] == pool_id
