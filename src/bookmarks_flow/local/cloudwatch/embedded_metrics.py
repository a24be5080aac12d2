"""Metrics in CloudWatch's embedded metric format (EMF): on AWS, CloudWatch Logs turns a function's log line that
carries an ``_aws.CloudWatchMetrics`` directive into metric data, with no call and no IAM permission of the
function. powertools' ``Metrics`` writes such lines; this does what CloudWatch Logs does with them.
https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch_Embedded_Metric_Format_Specification.html
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics


def _directives(line: str) -> tuple[dict[str, Any], list[dict[str, Any]]] | None:
    if not line.startswith("{") or '"_aws"' not in line:
        return None
    try:
        document = json.loads(line)
    except ValueError:
        return None
    metadata = document.get("_aws") if isinstance(document, dict) else None
    directives = metadata.get("CloudWatchMetrics") if isinstance(metadata, dict) else None
    return (document, directives) if isinstance(directives, list) else None


def _values(raw: Any) -> list[float]:
    values = raw if isinstance(raw, list) else [raw]
    return [float(value) for value in values if isinstance(value, int | float) and not isinstance(value, bool)]


class EmbeddedMetrics:
    def __init__(self, metrics: ServiceMetrics) -> None:
        self._metrics = metrics

    def receive(self, _function_name: str, line: str) -> None:
        """One line a function wrote; metric data if it is an EMF document (other lines are plain logs)."""
        found = _directives(line.strip())
        if found is None:
            return
        document, directives = found
        stamp = document["_aws"].get("Timestamp")
        # moto's CloudWatch compares naive UTC datetimes (alarm_evaluator does the same).
        at = datetime.fromtimestamp(stamp / 1000, UTC).replace(tzinfo=None) if isinstance(stamp, int) else None
        for directive in directives:
            for dimension_set in directive.get("Dimensions") or [[]]:
                dimensions = {str(key): str(document.get(key, "")) for key in dimension_set}
                for metric in directive.get("Metrics", []):
                    name = str(metric["Name"])
                    for value in _values(document.get(name)):
                        self._metrics.publish(
                            str(directive["Namespace"]), name, dimensions, value, str(metric.get("Unit", "None")), at
                        )
