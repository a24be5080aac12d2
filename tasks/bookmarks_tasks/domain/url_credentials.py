"""Credentials in a URL (``https://user:password@host/``) are never stored, shown or sent, even for a URL
that is refused: what is recorded is the URL with its user information removed."""

from __future__ import annotations

import re
from typing import Any

CREDENTIALS_REFUSED = "URLs with a user name or password are not accepted; remove the part before '@'"

# Scheme, then the authority up to its last "@" before the path, query or fragment. The delimiters are the
# WHATWG URL standard's (a backslash ends the authority of http and https URLs too), so what a browser would
# treat as credentials is what is removed.
_USERINFO = re.compile(r"^(\s*[A-Za-z][A-Za-z0-9+.\-]*:[/\\]*)[^/?#\\]*@")


def has_userinfo(url: str) -> bool:
    return _USERINFO.match(url) is not None


def without_userinfo(url: str) -> str:
    return _USERINFO.sub(r"\1", url, count=1)


def submits_credentials(submission: Any) -> bool:
    """Whether a submission's URL carries credentials. The API refuses those before the workflow starts: an
    execution's input is kept for 90 days and shown to whoever may read the execution history."""
    url = submission.get("url") if isinstance(submission, dict) else None
    return isinstance(url, str) and has_userinfo(url)
