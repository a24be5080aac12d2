"""The operations of an API Gateway OpenAPI document (after CloudFormation's values are filled in)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options")
_PATH_PARAMETER = re.compile(r"\{([^}/+]+)\+?\}")


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    integration: dict[str, Any]
    authorizer: dict[str, Any] | None
    parameters: list[dict[str, Any]] = field(default_factory=list)
    body_schema: dict[str, Any] | None = None

    @property
    def rule(self) -> str:
        """The path as a werkzeug rule: ``/bookmarks/{bookmarkId}`` becomes ``/bookmarks/<bookmarkId>``."""
        return _PATH_PARAMETER.sub(lambda match: f"<{match.group(1)}>", self.path)

    def required(self, location: str) -> list[str]:
        return [p["name"] for p in self.parameters if p.get("in") == location and p.get("required")]


def _authorizer(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    schemes = document.get("components", {}).get("securitySchemes", {})
    for requirement in operation.get("security", document.get("security", [])):
        for name in requirement:
            scheme = schemes.get(name, {})
            if scheme.get("x-amazon-apigateway-authtype") == "cognito_user_pools":
                return dict(scheme["x-amazon-apigateway-authorizer"])
    return None


def operations_of(document: dict[str, Any]) -> list[Operation]:
    found = []
    for path, item in document.get("paths", {}).items():
        shared = item.get("parameters", [])
        for method in HTTP_METHODS:
            operation = item.get(method)
            if operation is None:
                continue
            content = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
            found.append(
                Operation(
                    method=method.upper(),
                    path=path,
                    integration=operation.get("x-amazon-apigateway-integration", {}),
                    authorizer=_authorizer(document, operation),
                    parameters=[*shared, *operation.get("parameters", [])],
                    body_schema=content.get("schema"),
                )
            )
    return found
