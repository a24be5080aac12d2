"""Signed, expiring approval links whose signature names the key that made it.

A link carries only an opaque approval id, its expiry, the id of the signing key (``kid``: the Secrets Manager
version id of the link secret) and an HMAC-SHA256 signature over all three; the task token never leaves the
server. Changing any part of the link, the key id included, breaks the signature.

Rotation follows Secrets Manager's staging labels: new links are signed with the AWSCURRENT version, and a
link is accepted when its key id is the AWSCURRENT or the AWSPREVIOUS version ("AWSPREVIOUS, which indicates
the previous current version of the secret", DescribeSecret's VersionIdsToStages; moving AWSCURRENT moves
AWSPREVIOUS to the version it left, UpdateSecretVersionStage). A key two rotations old has no label we trust,
so its links are refused, which is how an operator retires a leaked key: rotate twice.

Links issued before key ids existed (``kid`` absent) are checked the old way against the same two trusted
keys. That is no weaker than a key id: the keys are the ones we accept anyway, and the old message
(``id.expires``) cannot be confused with the new one, which starts with a version tag and separates its parts
with NUL (which neither a key id nor an issued approval id contains). Such links all expire within the
ApprovalTimeoutSeconds they were issued with (at most 30 days).
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote, urlencode

# What this module issues: seconds since the epoch and a SHA-256 hex digest, in ASCII. Checking the shape first
# means that "²" (which str.isdigit accepts and int refuses) or a non-ASCII signature (which
# hmac.compare_digest refuses) is a tampered link, not a crash.
_EXPIRES = re.compile(r"[0-9]{1,12}", re.ASCII)
_SIGNATURE = re.compile(r"[0-9a-f]{64}", re.ASCII)
# A Secrets Manager version id (ClientRequestToken) is 32 to 64 characters; the SDKs make it a UUID.
KEY_ID = re.compile(r"[A-Za-z0-9_.~-]{32,64}", re.ASCII)
_FORMAT = "approval-link/v1"


@dataclass(frozen=True)
class LinkKey:
    """One version of the link secret: its Secrets Manager version id and its value."""

    key_id: str
    secret: str


class LinkCheck(Enum):
    VALID = "valid"
    TAMPERED = "tampered"
    EXPIRED = "expired"


def _hmac(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()


def sign(approval_id: str, expires_at: int, key: LinkKey) -> str:
    return _hmac(key.secret, f"{_FORMAT}\0{key.key_id}\0{approval_id}\0{expires_at}")


def sign_without_key_id(approval_id: str, expires_at: int, secret: str) -> str:
    """The signature of links issued before key ids: kept to check those links, never to issue new ones."""
    return _hmac(secret, f"{approval_id}.{expires_at}")


def build_link(base_url: str, approval_id: str, expires_at: int, key: LinkKey) -> str:
    query = urlencode({"expires": expires_at, "kid": key.key_id, "signature": sign(approval_id, expires_at, key)})
    return f"{base_url.rstrip('/')}/approvals/{quote(approval_id, safe='')}?{query}"


def _signed_by(approval_id: str, expires: int, key_id: str, signature: str, keys: Iterable[LinkKey]) -> bool:
    for key in keys:
        if key_id:
            if key.key_id != key_id:
                continue
            expected = sign(approval_id, expires, key)
        else:
            expected = sign_without_key_id(approval_id, expires, key.secret)
        if hmac.compare_digest(expected.encode("ascii"), signature.encode("ascii")):
            return True
    return False


def check_link(
    approval_id: str, expires_at: str, key_id: str, signature: str, keys: Iterable[LinkKey], now: int
) -> LinkCheck:
    """Signature first, so that a forged link learns nothing about expiry.

    ``keys`` are the trusted versions (AWSCURRENT and AWSPREVIOUS); an empty ``key_id`` is a link from before
    key ids.
    """
    shapes_ok = _EXPIRES.fullmatch(expires_at) and _SIGNATURE.fullmatch(signature)
    if not shapes_ok or (key_id and not KEY_ID.fullmatch(key_id)):
        return LinkCheck.TAMPERED
    if not _signed_by(approval_id, int(expires_at), key_id, signature, keys):
        return LinkCheck.TAMPERED
    if now >= int(expires_at):
        return LinkCheck.EXPIRED
    return LinkCheck.VALID
