"""Signed, expiring approval links.

A link carries only an opaque approval id, its expiry and an HMAC-SHA256 signature over both; the task
token never leaves the server. Changing any part of the link breaks the signature.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from enum import Enum
from urllib.parse import quote, urlencode

# What this module issues: seconds since the epoch and a SHA-256 hex digest, in ASCII. Checking the shape first
# means that "²" (which str.isdigit accepts and int refuses) or a non-ASCII signature (which
# hmac.compare_digest refuses) is a tampered link, not a crash.
_EXPIRES = re.compile(r"[0-9]{1,12}", re.ASCII)
_SIGNATURE = re.compile(r"[0-9a-f]{64}", re.ASCII)


class LinkCheck(Enum):
    VALID = "valid"
    TAMPERED = "tampered"
    EXPIRED = "expired"


def sign(approval_id: str, expires_at: int, secret: str) -> str:
    message = f"{approval_id}.{expires_at}".encode("utf-8", "surrogatepass")
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def build_link(base_url: str, approval_id: str, expires_at: int, secret: str) -> str:
    query = urlencode({"expires": expires_at, "signature": sign(approval_id, expires_at, secret)})
    return f"{base_url.rstrip('/')}/approvals/{quote(approval_id, safe='')}?{query}"


def check_link(approval_id: str, expires_at: str, signature: str, secret: str, now: int) -> LinkCheck:
    """Signature first, so that a forged link learns nothing about expiry."""
    if not _EXPIRES.fullmatch(expires_at) or not _SIGNATURE.fullmatch(signature):
        return LinkCheck.TAMPERED
    expected = sign(approval_id, int(expires_at), secret)
    if not hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii")):
        return LinkCheck.TAMPERED
    if now >= int(expires_at):
        return LinkCheck.EXPIRED
    return LinkCheck.VALID
