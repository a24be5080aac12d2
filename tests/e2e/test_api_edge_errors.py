"""What the API's edge answers to malformed requests, over real HTTP: always JSON with a message in words,
never a 5xx or an HTML page, and never an execution started with a body it could not read."""

from __future__ import annotations

import json
import uuid

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.stack_process import RunningStack


@pytest.fixture(scope="module")
def token(stack: RunningStack) -> str:
    return stack.token("alice")


def submission() -> bytes:
    return json.dumps({"url": f"https://example.com/edge/{uuid.uuid4().hex}"}).encode()


def post(stack: RunningStack, token: str, body: bytes, content_type: str | None) -> requests.Response:
    headers = {"Authorization": token, **({"Content-Type": content_type} if content_type else {})}
    return requests.post(f"{stack.api}/bookmarks", data=body, headers=headers, timeout=60)


def assert_json_error(response: requests.Response, status: int, says: str) -> None:
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    assert says in response.json()["message"]


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/xml", "text/xml", "multipart/form-data"],
)
def test_a_json_body_sent_as_another_content_type_is_415(stack: RunningStack, token: str, content_type: str) -> None:
    assert_json_error(post(stack, token, submission(), content_type), 415, "application/json")


def test_json_in_another_charset_is_415(stack: RunningStack, token: str) -> None:
    response = post(stack, token, submission(), "application/json; charset=utf-16")
    assert_json_error(response, 415, "UTF-8")


def test_no_content_type_is_read_as_json_as_api_gateway_does(stack: RunningStack, token: str) -> None:
    assert post(stack, token, submission(), None).status_code == 202


@pytest.mark.parametrize(
    ("encode", "says"),
    [
        (lambda text: text.encode("utf-16"), "not UTF-8"),
        (lambda text: text.encode("utf-16-le"), "not valid JSON"),  # ASCII in UTF-16-LE is UTF-8 with NULs
        (lambda text: text.encode("utf-32"), "not UTF-8"),
        (lambda text: b"\xef\xbb\xbf" + text.encode(), "byte order mark"),
    ],
)
def test_a_body_not_in_utf8_is_400_and_starts_nothing(
    stack: RunningStack, token: str, encode: object, says: str
) -> None:
    url = f"https://example.com/edge/{uuid.uuid4().hex}"
    response = post(stack, token, encode(json.dumps({"url": url})), "application/json")  # type: ignore[operator]

    assert_json_error(response, 400, says)
    sfn = stack.aws_client("stepfunctions")
    executions = sfn.list_executions(stateMachineArn=stack.config()["stateMachineArn"], maxResults=1000)
    inputs = [
        sfn.describe_execution(executionArn=e["executionArn"]).get("input", "") for e in executions["executions"][:5]
    ]
    assert not any(url in text for text in inputs)


@pytest.mark.parametrize("depth", [1_001, 100_000])
def test_json_nested_deeper_than_the_parser_limit_is_400(stack: RunningStack, token: str, depth: int) -> None:
    response = post(stack, token, b"[" * depth + b"]" * depth, "application/json")
    assert_json_error(response, 400, "levels deep")


def test_json_nested_deep_inside_a_field_is_400(stack: RunningStack, token: str) -> None:
    body = b'{"url": ' + b"{" * 0 + b"[" * 50_000 + b"]" * 50_000 + b"}"
    assert_json_error(post(stack, token, body, "application/json"), 400, "levels deep")


@pytest.mark.parametrize("size", [11_000, 100_000])
def test_an_oversized_authorization_header_is_413_in_json(stack: RunningStack, size: int) -> None:
    response = requests.get(f"{stack.api}/bookmarks", headers={"Authorization": "x" * size}, timeout=30)
    assert_json_error(response, 413, "10,240 bytes")


def test_a_body_over_api_gateways_10_mb_is_413(stack: RunningStack, token: str) -> None:
    response = post(stack, token, b'{"url": "' + b"a" * (10 * 1024 * 1024) + b'"}', "application/json")
    assert_json_error(response, 413, "10 MB")


@pytest.mark.parametrize(
    ("body", "says"),
    [
        ({"url": "ftp://example.com/"}, "url: an http:// or https:// address"),
        ({"url": "https://example.com/", "title": "bell\u0007"}, "title: at most 200 characters, without control"),
        ({"url": "https://example.com/", "tags": ["-x"]}, "tags/0: 1 to 32 letters, digits and '-'"),
    ],
)
def test_a_validation_message_says_what_is_allowed_in_words(
    stack: RunningStack, token: str, body: dict[str, object], says: str
) -> None:
    response = post(stack, token, json.dumps(body).encode(), "application/json")
    assert_json_error(response, 400, says)
    assert "^[" not in response.json()["message"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content_type=st.text(st.characters(codec="latin-1", exclude_characters="\r\n\x00"), max_size=80))
def test_any_content_type_gets_json_and_never_a_5xx(stack: RunningStack, token: str, content_type: str) -> None:
    response = post(stack, token, submission(), content_type.strip() or None)
    assert response.status_code < 500, (content_type, response.text)
    assert response.headers["Content-Type"].startswith("application/json")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(body=st.binary(max_size=300))
def test_any_bytes_as_a_body_get_json_and_never_a_5xx(stack: RunningStack, token: str, body: bytes) -> None:
    response = post(stack, token, body, "application/json")
    assert response.status_code < 500, (body, response.text)
    assert response.headers["Content-Type"].startswith("application/json")


@pytest.mark.parametrize("content_type", ["text/plain", "application/xml"])
def test_a_decision_sent_as_another_content_type_is_415_even_when_deeply_nested(
    stack: RunningStack, content_type: str
) -> None:
    """API Gateway validates only bodies of the modelled content type, so the function checks the rest itself."""
    manager = stack.token("maria")
    body = b"[" * 100_000 + b"]" * 100_000
    response = requests.post(
        f"{stack.api}/approvals/some-approval",
        data=body,
        headers={"Authorization": manager, "Content-Type": content_type},
        timeout=60,
    )
    assert_json_error(response, 415, "application/json")
