"""The routes of an API's OpenAPI body and what each one calls, for the API's edges in the architecture diagram."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bookmarks_flow.local.cfn_template import load_template

_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "x-amazon-apigateway-any-method")


@dataclass(frozen=True)
class Route:
    method: str
    path: str
    integration: Mapping[str, Any]

    @property
    def label(self) -> str:
        method = "ANY" if self.method == "x-amazon-apigateway-any-method" else self.method.upper()
        return f"{method} {self.path}"


def openapi_body(properties: Mapping[str, Any], template_dir: Path) -> Mapping[str, Any]:
    """The API's OpenAPI document, inline or pulled in with AWS::Include from a local file."""
    body = properties.get("DefinitionBody")
    if isinstance(body, Mapping) and "Fn::Transform" in body:
        transform = body["Fn::Transform"]
        location = transform.get("Parameters", {}).get("Location") if transform.get("Name") == "AWS::Include" else None
        if isinstance(location, str) and (template_dir / location).is_file():
            return load_template(template_dir / location)
        return {}
    if isinstance(properties.get("DefinitionUri"), str) and (template_dir / properties["DefinitionUri"]).is_file():
        return load_template(template_dir / properties["DefinitionUri"])
    return body if isinstance(body, Mapping) else {}


def routes(document: Mapping[str, Any]) -> Iterator[Route]:
    for path, operations in document.get("paths", {}).items():
        for method in _METHODS:
            operation = operations.get(method) if isinstance(operations, Mapping) else None
            if isinstance(operation, Mapping) and "x-amazon-apigateway-integration" in operation:
                yield Route(method, str(path), operation["x-amazon-apigateway-integration"])


def authorizers(document: Mapping[str, Any]) -> list[Any]:
    """The authorizers' definitions (a Cognito one names its user pool in providerARNs)."""
    schemes = document.get("components", {}).get("securitySchemes", {})
    schemes = schemes or document.get("securityDefinitions", {})
    return [
        scheme["x-amazon-apigateway-authorizer"]
        for scheme in schemes.values()
        if "x-amazon-apigateway-authorizer" in scheme
    ]
