"""Hostile submissions over real HTTP: each is refused at the edge (a 4xx JSON) or accepted and ends with a
meaningful status (INVALID with a reason, or waiting for a manager), never FAILED; the failed-submissions queue
stays empty; a URL with a password is refused before any execution holds it."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for

SETTLED = {"INVALID", "PENDING_APPROVAL", "DUPLICATE"}
URL_PIECES = st.sampled_from(["[", "]", "::1", "zzzz", "%", "%zz", ":", "\u00b2", "\u0663", "@", "#", "?", ".", "xn--"])
HOSTILE_URLS = st.lists(st.one_of(URL_PIECES, st.text(min_size=1, max_size=6)), min_size=1, max_size=8).map(
    lambda parts: "http://" + "".join(parts).replace(" ", "")
)


@pytest.fixture(scope="module")
def alice_token(stack: RunningStack) -> str:
    return stack.token("alice")


def submit_raw(stack: RunningStack, token: str, body: str) -> requests.Response:
    headers = {"Authorization": token, "Content-Type": "application/json"}
    return requests.post(f"{stack.api}/bookmarks", data=body.encode(), headers=headers, timeout=30)


def settled(stack: RunningStack, token: str, bookmark_id: str) -> dict[str, Any]:
    def status() -> dict[str, Any] | None:
        response = requests.get(f"{stack.api}/bookmarks/{bookmark_id}", headers={"Authorization": token}, timeout=30)
        body: dict[str, Any] = response.json()
        return body if body.get("status") not in (None, "SUBMITTED") else None

    result: dict[str, Any] = wait_for(status, 30, f"bookmark {bookmark_id} to settle")
    return result


def failed_submissions(stack: RunningStack) -> list[dict[str, Any]]:
    sqs = stack.aws_client("sqs")
    [queue] = [url for url in sqs.list_queues()["QueueUrls"] if "FailedSubmissions" in url]
    return list(sqs.receive_message(QueueUrl=queue, MaxNumberOfMessages=10).get("Messages", []))


@pytest.mark.parametrize(
    "body",
    [
        '{"url": "http://[::1/"}',
        '{"url": "http://[zzzz]/"}',
        '{"url": "https://[::1]x/"}',
        '{"url": "https://example.com/surrogate", "title": "\\ud800"}',
        '{"url": "https://example.com/surrogate", "description": "a \\udfff b"}',
    ],
)
def test_input_that_used_to_fail_now_ends_invalid(stack: RunningStack, alice_token: str, body: str) -> None:
    response = submit_raw(stack, alice_token, body)
    assert response.status_code == 202, response.text

    bookmark = settled(stack, alice_token, response.json()["bookmarkId"])

    assert bookmark["status"] == "INVALID"
    assert bookmark["reasons"]
    assert failed_submissions(stack) == []


@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
@given(url=HOSTILE_URLS, title=st.text(max_size=30))
def test_generated_hostile_urls_are_refused_or_settle_and_never_fail(
    stack: RunningStack, alice_token: str, url: str, title: str
) -> None:
    response = submit_raw(stack, alice_token, json.dumps({"url": url, "title": title}))
    if response.status_code != 202:
        assert 400 <= response.status_code < 500
        assert response.json()["message"]
        return

    bookmark = settled(stack, alice_token, response.json()["bookmarkId"])

    assert bookmark["status"] in SETTLED
    assert failed_submissions(stack) == []


def test_a_url_with_a_password_is_refused_before_any_execution_holds_it(stack: RunningStack, alice_token: str) -> None:
    secret = f"pw-{uuid.uuid4().hex}"
    response = submit_raw(stack, alice_token, json.dumps({"url": f"https://alice:{secret}@example.com/x"}))

    sfn = stack.aws_client("stepfunctions")
    inputs = [
        sfn.describe_execution(executionArn=execution["executionArn"])["input"]
        for execution in sfn.list_executions(stateMachineArn=stack.config()["stateMachineArn"])["executions"]
    ]
    assert response.status_code == 400
    assert "user name or password" in response.json()["message"]
    assert secret not in response.text
    assert all(secret not in execution_input for execution_input in inputs)
