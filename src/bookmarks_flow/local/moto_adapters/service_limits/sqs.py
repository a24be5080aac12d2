"""SQS SendMessage: the size in bytes and the allowed characters.

https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessage.html: a message is at
most 262,144 bytes, and may contain only #x9 | #xA | #xD | #x20-#xD7FF | #xE000-#xFFFD | #x10000-#x10FFFF (any
other character: InvalidMessageContents). moto counts characters, not bytes, and allows any character.
"""

from __future__ import annotations

import re
from typing import Any

from moto.sqs.exceptions import SQSException
from moto.sqs.models import SQSBackend

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

MAX_MESSAGE_BYTES = 262_144
_FORBIDDEN = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


class InvalidMessageContents(SQSException):  # type: ignore[misc]
    code = "InvalidMessageContents"


class MessageTooLong(SQSException):  # type: ignore[misc]
    code = "InvalidParameterValue"


def install() -> Undo:
    original = SQSBackend.send_message

    def send_message(self: SQSBackend, queue_name: str, message_body: str, *args: Any, **kwargs: Any) -> Any:
        if _FORBIDDEN.search(message_body):
            raise InvalidMessageContents(
                "Invalid characters found. Valid unicode characters are #x9 | #xA | #xD | "
                "#x20 to #xD7FF | #xE000 to #xFFFD | #x10000 to #x10FFFF"
            )
        if len(message_body.encode("utf-8", "surrogatepass")) > MAX_MESSAGE_BYTES:
            raise MessageTooLong(
                f"One or more parameters are invalid. Reason: Message must be shorter than {MAX_MESSAGE_BYTES} bytes."
            )
        return original(self, queue_name, message_body, *args, **kwargs)

    return replace_attribute(SQSBackend, "send_message", send_message)
