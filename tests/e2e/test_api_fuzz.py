"""A property-based fuzz of the API from its own OpenAPI document (schemathesis + hypothesis): no 5xx, and every
response matches the document (status code, content type and schema)."""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings

from tests.support.stack_process import PROJECT_DIR, RunningStack

CHECKS = [
    schemathesis.checks.not_a_server_error,
    schemathesis.checks.status_code_conformance,
    schemathesis.checks.content_type_conformance,
    schemathesis.checks.response_schema_conformance,
]
DOCUMENT = yaml.safe_load((PROJECT_DIR / "api" / "openapi.yaml").read_text(encoding="utf-8"))
OPERATIONS = [
    (method.upper(), path)
    for path, item in DOCUMENT["paths"].items()
    for method in item
    if method in ("get", "post", "put", "patch", "delete")
]


@pytest.fixture(scope="module")
def api_schema(stack: RunningStack) -> Any:
    return schemathesis.openapi.from_url(f"{stack.api}/_local/openapi.json")


@pytest.fixture(scope="module")
def manager_token(stack: RunningStack) -> str:
    return stack.token("maria")


@pytest.mark.parametrize(("method", "path"), OPERATIONS)
def test_every_generated_request_is_answered_as_the_document_says(
    api_schema: Any, manager_token: str, method: str, path: str
) -> None:
    operation = api_schema[path][method]

    @given(case=operation.as_strategy())
    @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def answered_as_documented(case: Any) -> None:
        case.call_and_validate(headers={"Authorization": manager_token}, checks=CHECKS)

    answered_as_documented()
