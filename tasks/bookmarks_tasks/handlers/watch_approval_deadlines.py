"""Every five minutes (an EventBridge schedule): how many approvals wait, and how many are in the last quarter
of their decision window. Published as embedded-metric-format log lines (BookmarksFlow ApprovalsWaiting and
ApprovalsNearTimeout); the ApprovalsNearTimeoutAlarm watches the second."""

from __future__ import annotations

import time
from typing import Any

from aws_lambda_powertools import Logger, Metrics, Tracer
from aws_lambda_powertools.metrics import MetricUnit
from aws_lambda_powertools.utilities.typing import LambdaContext
from pydantic import Field

from bookmarks_tasks.aws.pending_approvals import all_waiting_approvals
from bookmarks_tasks.domain.approval_deadlines import deadline_report
from bookmarks_tasks.handlers.settings import EnvironmentSettings

logger = Logger()
tracer = Tracer()
metrics = Metrics()


class Settings(EnvironmentSettings):
    approvals_table_name: str = Field(alias="APPROVALS_TABLE_NAME")


@metrics.log_metrics
@logger.inject_lambda_context
@tracer.capture_lambda_handler
def lambda_handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    settings = Settings.from_environment()
    now = time.time()
    report = deadline_report(all_waiting_approvals(settings.approvals_table_name, int(now)), now)
    metrics.add_metric(name="ApprovalsWaiting", unit=MetricUnit.Count, value=report.waiting)
    metrics.add_metric(name="ApprovalsNearTimeout", unit=MetricUnit.Count, value=report.near_timeout)
    result = {
        "waiting": report.waiting,
        "nearTimeout": report.near_timeout,
        "leastSecondsLeft": report.least_seconds_left,
    }
    logger.info("Approval deadlines checked", extra=result)
    return result
