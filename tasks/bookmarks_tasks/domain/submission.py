"""Validation of a whole submission: every rejection reason is collected, not just the first."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bookmarks_tasks.domain.text import CONTROL_CHARACTERS, is_unicode_text, without_unstorable
from bookmarks_tasks.domain.url_credentials import without_userinfo
from bookmarks_tasks.domain.url_normalisation import InvalidUrl, normalise_url

MAX_TITLE_LENGTH = 200
MAX_DESCRIPTION_LENGTH = 2000
MAX_TAGS = 10
MAX_USERNAME_LENGTH = 128
MAX_EMAIL_LENGTH = 254
TAG_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]{0,31}$")
_EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ECHO_LIMIT = 300
# Each invalid tag gets its own reason, but an input with thousands of them must not make a record too large.
_MAX_TAG_REASONS = 3


@dataclass(frozen=True)
class Bookmark:
    url: str
    normalized_url: str
    title: str
    description: str
    tags: list[str]


@dataclass(frozen=True)
class Submitter:
    username: str
    email: str


@dataclass(frozen=True)
class ValidationResult:
    """Always complete, valid or not, so that the workflow can record and report an invalid submission."""

    bookmark: Bookmark
    submitter: Submitter
    reasons: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.reasons


def _echo(value: Any, limit: int = _ECHO_LIMIT) -> str:
    """A safe, bounded string to store and show for a field that may be invalid."""
    text = value if isinstance(value, str) else ("" if value is None else repr(value)[:limit])
    return without_unstorable(text)[:limit]


def _text(raw: Any, name: str, limit: int, reasons: list[str]) -> str:
    if raw is None:
        return ""
    if not isinstance(raw, str):
        reasons.append(f"{name} must be a string")
        return _echo(raw, limit)
    value = raw.strip()
    if not is_unicode_text(value):
        reasons.append(f"{name} contains characters that are not valid Unicode text")
        return _echo(value, limit)
    if CONTROL_CHARACTERS.search(value):
        reasons.append(f"{name} contains control characters")
        return _echo(value, limit)
    if len(value) > limit:
        reasons.append(f"{name} is longer than {limit} characters")
        return value[:limit]
    return value


def _tags(raw: Any, reasons: list[str]) -> list[str]:
    if raw is None:
        return []
    if not isinstance(raw, list) or not all(isinstance(tag, str) for tag in raw):
        reasons.append("tags must be a list of strings")
        return []
    tags: list[str] = []
    refused: list[str] = []
    for tag in (item.strip().lower() for item in raw):
        if not TAG_PATTERN.match(tag):
            refused.append(tag)
        elif tag not in tags:
            tags.append(tag)
    for tag in refused[:_MAX_TAG_REASONS]:
        reasons.append(
            f"tag {_echo(tag, 40)!r} must be 1-32 characters of a-z, 0-9 and '-', starting with a letter or digit"
        )
    if len(refused) > _MAX_TAG_REASONS:
        reasons.append(f"{len(refused) - _MAX_TAG_REASONS} more tags are not valid either")
    if len(tags) > MAX_TAGS:
        reasons.append(f"at most {MAX_TAGS} tags are allowed")
        tags = tags[:MAX_TAGS]
    return tags


def _url(raw: Any, reasons: list[str]) -> tuple[str, str]:
    if raw is None:
        reasons.append("url is required")
        return "", ""
    if not isinstance(raw, str):
        reasons.append("url must be a string")
        return _echo(raw), ""
    try:
        return raw.strip(), normalise_url(raw)
    except InvalidUrl as error:
        reasons.append(f"url: {error.reason}")
        return _echo(without_userinfo(raw.strip())), ""


def _submitter(raw: Any, reasons: list[str]) -> Submitter:
    if not isinstance(raw, dict):
        reasons.append("submitter is required")
        return Submitter(username="unknown", email="")
    username = _text(raw.get("username"), "submitter username", MAX_USERNAME_LENGTH, reasons)
    if not username:
        reasons.append("submitter username is required")
        username = "unknown"
    email = _text(raw.get("email"), "submitter email", MAX_EMAIL_LENGTH, reasons)
    if email and not _EMAIL_PATTERN.match(email):
        reasons.append("submitter email is not an e-mail address")
    return Submitter(username=username, email=email)


def validate_submission(execution_input: Any) -> ValidationResult:
    """Checks the execution input ``{"submission": {...}, "submitter": {...}}``."""
    reasons: list[str] = []
    document = execution_input if isinstance(execution_input, dict) else {}
    submission = document.get("submission")
    if not isinstance(submission, dict):
        reasons.append("submission is required")
        submission = {}
    url, normalized_url = _url(submission.get("url"), reasons)
    title = _text(submission.get("title"), "title", MAX_TITLE_LENGTH, reasons) or url
    description = _text(submission.get("description"), "description", MAX_DESCRIPTION_LENGTH, reasons)
    tags = _tags(submission.get("tags"), reasons)
    submitter = _submitter(document.get("submitter"), reasons)
    bookmark = Bookmark(url=url, normalized_url=normalized_url, title=title, description=description, tags=tags)
    return ValidationResult(bookmark=bookmark, submitter=submitter, reasons=reasons)
