"""Every step of a bookmark's life is announced on the bookmark event bus, and the rules route the events."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bookmarks_flow.local.environment import LocalEnvironment
from tests.conftest import PROJECT_DIR
from tests.support.workflow import Workflow, wait_for

Listener = Callable[[str], list[dict[str, Any]]]


def _listen(environment: LocalEnvironment) -> Listener:
    """A queue behind a rule that takes every event of the bus, as any new consumer of the bus would."""
    sqs, events = environment.client("sqs"), environment.client("events")
    url = sqs.create_queue(QueueName="every-bookmark-event")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    bus = environment.stack.physical("BookmarkEventBus")
    events.put_rule(Name="everything", EventBusName=bus, EventPattern=json.dumps({"source": ["bookmarks-flow"]}))
    events.put_targets(Rule="everything", EventBusName=bus, Targets=[{"Id": "queue", "Arn": arn}])
    received: list[dict[str, Any]] = []

    def about(bookmark_id: str) -> list[dict[str, Any]]:
        for message in sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", []):
            received.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
        return [event for event in received if event["detail"]["bookmarkId"] == bookmark_id]

    return about


@pytest.fixture
def events_about(environment: LocalEnvironment) -> Listener:
    return _listen(environment)


def _detail_types(listener: Listener, bookmark_id: str, count: int) -> list[str]:
    def enough() -> list[dict[str, Any]] | None:
        found = listener(bookmark_id)
        return found if len(found) >= count else None

    found: list[dict[str, Any]] = wait_for(enough, 30, f"{count} events about {bookmark_id}")
    return [event["detail-type"] for event in found]


def test_an_approved_bookmark_is_announced_at_each_step(workflow: Workflow, events_about: Listener) -> None:
    bookmark_id = workflow.submit("https://example.com/announced", title="Announced")
    workflow.wait_for_approval_request(bookmark_id, timeout=30)
    workflow.decide(bookmark_id, "APPROVED")
    workflow.wait_until_finished(bookmark_id)

    assert _detail_types(events_about, bookmark_id, 3) == ["BookmarkSubmitted", "ApprovalRequested", "BookmarkApproved"]
    approved = events_about(bookmark_id)[-1]
    assert approved["source"] == "bookmarks-flow"
    assert approved["detail"]["version"] == "1"
    assert approved["detail"]["eventId"] == f"{bookmark_id}:BookmarkApproved"
    assert approved["detail"]["bookmark"]["normalizedUrl"] == "https://example.com/announced"
    assert approved["detail"]["approval"]["decidedBy"] == "maria"


def test_the_downstream_queue_receives_the_detail_of_each_approval(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("https://example.com/downstream")
    workflow.wait_for_approval_request(bookmark_id, timeout=30)
    workflow.decide(bookmark_id, "APPROVED")
    workflow.wait_until_finished(bookmark_id)

    [message] = workflow.queue_messages("DownstreamQueue")

    body = json.loads(message["Body"])
    assert (body["bookmarkId"], body["eventId"]) == (bookmark_id, f"{bookmark_id}:BookmarkApproved")
    assert "detail-type" not in body  # the rule's InputPath delivers the detail alone


def test_a_rejected_bookmark_is_announced_with_the_decision(workflow: Workflow, events_about: Listener) -> None:
    bookmark_id = workflow.submit("https://example.com/rejected-event")
    workflow.wait_for_approval_request(bookmark_id, timeout=30)
    workflow.decide(bookmark_id, "REJECTED", comment="Not for us")
    workflow.wait_until_finished(bookmark_id)

    assert _detail_types(events_about, bookmark_id, 3)[-1] == "BookmarkRejected"
    assert events_about(bookmark_id)[-1]["detail"]["decision"]["comment"] == "Not for us"


def test_an_invalid_submission_is_announced_with_its_reasons(workflow: Workflow, events_about: Listener) -> None:
    bookmark_id = workflow.submit("ftp://example.com/file")
    workflow.wait_until_finished(bookmark_id)

    assert _detail_types(events_about, bookmark_id, 2) == ["BookmarkSubmitted", "BookmarkInvalid"]
    assert events_about(bookmark_id)[-1]["detail"]["reasons"]


def test_a_duplicate_is_announced_with_the_existing_bookmark(workflow: Workflow, events_about: Listener) -> None:
    first = workflow.submit("https://example.com/twice")
    workflow.wait_for_approval_request(first, timeout=30)
    second = workflow.submit("https://example.com/twice")
    workflow.wait_until_finished(second)

    assert _detail_types(events_about, second, 2) == ["BookmarkSubmitted", "BookmarkDuplicate"]
    assert events_about(second)[-1]["detail"]["existingBookmarkId"] == first


def test_a_failed_submission_is_announced_and_its_failed_execution_reaches_the_operators(
    workflow: Workflow, events_about: Listener
) -> None:
    workflow.env.client("sns").delete_topic(TopicArn=workflow.env.stack.physical("ApprovalRequestsTopic"))
    bookmark_id = workflow.submit("https://example.com/broken-event")
    assert workflow.wait_until_finished(bookmark_id)["status"] == "FAILED"

    assert _detail_types(events_about, bookmark_id, 3)[-1] == "BookmarkFailed"
    notices = [m.body for m in workflow.mail_to("operators@example.com") if bookmark_id in m.body]
    assert notices == [f"The submission {bookmark_id} ended FAILED. Its history: {workflow.execution_arn(bookmark_id)}"]


@pytest.fixture
def quick_expiry() -> Iterator[LocalEnvironment]:
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "2"}) as env:
        yield env


def test_an_expired_bookmark_is_announced(quick_expiry: LocalEnvironment) -> None:
    workflow, listener = Workflow(quick_expiry), _listen(quick_expiry)
    bookmark_id = workflow.submit("https://example.com/expiring-event")
    workflow.wait_until_finished(bookmark_id, timeout=30)

    assert _detail_types(listener, bookmark_id, 3) == ["BookmarkSubmitted", "ApprovalRequested", "BookmarkExpired"]


def test_every_event_is_kept_in_the_bookmark_events_log(workflow: Workflow) -> None:
    bookmark_id = workflow.submit("ftp://example.com/logged")
    workflow.wait_until_finished(bookmark_id)
    logs = workflow.env.client("logs")
    group = workflow.env.stack.physical("BookmarkEventsLog")

    def logged() -> list[str] | None:
        messages = [event["message"] for event in logs.filter_log_events(logGroupName=group)["events"]]
        about = [m for m in messages if bookmark_id in m]
        return about if len(about) >= 2 else None

    kept = wait_for(logged, 10, "two events in the log group")
    assert [json.loads(message)["detail-type"] for message in kept] == ["BookmarkSubmitted", "BookmarkInvalid"]
