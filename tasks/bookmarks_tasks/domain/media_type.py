"""Which request bodies the JSON routes accept: ``application/json``, in UTF-8.

API Gateway refuses an unmapped content type with 415 (passthroughBehavior NEVER/WHEN_NO_TEMPLATES) but passes
any content type to a Lambda proxy integration, so the function checks it the same way itself.
"""

from __future__ import annotations

JSON = "application/json"


class UnsupportedMediaType(ValueError):
    pass


def check_json_media_type(content_type: str | None) -> None:
    """No Content-Type counts as JSON: API Gateway defaults a missing one to application/json."""
    if not content_type:
        return
    media_type, *parameters = (part.strip() for part in content_type.split(";"))
    if media_type.lower() != JSON:
        raise UnsupportedMediaType(f"Unsupported Media Type: send the body as {JSON}, not {media_type[:100]!r}")
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in ("utf-8", "utf8"):
            raise UnsupportedMediaType(f"Unsupported Media Type: send JSON in UTF-8, not charset={value[:40]!r}")
