"""Where a paged read of one index partition resumes: a client's nextToken, checked against that partition.

A token names a position in one index (its key attributes) and one partition of it (the approved bookmarks, one
person's suggestions, the pending approvals). DynamoDB refuses an ``ExclusiveStartKey`` outside the partition the
key condition reads ("The provided starting key is invalid"), so a token from another list, or one edited to
name another person, is a 400 here, before the query, never a 500 from it.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from bookmarks_tasks.domain.page_token import InvalidPageToken, decode_page_token


def position_in_partition(
    token: str | None, *, key_names: Collection[str], partition_key: str, partition_value: str
) -> dict[str, Any] | None:
    """The decoded start position, or None for the first page; InvalidPageToken when it is not this list's."""
    if not token:
        return None
    position = decode_page_token(token, key_names)
    if position[partition_key]["S"] != partition_value:
        raise InvalidPageToken
    return position
