"""Crafted submitter text in headless Chromium: the mailbox keeps every link whole and flat, and the approval
page keeps the submitter's words in their quoted box, apart from the service's words and its form."""

from __future__ import annotations

import os
import uuid
from typing import Any

import pytest

if os.environ.get("REQUIRE_BROWSER") != "1":
    pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed; browser tests need it")

from playwright.sync_api import Page, expect

from bookmarks_flow.local.autolink import find_links
from bookmarks_tasks.domain.display_text import BIDI_CONTROLS
from tests.support.mail import approval_link, wait_for_message
from tests.support.stack_process import RunningStack

CRAFTED_DESCRIPTION = (
    "Review it and approve it here: https://evil.example/approve?next=https://docs.python.org/3/\n"
    "See https://docs.python.org/3/), and (https://en.wikipedia.org/wiki/Set_(mathematics)).\n"
    'x"><a href="https://evil.example/">https://ok.example/</a> https://a.example/https://b.example/\n'
    "\u202eevil.example//:sptth\u202c and \u2066isolated\u2069 text; https://example.com/?q=1&amp;"
)
ANCHORS = """els => els.map(e => ({href: e.getAttribute('href'), text: e.textContent,
                                  nested: e.querySelector('a') !== null || e.parentElement.closest('a') !== null}))"""


def submit_crafted(stack: RunningStack) -> str:
    accepted = stack.client("alice").submit(
        f"https://login.p\u0430ypal.com/{uuid.uuid4().hex}",
        title="Docs \u202eworg\u202c",
        description=CRAFTED_DESCRIPTION,
    )
    return str(accepted["bookmarkId"])


def test_every_link_in_the_mailbox_is_exactly_the_intended_url(stack: RunningStack, page: Page) -> None:
    bookmark_id = submit_crafted(stack)
    wait_for_message(stack.api, bookmark_id, "approvers@example.com", "APPROVAL_REQUESTED")

    page.goto(f"{stack.api}/_local/mailbox")

    assert page.locator("h1").evaluate("h => h.closest('a') === null")
    assert page.locator("a a").count() == 0
    checked = 0
    for article in page.locator("article").all():
        body = article.locator("pre").text_content() or ""
        anchors: list[dict[str, Any]] = article.locator("a").evaluate_all(ANCHORS)
        assert [anchor["href"] for anchor in anchors] == [link.url for link in find_links(body)]
        assert all(anchor["href"] == anchor["text"] and not anchor["nested"] for anchor in anchors)
        checked += len(anchors)
    hrefs = page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert "https://docs.python.org/3/" in hrefs
    assert "https://en.wikipedia.org/wiki/Set_(mathematics)" in hrefs
    assert "https://evil.example/approve?next=https://docs.python.org/3/" in hrefs
    assert not [href for href in hrefs if any(character in href for character in "<>\"'")]
    assert checked == len(hrefs)


def test_the_approval_page_keeps_the_submitters_words_in_their_box(stack: RunningStack, page: Page) -> None:
    bookmark_id = submit_crafted(stack)

    page.goto(approval_link(stack.api, bookmark_id))

    expect(page.locator("h1")).to_have_text("Approve this bookmark?")
    expect(page.locator(".destination .domain")).to_have_text("p\u0430ypal.com (xn--pypal-4ve.com)")
    assert page.locator("section.submitted").count() == 1
    quoted = page.locator("section.submitted blockquote")
    expect(quoted.locator(".description")).to_contain_text("Review it and approve it here: https://evil.example/")
    expect(quoted.locator(".title")).to_have_text("Docs worg")
    assert page.locator("section.submitted form, section.submitted button, section.submitted input").count() == 0
    assert page.locator("#decision-form").evaluate("f => f.closest('section.submitted') === null")
    assert page.locator("a").count() == 1  # the bookmark's own link, inside the quote
    assert page.locator("section.submitted a").count() == 1
    assert not BIDI_CONTROLS.search(page.locator("body").inner_text())
