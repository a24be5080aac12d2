"""What an operator watches, served by the local stack as CloudWatch serves it on AWS."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
import requests

from bookmarks_flow.local.cfn_template import load_template
from tests.support.stack_process import PROJECT_DIR, RunningStack
from tests.support.workflow import wait_for

pytestmark = pytest.mark.e2e


def test_the_alarms_and_the_operations_dashboard_are_served_by_the_local_endpoint(stack: RunningStack) -> None:
    cloudwatch = stack.aws_client("cloudwatch")

    alarms = cloudwatch.describe_alarms(AlarmNamePrefix="bookmarks-flow-")["MetricAlarms"]
    dashboard = json.loads(cloudwatch.get_dashboard(DashboardName="bookmarks-flow-operations")["DashboardBody"])

    template = load_template(PROJECT_DIR / "template.yaml")
    assert len(alarms) == sum(1 for r in template["Resources"].values() if r["Type"] == "AWS::CloudWatch::Alarm")
    watched = {
        arn for widget in dashboard["widgets"] if widget["type"] == "alarm" for arn in widget["properties"]["alarms"]
    }
    assert watched == {alarm["AlarmArn"] for alarm in alarms}


def test_an_api_answer_is_counted_in_the_apis_metrics(stack: RunningStack) -> None:
    cloudwatch = stack.aws_client("cloudwatch")
    dimensions = [{"Name": "ApiName", "Value": "bookmarks-flow-api"}, {"Name": "Stage", "Value": "api"}]

    assert requests.get(f"{stack.api}/bookmarks", timeout=10).status_code == 401

    def client_errors() -> float | None:
        now = datetime.now(UTC)
        points = cloudwatch.get_metric_statistics(
            Namespace="AWS/ApiGateway",
            MetricName="4XXError",
            Dimensions=dimensions,
            StartTime=now - timedelta(minutes=10),
            EndTime=now + timedelta(minutes=1),
            Period=660,
            Statistics=["Sum"],
        )["Datapoints"]
        total = sum(point["Sum"] for point in points)
        return total if total >= 1 else None

    assert wait_for(client_errors, 10, "a 4XXError datapoint for the API") >= 1
