"""Evaluates the stack's metric alarms as CloudWatch does and tells their actions when the state changes.

moto stores alarms but never evaluates them. The rule here is CloudWatch's for a single-metric alarm: take the
statistic over each of the last ``EvaluationPeriods`` periods; the alarm is ALARM when every period with data
breaches the threshold, OK when one does not, and missing data follows ``TreatMissingData`` (``notBreaching``
counts as good, ``breaching`` as bad, ``missing``/``ignore`` keep the state). A change is published to the
alarm's SNS actions as CloudWatch's JSON notification, so it reaches the local mailbox like any e-mail.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from moto.cloudwatch.models import cloudwatch_backends
from moto.sns.models import sns_backends

from bookmarks_flow.local.cloudwatch.queue_depth import sample_queue_depths
from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics
from bookmarks_flow.local.periodic import Periodic

_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "GreaterThanOrEqualToThreshold": lambda value, threshold: value >= threshold,
    "GreaterThanThreshold": lambda value, threshold: value > threshold,
    "LessThanThreshold": lambda value, threshold: value < threshold,
    "LessThanOrEqualToThreshold": lambda value, threshold: value <= threshold,
}
_STATISTICS = ("Sum", "Maximum", "Minimum", "Average", "SampleCount")


def _period_values(backend: Any, alarm: Any, now: datetime) -> list[float | None]:
    """The alarm's statistic for each of its evaluation periods, oldest first (None where no data)."""
    values: list[float | None] = []
    for index in range(alarm.evaluation_periods, 0, -1):
        start = now - timedelta(seconds=alarm.period * index)
        statistics = backend.get_metric_statistics(
            alarm.namespace,
            alarm.metric_name,
            start,
            start + timedelta(seconds=alarm.period),
            alarm.period,
            [alarm.statistic],
            [{"Name": d.name, "Value": d.value} for d in alarm.dimensions],
        )
        points = [point.get_statistics_for_type(alarm.statistic) for point in statistics]
        values.append(float(points[0]) if points and points[0] is not None else None)
    return values


def new_state(alarm: Any, values: list[float | None]) -> tuple[str, str] | None:
    """(state, reason), or None when the data says nothing new (missing data that is ignored)."""
    breaches = _COMPARE[alarm.comparison_operator]
    treat_missing = alarm.treat_missing_data or "missing"
    judged: list[bool] = []
    for value in values:
        if value is not None:
            judged.append(breaches(value, alarm.threshold))
        elif treat_missing in ("breaching", "notBreaching"):
            judged.append(treat_missing == "breaching")
    if not judged:
        return None if treat_missing == "ignore" else ("INSUFFICIENT_DATA", "No datapoints were received")
    shown = [value for value in values if value is not None]
    if all(judged):
        return "ALARM", f"Threshold Crossed: datapoints {shown} were {alarm.comparison_operator} {alarm.threshold}"
    return "OK", f"Threshold not crossed: datapoints {shown} against {alarm.threshold}"


def notification(alarm: Any, old_state: str, state: str, reason: str, region: str, now: datetime) -> dict[str, Any]:
    return {
        "AlarmName": alarm.name,
        "AlarmDescription": alarm.description,
        "AWSAccountId": alarm.alarm_arn.split(":")[4],
        "NewStateValue": state,
        "NewStateReason": reason,
        "StateChangeTime": now.isoformat(),
        "Region": region,
        "AlarmArn": alarm.alarm_arn,
        "OldStateValue": old_state,
        "Trigger": {
            "MetricName": alarm.metric_name,
            "Namespace": alarm.namespace,
            "Statistic": alarm.statistic,
            "Dimensions": [{"name": d.name, "value": d.value} for d in alarm.dimensions],
            "Period": alarm.period,
            "EvaluationPeriods": alarm.evaluation_periods,
            "ComparisonOperator": alarm.comparison_operator,
            "Threshold": alarm.threshold,
        },
    }


class AlarmEvaluator:
    def __init__(self, metrics: ServiceMetrics, interval_seconds: float = 5.0) -> None:
        self._metrics = metrics
        self._periodic = Periodic("alarm-evaluator", interval_seconds, self.evaluate_once)

    def evaluate_once(self, now: datetime | None = None) -> None:
        # moto stamps metric data with naive UTC datetimes and cuts query bounds to whole seconds: the window
        # ends at the next second so that a datum of this very second counts.
        moment = (now or datetime.now(UTC)).replace(tzinfo=None, microsecond=0) + timedelta(seconds=1)
        sample_queue_depths(self._metrics, moment - timedelta(seconds=1))
        backend = cloudwatch_backends[self._metrics.account_id][self._metrics.region]
        for alarm in list(backend.alarms.values()):
            if alarm.metric_data_queries or alarm.statistic not in _STATISTICS:
                continue  # metric math and percentiles: not used by this application's alarms
            change = new_state(alarm, _period_values(backend, alarm, moment))
            if change is None or change[0] == alarm.state_value:
                continue
            old_state = alarm.state_value
            backend.set_alarm_state(alarm.name, change[1], None, change[0])
            self._tell_actions(alarm, old_state, *change, moment)

    def _tell_actions(self, alarm: Any, old_state: str, state: str, reason: str, now: datetime) -> None:
        actions = {"ALARM": alarm.alarm_actions, "OK": alarm.ok_actions}.get(state, alarm.insufficient_data_actions)
        if not alarm.actions_enabled:
            return
        sns = sns_backends[self._metrics.account_id][self._metrics.region]
        message = json.dumps(notification(alarm, old_state, state, reason, self._metrics.region, now))
        for topic_arn in actions or []:
            if ":sns:" in topic_arn:
                sns.publish(message, arn=topic_arn, subject=f'{state}: "{alarm.name}" in {self._metrics.region}'[:99])

    def start(self) -> AlarmEvaluator:
        self._periodic.start()
        return self

    def stop(self) -> None:
        self._periodic.stop()
