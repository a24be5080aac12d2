"""Approval links over real HTTP: looking never decides, the first decision wins, and every wrong use gets a
clear answer."""

from __future__ import annotations

import threading
import time
import uuid
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from bookmarks_tasks.domain.approval_links import LinkKey, build_link
from tests.support.mail import approval_link
from tests.support.stack_process import RunningStack, running_stack
from tests.support.workflow import wait_for


def submitted_link(stack: RunningStack, username: str = "alice", **fields: str) -> tuple[str, str]:
    accepted = stack.client(username).submit(f"https://example.com/links/{uuid.uuid4().hex}", **fields)  # type: ignore[arg-type]
    return accepted["bookmarkId"], approval_link(stack.api, accepted["bookmarkId"])


def link_secret(stack: RunningStack) -> LinkKey:
    secrets = stack.aws_client("secretsmanager")
    [secret] = secrets.list_secrets()["SecretList"]
    current = secrets.get_secret_value(SecretId=secret["ARN"])
    return LinkKey(str(current["VersionId"]), str(current["SecretString"]))


def approval_id_of(link: str) -> str:
    return urlsplit(link).path.rsplit("/", 1)[-1]


def decide(stack: RunningStack, link: str, decision: str, token: str) -> requests.Response:
    query = {key: values[0] for key, values in parse_qs(urlsplit(link).query).items()}
    body = {"decision": decision, "comment": "", **query}
    return requests.post(link.split("?")[0], json=body, headers={"Authorization": token}, timeout=30)


def test_opening_an_approval_link_never_decides(stack: RunningStack) -> None:
    bookmark_id, link = submitted_link(stack)

    for _ in range(3):
        assert requests.get(link, timeout=30).status_code == 200
    time.sleep(0.5)

    assert stack.client("alice").bookmark(bookmark_id)["status"] == "PENDING_APPROVAL"
    assert "Approve this bookmark?" in requests.get(link, timeout=30).text


def test_the_page_escapes_user_text_and_sends_security_headers(stack: RunningStack) -> None:
    _, link = submitted_link(stack, title="<script>alert(1)</script>", description='"><img src=x onerror=alert(2)>')

    page = requests.get(link, timeout=30)

    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "<img src=x" not in page.text
    assert "script-src 'nonce-" in page.headers["Content-Security-Policy"]
    assert page.headers["Referrer-Policy"] == "no-referrer"
    assert page.headers["X-Frame-Options"] == "DENY"
    assert page.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("tamper", ["signature", "expires"])
def test_a_tampered_link_is_403(stack: RunningStack, tamper: str) -> None:
    _, link = submitted_link(stack)
    url = urlsplit(link)
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    path = url.path
    if tamper == "signature":
        query["signature"] = "0" * 64
    else:
        query["expires"] = str(int(query["expires"]) + 86400)

    page = requests.get(f"{url.scheme}://{url.netloc}{path}", params=query, timeout=30)

    assert page.status_code == 403
    assert "not valid" in page.text


def test_an_expired_link_is_410(stack: RunningStack) -> None:
    _, link = submitted_link(stack)
    expired = build_link(stack.api, approval_id_of(link), int(time.time()) - 1, link_secret(stack))

    page = requests.get(expired, timeout=30)

    assert page.status_code == 410
    assert "expired" in page.text


def test_an_unknown_approval_is_404(stack: RunningStack) -> None:
    unknown = build_link(stack.api, "no-such-approval", int(time.time()) + 600, link_secret(stack))
    page = requests.get(unknown, timeout=30)
    assert page.status_code == 404
    assert "no approval request" in page.text


@pytest.mark.parametrize("secret", ["this stack's", "another stack's"])
def test_a_well_formed_link_to_an_approval_never_issued_is_unknown_not_forged(stack: RunningStack, secret: str) -> None:
    """After ``bookmarks local --reset`` old links name approvals the stack never issued: 404, not 403."""
    reset = LinkKey(str(uuid.uuid4()), "a-secret-from-before-the-reset")
    key = link_secret(stack) if secret == "this stack's" else reset
    link = build_link(stack.api, "b7c1e0f4d2a94f6e8c3b5a7d9e1f2a3b", int(time.time()) + 600, key)

    page = requests.get(link, timeout=30)
    answer = decide(stack, link, "APPROVED", stack.token("maria"))

    assert page.status_code == 404
    assert "Unknown approval" in page.text
    assert answer.status_code == 404


def test_a_decided_link_shows_what_was_decided_with_409(stack: RunningStack) -> None:
    _, link = submitted_link(stack)
    assert decide(stack, link, "APPROVED", stack.token("maria")).status_code == 200

    page = requests.get(link, timeout=30)

    assert page.status_code == 409
    assert "already approved by maria" in page.text


def test_a_replayed_decision_is_409_and_changes_nothing(stack: RunningStack) -> None:
    bookmark_id, link = submitted_link(stack)
    token = stack.token("maria")
    assert decide(stack, link, "APPROVED", token).status_code == 200

    replay = decide(stack, link, "REJECTED", token)

    assert replay.status_code == 409
    assert replay.json()["decision"] == "APPROVED"
    wait_for(lambda: stack.client("alice").bookmark(bookmark_id)["status"] == "APPROVED", 20, "approval")


def test_two_managers_deciding_at_once_make_exactly_one_decision(stack: RunningStack) -> None:
    bookmark_id, link = submitted_link(stack)
    tokens = {"APPROVED": stack.token("maria"), "REJECTED": stack.token("omar")}
    barrier = threading.Barrier(2)
    answers: dict[str, int] = {}

    def click(decision: str) -> None:
        barrier.wait()
        answers[decision] = decide(stack, link, decision, tokens[decision]).status_code

    threads = [threading.Thread(target=click, args=(decision,)) for decision in tokens]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(answers.values()) == [200, 409]
    winner = next(decision for decision, status in answers.items() if status == 200)
    bookmark = wait_for(
        lambda: (b := stack.client("alice").bookmark(bookmark_id))["status"] != "PENDING_APPROVAL" and b, 20, "decision"
    )
    assert bookmark["status"] == winner
    assert len(bookmark["decisions"]) == 1


def test_only_managers_can_decide(stack: RunningStack) -> None:
    _, link = submitted_link(stack, username="bob")
    answer = decide(stack, link, "APPROVED", stack.token("alice"))
    assert answer.status_code == 403
    assert "managers" in answer.json()["message"]


def test_a_manager_cannot_decide_on_their_own_submission(stack: RunningStack) -> None:
    _, link = submitted_link(stack, username="maria")
    answer = decide(stack, link, "APPROVED", stack.token("maria"))
    assert answer.status_code == 403
    assert "own submission" in answer.json()["message"]


def test_a_decision_without_signing_in_is_401(stack: RunningStack) -> None:
    _, link = submitted_link(stack)
    assert decide(stack, link, "APPROVED", "").status_code == 401


@pytest.fixture(scope="module")
def impatient_stack() -> Iterator[RunningStack]:
    with running_stack(approval_timeout=2) as running:
        yield running


def test_deciding_after_the_workflow_stopped_waiting_is_410(impatient_stack: RunningStack) -> None:
    stack = impatient_stack
    bookmark_id, link = submitted_link(stack)
    wait_for(lambda: stack.client("alice").bookmark(bookmark_id)["status"] == "EXPIRED", 30, "expiry", interval=0.2)
    # The link's own expiry was stamped by the approval function a moment after the wait began: it ends within
    # that moment (and the whole second it is rounded to) of the workflow's timeout, not before.
    wait_for(lambda: requests.get(link, timeout=30).status_code == 410, 10, "the link to expire", interval=0.2)
    still_signed = build_link(stack.api, approval_id_of(link), int(time.time()) + 600, link_secret(stack))

    answer = decide(stack, still_signed, "APPROVED", stack.token("maria"))

    assert answer.status_code == 410
    assert "no longer waiting" in answer.json()["message"]
