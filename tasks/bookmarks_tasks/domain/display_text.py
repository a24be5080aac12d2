"""Submitter text as it is shown to a manager: without the invisible characters that reorder what is displayed.

Bidirectional embedding, override and isolate controls (U+202A-U+202E, U+2066-U+2069) and the directional
marks (U+200E, U+200F, U+061C) can make "moc.live//:sptth" read as a harmless name, or move the service's
words inside a submitter's sentence ("Trojan Source", CVE-2021-42574). They carry no meaning in a title or
description, so they are removed before display (the stored text keeps what was typed).
"""

from __future__ import annotations

import re

BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def display_text(value: object) -> str:
    return BIDI_CONTROLS.sub("", "" if value is None else str(value))
