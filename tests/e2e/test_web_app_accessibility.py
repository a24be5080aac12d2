"""Every view of the web app at phone and desktop width: axe-core (pinned through axe-playwright-python, which
ships axe.min.js, so it runs offline) finds no violation, and nothing is wider than the screen."""

from __future__ import annotations

import os
import uuid

import pytest

if os.environ.get("REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed; browser tests need it")

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.e2e.web_app_pages import DESKTOP, PHONE, go_to, open_app, suggest
from tests.support.mail import approval_link
from tests.support.stack_process import RunningStack

AXE = Axe()


def violations(page: Page) -> list[str]:
    results = AXE.run(page)
    return [f"{item['id']}: {[node['target'] for node in item['nodes']]}" for item in results.response["violations"]]


def fits_the_screen(page: Page) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_view_passes_axe_and_fits_the_screen(
    stack: RunningStack, browser: Browser, browser_errors: list[str], viewport: dict[str, int]
) -> None:
    accepted = stack.client("alice").submit(
        f"https://example.com/{uuid.uuid4().hex}", title="Waiting for the axe check"
    )
    approval_link(stack.api, accepted["bookmarkId"])
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.on("console", lambda message: browser_errors.append(message.text) if message.type == "error" else None)
    try:
        page.goto(f"{stack.api}/")
        expect(page.locator("#sign-in-dialog")).to_be_visible()
        found = {"sign-in": violations(page)}
        open_app(page, stack.api, "maria", view="waiting")
        expect(page.locator("#waiting-list > li").first).to_be_visible(timeout=30_000)
        found["waiting"] = violations(page)
        suggest(page, "not a link", title="x", tags="bad_tag")
        expect(page.locator("#suggest-url-error")).to_be_visible()
        found["suggest with errors"] = violations(page)
        go_to(page, "My suggestions")
        expect(page.locator("#mine-summary")).not_to_be_empty()
        found["mine"] = violations(page)
        go_to(page, "Find")
        expect(page.locator("#find-summary")).not_to_have_text("Searching…")
        found["find"] = violations(page)
        assert fits_the_screen(page)
    finally:
        context.close()

    assert {view: problems for view, problems in found.items() if problems} == {}
    assert browser_errors == []
