"""Text rules shared by every free-text field a person types (titles, comments): no control characters, but
tabs and line breaks are allowed; and only real Unicode text, since a lone surrogate (which JSON's ``\\ud800``
escape can carry) cannot be encoded as UTF-8, so DynamoDB, SNS and Step Functions would all refuse it."""

from __future__ import annotations

import re

# U+FFFE and U+FFFF are not characters; SQS refuses a message holding them (it allows #x9, #xA, #xD,
# #x20-#xD7FF, #xE000-#xFFFD, #x10000-#x10FFFF: SendMessage, "MessageBody"), so an approved bookmark's event
# would never reach the downstream queue.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
SURROGATES = re.compile("[\ud800-\udfff]")


def is_unicode_text(value: str) -> bool:
    """False when the string holds a lone surrogate: it is not text and cannot be stored or sent."""
    return SURROGATES.search(value) is None


def without_unstorable(value: str) -> str:
    """The string with control characters and lone surrogates removed: safe to echo back and store."""
    return SURROGATES.sub("", CONTROL_CHARACTERS.sub("", value))
