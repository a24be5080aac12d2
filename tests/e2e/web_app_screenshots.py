"""Screenshots of every view of the web app at desktop (1280) and phone (390) width, to look at them as a person
would, and the README's picture:

    .venv/bin/python -m tests.e2e.web_app_screenshots [OUTPUT_DIR]

Writes web-<view>-<width>.png into OUTPUT_DIR (default /tmp/web-app-screenshots) and docs/images/web-app.png.
"""

from __future__ import annotations

import sys
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect, sync_playwright

from tests.e2e.web_app_pages import DESKTOP, PHONE, go_to, open_app, search, suggest
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS
from tests.support.mail import approval_link
from tests.support.stack_process import PROJECT_DIR, RunningStack, running_stack
from tests.support.workflow import wait_for

README_PICTURE = PROJECT_DIR / "docs" / "images" / "web-app.png"


def _settle(stack: RunningStack, bookmark_id: str, status: str) -> None:
    wait_for(lambda: stack.client("alice").bookmark(bookmark_id)["status"] == status, 30, status)


def _story(stack: RunningStack) -> None:
    """A team's morning: some approved links, and alice's suggestions in every status."""
    alice, bob, maria = stack.client("alice"), stack.client("bob"), stack.client("maria")
    approved_urls = []
    for url, title, description, tags in [
        ("https://docs.python.org/3/", "Python documentation", "The language and its library.", ["python", "docs"]),
        ("https://doc.rust-lang.org/book/", "The Rust Book", "Ownership, borrowing, lifetimes.", ["rust"]),
        ("https://12factor.net/", "The Twelve-Factor App", "Building software-as-a-service.", ["design"]),
    ]:
        accepted = bob.submit(url, title=title, description=description, tags=tags)
        maria.decide(approval_link(stack.api, accepted["bookmarkId"]), "APPROVED", "Useful")
        approved_urls.append(accepted["bookmarkId"])
    rejected = alice.submit("https://example.com/old-news", title="Old news", tags=["misc"])
    maria.decide(approval_link(stack.api, rejected["bookmarkId"]), "REJECTED", "Out of date since 2019")
    alice.submit("https://docs.python.org/3/", title="Python docs again")
    alice.submit("https://bad..example/", title="A typo in the host")
    approved = alice.submit("https://sre.google/books/", title="Google SRE books", tags=["ops"])
    maria.decide(approval_link(stack.api, approved["bookmarkId"]), "APPROVED", "A classic")
    pending = alice.submit("https://www.w3.org/WAI/ARIA/apg/", title="ARIA Authoring Practices", tags=["a11y"])
    approval_link(stack.api, pending["bookmarkId"])
    _settle(stack, approved["bookmarkId"], "APPROVED")


def _shoot(page: Page, path: Path) -> None:
    page.wait_for_timeout(400)
    page.screenshot(path=str(path), full_page=True)
    print(f"wrote {path}")


def main(output: Path) -> None:
    output.mkdir(parents=True, exist_ok=True)
    with running_stack() as stack, sync_playwright() as playwright:
        _story(stack)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        for viewport in (DESKTOP, PHONE):
            width = viewport["width"]
            page = browser.new_context(viewport=viewport).new_page()
            page.goto(f"{stack.api}/")
            expect(page.locator("#sign-in-dialog")).to_be_visible()
            _shoot(page, output / f"web-sign-in-{width}.png")
            open_app(page, stack.api, "alice")
            expect(page.locator("#find-results > li").first).to_be_visible()
            _shoot(page, output / f"web-find-{width}.png")
            search(page, "python")
            expect(page.locator("#find-summary")).to_contain_text("matching")
            _shoot(page, output / f"web-find-search-{width}.png")
            suggest(page, "ftp://example.com/" + uuid.uuid4().hex[:6], title="Bell\u0007", tags="ok, not_ok")
            expect(page.locator("#suggest-url-error")).to_be_visible()
            _shoot(page, output / f"web-suggest-errors-{width}.png")
            go_to(page, "My suggestions")
            expect(page.locator("#mine-list .badge[data-status='DUPLICATE']")).to_be_visible(timeout=30_000)
            expect(page.locator("#mine-list .duplicate a")).to_be_visible()
            _shoot(page, output / f"web-mine-{width}.png")
            if width == DESKTOP["width"]:
                page.screenshot(path=str(README_PICTURE))
                print(f"wrote {README_PICTURE}")
            page.context.close()
            manager = browser.new_context(viewport=viewport).new_page()
            open_app(manager, stack.api, "maria", view="waiting")
            expect(manager.locator("#waiting-list > li").first).to_be_visible()
            _shoot(manager, output / f"web-waiting-{width}.png")
            manager.context.close()
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/web-app-screenshots"))
