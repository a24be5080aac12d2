"""Signed, expiring approval links.

A link carries only an opaque approval id, its expiry and an HMAC-SHA256 signature over both; the task
token never leaves the server. Changing any part of the link breaks the signature.
"""

from __future__ import annotations

import hashlib
import hmac
from enum import Enum
from urllib.parse import quote, urlencode


class LinkCheck(Enum):
    VALID = "valid"
    TAMPERED = "tampered"
    EXPIRED = "expired"


def sign(approval_id: str, expires_at: int, secret: str) -> str:
    message = f"{approval_id}.{expires_at}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def build_link(base_url: str, approval_id: str, expires_at: int, secret: str) -> str:
    query = urlencode({"expires": expires_at, "signature": sign(approval_id, expires_at, secret)})
    return f"{base_url.rstrip('/')}/approvals/{quote(approval_id, safe='')}?{query}"


def check_link(approval_id: str, expires_at: str, signature: str, secret: str, now: int) -> LinkCheck:
    """Signature first, so that a forged link learns nothing about expiry."""
    # isdigit() alone accepts digits int() refuses ("²"); compare_digest refuses non-ASCII str, so bytes.
    if not (expires_at.isascii() and expires_at.isdigit()):
        return LinkCheck.TAMPERED
    expected = sign(approval_id, int(expires_at), secret)
    if not hmac.compare_digest(expected.encode(), signature.encode("utf-8", "surrogatepass")):
        return LinkCheck.TAMPERED
    if now >= int(expires_at):
        return LinkCheck.EXPIRED
    return LinkCheck.VALID
