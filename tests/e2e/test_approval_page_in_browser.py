"""The approval page in headless Chromium: the manager signs in from the page (Cognito, from the browser) and
decides; the page's script runs under its strict Content-Security-Policy."""

from __future__ import annotations

import os
import uuid

import pytest

if os.environ.get("REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed; browser tests need it")

from playwright.sync_api import Page, expect

from bookmarks_flow.local.demo_users import demo_user
from tests.support.mail import approval_link
from tests.support.stack_process import RunningStack
from tests.support.workflow import wait_for


def sign_in_and_click(page: Page, username: str, button: str, comment: str = "") -> None:
    user = demo_user(username)
    page.locator("#comment").fill(comment)
    page.locator("#username").fill(user.username)
    page.locator("#password").fill(user.password)
    page.get_by_role("button", name=button).click()


def test_a_manager_approves_from_the_page_after_signing_in(stack: RunningStack, page: Page) -> None:
    accepted = stack.client("alice").submit(f"https://example.com/page/{uuid.uuid4().hex}", title="Read me")
    page.goto(approval_link(stack.api, accepted["bookmarkId"]))
    expect(page.locator("h1")).to_have_text("Approve this bookmark?")

    sign_in_and_click(page, "maria", "Approve", comment="Looks good")

    expect(page.locator("#result")).to_have_text("Thank you: the bookmark is approved", timeout=15_000)
    expect(page.get_by_role("button", name="Approve")).to_be_disabled()
    alice = stack.client("alice")
    wait_for(lambda: alice.bookmark(accepted["bookmarkId"])["status"] == "APPROVED", 20, "the approval")
    assert alice.bookmark(accepted["bookmarkId"])["decisions"][0]["comment"] == "Looks good"


def test_a_wrong_password_on_the_page_decides_nothing(
    stack: RunningStack, page: Page, browser_errors: list[str]
) -> None:
    accepted = stack.client("alice").submit(f"https://example.com/page/{uuid.uuid4().hex}")
    page.goto(approval_link(stack.api, accepted["bookmarkId"]))
    page.locator("#username").fill("maria")
    page.locator("#password").fill("not-her-password")

    page.get_by_role("button", name="Reject").click()

    expect(page.locator("#result")).to_contain_text("Sign-in failed", timeout=15_000)
    assert stack.client("alice").bookmark(accepted["bookmarkId"])["status"] == "PENDING_APPROVAL"
    # Cognito's refusal is the one error the browser reports (its 400 response); nothing else went wrong.
    assert browser_errors == [
        "console error: Failed to load resource: the server responded with a status of 400 (BAD REQUEST)"
    ]
    browser_errors.clear()
