"""The web app in headless Chromium against `bookmarks local`, one test per journey a team member makes. Its
scripts run under the strict Content-Security-Policy; any script or console error fails the test."""

from __future__ import annotations

import json
import os
import re
import uuid

import pytest
import requests

if os.environ.get("REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed; browser tests need it")

from playwright.sync_api import Browser, Page, Route, expect

from tests.e2e.test_approval_page_in_browser import sign_in_and_click
from tests.e2e.web_app_pages import go_to, my_card, open_app, search, sign_in, suggest, waiting_card
from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for

# How long the workflow may take to move a suggestion on this machine (Lambda tasks run in this process).
WORKFLOW_MS = 30_000


def unique(word: str) -> str:
    return f"{word}{uuid.uuid4().hex[:10]}"


def test_a_submitter_suggests_a_link_and_watches_it_reach_pending_approval(stack: RunningStack, page: Page) -> None:
    title = unique("Pending ")
    open_app(page, stack.api, "alice")

    suggest(page, f"https://example.com/{uuid.uuid4().hex}", title=title, description="A <b>bold</b> claim", tags="web")

    expect(page.locator("#suggest-status")).to_contain_text("waits for a manager", timeout=WORKFLOW_MS)
    go_to(page, "My suggestions")
    card = my_card(page, title)
    expect(card.locator(".badge")).to_have_attribute("data-status", "PENDING_APPROVAL", timeout=WORKFLOW_MS)
    expect(card.locator(".badge")).to_have_text("Waiting for a manager")


def test_a_manager_approves_a_waiting_suggestion_and_the_submitter_sees_it_approved_and_finds_it(
    stack: RunningStack, browser: Browser, page: Page
) -> None:
    word = unique("zebra")
    title = unique("Approved ")
    open_app(page, stack.api, "alice")
    suggest(page, f"https://example.com/{uuid.uuid4().hex}", title=title, description=f"All about {word}")
    expect(page.locator("#suggest-status")).to_contain_text("waits for a manager", timeout=WORKFLOW_MS)
    go_to(page, "My suggestions")
    expect(my_card(page, title).locator(".badge")).to_have_text("Waiting for a manager", timeout=WORKFLOW_MS)

    manager = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        manager_page = manager.new_page()
        open_app(manager_page, stack.api, "maria", view="waiting")
        waiting = waiting_card(manager_page, title, WORKFLOW_MS)
        expect(waiting).to_contain_text("Suggested by alice", timeout=WORKFLOW_MS)
        expect(waiting).to_contain_text("waiting")
        with manager.expect_page() as opened:
            waiting.get_by_role("link", name="Open the approval page").click()
        approval_page = opened.value
        expect(approval_page.locator("h1")).to_have_text("Approve this bookmark?")
        sign_in_and_click(approval_page, "maria", "Approve", comment="Good one")
        expect(approval_page.locator("#result")).to_have_text(
            "Thank you: the bookmark is approved", timeout=WORKFLOW_MS
        )
    finally:
        manager.close()

    # No reload: the list follows the workflow by itself.
    card = my_card(page, title)
    expect(card.locator(".badge")).to_have_text("Approved", timeout=WORKFLOW_MS)
    expect(card).to_contain_text("Good one")
    search(page, word.upper())
    results = page.locator("#find-results > li")
    expect(results).to_have_count(1)
    expect(results.first.get_by_role("link", name=title)).to_have_attribute("rel", "noopener noreferrer")
    expect(results.first).to_contain_text("Added by alice")


def test_a_duplicate_suggestion_shows_the_existing_bookmark(stack: RunningStack, page: Page) -> None:
    url = f"https://example.com/{uuid.uuid4().hex}"
    original_title = unique("Original ")
    first = stack.client("bob").submit(url, title=original_title)
    wait_for(lambda: stack.client("bob").bookmark(first["bookmarkId"])["status"] == "PENDING_APPROVAL", 20, "")
    open_app(page, stack.api, "alice")

    again = unique("Again ")

    suggest(page, url.replace("https://example.com", "https://EXAMPLE.com"), title=again)

    expect(page.locator("#suggest-status")).to_contain_text("already in the knowledge base", timeout=WORKFLOW_MS)
    go_to(page, "My suggestions")
    card = my_card(page, again)
    expect(card.locator(".badge")).to_have_attribute("data-status", "DUPLICATE")
    expect(card.locator(".duplicate")).to_contain_text("The existing bookmark")
    expect(card.locator(".duplicate").get_by_role("link", name=original_title)).to_have_attribute("href", url)


def test_a_link_the_rules_refuse_shows_the_reason_beside_the_url_and_is_not_sent(
    stack: RunningStack, page: Page
) -> None:
    posts: list[str] = []
    page.on("request", lambda request: posts.append(request.url) if request.method == "POST" else None)
    open_app(page, stack.api, "alice")

    suggest(page, "ftp://example.com/file", title="Old school", tags="fine, not_fine")

    expect(page.locator("#suggest-url-error")).to_contain_text("must start with http:// or https://")
    expect(page.locator("#suggest-tags-error")).to_have_text(
        "Each tag is letters, digits and hyphens, starting with a letter or digit."
    )
    expect(page.get_by_label("Link (URL)")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Link (URL)")).to_be_focused()
    assert [url for url in posts if "/bookmarks" in url] == []


def test_a_link_the_workflow_finds_invalid_shows_its_reason_beside_the_url(stack: RunningStack, page: Page) -> None:
    open_app(page, stack.api, "alice")

    suggest(page, "https://bad..example/", title="Broken host")

    expect(page.locator("#suggest-url-error")).to_contain_text("is not a valid domain name", timeout=WORKFLOW_MS)
    expect(page.get_by_label("Link (URL)")).to_have_value("https://bad..example/")


def test_signing_out_forgets_the_session(stack: RunningStack, page: Page) -> None:
    open_app(page, stack.api, "alice")

    page.get_by_role("button", name="Sign out").click()

    expect(page.locator("#sign-in-dialog")).to_be_visible()
    expect(page.locator("#sign-in-dialog-reason")).to_have_text("You have signed out.")
    expect(page.get_by_role("navigation", name="Sections")).to_be_hidden()
    assert page.evaluate("sessionStorage.getItem('bookmarks.session')") is None
    page.reload()
    expect(page.locator("#sign-in-dialog")).to_be_visible()


def test_an_expired_session_asks_to_sign_in_again_and_keeps_what_was_typed(
    stack: RunningStack, page: Page, browser_errors: list[str]
) -> None:
    title = unique("Kept ")
    open_app(page, stack.api, "alice", view="suggest")
    page.get_by_label("Link (URL)").fill(f"https://example.com/{uuid.uuid4().hex}")
    page.get_by_label("Title", exact=True).fill(title)
    page.get_by_label("Description", exact=True).fill("Typed before the session ended")
    # The session ends while the person types: the API now refuses the stored token (401).
    page.evaluate(
        """() => {
            const stored = JSON.parse(sessionStorage.getItem('bookmarks.session'));
            const [head, body] = stored.idToken.split('.');
            sessionStorage.setItem('bookmarks.session',
                JSON.stringify({...stored, idToken: `${head}.${body}.c2lnbmF0dXJlLW5vLWxvbmdlci12YWxpZA`}));
        }"""
    )

    page.get_by_role("button", name="Send suggestion").click()

    expect(page.locator("#sign-in-dialog-reason")).to_have_text("Your session has ended. Sign in again to carry on.")
    expect(page.get_by_label("Title", exact=True)).to_have_value(title)
    sign_in(page, "alice")
    expect(page.locator("#suggest-status")).to_contain_text("waits for a manager", timeout=WORKFLOW_MS)
    stored = json.loads(page.evaluate("sessionStorage.getItem('bookmarks.session')"))
    assert stored["idToken"].split(".")[2] != "c2lnbmF0dXJlLW5vLWxvbmdlci12YWxpZA"
    # The API's refusal of the old token is the one error the browser reports; nothing else went wrong.
    assert [error for error in browser_errors if "401" not in error] == []
    assert len(browser_errors) == 1
    browser_errors.clear()


def test_a_suggestion_whose_answer_was_lost_is_sent_again_with_its_key_and_makes_one_bookmark(
    stack: RunningStack, page: Page, browser_errors: list[str]
) -> None:
    title = unique("Retried ")
    keys: list[str] = []

    def lose_the_first_answer(route: Route) -> None:
        keys.append(route.request.headers.get("idempotency-key", ""))
        if len(keys) == 1:
            route.fetch()  # the API receives it and starts the workflow; its answer never reaches the page
            route.abort("connectionreset")
        else:
            route.continue_()

    page.route(lambda url: url.endswith("/bookmarks"), lose_the_first_answer)
    open_app(page, stack.api, "alice")
    suggest(page, f"https://example.com/{uuid.uuid4().hex}", title=title)
    expect(page.locator("#suggest-status")).to_contain_text("Your text is kept; try again")

    page.get_by_role("button", name="Send suggestion").click()

    expect(page.locator("#suggest-status")).to_contain_text("waits for a manager", timeout=WORKFLOW_MS)
    assert len(keys) == 2
    assert keys[0] == keys[1]
    assert re.fullmatch(r"[A-Za-z0-9_-]{43}", keys[0])
    mine = requests.get(f"{stack.api}/me/bookmarks", headers={"Authorization": stack.token("alice")}, timeout=30)
    assert [item["title"] for item in mine.json()["items"]].count(title) == 1
    assert [error for error in browser_errors if "ERR_CONNECTION_RESET" not in error] == []
    browser_errors.clear()


def test_a_changed_suggestion_is_sent_with_a_new_key(stack: RunningStack, page: Page) -> None:
    keys: list[str] = []
    page.on(
        "request",
        lambda request: (
            keys.append(request.headers.get("idempotency-key", ""))
            if request.method == "POST" and request.url.endswith("/bookmarks")
            else None
        ),
    )
    open_app(page, stack.api, "alice")
    suggest(page, f"https://example.com/{uuid.uuid4().hex}", title=unique("First "))
    expect(page.locator("#suggest-status")).to_contain_text("waits for a manager", timeout=WORKFLOW_MS)

    suggest(page, f"https://example.com/{uuid.uuid4().hex}", title=unique("Second "))

    expect(page.locator("#suggest-status")).to_contain_text("waits for a manager", timeout=WORKFLOW_MS)
    assert len(keys) == 2
    assert keys[0] != keys[1]
