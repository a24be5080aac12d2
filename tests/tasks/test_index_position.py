"""A nextToken resumes only the list it came from: another partition of the same index is a 400, not a query
DynamoDB refuses."""

from __future__ import annotations

import pytest

from bookmarks_tasks.domain.index_position import position_in_partition
from bookmarks_tasks.domain.page_token import InvalidPageToken, encode_page_token

KEYS = ("pk", "submitterUsername", "createdAt")
ALICE = {"pk": {"S": "BOOKMARK#1"}, "submitterUsername": {"S": "alice"}, "createdAt": {"S": "2026-01-01"}}


def test_a_token_of_the_same_partition_is_the_start_position() -> None:
    token = encode_page_token(ALICE)
    assert (
        position_in_partition(token, key_names=KEYS, partition_key="submitterUsername", partition_value="alice")
        == ALICE
    )


@pytest.mark.parametrize("token", [None, ""])
def test_no_token_is_the_first_page(token: str | None) -> None:
    assert (
        position_in_partition(token, key_names=KEYS, partition_key="submitterUsername", partition_value="bob") is None
    )


def test_a_token_naming_another_person_is_refused() -> None:
    with pytest.raises(InvalidPageToken):
        position_in_partition(
            encode_page_token(ALICE), key_names=KEYS, partition_key="submitterUsername", partition_value="bob"
        )


def test_a_token_of_another_index_is_refused() -> None:
    other_index = {"pk": {"S": "BOOKMARK#1"}, "status": {"S": "APPROVED"}, "createdAt": {"S": "2026-01-01"}}
    with pytest.raises(InvalidPageToken):
        position_in_partition(
            encode_page_token(other_index), key_names=KEYS, partition_key="submitterUsername", partition_value="alice"
        )
