"""A throw-away SQS queue subscribed to the stack's topics: how the smoke test reads what SNS sends.

E-mail cannot be read from here, on AWS or locally; a queue subscribed beside the e-mail subscriptions receives
the same messages, with their attributes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from bookmarks_flow.smoke.failure import SmokeFailure


@dataclass(frozen=True)
class Notification:
    topic_arn: str
    subject: str
    message: str
    attributes: dict[str, str]


def _notification(body: str) -> Notification:
    envelope = json.loads(body)
    return Notification(
        topic_arn=str(envelope.get("TopicArn", "")),
        subject=str(envelope.get("Subject") or ""),
        message=str(envelope.get("Message", "")),
        attributes={name: str(value.get("Value")) for name, value in (envelope.get("MessageAttributes") or {}).items()},
    )


def _queue_policy(queue_arn: str, topic_arns: list[str]) -> str:
    """Only these topics may send to the queue (the condition AWS documents for SNS-to-SQS subscriptions)."""
    return json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Effect": "Allow",
                    "Principal": {"Service": "sns.amazonaws.com"},
                    "Action": "sqs:SendMessage",
                    "Resource": queue_arn,
                    "Condition": {"ArnEquals": {"aws:SourceArn": topic_arns}},
                }
            ],
        }
    )


@dataclass
class TopicListener:
    sqs: Any
    sns: Any
    queue_name: str
    topic_arns: list[str]
    queue_url: str = ""
    subscriptions: list[str] = field(default_factory=list)
    seen: list[Notification] = field(default_factory=list)

    def open(self) -> TopicListener:
        self.queue_url = self.sqs.create_queue(QueueName=self.queue_name)["QueueUrl"]
        queue_arn = self.sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])["Attributes"][
            "QueueArn"
        ]
        self.sqs.set_queue_attributes(
            QueueUrl=self.queue_url, Attributes={"Policy": _queue_policy(queue_arn, self.topic_arns)}
        )
        for topic_arn in self.topic_arns:
            subscription = self.sns.subscribe(
                TopicArn=topic_arn, Protocol="sqs", Endpoint=queue_arn, ReturnSubscriptionArn=True
            )
            self.subscriptions.append(subscription["SubscriptionArn"])
        return self

    def wait_for(
        self, description: str, matches: Callable[[Notification], bool], timeout_seconds: float
    ) -> Notification:
        deadline = time.monotonic() + timeout_seconds
        for notification in self.seen:
            if matches(notification):
                return notification
        while time.monotonic() < deadline:
            wait = max(1, min(5, int(deadline - time.monotonic())))
            answer = self.sqs.receive_message(QueueUrl=self.queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=wait)
            for message in answer.get("Messages", []):
                self.sqs.delete_message(QueueUrl=self.queue_url, ReceiptHandle=message["ReceiptHandle"])
                notification = _notification(message["Body"])
                self.seen.append(notification)
                if matches(notification):
                    return notification
        raise SmokeFailure(f"no {description} arrived within {timeout_seconds:.0f} s ({len(self.seen)} other messages)")

    def close(self) -> None:
        for subscription in self.subscriptions:
            self.sns.unsubscribe(SubscriptionArn=subscription)
        self.subscriptions = []
        if self.queue_url:
            self.sqs.delete_queue(QueueUrl=self.queue_url)
            self.queue_url = ""
