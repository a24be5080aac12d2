"""The ``limit`` query parameter of a paged read, checked again behind the API's own validation."""

from __future__ import annotations


class InvalidLimit(ValueError):
    pass


def page_limit(raw: str | None, *, default: int, maximum: int) -> int:
    if raw is None:
        return default
    if not raw.isdigit() or not 1 <= int(raw) <= maximum:
        raise InvalidLimit(f"limit must be a whole number from 1 to {maximum}")
    return int(raw)
