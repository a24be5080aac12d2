"""An SNS Subject built from the service's words and a submitter's text, always one that SNS accepts.

SNS Publish refuses a Subject that is not ASCII, that holds a line break or control character, that does not
begin with a letter, number or punctuation mark, or that is 100 characters or longer
(https://docs.aws.amazon.com/sns/latest/api/API_Publish.html). Titles may hold all of those.
"""

from __future__ import annotations

import unicodedata

MAX_SUBJECT_CHARACTERS = 99
_ELLIPSIS = "..."


def _ascii_line(text: str) -> str:
    """Accents dropped (é -> e), other non-ASCII as '?', line breaks and control characters as spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    kept = "".join(
        " " if not character.isprintable() or character.isspace() else character
        for character in decomposed
        if not unicodedata.combining(character)
    )
    return " ".join(kept.encode("ascii", "replace").decode("ascii").split())


def email_subject(prefix: str, text: str = "") -> str:
    """``prefix`` (the service's own words, ASCII) followed by ``text`` made safe and cut to fit."""
    subject = _ascii_line(prefix + text)
    if len(subject) > MAX_SUBJECT_CHARACTERS:
        subject = subject[: MAX_SUBJECT_CHARACTERS - len(_ELLIPSIS)].rstrip() + _ELLIPSIS
    return subject or "Notification"
