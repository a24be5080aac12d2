"""The EventBridge adapters, and the upstream gaps they fill."""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any

import boto3
from moto.events.models import Rule

from bookmarks_flow.local.moto_adapters import event_targets, execution_status_events
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.moto_machines import finish, machine

PASS = {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}}


def _queue_behind_rule(pattern: dict[str, Any], **target: Any) -> Callable[[], list[Any]]:
    sqs, events = boto3.client("sqs", region_name="us-east-1"), boto3.client("events", region_name="us-east-1")
    url = sqs.create_queue(QueueName="listener")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name="listen", EventPattern=json.dumps(pattern))
    events.put_targets(Rule="listen", Targets=[{"Id": "q", "Arn": arn, **target}])

    def bodies() -> list[Any]:
        messages = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        return [json.loads(message["Body"]) for message in messages]

    return bodies


def test_upstream_events_still_deliver_neither_to_sns_nor_by_input_path() -> None:
    source = inspect.getsource(Rule.send_to_targets)
    assert '"sns"' not in source
    assert '"InputPath"' not in source


def test_an_input_path_delivers_only_the_selected_part(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(event_targets.install())
    received = _queue_behind_rule({"source": ["test"]}, InputPath="$.detail")

    boto3.client("events", region_name="us-east-1").put_events(
        Entries=[{"Source": "test", "DetailType": "Done", "Detail": json.dumps({"a": 1})}]
    )

    assert received() == [{"a": 1}]


def test_upstream_sends_no_execution_status_events(sfn: Any) -> None:
    received = _queue_behind_rule({"source": ["aws.states"]})

    finish(sfn, sfn.start_execution(stateMachineArn=machine(sfn, PASS), name="one")["executionArn"])

    assert received() == []


def test_an_execution_sends_its_status_changes_to_the_default_bus(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(event_targets.install())
    adapter(execution_status_events.install())
    received = _queue_behind_rule({"source": ["aws.states"]})

    execution_arn = sfn.start_execution(stateMachineArn=machine(sfn, PASS), name="one")["executionArn"]
    finish(sfn, execution_arn)

    events = received()
    assert [event["detail"]["status"] for event in events] == ["RUNNING", "SUCCEEDED"]
    assert {event["detail-type"] for event in events} == {"Step Functions Execution Status Change"}
    assert events[1]["detail"]["executionArn"] == execution_arn
    assert isinstance(events[1]["detail"]["stopDate"], int)


def _scheduled_rule_with_queue() -> Callable[[], list[Any]]:
    sqs, events = boto3.client("sqs", region_name="us-east-1"), boto3.client("events", region_name="us-east-1")
    url = sqs.create_queue(QueueName="scheduled")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name="every-five-minutes", ScheduleExpression="rate(5 minutes)")
    events.put_targets(Rule="every-five-minutes", Targets=[{"Id": "q", "Arn": arn}])
    return lambda: sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])


def test_upstream_matches_every_event_with_a_scheduled_rule(sfn: Any) -> None:
    received = _scheduled_rule_with_queue()

    boto3.client("events", region_name="us-east-1").put_events(
        Entries=[{"Source": "test", "DetailType": "Done", "Detail": "{}"}]
    )

    assert len(received()) == 1


def test_a_scheduled_rule_receives_no_event(sfn: Any, adapter: Callable[[Undo], None]) -> None:
    """On AWS a rule has an event pattern or a schedule; a scheduled rule only runs on its schedule."""
    adapter(event_targets.install())
    received = _scheduled_rule_with_queue()

    boto3.client("events", region_name="us-east-1").put_events(
        Entries=[{"Source": "test", "DetailType": "Done", "Detail": "{}"}]
    )

    assert received() == []
