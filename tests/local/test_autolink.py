"""The mailbox's linkifier: one pass, no overlapping links, everything escaped, GitHub's punctuation rules."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bookmarks_flow.local.autolink import find_links, linkify

PIECES = st.sampled_from(
    [
        *("https://a.example/", "http://b.example", "https://docs.python.org/3/", "), ", "(", ")", ".", ",", "!"),
        *("?", ":", "*", "_", "~", ";", "&amp;", "&", "<", ">", '"', "'", "`", " ", "\n", "<a href=", "</a>"),
        *('"><a href="https://evil.example/">', "https://", "x", "/", "#", "=", "\u202e", "https://c.example/(x)"),
    ]
)
CRAFTED_TEXT = st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join)


class Anchors(HTMLParser):
    """Collects anchors and their text, and notices an anchor opened inside another."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.anchors: list[tuple[str, str]] = []
        self.text: list[str] = []
        self.depth = 0
        self.nested = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag == "a", tag
        self.nested = self.nested or self.depth > 0
        self.depth += 1
        self.anchors.append((dict(attrs)["href"] or "", ""))

    def handle_endtag(self, tag: str) -> None:
        self.depth -= 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self.depth:
            href, text = self.anchors[-1]
            self.anchors[-1] = (href, text + data)


def parsed(html: str) -> Anchors:
    parser = Anchors()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("See https://docs.python.org/3/), then", ["https://docs.python.org/3/"]),
        ("(https://example.com/a)", ["https://example.com/a"]),
        ("https://en.wikipedia.org/wiki/Set_(mathematics).", ["https://en.wikipedia.org/wiki/Set_(mathematics)"]),
        ("Is it https://example.com/?", ["https://example.com/"]),
        ("https://example.com/a?b=1&amp;", ["https://example.com/a?b=1"]),
        ("https://a.example/https://b.example/", ["https://a.example/https://b.example/"]),
        ('x"><a href="https://evil.example/">https://ok.example/', ["https://evil.example/", "https://ok.example/"]),
        ("https:// nothing", []),
        ("https://example.com/~user_name_", ["https://example.com/~user_name"]),
    ],
)
def test_links_end_where_github_would_end_them(text: str, links: list[str]) -> None:
    assert [link.url for link in find_links(text)] == links


@settings(max_examples=500, deadline=None)
@given(text=CRAFTED_TEXT)
def test_linkified_text_reads_back_unchanged_with_one_flat_anchor_per_link(text: str) -> None:
    html = linkify(text)
    page = parsed(html)

    assert not page.nested
    assert "".join(page.text) == text
    assert [href for href, _ in page.anchors] == [link.url for link in find_links(text)]
    assert all(href == anchor_text for href, anchor_text in page.anchors)
