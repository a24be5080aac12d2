"""API Gateway's per-request metrics, as the local API publishes them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from moto import mock_aws
from werkzeug.test import Client

from bookmarks_flow.local.api.api_metrics import ApiMetrics
from bookmarks_flow.local.cfn_template import load_template
from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics
from bookmarks_flow.local.stack import STAGE_NAME
from tests.conftest import PROJECT_DIR

DIMENSIONS = [{"Name": "ApiName", "Value": "demo-api"}, {"Name": "Stage", "Value": "api"}]


def _answering(status: str) -> Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        start_response(status, [("Content-Type", "application/json")])
        return [b"{}"]

    return app


@pytest.fixture
def cloudwatch() -> Iterator[Any]:
    with mock_aws():
        yield boto3.client("cloudwatch", region_name="us-east-1")


def _sum(cloudwatch: Any, metric: str) -> float:
    now = datetime.now(UTC)
    points = cloudwatch.get_metric_statistics(
        Namespace="AWS/ApiGateway",
        MetricName=metric,
        Dimensions=DIMENSIONS,
        StartTime=now - timedelta(minutes=5),
        EndTime=now + timedelta(minutes=1),
        Period=360,
        Statistics=["Sum"],
    )["Datapoints"]
    return float(sum(point["Sum"] for point in points))


def test_a_server_error_counts_as_a_request_and_a_5xx(cloudwatch: Any) -> None:
    client = Client(ApiMetrics(_answering("502 Bad Gateway"), ServiceMetrics("us-east-1"), "demo-api", "api"))

    client.get("/bookmarks")

    assert (_sum(cloudwatch, "Count"), _sum(cloudwatch, "5XXError"), _sum(cloudwatch, "4XXError")) == (1, 1, 0)


def test_a_client_error_counts_as_a_4xx_only(cloudwatch: Any) -> None:
    client = Client(ApiMetrics(_answering("404 Not Found"), ServiceMetrics("us-east-1"), "demo-api", "api"))

    client.get("/bookmarks/nothing")
    client.get("/bookmarks/nothing")

    assert (_sum(cloudwatch, "Count"), _sum(cloudwatch, "5XXError"), _sum(cloudwatch, "4XXError")) == (2, 0, 2)


def test_the_local_pages_are_not_counted_as_api_requests(cloudwatch: Any) -> None:
    client = Client(ApiMetrics(_answering("500 Internal Server Error"), ServiceMetrics("us-east-1"), "demo-api", "api"))

    client.get("/_local/mailbox")

    assert _sum(cloudwatch, "Count") == 0


def test_the_local_stage_is_the_templates_stage() -> None:
    template = load_template(PROJECT_DIR / "template.yaml")

    assert template["Resources"]["BookmarksApi"]["Properties"]["StageName"] == STAGE_NAME
