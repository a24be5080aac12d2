"""POST /imports: the file travels base64-encoded inside a JSON body.

JSON rather than the raw file, so that its bytes reach the function exactly as they were on disk (an API
Gateway proxy integration hands a non-binary media type to Lambda as text, and the import's id is the hash
of the bytes), without turning every route of the API into a binary one.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from bookmarks_tasks.domain.imports.import_file import ImportRefused


@dataclass(frozen=True)
class ImportRequest:
    content: bytes
    review: bool


def import_request(body: Any) -> ImportRequest:
    if not isinstance(body, dict) or not isinstance(body.get("content"), str):
        raise ImportRefused("send a JSON object with the file, base64-encoded, in 'content'")
    try:
        content = base64.b64decode(body["content"], validate=True)
    except (binascii.Error, ValueError) as error:
        raise ImportRefused("'content' is not base64") from error
    review = body.get("review", False)
    if not isinstance(review, bool):
        raise ImportRefused("'review' must be true or false")
    return ImportRequest(content=content, review=review)
