"""A submission's correlation id is the API request id its execution was started with, or its bookmark id."""

from __future__ import annotations

from typing import Any

import pytest

from bookmarks_tasks.domain.correlation_id import correlation_id_of

REQUEST_ID = "c0a8e6f4-5b3d-4f1a-8e9c-7d6b5a4f3e21"


def test_the_api_request_id_in_the_input_is_the_correlation_id() -> None:
    assert correlation_id_of({"correlationId": REQUEST_ID}, "bm-1") == REQUEST_ID


@pytest.mark.parametrize("execution_input", [{}, {"correlationId": 7}, {"correlationId": "a b\n"}, "text", None])
def test_without_a_usable_request_id_the_bookmark_id_stands_in(execution_input: Any) -> None:
    assert correlation_id_of(execution_input, "bm-1") == "bm-1"


def test_an_overlong_id_is_not_written_into_log_lines() -> None:
    assert correlation_id_of({"correlationId": "a" * 129}, "bm-1") == "bm-1"
