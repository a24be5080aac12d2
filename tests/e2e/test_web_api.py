"""The API the web app reads, over real HTTP: search, my suggestions and the managers' waiting list."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
import requests

from tests.support.mail import approval_link
from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for


def get(stack: RunningStack, path: str, token: str, **query: str) -> requests.Response:
    return requests.get(f"{stack.api}{path}", params=query, headers={"Authorization": token}, timeout=30)


def unique_url() -> str:
    return f"https://example.com/web-api/{uuid.uuid4().hex}"


def approved(stack: RunningStack, url: str, **fields: Any) -> str:
    accepted = stack.client("bob").submit(url, **fields)
    stack.client("maria").decide(approval_link(stack.api, accepted["bookmarkId"]), "APPROVED")
    wait_for(lambda: stack.client("bob").bookmark(accepted["bookmarkId"])["status"] == "APPROVED", 20, "approval")
    return str(accepted["bookmarkId"])


@pytest.fixture(scope="module")
def alice(stack: RunningStack) -> str:
    return stack.token("alice")


@pytest.fixture(scope="module")
def maria(stack: RunningStack) -> str:
    return stack.token("maria")


def test_a_search_finds_an_approved_bookmark_by_words_of_its_description_in_any_case(
    stack: RunningStack, alice: str
) -> None:
    word = uuid.uuid4().hex[:12]
    bookmark_id = approved(stack, unique_url(), title="Guide", description=f"All about {word} things", tags=["docs"])

    found = get(stack, "/search", alice, q=f"{word.upper()} THINGS").json()["items"]

    assert [item["bookmarkId"] for item in found] == [bookmark_id]
    assert found[0]["submitter"] == "bob"


def test_a_search_needs_every_word_and_the_tag(stack: RunningStack, alice: str) -> None:
    word = uuid.uuid4().hex[:12]
    approved(stack, unique_url(), title=f"{word} one", tags=["alpha"])

    assert get(stack, "/search", alice, q=f"{word} missing").json()["items"] == []
    assert get(stack, "/search", alice, q=word, tag="beta").json()["items"] == []
    assert len(get(stack, "/search", alice, q=word, tag="ALPHA").json()["items"]) == 1


def test_a_search_never_shows_a_bookmark_that_waits_for_approval(stack: RunningStack, alice: str) -> None:
    word = uuid.uuid4().hex[:12]
    accepted = stack.client("alice").submit(unique_url(), title=word)
    wait_for(lambda: stack.client("alice").bookmark(accepted["bookmarkId"])["status"] == "PENDING_APPROVAL", 20, "")

    assert get(stack, "/search", alice, q=word).json()["items"] == []


def test_search_pages_follow_on_from_their_token_newest_first(stack: RunningStack, alice: str) -> None:
    word = uuid.uuid4().hex[:12]
    first = approved(stack, unique_url(), title=f"{word} first")
    second = approved(stack, unique_url(), title=f"{word} second")

    page_one = get(stack, "/search", alice, q=word, limit="1").json()
    page_two = get(stack, "/search", alice, q=word, limit="1", nextToken=page_one["nextToken"]).json()

    assert [page_one["items"][0]["bookmarkId"], page_two["items"][0]["bookmarkId"]] == [second, first]


def test_my_bookmarks_holds_my_suggestions_in_every_status_and_no_one_elses(stack: RunningStack) -> None:
    omar_token = stack.token("omar")
    mine = stack.client("omar").submit(unique_url(), title="Omar's")
    stack.client("bob").submit(unique_url(), title="Bob's")

    def listed() -> list[dict[str, Any]]:
        return list(get(stack, "/me/bookmarks", omar_token).json()["items"])

    items = wait_for(listed, 20, "omar's suggestion in his list")
    assert {item["submitter"] for item in items} == {"omar"}
    assert mine["bookmarkId"] in {item["bookmarkId"] for item in items}


def test_the_waiting_list_is_for_managers_only(stack: RunningStack, alice: str) -> None:
    response = get(stack, "/approvals", alice)

    assert response.status_code == 403
    assert "managers" in response.json()["message"]


def test_a_waiting_approval_carries_the_signed_link_of_the_e_mail_and_no_task_token(
    stack: RunningStack, maria: str
) -> None:
    accepted = stack.client("alice").submit(unique_url(), title="Waits")
    mailed = approval_link(stack.api, accepted["bookmarkId"])

    items = get(stack, "/approvals", maria, limit="100").json()["items"]

    [waiting] = [item for item in items if item["bookmarkId"] == accepted["bookmarkId"]]
    assert waiting["approvalLink"] == mailed
    assert waiting["submitter"] == "alice"
    assert "taskToken" not in str(waiting)


def test_the_waiting_list_is_oldest_first_and_drops_what_was_decided(stack: RunningStack, maria: str) -> None:
    older = stack.client("alice").submit(unique_url())
    newer = stack.client("bob").submit(unique_url())
    approval_link(stack.api, newer["bookmarkId"])
    stack.client("omar").decide(approval_link(stack.api, older["bookmarkId"]), "REJECTED", "not now")

    def waiting_ids() -> list[str]:
        return [item["bookmarkId"] for item in get(stack, "/approvals", maria, limit="100").json()["items"]]

    wait_for(lambda: older["bookmarkId"] not in waiting_ids(), 20, "the decided approval to leave the list")
    ids = waiting_ids()
    assert newer["bookmarkId"] in ids
    created = [item["createdAt"] for item in get(stack, "/approvals", maria, limit="100").json()["items"]]
    assert created == sorted(created)


@pytest.mark.parametrize("path", ["/search", "/me/bookmarks", "/approvals"])
def test_each_read_needs_a_signed_in_person(stack: RunningStack, path: str) -> None:
    assert requests.get(f"{stack.api}{path}", timeout=30).status_code == 401


@pytest.mark.parametrize(("query", "expected"), [({"limit": "0"}, "limit"), ({"nextToken": "not-ours"}, "nextToken")])
def test_bad_paging_is_a_400_with_a_message(
    stack: RunningStack, alice: str, query: dict[str, str], expected: str
) -> None:
    response = get(stack, "/search", alice, **query)

    assert response.status_code == 400
    assert expected in response.json()["message"]


def test_a_search_of_more_than_ten_words_is_a_400(stack: RunningStack, alice: str) -> None:
    response = get(stack, "/search", alice, q=" ".join(f"w{n}" for n in range(11)))

    assert response.status_code == 400
    assert "10 words" in response.json()["message"]
