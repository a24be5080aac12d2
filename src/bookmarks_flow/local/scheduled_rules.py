"""EventBridge rules with a ScheduleExpression: moto stores them but never runs them. This fires each enabled
``rate(...)`` rule once per rate, sending EventBridge's "Scheduled Event" to its Lambda targets when the
function's resource policy lets the rule invoke it (as on AWS; a refused invocation counts in the rule's
AWS/Events FailedInvocations, where EventBridge records it). Cron expressions are not run here: the template
has none.
https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html
"""

from __future__ import annotations

import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from bookmarks_flow.local.cloudwatch.service_metrics import ServiceMetrics
from bookmarks_flow.local.iam.resource_policies import InvokePermission, rule_may_invoke
from bookmarks_flow.local.periodic import Periodic

_RATE = re.compile(r"rate\((\d+) (minute|minutes|hour|hours|day|days)\)")
_UNIT_SECONDS = {"minute": 60, "hour": 3600, "day": 86400}


def rate_of(expression: str) -> timedelta | None:
    match = _RATE.fullmatch(expression.strip())
    if match is None:
        return None
    return timedelta(seconds=int(match.group(1)) * _UNIT_SECONDS[match.group(2).rstrip("s")])


def scheduled_event(rule_arn: str, region: str, at: datetime) -> dict[str, Any]:
    return {
        "version": "0",
        "id": str(uuid.uuid4()),
        "detail-type": "Scheduled Event",
        "source": "aws.events",
        "account": rule_arn.split(":")[4],
        "time": at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "region": region,
        "resources": [rule_arn],
        "detail": {},
    }


class ScheduledRules:
    def __init__(
        self,
        session: Any,
        permissions: list[InvokePermission],
        metrics: ServiceMetrics,
        interval_seconds: float = 5.0,
        since: datetime | None = None,
    ) -> None:
        """Each rule first runs one rate after ``since`` (when the stack started, by default)."""
        self._session = session
        self._permissions = permissions
        self._metrics = metrics
        self._since = since or datetime.now(UTC)
        self._next: dict[str, datetime] = {}
        self._events: Any = None  # created at the first tick: a client costs about 10 ms of CPU
        self._periodic = Periodic("scheduled-rules", interval_seconds, self.fire_due)

    def fire_due(self, now: datetime | None = None) -> list[str]:
        """Fires every scheduled rule whose time has come; the names of the rules fired."""
        moment = now or datetime.now(UTC)
        if self._events is None:
            self._events = self._session.client("events")
        events = self._events
        fired = []
        for rule in events.list_rules()["Rules"]:
            rate = rate_of(rule.get("ScheduleExpression", ""))
            if rate is None or rule.get("State") != "ENABLED":
                continue
            due = self._next.setdefault(rule["Arn"], self._since + rate)
            if moment < due:
                continue
            self._next[rule["Arn"]] = moment + rate
            for target in events.list_targets_by_rule(Rule=rule["Name"])["Targets"]:
                self._deliver(rule, target, moment)
            fired.append(str(rule["Name"]))
        return fired

    def _deliver(self, rule: dict[str, Any], target: dict[str, Any], at: datetime) -> None:
        dimensions = {"RuleName": str(rule["Name"])}
        self._metrics.count("AWS/Events", "TriggeredRules", dimensions)
        arn = str(target["Arn"])
        if ":lambda:" not in arn or not rule_may_invoke(self._permissions, arn, str(rule["Arn"])):
            self._metrics.count("AWS/Events", "FailedInvocations", dimensions)
            return
        region = arn.split(":")[3]
        payload = target.get("Input") or json.dumps(scheduled_event(str(rule["Arn"]), region, at))
        self._session.client("lambda").invoke(FunctionName=arn, InvocationType="RequestResponse", Payload=payload)
        self._metrics.count("AWS/Events", "Invocations", dimensions)

    def start(self) -> ScheduledRules:
        self._periodic.start()
        return self

    def stop(self) -> None:
        self._periodic.stop()
