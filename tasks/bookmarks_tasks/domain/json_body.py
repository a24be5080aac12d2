"""A request body as this API accepts it: JSON, in UTF-8 without a byte order mark.

Python's json.loads would guess UTF-16 from bytes, and raise RecursionError on deep nesting; both are refused
here in words instead.
"""

from __future__ import annotations

import json
from typing import Any


class InvalidBody(ValueError):
    pass


def parse_json_body(raw: bytes | str | None) -> Any:
    if raw is None or raw in (b"", ""):
        raise InvalidBody("the body is empty; send a JSON object")
    if isinstance(raw, bytes):
        if raw.startswith(b"\xef\xbb\xbf"):
            raise InvalidBody("the body starts with a byte order mark; send JSON in UTF-8 without one")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise InvalidBody("the body is not UTF-8; send JSON encoded as UTF-8") from None
    else:
        text = raw
    if text.startswith("\ufeff"):
        raise InvalidBody("the body starts with a byte order mark; send JSON in UTF-8 without one")
    try:
        return json.loads(text)
    except ValueError as error:
        raise InvalidBody(f"the body is not valid JSON ({error})") from None
    except RecursionError:
        raise InvalidBody("the body nests JSON too deeply") from None
