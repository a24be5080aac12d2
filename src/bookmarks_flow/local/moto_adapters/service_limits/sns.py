"""SNS Publish: the Subject and the message size.

https://docs.aws.amazon.com/sns/latest/api/API_Publish.html: a Subject "must be ASCII text that begins with a
letter, number, or punctuation mark; must not include line breaks or control characters; and must be less than
100 characters long"; a message is at most 256 KiB (262,144 bytes, not characters). moto allows 100 characters,
any text, and counts characters; it raises a ValueError (a 500) for a long Subject.
"""

from __future__ import annotations

from typing import Any

from moto.sns.exceptions import InvalidParameterValue
from moto.sns.models import SNSBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

MAX_SUBJECT_CHARACTERS = 99
MAX_MESSAGE_BYTES = 262_144


def subject_problem(subject: str) -> str | None:
    if not subject:
        return "Subject must not be empty"
    if len(subject) > MAX_SUBJECT_CHARACTERS:
        return "Subject must be less than 100 characters long"
    if not subject.isascii():
        return "Subject must be ASCII text"
    if any(not character.isprintable() for character in subject):
        return "Subject must not include line breaks or control characters"
    if not subject[0].isalnum() and not (subject[0].isprintable() and not subject[0].isspace()):
        return "Subject must begin with a letter, number or punctuation mark"
    return None


def install() -> Undo:
    original = SNSBackend.publish

    def publish(self: SNSBackend, message: str, arn: str | None, *args: Any, **kwargs: Any) -> Any:
        subject = kwargs.get("subject", args[1] if len(args) > 1 else None)
        if subject is not None:
            problem = subject_problem(subject)
            if problem is not None:
                raise InvalidParameterValue(f"Invalid parameter: Subject ({problem})")
        if len(message.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES:
            raise InvalidParameterValue("Invalid parameter: Message too long")
        return original(self, message, arn, *args, **kwargs)

    return replace_attribute(SNSBackend, "publish", publish)
