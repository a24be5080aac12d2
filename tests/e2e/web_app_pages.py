"""The web app as its users drive it, for the browser tests and the screenshot script to read clearly."""

from __future__ import annotations

import time
from typing import Any

from playwright.sync_api import Page, expect

from bookmarks_flow.local.demo_users import demo_user

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def sign_in(page: Page, username: str) -> None:
    user = demo_user(username)
    dialog = page.locator("#sign-in-dialog")
    expect(dialog).to_be_visible()
    page.get_by_label("User name").fill(user.username)
    page.get_by_label("Password").fill(user.password)
    dialog.get_by_role("button", name="Sign in").click()
    expect(dialog).to_be_hidden()


def open_app(page: Page, api: str, username: str, view: str = "find") -> None:
    page.goto(f"{api}/#{view}")
    sign_in(page, username)
    expect(page.locator(f"#view-{view}")).to_be_visible()


def go_to(page: Page, link: str) -> None:
    page.get_by_role("navigation", name="Sections").get_by_role("link", name=link, exact=True).click()


def suggest(page: Page, url: str, title: str = "", description: str = "", tags: str = "") -> None:
    go_to(page, "Suggest")
    form = page.locator("#view-suggest")
    form.get_by_label("Link (URL)").fill(url)
    form.get_by_label("Title", exact=True).fill(title)
    form.get_by_label("Description", exact=True).fill(description)
    form.get_by_label("Tags", exact=True).fill(tags)
    form.get_by_role("button", name="Send suggestion").click()


def my_card(page: Page, bookmark_title: str) -> Any:
    return page.locator("#mine-list > li").filter(has=page.get_by_role("heading", name=bookmark_title))


def waiting_card(page: Page, text: str, timeout_ms: int) -> Any:
    """A suggestion in the managers' list, which is oldest first and paged: the manager shows more until it is
    there (the stack may hold older suggestions still waiting)."""
    card = page.locator("#waiting-list > li").filter(has_text=text)
    more = page.locator("#waiting-more")
    deadline = time.monotonic() + timeout_ms / 1000
    while card.count() == 0 and time.monotonic() < deadline:
        if more.is_visible() and more.is_enabled():
            more.click()
        page.wait_for_timeout(200)
    return card


def search(page: Page, words: str, tag: str = "") -> None:
    go_to(page, "Find")
    form = page.locator("#view-find")
    form.get_by_label("Words", exact=True).fill(words)
    form.get_by_label("Tag", exact=True).fill(tag)
    form.get_by_role("button", name="Search").click()
