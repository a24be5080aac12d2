"""Numbers in query strings, read as a person means them: ASCII digits only.

``str.isdigit`` accepts "²" and "٣" but ``int`` refuses the first and reads the second as 3; a parameter is
either plain digits in range or a 400 that says what to send.
"""

from __future__ import annotations

import re

_DIGITS = re.compile(r"[0-9]{1,9}", re.ASCII)


class InvalidParameter(ValueError):
    pass


def bounded_whole_number(name: str, raw: str, lowest: int, highest: int) -> int:
    if not _DIGITS.fullmatch(raw) or not lowest <= int(raw) <= highest:
        raise InvalidParameter(f"{name} must be a whole number from {lowest} to {highest}, written in digits 0-9")
    return int(raw)
