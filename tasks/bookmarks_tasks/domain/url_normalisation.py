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
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import idna

MAX_URL_LENGTH = 2048
ALLOWED_SCHEMES = {"http": 80, "https": 443}
TRACKING_PARAMETERS = frozenset(
    {"fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "mc_cid", "mc_eid", "igshid", "yclid", "_ga", "_gl"}
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
    except idna.IDNAError as error:
        raise InvalidUrl(f"the host name {host!r} is not a valid domain name") from error


def normalise_url(raw: str) -> str:
    url = raw.strip()
    if not url:
        raise InvalidUrl("the URL is empty")
    if len(url) > MAX_URL_LENGTH:
        raise InvalidUrl(f"the URL is longer than {MAX_URL_LENGTH} characters")
    if _CONTROL_CHARACTERS.search(url):
        raise InvalidUrl("the URL contains control characters")
    if " " in url:
        raise InvalidUrl("the URL contains spaces")
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        raise InvalidUrl("only http and https URLs are accepted")
    if parts.username is not None or parts.password is not None:
        raise InvalidUrl("URLs with a user name or password are not accepted")
    if not parts.hostname:
        raise InvalidUrl("the URL has no host")
    try:
        port = parts.port
    except ValueError as error:
        raise InvalidUrl("the URL's port is not a number between 0 and 65535") from error
    host = parts.hostname
    # An IPv6 literal keeps its brackets; a domain name goes through IDNA.
    netloc_host = f"[{host.lower()}]" if ":" in host else _normalise_host(host.rstrip("."))
    netloc = netloc_host if port in (None, ALLOWED_SCHEMES[scheme]) else f"{netloc_host}:{port}"
    path = parts.path or "/"
    kept = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(name)]
    kept.sort(key=lambda pair: pair[0])
    query = urlencode(kept, doseq=True)
    return urlunsplit((scheme, netloc, path, query, ""))
