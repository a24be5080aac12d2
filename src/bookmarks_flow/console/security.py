"""Browser-side protections for a console that can start and stop executions.

The console serves no third-party content, so the policy allows only itself; scripts come from its own static
files, never inline. State-changing requests need the per-app CSRF token (in a hidden field or a header) and are
refused when the browser reports that they come from another site.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import MutableMapping

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "X-CSRF-Token"


def add_security_headers(headers: MutableMapping[str, str]) -> None:
    for name, value in SECURITY_HEADERS.items():
        headers[name] = value


class CsrfGuard:
    """One random token per application instance: a restart invalidates old forms, which is fine for a dev tool."""

    def __init__(self, token: str | None = None) -> None:
        self.token = token or secrets.token_urlsafe(32)

    def allows(self, offered_token: str | None, fetch_site: str | None) -> bool:
        """``fetch_site`` is the Sec-Fetch-Site header: browsers send it, so a cross-site form post is refused early."""
        if fetch_site not in (None, "same-origin", "none"):
            return False
        return hmac.compare_digest((offered_token or "").encode(), self.token.encode())
