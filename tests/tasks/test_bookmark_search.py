"""Word search over a bookmark: every word, in any case, across title, URL, description and tags."""

from __future__ import annotations

import pytest

from bookmarks_tasks.domain.bookmark_search import (
    MAX_INDEXED_WORDS,
    MAX_WORD_LENGTH,
    InvalidSearch,
    driving_word,
    indexed_words,
    matches,
    search_tag,
    search_words,
)

BOOKMARK = {
    "title": "The Rust Book",
    "url": "https://doc.rust-lang.org/book/",
    "description": "Ownership, borrowing and lifetimes",
    "tags": ["systems", "learning"],
}


@pytest.mark.parametrize("query", ["rust", "RUST book", "doc.rust-lang", "BORROWING", "systems learning", ""])
def test_a_bookmark_matches_words_from_any_of_its_fields_in_any_case(query: str) -> None:
    assert matches(BOOKMARK, search_words(query))


def test_a_bookmark_matches_only_when_every_word_is_there() -> None:
    assert not matches(BOOKMARK, search_words("rust python"))


def test_a_word_matches_a_whole_word_only() -> None:
    assert not matches(BOOKMARK, search_words("borrow"))
    assert not matches(BOOKMARK, search_words("rus"))


def test_a_query_is_read_as_words_as_the_bookmark_is() -> None:
    assert search_words("doc.rust-lang, BOOK!") == ["doc", "rust", "lang", "book"]


def test_a_bookmark_is_indexed_by_the_words_of_its_title_tags_url_and_description_in_that_order() -> None:
    assert indexed_words(BOOKMARK) == [
        "the", "rust", "book", "systems", "learning", "https", "doc", "lang", "org",
        "ownership", "borrowing", "and", "lifetimes",
    ]  # fmt: skip


def test_at_most_ninety_nine_words_are_indexed_so_that_one_transaction_approves_and_indexes() -> None:
    many = {"title": "t", "description": " ".join(f"w{number}" for number in range(200))}

    assert len(indexed_words(many)) == MAX_INDEXED_WORDS == 99


def test_a_run_longer_than_a_word_is_not_indexed() -> None:
    long_run = "a" * (MAX_WORD_LENGTH + 1)

    assert indexed_words({"url": f"https://example.com/{long_run}"}) == ["https", "example", "com"]


def test_a_search_reads_the_index_of_its_longest_word() -> None:
    assert driving_word(["go", "ownership", "rust"]) == "ownership"


def test_a_bookmark_without_optional_fields_is_searched_by_what_it_has() -> None:
    assert matches({"url": "https://example.com/x"}, search_words("example"))


def test_repeated_words_count_once() -> None:
    assert search_words("Rust rust RUST") == ["rust"]


def test_more_than_ten_words_is_an_invalid_search() -> None:
    with pytest.raises(InvalidSearch):
        search_words(" ".join(f"w{n}" for n in range(11)))


def test_a_query_longer_than_the_api_document_allows_is_refused() -> None:
    with pytest.raises(InvalidSearch, match="q is at most 200 characters"):
        search_words("a" * 201)


def test_a_tag_is_searched_in_lower_case() -> None:
    assert search_tag("Systems") == "systems"


@pytest.mark.parametrize("tag", [None, ""])
def test_no_tag_filters_nothing(tag: str | None) -> None:
    assert search_tag(tag) is None


def test_a_tag_longer_than_the_api_document_allows_is_refused() -> None:
    with pytest.raises(InvalidSearch, match="tag is at most 32 characters"):
        search_tag("t" * 33)
