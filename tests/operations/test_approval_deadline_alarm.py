"""ApprovalsNearTimeoutAlarm: the five-minute schedule runs WatchApprovalDeadlinesFunction, whose embedded
metrics (BookmarksFlow ApprovalsNearTimeout) the alarm watches; an approval in the last quarter of its window
raises it. Runs on the local stack's EventBridge schedule, EMF extraction and alarm evaluator."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from bookmarks_flow.local.cloudwatch.alarm_evaluator import AlarmEvaluator
from bookmarks_flow.local.environment import LocalEnvironment
from tests.conftest import PROJECT_DIR
from tests.support.workflow import Workflow

TIMEOUT_SECONDS = 20  # the last quarter (the warning) starts 15 s after the request
OPERATORS = "operators@example.com"


@pytest.fixture
def short_window() -> Iterator[Workflow]:
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": str(TIMEOUT_SECONDS)}) as env:
        yield Workflow(env)


def alarm_state(workflow: Workflow) -> str:
    AlarmEvaluator(workflow.env.metrics).evaluate_once()
    name = workflow.env.stack.physical("ApprovalsNearTimeoutAlarm")
    [alarm] = workflow.env.client("cloudwatch").describe_alarms(AlarmNames=[name])["MetricAlarms"]
    return str(alarm["StateValue"])


def near_timeout_values(workflow: Workflow) -> list[float]:
    statistics = workflow.env.client("cloudwatch").get_metric_statistics(
        Namespace="BookmarksFlow",
        MetricName="ApprovalsNearTimeout",
        Dimensions=[{"Name": "service", "Value": "watch-approval-deadlines"}],
        StartTime=datetime.fromtimestamp(time.time() - 600, UTC),
        EndTime=datetime.fromtimestamp(time.time() + 60, UTC),
        Period=60,
        Statistics=["Maximum"],
    )
    return sorted(float(point["Maximum"]) for point in statistics["Datapoints"])


def test_the_deadline_check_runs_on_its_five_minute_schedule(short_window: Workflow) -> None:
    assert short_window.run_schedules(later_by_seconds=10) == []
    assert short_window.run_schedules(later_by_seconds=301) == [
        short_window.env.stack.physical("WatchApprovalDeadlinesFunctionEveryFiveMinutes")
    ]


def test_an_approval_early_in_its_window_raises_no_alarm(short_window: Workflow) -> None:
    short_window.wait_for_approval_request(short_window.submit("https://example.com/fresh"))

    short_window.run_schedules()

    assert near_timeout_values(short_window) == [0.0]
    assert alarm_state(short_window) == "OK"


def test_an_approval_close_to_its_timeout_raises_the_alarm(short_window: Workflow) -> None:
    record = short_window.wait_for_approval_request(short_window.submit("https://example.com/waiting"))
    warning_starts = float(record["expiresAt"]) - TIMEOUT_SECONDS / 4
    time.sleep(max(0.0, warning_starts - time.time()) + 0.5)

    short_window.run_schedules()

    assert near_timeout_values(short_window) == [1.0]
    assert alarm_state(short_window) == "ALARM"
    subjects = [message.subject for message in short_window.mail_to(OPERATORS)]
    assert 'ALARM: "bookmarks-flow-ApprovalsNearTimeoutAlarm" in us-east-1' in subjects


def test_a_decided_approval_is_not_counted(short_window: Workflow) -> None:
    bookmark_id = short_window.submit("https://example.com/decided")
    record = short_window.wait_for_approval_request(bookmark_id)
    short_window.decide(bookmark_id, "APPROVED")
    time.sleep(max(0.0, float(record["expiresAt"]) - TIMEOUT_SECONDS / 4 - time.time()) + 0.5)

    short_window.run_schedules()

    assert near_timeout_values(short_window) == [0.0]
