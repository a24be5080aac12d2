"""The Idempotency-Key of POST /bookmarks over real HTTP: scoped to the caller, never the bookmark id, its
pattern enforced in words, and a retry with the same body answered with the first answer at any time, even
after the execution closed (when Step Functions itself answers ExecutionAlreadyExists whatever the input)."""

from __future__ import annotations

import json
import uuid
from collections import Counter
from typing import Any

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for

KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def post(stack: RunningStack, token: str, body: Any, key: str | bytes | None = None) -> requests.Response:
    headers: dict[str, Any] = {"Authorization": token, "Content-Type": "application/json"}
    if key is not None:
        headers["Idempotency-Key"] = key
    return requests.post(f"{stack.api}/bookmarks", data=json.dumps(body), headers=headers, timeout=30)


@pytest.fixture(scope="module")
def alice(stack: RunningStack) -> str:
    return stack.token("alice")


@pytest.fixture(scope="module")
def bob(stack: RunningStack) -> str:
    return stack.token("bob")


def unique_url() -> str:
    return f"https://example.com/idempotency/{uuid.uuid4().hex}"


def closed_duplicate(stack: RunningStack, token: str, key: str) -> tuple[str, requests.Response]:
    """A keyed submission whose execution has closed: a duplicate of a URL another submission holds."""
    url = unique_url()
    holder = post(stack, token, {"url": url}).json()["bookmarkId"]
    wait_for(
        lambda: (
            requests.get(f"{stack.api}/bookmarks/{holder}", headers={"Authorization": token}, timeout=30)
            .json()
            .get("status")
            == "PENDING_APPROVAL"
        ),
        30,
        "the first submission to claim its URL",
    )
    first = post(stack, token, {"url": url}, key)
    sfn = stack.aws_client("stepfunctions")
    wait_for(
        lambda: sfn.describe_execution(executionArn=first.json()["executionArn"])["status"] != "RUNNING",
        30,
        "the duplicate's execution to close",
    )
    return url, first


def test_alices_key_does_not_block_bobs_own_submission(stack: RunningStack, alice: str, bob: str) -> None:
    key = uuid.uuid4().hex
    alices = post(stack, alice, {"url": unique_url()}, key)

    bobs = post(stack, bob, {"url": unique_url()}, key)

    assert (alices.status_code, bobs.status_code) == (202, 202)
    assert alices.json()["bookmarkId"] != bobs.json()["bookmarkId"]


def test_a_key_never_becomes_the_bookmark_id(stack: RunningStack, alice: str) -> None:
    response = post(stack, alice, {"url": unique_url()}, "admin")

    assert response.status_code in (202, 409)  # 409 when an earlier run of this suite used "admin" already
    if response.status_code == 202:
        assert response.json()["bookmarkId"] != "admin"
        assert "admin" not in response.json()["executionArn"]


def test_a_retry_after_the_execution_closed_returns_the_original_answer(stack: RunningStack, alice: str) -> None:
    key = uuid.uuid4().hex
    url, first = closed_duplicate(stack, alice, key)

    retry = post(stack, alice, {"url": url}, key)

    assert (first.status_code, retry.status_code) == (202, 202)
    assert retry.json() == first.json()


def test_the_same_key_with_another_body_after_close_is_409_saying_so(stack: RunningStack, alice: str) -> None:
    url, key = unique_url(), uuid.uuid4().hex
    post(stack, alice, {"url": url})
    first = post(stack, alice, {"url": url}, key)
    sfn = stack.aws_client("stepfunctions")
    wait_for(
        lambda: sfn.describe_execution(executionArn=first.json()["executionArn"])["status"] != "RUNNING", 30, "close"
    )

    response = post(stack, alice, {"url": url, "title": "another body"}, key)

    assert response.status_code == 409
    assert "different submission" in response.json()["message"]


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ('a"b', "other characters"),
        ("k" * 44, "44 characters long"),
        ("caf\u00e9".encode().decode("latin-1"), "outside ASCII"),
        ('x","stateMachineArn":"arn:x', "other characters"),
        ("${context.requestId}", "other characters"),
    ],
)
def test_a_key_outside_the_pattern_is_400_saying_why(stack: RunningStack, alice: str, key: str, says: str) -> None:
    response = post(stack, alice, {"url": unique_url()}, key)

    assert response.status_code == 400
    assert response.headers["Content-Type"].startswith("application/json")
    assert "Idempotency-Key must be 1 to 43 characters" in response.json()["message"]
    assert says in response.json()["message"]


ANSWERS: Counter[tuple[str, int]] = Counter()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    key=st.text(st.characters(codec="latin-1", exclude_characters="\r\n\x00"), min_size=1, max_size=60).filter(
        lambda text: text.strip() == text and text != ""
    )
)
def test_any_key_gets_202_or_a_400_in_json_never_a_5xx(stack: RunningStack, alice: str, key: str) -> None:
    valid = len(key) <= 43 and all(character in KEY_ALPHABET for character in key)

    response = post(stack, alice, {"url": unique_url()}, key.encode("latin-1"))

    ANSWERS["valid" if valid else "hostile", response.status_code] += 1
    assert response.headers["Content-Type"].startswith("application/json")
    assert response.status_code in ((202, 409) if valid else (400,)), (key, response.text)
