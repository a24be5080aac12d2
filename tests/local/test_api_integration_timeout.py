"""API Gateway's 29-second integration timeout, locally: an integration that has not answered in time gets a
504 in JSON (INTEGRATION_TIMEOUT), whatever the integration does afterwards."""

from __future__ import annotations

import json

from werkzeug.test import Client

from bookmarks_flow.local.api.server import INTEGRATION_TIMEOUT_SECONDS, LocalApi
from bookmarks_flow.local.environment import LocalEnvironment


def api(environment: LocalEnvironment, timeout: float) -> Client:
    local_api = LocalApi(
        environment.stack.resources["BookmarksApi"].properties["Body"],
        session=environment.principal_sessions("BookmarksApi"),
        aws_endpoint="http://127.0.0.1:1",
        region=environment.region,
        mailbox=environment.mailbox,
        local_config={},
        integration_timeout=timeout,
    )
    return Client(local_api)


def test_the_default_timeout_is_api_gateways_29_seconds() -> None:
    assert INTEGRATION_TIMEOUT_SECONDS == 29.0


def test_an_integration_slower_than_the_timeout_is_a_504_in_json(environment: LocalEnvironment) -> None:
    response = api(environment, timeout=0.0).get("/approvals/some-id?expires=1&signature=x")

    assert response.status_code == 504
    assert response.headers["Content-Type"] == "application/json"
    assert "29 seconds" in json.loads(response.get_data())["message"]


def test_an_integration_within_the_timeout_answers_itself(environment: LocalEnvironment) -> None:
    response = api(environment, timeout=INTEGRATION_TIMEOUT_SECONDS).get("/approvals/some-id?expires=1&signature=x")

    assert response.status_code in (403, 404, 410)
