"""Request validation as API Gateway's "all" validator does it: required parameters and the JSON body schema."""

from __future__ import annotations

import json
from typing import Any

from jsonschema import Draft4Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from bookmarks_flow.local.api.operations import Operation


class InvalidRequest(Exception):
    def __init__(self, gateway_response: str, message: str) -> None:
        super().__init__(message)
        self.gateway_response = gateway_response
        self.message = message


class RequestValidator:
    def __init__(self, document: dict[str, Any]) -> None:
        resource = Resource.from_contents(document, default_specification=DRAFT4)
        registry: Registry[Any] = Registry().with_resource("", resource)
        # Rooted at the whole document, so that "#/components/schemas/..." resolves from any operation's schema.
        self._root = Draft4Validator(document, registry=registry)

    def validate(self, operation: Operation, body: bytes, parameters: dict[str, dict[str, str]]) -> None:
        for location, names in (
            ("querystring", operation.required("query")),
            ("header", operation.required("header")),
            ("path", operation.required("path")),
        ):
            present = {key.lower() for key in parameters.get(location, {})}
            missing = [name for name in names if name.lower() not in present]
            if missing:
                raise InvalidRequest("BAD_REQUEST_PARAMETERS", f"Missing required request parameters: {missing}")
        if operation.body_schema is None:
            return
        try:
            document = json.loads(body or b"null")
        except (json.JSONDecodeError, UnicodeDecodeError):
            raise InvalidRequest("BAD_REQUEST_BODY", "the body is not valid JSON") from None
        validator = self._root.evolve(schema=operation.body_schema)
        errors = sorted(validator.iter_errors(document), key=lambda error: list(error.absolute_path))
        if errors:
            described = [
                f"{'/'.join(str(p) for p in error.absolute_path) or 'body'}: {error.message}" for error in errors
            ]
            raise InvalidRequest("BAD_REQUEST_BODY", "[" + "; ".join(described[:5])[:1000] + "]")
