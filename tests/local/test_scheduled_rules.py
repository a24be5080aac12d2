"""EventBridge schedules on the local stack: a rate rule runs its Lambda target once per rate, and only when the
function's resource policy lets the rule invoke it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bookmarks_flow.local.environment import LocalEnvironment
from bookmarks_flow.local.iam.resource_policies import EVENTBRIDGE, InvokePermission
from bookmarks_flow.local.scheduled_rules import ScheduledRules, rate_of

RULE = "WatchApprovalDeadlinesFunctionEveryFiveMinutes"
FUNCTION = "WatchApprovalDeadlinesFunction"


@pytest.mark.parametrize(
    ("expression", "seconds"),
    [("rate(1 minute)", 60), ("rate(5 minutes)", 300), ("rate(2 hours)", 7200), ("rate(1 day)", 86400)],
)
def test_a_rate_expression_is_its_period(expression: str, seconds: int) -> None:
    assert rate_of(expression) == timedelta(seconds=seconds)


def test_a_cron_expression_is_not_a_rate() -> None:
    assert rate_of("cron(0 12 * * ? *)") is None


def test_a_rule_runs_once_per_rate(environment: LocalEnvironment) -> None:
    started = datetime.now(UTC)
    rules = ScheduledRules(environment.session(), environment.invoke_permissions(), environment.metrics, since=started)
    function = environment.stack.physical(FUNCTION)

    fired = [rules.fire_due(started + timedelta(seconds=seconds)) for seconds in (299, 300, 450, 600)]

    assert fired == [[], [environment.stack.physical(RULE)], [], [environment.stack.physical(RULE)]]
    assert environment.runtime.invocations[function] == 2


def test_a_rule_the_function_does_not_trust_invokes_nothing(environment: LocalEnvironment) -> None:
    started = datetime.now(UTC)
    function = environment.stack.physical(FUNCTION)
    others = [InvokePermission(function, EVENTBRIDGE, "lambda:InvokeFunction", "arn:aws:events:*:*:rule/other")]
    rules = ScheduledRules(environment.session(), others, environment.metrics, since=started)

    rules.fire_due(started + timedelta(minutes=5))

    assert function not in environment.runtime.invocations
