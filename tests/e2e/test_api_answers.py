"""Every answer of the API over real HTTP: bad input gets a 4xx with a message, never a 5xx."""

from __future__ import annotations

import json
import uuid
from typing import Any

import jwt
import pytest
import requests

from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for


def post(stack: RunningStack, body: Any, token: str | None, headers: dict[str, str] | None = None) -> requests.Response:
    data = body if isinstance(body, (bytes, str)) else json.dumps(body)
    all_headers = {"Content-Type": "application/json", **({"Authorization": token} if token else {}), **(headers or {})}
    return requests.post(f"{stack.api}/bookmarks", data=data, headers=all_headers, timeout=30)


@pytest.fixture(scope="module")
def alice_token(stack: RunningStack) -> str:
    return stack.token("alice")


def message_of(response: requests.Response) -> str:
    body = response.json()
    assert isinstance(body, dict)
    return str(body["message"])


def test_a_submission_without_a_token_is_401(stack: RunningStack) -> None:
    response = post(stack, {"url": "https://example.com/"}, None)
    assert response.status_code == 401
    assert "Sign in" in message_of(response)


def test_a_forged_token_is_401(stack: RunningStack, alice_token: str) -> None:
    claims = jwt.decode(alice_token, options={"verify_signature": False})
    wrong_key = "not-the-pool-key-but-long-enough-for-hs256"
    forged = jwt.encode({**claims, "cognito:username": "mallory"}, wrong_key, algorithm="HS256")
    assert post(stack, {"url": "https://example.com/"}, forged).status_code == 401


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (b"{not json", "not valid JSON"),
        ({"title": "no url"}, "url"),
        ({"url": 42}, "not of type 'string'"),
        ({"url": "ftp://example.com/file"}, "url"),
        ({"url": "javascript:alert(1)"}, "url"),
        ({"url": "https://example.com/\u0000"}, "url"),
        ({"url": "https://example.com/", "title": "bell\u0007"}, "title"),
        ({"url": "https://example.com/", "tags": "python"}, "tags"),
        ({"url": "https://example.com/", "tags": [f"t{n}" for n in range(11)]}, "tags"),
        ({"url": "https://example.com/", "submitter": {"username": "mallory"}}, "submitter"),
        ({"url": "https://example.com/" + "a" * 300_000}, "url"),
        ([], "not of type 'object'"),
    ],
)
def test_bad_input_is_400_with_a_message_that_says_what_is_wrong(
    stack: RunningStack, alice_token: str, body: Any, expected: str
) -> None:
    response = post(stack, body, alice_token)
    assert response.status_code == 400
    assert expected in message_of(response)


def test_a_body_over_the_size_limit_is_413(stack: RunningStack, alice_token: str) -> None:
    response = post(stack, b'{"url": "' + b"a" * (10 * 1024 * 1024) + b'"}', alice_token)
    assert response.status_code == 413
    assert message_of(response)


def test_a_retried_post_with_the_same_idempotency_key_returns_the_first_result(
    stack: RunningStack, alice_token: str
) -> None:
    body = {"url": f"https://example.com/idempotent/{uuid.uuid4().hex}"}
    key = {"Idempotency-Key": uuid.uuid4().hex}

    first, second = post(stack, body, alice_token, key), post(stack, body, alice_token, key)

    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json() == second.json()
    sfn = stack.aws_client("stepfunctions")
    executions = sfn.list_executions(stateMachineArn=stack.config()["stateMachineArn"], maxResults=1000)["executions"]
    assert [e["executionArn"] for e in executions].count(first.json()["executionArn"]) == 1


def test_the_same_idempotency_key_with_another_body_is_409(stack: RunningStack, alice_token: str) -> None:
    key = {"Idempotency-Key": uuid.uuid4().hex}
    assert post(stack, {"url": "https://example.com/one"}, alice_token, key).status_code == 202

    response = post(stack, {"url": "https://example.com/two"}, alice_token, key)

    assert response.status_code == 409
    assert "Idempotency-Key" in message_of(response)


def test_an_idempotency_key_with_other_characters_is_400(stack: RunningStack, alice_token: str) -> None:
    response = post(stack, {"url": "https://example.com/"}, alice_token, {"Idempotency-Key": "not ok!"})
    assert response.status_code == 400
    assert "Idempotency-Key" in message_of(response)


def test_an_unknown_bookmark_is_404(stack: RunningStack, alice_token: str) -> None:
    response = requests.get(f"{stack.api}/bookmarks/nope", headers={"Authorization": alice_token}, timeout=30)
    assert response.status_code == 404
    assert "nope" in message_of(response)


@pytest.mark.parametrize(
    "query",
    [
        "status=MAYBE",
        "limit=0",
        "limit=abc",
        "limit=%C2%B2",
        "nextToken=%%%",
        "nextToken=bm90IGpzb24",
    ],
)
def test_a_bad_listing_query_is_400(stack: RunningStack, alice_token: str, query: str) -> None:
    response = requests.get(f"{stack.api}/bookmarks?{query}", headers={"Authorization": alice_token}, timeout=30)
    assert response.status_code == 400
    assert message_of(response)


def test_listing_pages_through_every_bookmark_once(stack: RunningStack, alice_token: str) -> None:
    client = stack.client("alice")
    ids = {client.submit(f"https://example.com/page/{uuid.uuid4().hex}")["bookmarkId"] for _ in range(3)}
    for bookmark_id in ids:
        wait_for(lambda b=bookmark_id: client.bookmark(b)["status"] == "PENDING_APPROVAL", 20, "validation")
    seen: list[str] = []
    token = None
    for _ in range(50):
        params = {"status": "PENDING_APPROVAL", "limit": "2", **({"nextToken": token} if token else {})}
        response = requests.get(
            f"{stack.api}/bookmarks", params=params, headers={"Authorization": alice_token}, timeout=30
        )
        page = response.json()
        seen.extend(item["bookmarkId"] for item in page["items"])
        token = page.get("nextToken")
        if not token:
            break
    assert len(seen) == len(set(seen))
    assert ids <= set(seen)


def test_an_unknown_route_is_answered_like_api_gateway(stack: RunningStack) -> None:
    response = requests.get(f"{stack.api}/nowhere", timeout=30)
    assert response.status_code == 403
    assert message_of(response) == "Missing Authentication Token"


def _signed_by_the_pool(claims: dict[str, Any]) -> str:
    """Signed with the key moto's Cognito signs with (it ships inside moto: local tokens are demo tokens)."""
    import gzip
    from importlib.resources import files

    keys = json.loads(gzip.decompress(files("moto.cognitoidp").joinpath("resources/jwks-private.json.gz").read_bytes()))
    key = keys["keys"][0] if "keys" in keys else keys
    signing = jwt.PyJWK(key)
    return jwt.encode(claims, signing.key, algorithm="RS256", headers={"kid": key["kid"]})


@pytest.mark.parametrize(
    "change",
    [{"aud": "not-a-client-of-the-pool"}, {"token_use": "access"}],
    ids=["another-audience", "an-access-token"],
)
def test_a_pool_signed_token_for_another_audience_or_use_is_401(
    stack: RunningStack, alice_token: str, change: dict[str, str]
) -> None:
    claims = jwt.decode(alice_token, options={"verify_signature": False})
    assert post(stack, {"url": "https://example.com/"}, _signed_by_the_pool(claims)).status_code == 202
    response = post(stack, {"url": "https://example.com/"}, _signed_by_the_pool({**claims, **change}))
    assert response.status_code == 401
