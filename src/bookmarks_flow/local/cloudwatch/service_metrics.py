"""Metrics in the namespaces AWS services publish to (AWS/States, AWS/Lambda, AWS/SQS, AWS/ApiGateway).

They are written straight into moto's CloudWatch backend: on AWS the service itself publishes them, not a
principal of the account, so no IAM policy is involved.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from moto.cloudwatch.models import cloudwatch_backends
from moto.core import DEFAULT_ACCOUNT_ID


class ServiceMetrics:
    def __init__(self, region: str, account_id: str = DEFAULT_ACCOUNT_ID) -> None:
        self.region = region
        self.account_id = account_id

    def _backend(self) -> Any:
        return cloudwatch_backends[self.account_id][self.region]

    def publish(
        self,
        namespace: str,
        name: str,
        dimensions: dict[str, str],
        value: float,
        unit: str,
        timestamp: datetime | None = None,
    ) -> None:
        datum: dict[str, Any] = {
            "MetricName": name,
            "Value": value,
            "Unit": unit,
            "Dimensions": [{"Name": key, "Value": item} for key, item in dimensions.items()],
        }
        if timestamp is not None:
            datum["Timestamp"] = timestamp
        self._backend().put_metric_data(namespace, [datum])

    def count(self, namespace: str, name: str, dimensions: dict[str, str], value: float = 1) -> None:
        self.publish(namespace, name, dimensions, value, "Count")
