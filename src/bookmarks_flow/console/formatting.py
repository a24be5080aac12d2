"""Times and durations shown the same way on every page: UTC with milliseconds, since events are milliseconds apart."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta


def timestamp(value: datetime | None) -> str:
    if value is None:
        return "—"
    return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")[:-3] + " UTC"


def clock(value: datetime | None) -> str:
    """Time of day only, for rows within one execution whose date the page already shows."""
    if value is None:
        return "—"
    return value.astimezone(UTC).strftime("%H:%M:%S.%f")[:-3]


def duration(delta: timedelta | None) -> str:
    """Human scale: ``412 ms``, ``3.2 s``, ``4 min 05 s``, ``2 h 03 min``, ``3 d 4 h``."""
    if delta is None:
        return "—"
    seconds = max(delta.total_seconds(), 0.0)
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms"
    if seconds < 60:
        return f"{seconds:.1f} s"
    whole = int(seconds)
    if whole < 3600:
        return f"{whole // 60} min {whole % 60:02d} s"
    if whole < 86400:
        return f"{whole // 3600} h {whole % 3600 // 60:02d} min"
    return f"{whole // 86400} d {whole % 86400 // 3600} h"


def elapsed(start: datetime | None, end: datetime | None) -> timedelta | None:
    if start is None or end is None:
        return None
    return end - start


def epoch_seconds(value: object) -> str | None:
    """An ``expiresAt``-style epoch number as a timestamp, or None when it is not one."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        return timestamp(datetime.fromtimestamp(value, UTC))
    except (OverflowError, OSError, ValueError):
        return None
