"""How much a search reads per Query: a small first page, then what the match rate says, or the rest at once."""

from __future__ import annotations

from bookmarks_tasks.domain.search_read_size import FIRST_READ_PAGE, MAX_READ_PER_SEARCH, next_read_size


def test_the_first_query_reads_a_small_page() -> None:
    assert next_read_size(wanted=20, found=0, read=0) == FIRST_READ_PAGE


def test_a_word_that_matched_nothing_yet_reads_the_rest_at_once() -> None:
    assert next_read_size(wanted=20, found=0, read=50) == MAX_READ_PER_SEARCH - 50


def test_a_common_word_reads_what_its_match_rate_needs_with_a_margin() -> None:
    # 10 of 50 matched: 10 more need about 50 more, 75 with the margin.
    assert next_read_size(wanted=20, found=10, read=50) == 75


def test_a_rare_word_reads_no_more_than_the_search_may() -> None:
    assert next_read_size(wanted=20, found=1, read=2900) == MAX_READ_PER_SEARCH - 2900


def test_a_nearly_full_page_still_reads_a_first_page_worth() -> None:
    assert next_read_size(wanted=20, found=19, read=50) == FIRST_READ_PAGE
