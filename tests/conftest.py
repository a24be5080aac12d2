"""Fixtures shared by every test: a fresh local environment provisioned from template.yaml."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bookmarks_flow.local.environment import LocalEnvironment
from tests.support.browser import browser, browser_errors, page  # noqa: F401 - shared pytest fixtures
from tests.support.long_poles import long_poles_first
from tests.support.workflow import Workflow

PROJECT_DIR = Path(__file__).resolve().parent.parent
os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    long_poles_first(items)


@pytest.fixture
def environment() -> Iterator[LocalEnvironment]:
    with LocalEnvironment(PROJECT_DIR, {"ApprovalTimeoutSeconds": "300"}) as env:
        yield env


@pytest.fixture
def workflow(environment: LocalEnvironment) -> Workflow:
    return Workflow(environment)


@pytest.fixture
def submitter_inbox(environment: LocalEnvironment) -> Any:
    """An SQS queue subscribed to the events topic for alice's messages, as her e-mail subscription would be."""
    sqs = environment.client("sqs")
    url = sqs.create_queue(QueueName="alice-inbox")["QueueUrl"]
    arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    environment.client("sns").subscribe(
        TopicArn=environment.stack.physical("BookmarkEventsTopic"),
        Protocol="sqs",
        Endpoint=arn,
        Attributes={"FilterPolicy": json.dumps({"submitter": ["alice"]}), "RawMessageDelivery": "true"},
    )

    def messages() -> list[dict[str, Any]]:
        received = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"])
        return list(received.get("Messages", []))

    return messages
