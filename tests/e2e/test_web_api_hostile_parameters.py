"""Hostile parameters on the web app's routes (GET /search, /me/bookmarks, /approvals) over real HTTP: every one
is answered with a 4xx JSON message that says what is wrong, or a page; never a 5xx. The generators are those of
test_hostile_parameters (arbitrary bytes percent-encoded, Unicode digits)."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from tests.e2e.test_hostile_parameters import ANY_PARAMETER, HOSTILE, UNICODE_DIGITS, assert_json_4xx
from tests.support.stack_process import RunningStack

ROUTES = ["/search", "/me/bookmarks", "/approvals"]
# Every key attribute of the three indexes these routes read, and one that belongs to none.
KEY_NAMES = ["pk", "status", "createdAt", "submitterUsername", "approvalId", "x"]


@pytest.fixture(scope="module")
def maria_token(stack: RunningStack) -> str:
    """A manager: the only caller for whom GET /approvals reaches its paging."""
    return stack.token("maria")


def _get(stack: RunningStack, token: str, path_and_query: str) -> requests.Response:
    return requests.get(f"{stack.api}{path_and_query}", headers={"Authorization": token}, timeout=30)


def _token_of(position: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode().rstrip("=")


def forged_positions() -> st.SearchStrategy[str]:
    attribute = st.one_of(
        st.fixed_dictionaries({"S": st.text(max_size=20)}),
        st.fixed_dictionaries({"N": st.text(max_size=5)}),
        st.text(max_size=5),
        st.integers(),
    )
    position = st.dictionaries(st.sampled_from(KEY_NAMES), attribute, max_size=4)
    return st.one_of(position.map(_token_of), ANY_PARAMETER)


def assert_page_or_4xx(response: requests.Response) -> None:
    if response.status_code == 200:
        assert "items" in response.json()
    else:
        assert_json_4xx(response)


@pytest.mark.parametrize("route", ROUTES)
@HOSTILE
@given(limit=ANY_PARAMETER)
def test_a_hostile_page_size_is_a_400_or_a_page(stack: RunningStack, maria_token: str, route: str, limit: str) -> None:
    assert_page_or_4xx(_get(stack, maria_token, f"{route}?limit={limit}"))


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("limit", UNICODE_DIGITS)
def test_unicode_digits_as_the_page_size_are_a_400(
    stack: RunningStack, maria_token: str, route: str, limit: str
) -> None:
    response = _get(stack, maria_token, f"{route}?limit={quote(limit, safe='')}")

    assert response.status_code == 400
    assert "limit" in response.json()["message"]


@pytest.mark.parametrize("route", ROUTES)
@HOSTILE
@given(token=forged_positions())
def test_a_forged_page_token_is_a_400_or_a_page(stack: RunningStack, maria_token: str, route: str, token: str) -> None:
    assert_page_or_4xx(_get(stack, maria_token, f"{route}?nextToken={quote(token, safe='%')}"))


@pytest.mark.parametrize(
    ("route", "position"),
    [
        ("/search", {"pk": {"S": "BOOKMARK#x"}, "status": {"S": "REJECTED"}, "createdAt": {"S": "2026-01-01"}}),
        (
            "/me/bookmarks",
            {"pk": {"S": "BOOKMARK#x"}, "submitterUsername": {"S": "alice"}, "createdAt": {"S": "2026-01-01"}},
        ),
        ("/approvals", {"approvalId": {"S": "x"}, "status": {"S": "DECIDED"}, "createdAt": {"S": "2026-01-01"}}),
    ],
)
def test_a_well_formed_position_of_another_list_is_a_400(
    stack: RunningStack, maria_token: str, route: str, position: dict[str, dict[str, str]]
) -> None:
    """For /me/bookmarks the other list is alice's: maria cannot page through another person's suggestions."""
    response = _get(stack, maria_token, f"{route}?nextToken={_token_of(position)}")

    assert response.status_code == 400
    assert response.json()["message"].startswith("this page token is not valid")


@HOSTILE
@given(words=ANY_PARAMETER, tag=ANY_PARAMETER)
def test_hostile_search_words_and_tags_are_a_400_or_a_page(
    stack: RunningStack, maria_token: str, words: str, tag: str
) -> None:
    assert_page_or_4xx(_get(stack, maria_token, f"/search?q={words}&tag={tag}"))


@pytest.mark.parametrize(("name", "length"), [("q", 201), ("tag", 33)])
def test_search_parameters_longer_than_the_document_allows_are_a_400(
    stack: RunningStack, maria_token: str, name: str, length: int
) -> None:
    response = _get(stack, maria_token, f"/search?{name}={'a' * length}")

    assert response.status_code == 400
    assert name in response.json()["message"]


def test_a_search_of_more_than_ten_words_is_a_400(stack: RunningStack, maria_token: str) -> None:
    response = _get(stack, maria_token, "/search?q=" + "+".join(f"w{number}" for number in range(11)))

    assert response.status_code == 400
    assert "q" in response.json()["message"]


def test_the_waiting_list_is_a_403_for_someone_who_is_not_a_manager(stack: RunningStack) -> None:
    response = _get(stack, stack.token("alice"), "/approvals")

    assert response.status_code == 403
    assert response.json()["message"]
