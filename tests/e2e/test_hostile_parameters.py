"""Hostile parameters over real HTTP, generated rather than listed: every one gets a 4xx that says what is
wrong (JSON from the API, the HTML page from the approval page's GET), never a 5xx.

Each generated value is arbitrary bytes, percent-encoded, so non-ASCII, invalid UTF-8 and Unicode digits
("²", "٣") all reach the handlers. The counts per class are the ``max_examples`` below.
"""

from __future__ import annotations

import base64
import json
import uuid
from urllib.parse import quote, quote_from_bytes

import pytest
import requests
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.e2e.test_approval_links import submitted_link
from tests.support.stack_process import RunningStack

UNICODE_DIGITS = ["\u00b2", "\u00b3", "\u0663", "\u06f5", "\u0967", "\uff15", "\u2460", "\U0001d7d9", "1\u00b2"]
ANY_PARAMETER = st.one_of(
    st.binary(max_size=40).map(quote_from_bytes),
    st.text(max_size=40).map(lambda text: quote(text, safe="")),
    st.sampled_from(UNICODE_DIGITS).map(lambda text: quote(text, safe="")),
)
HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@pytest.fixture(scope="module")
def alice_token(stack: RunningStack) -> str:
    return stack.token("alice")


@pytest.fixture(scope="module")
def maria_token(stack: RunningStack) -> str:
    return stack.token("maria")


@pytest.fixture(scope="module")
def pending_link(stack: RunningStack) -> str:
    """A real, pending approval link: hostile parameters are tried on a real approval id."""
    _, link = submitted_link(stack)
    return link


def approval_path(link: str) -> str:
    return link.split("?")[0]


def assert_json_4xx(response: requests.Response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    assert response.headers["Content-Type"].startswith("application/json"), response.headers
    assert response.json()["message"]


def assert_page_4xx(response: requests.Response) -> None:
    assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])
    assert response.headers["Content-Type"].startswith(("text/html", "application/json")), response.headers


@HOSTILE
@given(expires=ANY_PARAMETER, signature=ANY_PARAMETER)
def test_an_approval_page_with_hostile_link_parameters_is_a_4xx_page(
    stack: RunningStack, pending_link: str, expires: str, signature: str
) -> None:
    response = requests.get(f"{approval_path(pending_link)}?expires={expires}&signature={signature}", timeout=30)
    assert_page_4xx(response)


@HOSTILE
@given(expires=st.one_of(st.text(max_size=12), st.sampled_from(UNICODE_DIGITS)), signature=st.text(max_size=64))
def test_a_decision_with_hostile_link_parameters_is_a_4xx_json(
    stack: RunningStack, pending_link: str, maria_token: str, expires: str, signature: str
) -> None:
    body = json.dumps({"decision": "APPROVED", "expires": expires, "signature": signature})
    response = requests.post(
        approval_path(pending_link),
        data=body,
        headers={"Authorization": maria_token, "Content-Type": "application/json"},
        timeout=30,
    )
    assert_json_4xx(response)


def test_a_non_ascii_signature_is_refused_on_get_and_post(
    stack: RunningStack, pending_link: str, maria_token: str
) -> None:
    expires = pending_link.split("expires=")[1].split("&")[0]
    signature = "\u00e9" * 32

    page = requests.get(f"{approval_path(pending_link)}?expires={expires}&signature={quote(signature)}", timeout=30)
    decision = requests.post(
        approval_path(pending_link),
        json={"decision": "APPROVED", "expires": expires, "signature": signature},
        headers={"Authorization": maria_token},
        timeout=30,
    )

    assert page.status_code == 403
    assert "This link is not valid" in page.text
    assert decision.status_code == 403
    assert decision.json()["message"].startswith("This link is not valid")


def test_a_decision_comment_that_is_not_unicode_text_is_a_400(
    stack: RunningStack, pending_link: str, maria_token: str
) -> None:
    query = dict(part.split("=") for part in pending_link.split("?")[1].split("&"))
    body = '{"decision": "REJECTED", "comment": "\\ud800", "expires": "%s", "signature": "%s"}' % (  # noqa: UP031
        query["expires"],
        query["signature"],
    )
    response = requests.post(
        approval_path(pending_link),
        data=body,
        headers={"Authorization": maria_token, "Content-Type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 400
    assert "comment" in response.json()["message"]


@HOSTILE
@given(limit=ANY_PARAMETER)
def test_a_hostile_page_size_is_a_400_or_a_page(stack: RunningStack, alice_token: str, limit: str) -> None:
    response = requests.get(f"{stack.api}/bookmarks?limit={limit}", headers={"Authorization": alice_token}, timeout=30)
    if response.status_code == 200:
        assert "items" in response.json()
    else:
        assert_json_4xx(response)


@pytest.mark.parametrize("limit", UNICODE_DIGITS)
def test_unicode_digits_as_the_page_size_are_a_400(stack: RunningStack, alice_token: str, limit: str) -> None:
    response = requests.get(
        f"{stack.api}/bookmarks", params={"limit": limit}, headers={"Authorization": alice_token}, timeout=30
    )
    assert response.status_code == 400
    assert "limit" in response.json()["message"]


def forged_tokens() -> st.SearchStrategy[str]:
    key = st.sampled_from(["pk", "status", "createdAt", "x"])
    attribute = st.one_of(
        st.fixed_dictionaries({"S": st.text(max_size=20)}),
        st.fixed_dictionaries({"N": st.text(max_size=5)}),
        st.text(max_size=5),
        st.integers(),
    )
    position = st.dictionaries(key, attribute, max_size=4)
    encoded = position.map(lambda value: base64.urlsafe_b64encode(json.dumps(value).encode()).decode().rstrip("="))
    return st.one_of(encoded, ANY_PARAMETER)


@HOSTILE
@given(token=forged_tokens())
def test_a_forged_page_token_is_a_400_that_says_so(stack: RunningStack, alice_token: str, token: str) -> None:
    response = requests.get(
        f"{stack.api}/bookmarks?nextToken={quote(token, safe='%')}", headers={"Authorization": alice_token}, timeout=30
    )
    if response.status_code == 200:  # a forged position DynamoDB accepts is only a place to start reading
        assert "items" in response.json()
        return
    assert_json_4xx(response)


def test_a_well_formed_position_for_another_list_is_a_400(stack: RunningStack, alice_token: str) -> None:
    position = {"pk": {"S": "BOOKMARK#x"}, "status": {"S": "REJECTED"}, "createdAt": {"S": "2026-01-01"}}
    token = base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")
    response = requests.get(
        f"{stack.api}/bookmarks", params={"nextToken": token}, headers={"Authorization": alice_token}, timeout=30
    )
    assert response.status_code == 400
    assert response.json()["message"].startswith("this page token is not valid")


@HOSTILE
@given(bookmark_id=ANY_PARAMETER.filter(lambda value: value not in ("", ".", "..")))
@example(bookmark_id="%0A").via("a newline once routed to the list (tasks/bookmarks_tasks/handlers/rest_resolver.py)")
@example(bookmark_id="a%0A").via("and this one read bookmark 'a'")
@example(bookmark_id="/a").via("an empty path segment was a 500 (src/bookmarks_flow/local/api/server.py)")
def test_a_hostile_bookmark_id_is_a_404_or_400(stack: RunningStack, alice_token: str, bookmark_id: str) -> None:
    response = requests.get(f"{stack.api}/bookmarks/{bookmark_id}", headers={"Authorization": alice_token}, timeout=30)
    assert_json_4xx(response)


def test_an_unknown_bookmark_is_still_a_404(stack: RunningStack, alice_token: str) -> None:
    response = requests.get(f"{stack.api}/bookmarks/{uuid.uuid4()}", headers={"Authorization": alice_token}, timeout=30)
    assert response.status_code == 404
