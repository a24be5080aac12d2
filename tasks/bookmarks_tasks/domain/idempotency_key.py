"""The Idempotency-Key of POST /bookmarks, and the execution name (the bookmark id) it stands for.

The name is derived from the caller and the key, never taken from the key: alice's key cannot collide with
bob's, and no key can choose a bookmark id (``Idempotency-Key: admin`` does not make a bookmark ``admin``).
"""

from __future__ import annotations

import re
import uuid

HEADER = "Idempotency-Key"
KEY_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,43}")
KEY_RULE = f"{HEADER} must be 1 to 43 characters, each a letter A-Z or a-z, a digit, '-' or '_'"
# Fixed for ever: changing it would give every retried key a new bookmark id.
_NAMESPACE = uuid.UUID("6f1d3c0e-4b8a-5e2f-9c71-2a5d8e4b7f10")


class InvalidIdempotencyKey(ValueError):
    """A key that breaks the documented pattern; the message says how, in words."""


def check_key(key: str) -> str:
    if not key:
        raise InvalidIdempotencyKey(f"{KEY_RULE}; it is empty")
    if not key.isascii():
        raise InvalidIdempotencyKey(f"{KEY_RULE}; it contains characters outside ASCII")
    if len(key) > 43:
        raise InvalidIdempotencyKey(f"{KEY_RULE}; it is {len(key)} characters long")
    if KEY_PATTERN.fullmatch(key) is None:
        raise InvalidIdempotencyKey(f"{KEY_RULE}; it contains other characters")
    return key


def execution_name(subject: str, key: str | None) -> str:
    """A fresh UUID without a key; with one, a UUID derived from (caller, key), the same at every retry."""
    if key is None:
        return str(uuid.uuid4())
    return str(uuid.uuid5(_NAMESPACE, f"{subject}\n{check_key(key)}"))
