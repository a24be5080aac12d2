"""A function whose answer is one byte over Lambda's 6 MB response limit: none of the project's functions can
produce one from a request under the limit (their outputs are bounded), so the limit is tested with this."""

from __future__ import annotations

from typing import Any

SIX_MB = 6 * 1024 * 1024


def lambda_handler(event: Any, context: Any) -> str:
    return "x" * (SIX_MB - 1)  # JSON-encoded with its two quotes: SIX_MB + 1 bytes
