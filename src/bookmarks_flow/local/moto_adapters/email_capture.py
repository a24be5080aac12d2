"""E-mail capture: moto accepts ``email`` subscriptions but delivers nothing to them. This delivers what an
e-mail subscription would receive (after its filter policy) into the local mailbox."""

from __future__ import annotations

from typing import Any

from moto.sns.models import Subscription

from bookmarks_flow.local.mailbox import Mailbox
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

EMAIL_PROTOCOLS = ("email", "email-json")


def _string_attributes(message_attributes: dict[str, Any] | None) -> dict[str, str]:
    return {
        name: str(value.get("Value", value.get("StringValue", "")))
        for name, value in (message_attributes or {}).items()
        if isinstance(value, dict)
    }


def install(mailbox: Mailbox) -> Undo:
    original = Subscription.publish

    def publish(self: Subscription, message: str, message_id: str, *args: Any, **kwargs: Any) -> None:
        if self.protocol not in EMAIL_PROTOCOLS:
            original(self, message, message_id, *args, **kwargs)
            return
        attributes = kwargs.get("message_attributes")
        matcher = self._filter_policy_matcher
        if matcher is not None and not matcher.matches(attributes, message):
            return
        mailbox.deliver(
            to=self.endpoint,
            subject=kwargs.get("subject") or "",
            body=message,
            topic_arn=self.topic.arn,
            attributes=_string_attributes(attributes),
        )

    return replace_attribute(Subscription, "publish", publish)
