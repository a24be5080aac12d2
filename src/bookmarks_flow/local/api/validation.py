"""Request validation as API Gateway's "all" validator does it: required parameters and the JSON body schema."""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft4Validator, ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from bookmarks_flow.local.api.json_depth import MAX_NESTING_DEPTH, nesting_depth
from bookmarks_flow.local.api.operations import Operation


class InvalidRequest(Exception):
    def __init__(self, gateway_response: str, message: str) -> None:
        super().__init__(message)
        self.gateway_response = gateway_response
        self.message = message


def is_json_media_type(content_type: str) -> bool:
    """A missing Content-Type is application/json to API Gateway."""
    return not content_type or content_type.split(";", 1)[0].strip().lower() == "application/json"


def parse_body(body: bytes) -> Any:
    """JSON in UTF-8, as API Gateway reads it: never guessed as UTF-16 (Python's json.loads would), never deeper
    than Jackson's nesting limit, never a RecursionError."""
    if body.startswith(b"\xef\xbb\xbf"):
        raise InvalidRequest("BAD_REQUEST_BODY", "the body starts with a byte order mark; send UTF-8 JSON without one")
    try:
        text = (body or b"null").decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidRequest("BAD_REQUEST_BODY", "the body is not UTF-8; send JSON encoded as UTF-8") from None
    depth = nesting_depth(text)
    if depth > MAX_NESTING_DEPTH:
        raise InvalidRequest(
            "BAD_REQUEST_BODY", f"the body nests JSON {depth} levels deep; at most {MAX_NESTING_DEPTH} are accepted"
        )
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise InvalidRequest("BAD_REQUEST_BODY", "the body is not valid JSON") from None


def described_error(error: ValidationError) -> str:
    """A schema error in words: a field's ``description`` (which says what is allowed) replaces the raw pattern.

    API Gateway's own validator words its messages itself (``ECMA 262 regex ... does not match``); the
    description is what the document says to people on both, in the API reference it generates.
    """
    where = "/".join(str(part) for part in error.absolute_path) or "body"
    description = error.schema.get("description") if isinstance(error.schema, dict) else None
    if error.validator in ("pattern", "maxLength", "minLength", "format") and description:
        return f"{where}: {description}"
    return f"{where}: {error.message}"


class RequestValidator:
    def __init__(self, document: dict[str, Any]) -> None:
        resource = Resource.from_contents(document, default_specification=DRAFT4)
        registry: Registry[Any] = Registry().with_resource("", resource)
        # Rooted at the whole document, so that "#/components/schemas/..." resolves from any operation's schema.
        self._root = Draft4Validator(document, registry=registry)

    def validate(
        self, operation: Operation, body: bytes, parameters: dict[str, dict[str, str]], content_type: str = ""
    ) -> None:
        for location, names in (
            ("querystring", operation.required("query")),
            ("header", operation.required("header")),
            ("path", operation.required("path")),
        ):
            present = {key.lower() for key in parameters.get(location, {})}
            missing = [name for name in names if name.lower() not in present]
            if missing:
                raise InvalidRequest("BAD_REQUEST_PARAMETERS", f"Missing required request parameters: {missing}")
        if operation.body_schema is None or not is_json_media_type(content_type):
            # "If no matching content type is found, request validation is not performed" (API Gateway, Request
            # validation for REST APIs): a Lambda proxy route passes other content types to the function.
            return
        document = parse_body(body)
        validator = self._root.evolve(schema=operation.body_schema)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        if errors:
            described = [described_error(error) for error in errors]
            raise InvalidRequest("BAD_REQUEST_BODY", "[" + "; ".join(described[:5])[:1000] + "]")
