"""The local API's access log lines: the stage's format with API Gateway's $context variables filled in."""

from __future__ import annotations

import json

import pytest

from bookmarks_flow.local.api.access_log import AccessLog, Served, UnsupportedVariable, log_group_of, render
from bookmarks_flow.local.api.integrations import HttpRequest

FORMAT = (
    '{"requestId":"$context.requestId","resourcePath":"$context.resourcePath","status":"$context.status",'
    '"user":"$context.authorizer.claims[\'cognito:username\']","sub":"$context.authorizer.claims.sub"}'
)


def served(claims: dict[str, str] | None) -> Served:
    request = HttpRequest(
        "POST", "/approvals/abc", "/approvals/{approvalId}", {"approvalId": "abc"}, {}, {}, {}, b"", "127.0.0.1", claims
    )
    return Served(request, status=200, response_length=12, integration_latency_ms=5, started=0.0)


def test_the_variables_are_filled_in_from_the_request_and_its_answer() -> None:
    entry = served({"cognito:username": "maria", "sub": "s-1"})

    line = json.loads(render(FORMAT, entry))

    assert line == {
        "requestId": entry.request.request_id,
        "resourcePath": "/approvals/{approvalId}",
        "status": "200",
        "user": "maria",
        "sub": "s-1",
    }


def test_a_request_without_claims_logs_a_dash_as_api_gateway_does() -> None:
    assert json.loads(render(FORMAT, served(None)))["user"] == "-"


def test_a_format_with_a_variable_the_local_api_does_not_serve_is_refused_at_start() -> None:
    with pytest.raises(UnsupportedVariable, match=r"\$context\.wafResponseCode"):
        AccessLog('{"waf":"$context.wafResponseCode"}', "group", lambda group, line: None)


def test_the_log_group_is_named_by_the_destination_arn_with_or_without_its_wildcard() -> None:
    assert log_group_of("arn:aws:logs:us-east-1:123456789012:log-group:/aws/local/api-logs:*") == "/aws/local/api-logs"
    assert log_group_of("arn:aws:logs:us-east-1:123456789012:log-group:/aws/local/api-logs") == "/aws/local/api-logs"
