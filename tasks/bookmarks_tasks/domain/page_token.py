"""Opaque paging tokens: the DynamoDB position, base64url-encoded, so clients cannot depend on its shape."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any


class InvalidPageToken(ValueError):
    pass


def encode_page_token(position: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(position, separators=(",", ":")).encode()).decode().rstrip("=")


def decode_page_token(token: str) -> dict[str, Any]:
    try:
        decoded = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError) as error:
        raise InvalidPageToken("nextToken is not a token this API issued") from error
    if not isinstance(decoded, dict) or not all(isinstance(value, dict) for value in decoded.values()):
        raise InvalidPageToken("nextToken is not a token this API issued")
    return decoded
