"""DynamoDB applies a conditional write atomically; moto, unlocked, lets two requests inside a table at once.

The gap is shown deterministically: a write held inside moto waits for a second one to arrive. Upstream, the
second enters and both meet; with the adapter, the second waits for the first and the meeting never happens.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.dynamodb.models import DynamoDBBackend

from bookmarks_flow.local.moto_adapters import dynamodb_one_request_at_a_time
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

MEETING_TIMEOUT = 2.0


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="claims",
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
        )
        yield client


@pytest.fixture
def adapter() -> Iterator[Callable[[Undo], None]]:
    undos: list[Undo] = []
    yield undos.append
    for undo in reversed(undos):
        undo()


def _claims_meeting_inside_moto(dynamodb: Any) -> tuple[list[str], list[bool]]:
    """Two claims of one key, each pausing inside moto's put_item until the other arrives there (or a timeout).

    Returns the claims' outcomes and, for each, whether it met the other inside moto.
    """
    meeting = threading.Barrier(2, timeout=MEETING_TIMEOUT)
    original = DynamoDBBackend.put_item
    outcomes: list[str] = []
    met: list[bool] = []

    def put_item(self: DynamoDBBackend, *args: Any, **kwargs: Any) -> Any:
        try:
            meeting.wait()
            met.append(True)
        except threading.BrokenBarrierError:
            met.append(False)
        return original(self, *args, **kwargs)

    def claim(owner: str) -> None:
        try:
            dynamodb.put_item(
                TableName="claims",
                Item={"pk": {"S": "https://example.com/"}, "owner": {"S": owner}},
                ConditionExpression="attribute_not_exists(pk)",
            )
            outcomes.append("claimed")
        except dynamodb.exceptions.ConditionalCheckFailedException:
            outcomes.append("refused")

    undo = replace_attribute(DynamoDBBackend, "put_item", put_item)
    try:
        threads = [threading.Thread(target=claim, args=(owner,)) for owner in ("alice", "bob")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        undo()
    return sorted(outcomes), met


def test_upstream_still_lets_two_conditional_writes_inside_at_once(dynamodb: Any) -> None:
    # Both are inside moto between the request and the condition check at the same time: nothing orders them.
    # When this fails, moto serialises its requests itself and the adapter can go.
    _, met = _claims_meeting_inside_moto(dynamodb)

    assert met == [True, True]


def test_a_second_request_waits_until_the_first_has_been_applied(
    dynamodb: Any, adapter: Callable[[Undo], None]
) -> None:
    adapter(dynamodb_one_request_at_a_time.install())

    outcomes, met = _claims_meeting_inside_moto(dynamodb)

    assert met == [False, False]
    assert outcomes == ["claimed", "refused"]


def test_every_dynamodb_operation_moto_serves_is_held_to_one_at_a_time() -> None:
    names = dynamodb_one_request_at_a_time._action_method_names()
    assert {"put_item", "update_item", "delete_item", "transact_write_items", "batch_write_item"} <= set(names)
    assert {"get_item", "query", "scan"} <= set(names)
