"""The local AWS endpoint serves this machine's tools and refuses web pages and foreign host names, over real
HTTP and in Chromium: a page from another origin (another port on 127.0.0.1 is another origin) cannot call it."""

from __future__ import annotations

import http.server
import json
import os
import subprocess
import threading
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
import requests

from tests.support.stack_process import RunningStack, free_port

if TYPE_CHECKING:
    from playwright.sync_api import Page

LIST_TABLES = {"Content-Type": "application/x-amz-json-1.0", "X-Amz-Target": "DynamoDB_20120810.ListTables"}


def call(stack: RunningStack, headers: dict[str, str], method: str = "POST") -> requests.Response:
    return requests.request(method, stack.aws + "/", data=b"{}", headers=headers, timeout=30)


def test_boto3_is_served_unchanged(stack: RunningStack) -> None:
    assert stack.aws_client("dynamodb").list_tables()["TableNames"]


def test_the_aws_cli_is_served_unchanged(stack: RunningStack) -> None:
    environment = {**os.environ, "AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local"}
    result = subprocess.run(
        ["aws", "--endpoint-url", stack.aws, "--region", "us-east-1", "stepfunctions", "list-state-machines"],
        capture_output=True,
        text=True,
        timeout=60,
        env=environment,
        check=True,
    )
    assert "submit-bookmark" in result.stdout


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]", "LOCALHOST"])
def test_loopback_host_names_with_any_port_are_served(stack: RunningStack, host: str) -> None:
    for name in (host, f"{host}:1"):
        assert call(stack, {**LIST_TABLES, "Host": name}).status_code == 200


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:4566", "127.0.0.1.evil.example", "localhost.evil.example", "10.0.0.1"]
)
def test_any_other_host_name_is_refused(stack: RunningStack, host: str) -> None:
    response = call(stack, {**LIST_TABLES, "Host": host})
    assert response.status_code == 403
    assert "loopback" in response.json()["message"]


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:1", "null", "http://localhost"])
def test_a_request_from_a_foreign_origin_is_refused_without_a_cors_grant(stack: RunningStack, origin: str) -> None:
    response = call(stack, {**LIST_TABLES, "Origin": origin})
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:1"])
def test_a_preflight_from_a_foreign_origin_is_refused(stack: RunningStack, origin: str) -> None:
    headers = {
        "Origin": origin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "x-amz-target",
    }
    response = call(stack, headers, method="OPTIONS")
    assert response.status_code == 403
    assert "Access-Control-Allow-Origin" not in response.headers


def test_a_tool_without_origin_gets_no_cors_grant(stack: RunningStack) -> None:
    assert not [name for name in call(stack, LIST_TABLES).headers if name.lower().startswith("access-control")]


def test_the_api_origin_may_only_sign_in_to_cognito(stack: RunningStack) -> None:
    scan = call(stack, {**LIST_TABLES, "Origin": stack.api})
    sign_in = call(
        stack,
        {
            "Origin": stack.api,
            "Content-Type": "application/x-amz-json-1.1",
            "X-Amz-Target": "AWSCognitoIdentityProviderService.InitiateAuth",
        },
    )
    assert scan.status_code == 403
    assert sign_in.headers["Access-Control-Allow-Origin"] == stack.api


@pytest.fixture
def foreign_site() -> Iterator[str]:
    """A page served from another origin: 127.0.0.1 on another port."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"<!doctype html><title>elsewhere</title><p>another site"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_page_from_another_origin_cannot_call_the_endpoint_in_chromium(
    stack: RunningStack,
    page: Page,
    browser_errors: list[str],
    foreign_site: str,
) -> None:
    topic = f"planted-{uuid.uuid4().hex[:8]}"
    page.goto(foreign_site)

    outcome = page.evaluate(
        """async ([endpoint, topic]) => {
            const read = await fetch(endpoint, {method: 'POST', body: '{}', headers: {
                'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': 'DynamoDB_20120810.Scan'}})
              .then(r => 'read ' + r.status, e => 'blocked: ' + e.message);
            // A "simple" cross-origin POST needs no preflight: the browser sends it whatever CORS says.
            await fetch(endpoint, {method: 'POST', mode: 'no-cors', body: 'Action=CreateTopic&Name=' + topic,
                headers: {'Content-Type': 'application/x-www-form-urlencoded'}}).catch(() => null);
            return read;
        }""",
        [stack.aws + "/", topic],
    )

    assert outcome.startswith("blocked")
    topics = [entry["TopicArn"] for entry in stack.aws_client("sns").list_topics()["Topics"]]
    assert not [arn for arn in topics if arn.endswith(":" + topic)]
    assert any("CORS" in error or "Failed to load" in error for error in browser_errors)
    browser_errors.clear()  # the refusals above are what this test expects the console to report


def test_the_refusal_is_json_an_aws_client_understands(stack: RunningStack) -> None:
    response = call(stack, {**LIST_TABLES, "Host": "evil.example"})
    assert json.loads(response.text)["__type"] == "AccessDeniedException"
