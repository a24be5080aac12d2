"""Where a bookmark's link really goes, as a manager must see it before approving it.

The registrable domain (the part a person or company registers: ``example.co.uk`` for
``login.example.co.uk``, ``someone.github.io`` for ``x.someone.github.io``) comes from the Public Suffix List
as bundled in the ``publicsuffixlist`` package: it reads only its bundled snapshot, never the network, which
suits a Lambda function. An internationalised host name is shown in Unicode beside its punycode form, so that
a look-alike (paypal.com with a Cyrillic U+0430 for its first "a" is ``xn--pypal-4ve.com``) shows for what it is.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from functools import cache
from urllib.parse import urlsplit

import idna
from publicsuffixlist import PublicSuffixList

from bookmarks_tasks.domain.url_normalisation import InvalidUrl, normalise_url


@dataclass(frozen=True)
class LinkOrigin:
    host: str
    """The host as DNS knows it (punycode for an internationalised name)."""
    registrable_domain: str
    """Who owns the host: the registrable domain, or the host itself (an IP address, ``localhost``)."""

    def host_label(self) -> str:
        """``bücher.example (xn--bcher-kva.example)``, or the host alone when it is plain ASCII."""
        return _label(self.host)

    def domain_label(self) -> str:
        return _label(self.registrable_domain)


def _label(name: str) -> str:
    shown = _unicode(name)
    return f"{shown} ({name})" if shown != name else name


@cache
def _public_suffixes() -> PublicSuffixList:
    return PublicSuffixList()


def _unicode(host: str) -> str:
    try:
        return idna.decode(host)
    except (idna.IDNAError, UnicodeError, ValueError):
        return host


def _is_ip_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    return True


def link_origin(url: str) -> LinkOrigin | None:
    """None for a URL that is not a valid http(s) URL (it never reaches a manager)."""
    try:
        host = urlsplit(normalise_url(url)).hostname or ""
    except InvalidUrl:
        return None
    if not host:
        return None
    if _is_ip_address(host):
        return LinkOrigin(host=host, registrable_domain=host)
    registrable = _public_suffixes().privatesuffix(host) or host
    return LinkOrigin(host=host, registrable_domain=registrable)
