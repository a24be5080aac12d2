"""The adapters that publish what AWS services publish to CloudWatch themselves, and the upstream gaps they fill."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any

import boto3
from moto.awslambda.models import LambdaBackend
from moto.awslambda_simple.models import LambdaSimpleBackend

from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics
from bookmarks_flow.local.moto_adapters import execution_metrics
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.moto_machines import finish, machine

FAILING = {"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "Broken", "Cause": "on purpose"}}}


def _metric_names(namespace: str) -> set[str]:
    metrics = boto3.client("cloudwatch", region_name="us-east-1").list_metrics(Namespace=namespace)["Metrics"]
    return {metric["MetricName"] for metric in metrics}


def test_upstream_still_publishes_no_execution_metrics(sfn: Any) -> None:
    arn = machine(sfn, FAILING)
    finish(sfn, sfn.start_execution(stateMachineArn=arn, name="one")["executionArn"])

    assert _metric_names("AWS/States") == set()


def test_an_execution_counts_in_its_state_machines_metrics(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(execution_metrics.install(ServiceMetrics("us-east-1")))
    arn = machine(sfn, FAILING)

    finish(sfn, sfn.start_execution(stateMachineArn=arn, name="one")["executionArn"])

    assert _metric_names("AWS/States") == {"ExecutionsStarted", "ExecutionsFailed", "ExecutionTime"}
    metrics = boto3.client("cloudwatch", region_name="us-east-1").list_metrics(Namespace="AWS/States")["Metrics"]
    assert {d["Value"] for metric in metrics for d in metric["Dimensions"]} == {arn}


def test_upstream_lambda_invoke_still_publishes_no_metrics() -> None:
    for backend_class in (LambdaBackend, LambdaSimpleBackend):
        assert "cloudwatch" not in inspect.getsource(backend_class.invoke).lower()
