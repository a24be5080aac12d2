"""Turns a submitted URL into the canonical form that duplicate detection keys on.

Rules, in order:
- surrounding white space is stripped; control characters anywhere make the URL invalid;
- only ``http`` and ``https`` are accepted (scheme lower-cased); credentials (``user:pass@``) are refused;
- the host is lower-cased and internationalised names are converted to punycode (IDNA 2008, UTS 46);
- the default port (80 for http, 443 for https) is dropped, any other port is kept;
- an empty path becomes ``/``; any other path is kept exactly, trailing slash or not, because servers may
  serve ``/a`` and ``/a/`` differently;
- tracking parameters (``utm_*``, ``fbclid``, ``gclid`` and the others in ``TRACKING_PARAMETERS``) are
  removed; the remaining query parameters are sorted by name (stable for repeated names);
- the fragment is dropped, since it never reaches the server.

Every refusal is an ``InvalidUrl`` with a reason: whatever text a submitter types, this module either
returns a URL or says why not, never raises anything else (tests/tasks/test_hostile_submissions.py).
"""

from __future__ import annotations

import ipaddress
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import idna

from bookmarks_tasks.domain.text import is_unicode_text
from bookmarks_tasks.domain.url_credentials import CREDENTIALS_REFUSED, has_userinfo

MAX_URL_LENGTH = 2048
# The normalised URL is the duplicate claim's partition key, "URL#" + the URL: DynamoDB allows 2048 bytes
# of UTF-8 in a partition key (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html).
MAX_CLAIM_KEY_BYTES = 2048
CLAIM_KEY_PREFIX = "URL#"
ALLOWED_SCHEMES = {"http": 80, "https": 443}
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "_gl"}
)
_HOST_ECHO_LIMIT = 80
_MAX_PORT = 65535
_AUTHORITY = re.compile(r"(?:\[(?P<ipv6>[^\[\]]*)\]|(?P<name>[^\[\]:]*))(?::(?P<port>[0-9]{0,5}))?", re.ASCII)
_UNREADABLE_HOST = (
    "the URL's host cannot be read: check the part between '//' and the next '/' "
    "(an IPv6 address must be complete and inside [ ]; a port is digits 0-9 after ':')"
)
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


class InvalidUrl(ValueError):
    """The URL cannot be accepted; ``reason`` says why in words a submitter understands."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMETERS


def _normalise_host(host: str) -> str:
    try:
        return idna.encode(host, uts46=True).decode("ascii")
    except (idna.IDNAError, UnicodeError, ValueError) as error:
        shown = host if len(host) <= _HOST_ECHO_LIMIT else host[:_HOST_ECHO_LIMIT] + "..."
        raise InvalidUrl(f"the host name {shown!r} is not a valid domain name") from error


def _host(authority: re.Match[str]) -> str:
    """An IPv6 literal in its compressed form, in brackets; a domain name through IDNA."""
    if authority["ipv6"] is not None:
        if "%" in authority["ipv6"]:  # a zone id names an interface of this machine: meaningless to others
            raise InvalidUrl(_UNREADABLE_HOST)
        try:
            return f"[{ipaddress.IPv6Address(authority['ipv6']).compressed}]"
        except ValueError as error:
            raise InvalidUrl(_UNREADABLE_HOST) from error
    name = authority["name"].rstrip(".")
    if not name:
        raise InvalidUrl("the URL has no host")
    return _normalise_host(name)


def _netloc(netloc: str, default_port: int) -> str:
    """Python's urlsplit reads "[::1]x" as host ::1 and "[v1.x]" as host v1.x; this reads the host as a
    browser must: a bracketed IPv6 address or a name, then an optional port of ASCII digits."""
    if not netloc:
        raise InvalidUrl("the URL has no host")
    authority = _AUTHORITY.fullmatch(netloc)
    if authority is None:
        raise InvalidUrl(_UNREADABLE_HOST)
    host = _host(authority)
    port = int(authority["port"]) if authority["port"] else None
    if port is not None and port > _MAX_PORT:
        raise InvalidUrl(f"the URL's port is not a number between 0 and {_MAX_PORT}")
    return host if port in (None, default_port) else f"{host}:{port}"


def normalise_url(raw: str) -> str:
    url = raw.strip()
    if not url:
        raise InvalidUrl("the URL is empty")
    if len(url) > MAX_URL_LENGTH:
        raise InvalidUrl(f"the URL is longer than {MAX_URL_LENGTH} characters")
    if _CONTROL_CHARACTERS.search(url):
        raise InvalidUrl("the URL contains control characters")
    if not is_unicode_text(url):
        raise InvalidUrl("the URL contains characters that are not valid Unicode text")
    if " " in url:
        raise InvalidUrl("the URL contains spaces")
    if has_userinfo(url):
        raise InvalidUrl(CREDENTIALS_REFUSED)
    try:
        parts = urlsplit(url)
    except ValueError as error:
        # Python refuses some broken bracketed hosts ("[::1" and the like); _netloc reads the rest strictly.
        raise InvalidUrl(_UNREADABLE_HOST) from error
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise InvalidUrl("only http and https URLs are accepted")
    netloc = _netloc(parts.netloc, ALLOWED_SCHEMES[scheme])
    path = parts.path or "/"
    kept = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(name)]
    kept.sort(key=lambda pair: pair[0])
    query = urlencode(kept, doseq=True)
    normalised = urlunsplit((scheme, netloc, path, query, ""))
    if len((CLAIM_KEY_PREFIX + normalised).encode("utf-8")) > MAX_CLAIM_KEY_BYTES:
        raise InvalidUrl("the URL is too long: shorten it (at most 2000 bytes once encoded as UTF-8)")
    return normalised
