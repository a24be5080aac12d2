"""Opaque paging tokens: the DynamoDB position, base64url-encoded, so clients cannot depend on its shape.

A token comes back from the client, so it is checked as hostile input: it must decode to exactly the key
attributes of the index being read, each a non-empty string of real Unicode text. Anything else would reach
DynamoDB as an ``ExclusiveStartKey`` that it refuses (``ValidationException``) or that boto3 cannot encode.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Collection
from typing import Any

from bookmarks_tasks.domain.text import is_unicode_text

UNUSABLE_PAGE_MESSAGE = (
    "this page token is not valid: pass the nextToken from the previous page of the same list unchanged"
)
MAX_TOKEN_VALUE_LENGTH = 2048


class InvalidPageToken(ValueError):
    def __init__(self) -> None:
        super().__init__(UNUSABLE_PAGE_MESSAGE)


def encode_page_token(position: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":")).encode()).decode().rstrip("=")


def _is_string_attribute(value: Any) -> bool:
    if not isinstance(value, dict) or list(value) != ["S"]:
        return False
    text = value["S"]
    return isinstance(text, str) and 0 < len(text) <= MAX_TOKEN_VALUE_LENGTH and is_unicode_text(text)


def decode_page_token(token: str, key_names: Collection[str]) -> dict[str, Any]:
    """The position in the index whose key attributes (table and index keys, all strings) are ``key_names``."""
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token.encode("ascii") + b"=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeError, RecursionError) as error:
        raise InvalidPageToken from error
    if not isinstance(decoded, dict) or set(decoded) != set(key_names):
        raise InvalidPageToken
    if not all(_is_string_attribute(value) for value in decoded.values()):
        raise InvalidPageToken
    return decoded
