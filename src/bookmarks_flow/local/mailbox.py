"""The local mailbox: what SNS would have e-mailed, kept in memory for the web page and the CLI."""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from bookmarks_flow.local.autolink import find_links


@dataclass(frozen=True)
class MailMessage:
    to: str
    subject: str
    body: str
    topic_arn: str
    attributes: dict[str, str]
    links: list[str]
    sentAt: str = field(default_factory=lambda: datetime.now(UTC).isoformat())

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


class Mailbox:
    def __init__(self) -> None:
        self._messages: list[MailMessage] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)

    def deliver(self, *, to: str, subject: str, body: str, topic_arn: str, attributes: dict[str, str]) -> None:
        links = [link.url for link in find_links(body)]
        message = MailMessage(
            to=to, subject=subject, body=body, topic_arn=topic_arn, attributes=attributes, links=links
        )
        with self._changed:
            self._messages.append(message)
            self._changed.notify_all()

    def messages(self) -> list[MailMessage]:
        with self._lock:
            return list(self._messages)

    def replace(self, messages: list[MailMessage]) -> None:
        """The messages a restarted stack had delivered before (see bookmarks_flow.local.persistence)."""
        with self._changed:
            self._messages[:] = messages
            self._changed.notify_all()

    def clear(self) -> None:
        with self._lock:
            self._messages.clear()
