"""Event targets: moto's EventBridge delivers to SQS, log groups, archives and other buses only, ignores a
target's InputPath and Input, and cannot deliver to SNS (it raises NotImplementedError). This delivers to SQS,
SNS and log-group targets as EventBridge does: the whole event (with an ISO ``time``), or what InputPath,
Input or InputTransformer make of it. Other target types keep moto's behaviour. Scheduled rules receive no
events (bookmarks_flow.local.scheduled_rules runs them)."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

from jsonpath_ng.ext import parse as parse_jsonpath  # type: ignore[attr-defined]
from moto.events.models import Rule
from moto.events.utils import EventTemplateParser
from moto.logs.models import logs_backends
from moto.sns.models import sns_backends
from moto.sqs.models import sqs_backends

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

DELIVERED_HERE = ("sqs", "sns", "logs")


def _service(target: dict[str, Any]) -> str:
    return str(target["Arn"]).split(":")[2]


def _as_delivered(event: dict[str, Any]) -> dict[str, Any]:
    """The event as a target receives it: no ingestion time, and ``time`` as an ISO timestamp."""
    delivered = {key: value for key, value in event.items() if key != "ingestion-time"}
    if isinstance(delivered.get("time"), int | float):
        delivered["time"] = datetime.fromtimestamp(float(delivered["time"]), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return delivered


def shaped(target: dict[str, Any], event: dict[str, Any]) -> Any:
    if "InputTransformer" in target:
        transformer = target["InputTransformer"]
        return EventTemplateParser.parse(
            input_template=transformer.get("InputTemplate"),
            input_paths_map=transformer.get("InputPathsMap", {}),
            event={**_as_delivered(event), "ingestion-time": event.get("ingestion-time")},
        )
    delivered = _as_delivered(event)
    if "Input" in target:
        return json.loads(target["Input"])
    if "InputPath" in target:
        matches = parse_jsonpath(target["InputPath"]).find(delivered)  # type: ignore[no-untyped-call]
        return matches[0].value if matches else None
    return delivered


def _deliver(rule: Rule, target: dict[str, Any], payload: Any) -> None:
    arn = str(target["Arn"])
    text = payload if isinstance(payload, str) else json.dumps(payload)
    service = _service(target)
    if service == "sqs":
        group_id = target.get("SqsParameters", {}).get("MessageGroupId")
        sqs_backends[rule.account_id][rule.region_name].send_message(arn.rsplit(":", 1)[-1], text, group_id=group_id)
    elif service == "sns":
        sns_backends[rule.account_id][rule.region_name].publish(text, arn=arn)
    else:
        name = arn.split(":log-group:", 1)[1].removesuffix(":*")
        logs = logs_backends[rule.account_id][rule.region_name]
        stream = f"{rule.name}-{datetime.now(UTC).strftime('%Y%m%d')}"
        if stream not in logs.groups[name].streams:
            logs.create_log_stream(name, stream)
        logs.put_log_events(name, stream, [{"timestamp": int(datetime.now(UTC).timestamp() * 1000), "message": text}])


def install() -> Undo:
    original = Rule.send_to_targets

    def send_to_targets(self: Rule, original_event: dict[str, Any], transform_input: bool = True) -> None:
        if self.scheduled_expression:
            # A scheduled rule matches no event (it has no pattern; moto would match every event with it and
            # fail on its Lambda target): scheduled_rules runs it on its schedule instead.
            return
        ours = [target for target in self.targets if _service(target) in DELIVERED_HERE]
        if not ours or not transform_input:
            original(self, original_event, transform_input)
            return
        if not self.event_pattern.matches_event(original_event):
            return
        rest = [target for target in self.targets if _service(target) not in DELIVERED_HERE]
        if rest:
            others = copy.copy(self)
            others.targets = rest
            original(others, original_event, transform_input)
        for target in ours:
            _deliver(self, target, shaped(target, original_event))

    return replace_attribute(Rule, "send_to_targets", send_to_targets)
