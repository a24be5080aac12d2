"""What `bookmarks import` prints: the progress of a running import and, at the end, its report."""

from __future__ import annotations

from typing import Any


def progress_line(progress: dict[str, Any], elapsed_seconds: float) -> str:
    """Items done of the file's links, failed, the rate so far and the time left at that rate."""
    links, done, failed = int(progress["links"]), int(progress["done"]), int(progress["failed"])
    rate = done / elapsed_seconds if elapsed_seconds > 0 else 0.0
    left = f"{(links - done) / rate:.0f} s left" if rate > 0 and done < links else "time left unknown"
    if done >= links:
        left = "finishing"
    return f"{done}/{links} links done, {failed} failed, {rate:.0f} links/s, {left}"


def report_lines(report: dict[str, Any]) -> list[str]:
    counts = report["counts"]
    reviewed = f"sent for review {counts['review']}, " if counts.get("review") else ""
    lines = [
        f"Imported {counts['imported']}, {reviewed}duplicates {counts['duplicate']}, invalid {counts['invalid']}, "
        f"failed {counts['failed']}."
    ]
    for entry in report["lines"]:
        if entry["outcome"] == "review":
            lines.append(f"  line {entry['line']}: sent for review as bookmark {entry['bookmarkId']}")
        elif entry["outcome"] == "duplicate":
            lines.append(f"  line {entry['line']}: duplicate of bookmark {entry['duplicateOf']}")
        elif entry["outcome"] in ("invalid", "failed"):
            lines.append(f"  line {entry['line']}: {entry['outcome']}: {'; '.join(entry.get('reasons', []))}")
    return lines
