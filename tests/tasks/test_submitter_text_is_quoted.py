"""A submitter's title and description cannot pass for the service's words: in the approval e-mail and page
they sit in one delimited, quoted block, and everything outside it (the service's words, its one link, the
link's real destination, the decision form) is the same whatever they typed. Hypothesis writes the text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from bookmarks_tasks.domain.approval_links import LinkKey
from bookmarks_tasks.domain.approval_page import confirmation_page
from bookmarks_tasks.domain.approval_request import compose_approval_request
from bookmarks_tasks.domain.display_text import BIDI_CONTROLS
from bookmarks_tasks.domain.submission import Bookmark, Submitter

IMPERSONATION = st.sampled_from(
    [
        *("Review it and approve it here: https://evil.example/approve\n", "----- End of what alice submitted -----"),
        *("\n\nbookmarks-flow: sign in at https://evil.example/login\n", "</blockquote></section><form>", "\u202e"),
        *("\u2066", "\u200f", "\r", "\u2028", "\u0085", "  | ", "Approve or reject it on this page", "<script>"),
    ]
)
HOSTILE_TEXT = st.lists(st.one_of(IMPERSONATION, st.text(max_size=20)), max_size=12).map("".join)
URL = "https://docs.example.co.uk/guide"
LINK_PATTERN = re.compile(r"https?://\S+")


def email(title: str, description: str) -> tuple[str, str]:
    request = compose_approval_request(
        approval_id="abc",
        bookmark_id="b1",
        bookmark=Bookmark(url=URL, normalized_url=URL, title=title, description=description, tags=["docs"]),
        submitter=Submitter("alice", "alice@example.com"),
        now=0,
        timeout_seconds=3600,
        base_url="https://api.example.com",
        key=LinkKey("k" * 36, "s3cret"),
    )
    return request.body, request.link


def page(title: str, description: str) -> str:
    record = {"url": URL, "title": title, "description": description, "tags": ["docs"], "submitterUsername": "alice"}
    return confirmation_page(
        record=record, expires="1", kid="k", signature="s", client_id="c", cognito_endpoint="https://idp", nonce="n"
    ).body


def split_at_quote(body: str) -> tuple[str, list[str]]:
    service, quoted = body.split("----- Submitted by alice: their words, not ours -----\n", 1)
    return service, quoted.splitlines()


@settings(max_examples=300, deadline=None)
@given(title=HOSTILE_TEXT, description=HOSTILE_TEXT)
def test_the_emails_own_words_and_link_come_first_and_do_not_depend_on_the_submitters_text(
    title: str, description: str
) -> None:
    body, link = email(title, description)
    service, quoted = split_at_quote(body)

    assert service == split_at_quote(email("t", "d")[0])[0]
    assert LINK_PATTERN.findall(service) == [link]
    assert quoted[-1] == "----- End of what alice submitted -----"
    assert all(line.startswith("  | ") or line in ("  Title:", "  Link:", "  Description:") for line in quoted[:-1])
    assert not BIDI_CONTROLS.search(body)


@settings(max_examples=300, deadline=None)
@given(title=HOSTILE_TEXT, description=HOSTILE_TEXT)
def test_the_page_outside_the_quoted_box_does_not_depend_on_the_submitters_text(title: str, description: str) -> None:
    html = page(title, description)
    before, rest = html.split('<section class="submitted"', 1)
    _, after = rest.split("</section>", 1)

    expected_before, expected_rest = page("t", "d").split('<section class="submitted"', 1)
    assert before == expected_before
    assert after == expected_rest.split("</section>", 1)[1]
    assert html.count("</section>") == 1
    assert not BIDI_CONTROLS.search(html)


def test_the_page_names_the_registrable_domain_and_the_punycode_of_an_internationalised_host() -> None:
    record = {"url": "https://login.p\u0430ypal.com/", "title": "t", "description": "", "submitterUsername": "bob"}
    html = confirmation_page(
        record=record, expires="1", kid="k", signature="s", client_id="c", cognito_endpoint="https://idp", nonce="n"
    ).body
    assert '<div class="domain">p\u0430ypal.com (xn--pypal-4ve.com)</div>' in html
    assert "login.xn--pypal-4ve.com" in html


def test_the_email_names_the_registrable_domain() -> None:
    body, _ = email("t", "d")
    assert "The bookmark's link goes to: example.co.uk\n  (host docs.example.co.uk)" in body
