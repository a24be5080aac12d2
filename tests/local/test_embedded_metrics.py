"""Embedded-metric-format lines a function writes become metric data, as CloudWatch Logs makes them on AWS."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import boto3
import pytest
from moto import mock_aws

from bookmarks_flow.local.cloudwatch.embedded_metrics import EmbeddedMetrics
from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics


@pytest.fixture
def cloudwatch() -> Iterator[Any]:
    with mock_aws():
        yield boto3.client("cloudwatch", region_name="us-east-1")


def _emf(**values: Any) -> str:
    return json.dumps(
        {
            "_aws": {
                "Timestamp": int(datetime.now(UTC).timestamp() * 1000),
                "CloudWatchMetrics": [
                    {
                        "Namespace": "BookmarksFlow",
                        "Dimensions": [["service"]],
                        "Metrics": [{"Name": name, "Unit": "Count"} for name in values],
                    }
                ],
            },
            "service": "watch",
            **values,
        }
    )


def _maximum(cloudwatch: Any, name: str) -> list[float]:
    now = datetime.now(UTC)
    points = cloudwatch.get_metric_statistics(
        Namespace="BookmarksFlow",
        MetricName=name,
        Dimensions=[{"Name": "service", "Value": "watch"}],
        StartTime=now - timedelta(minutes=5),
        EndTime=now + timedelta(minutes=1),
        Period=60,
        Statistics=["Maximum"],
    )["Datapoints"]
    return [float(point["Maximum"]) for point in points]


def test_an_emf_line_becomes_metric_data_with_its_dimensions(cloudwatch: Any) -> None:
    EmbeddedMetrics(ServiceMetrics("us-east-1")).receive("fn", _emf(ApprovalsNearTimeout=2))

    assert _maximum(cloudwatch, "ApprovalsNearTimeout") == [2.0]


def test_a_list_of_values_is_one_datum_each(cloudwatch: Any) -> None:
    EmbeddedMetrics(ServiceMetrics("us-east-1")).receive("fn", _emf(Latency=[3, 7]))

    assert _maximum(cloudwatch, "Latency") == [7.0]


@pytest.mark.parametrize("line", ['{"message": "plain log", "_aws": 1}', "not json", '{"_aws": {"broken"', "[]"])
def test_other_lines_are_only_logs(cloudwatch: Any, line: str) -> None:
    EmbeddedMetrics(ServiceMetrics("us-east-1")).receive("fn", line)

    assert cloudwatch.list_metrics()["Metrics"] == []
