"""An item's size is checked once: the item size adapter stores what stock moto stores and refuses what it
refuses, measuring each attribute once instead of at every insertion."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto.dynamodb.models.dynamo_type import DynamoType

from bookmarks_flow.local.moto_adapters import dynamodb_item_size
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.dynamodb_tables import moto_with_pk_table

BOOKMARK = {
    "pk": {"S": "BOOKMARK#b-1"},
    "title": {"S": "Ünïcode title"},
    "tags": {"L": [{"S": "aws"}, {"S": "serverless"}]},
    "importLine": {"N": "12"},
    "decisions": {"L": [{"M": {"decision": {"S": "APPROVED"}, "decidedBy": {"S": "maria"}}}]},
    "flags": {"SS": ["a", "b"]},
    "blob": {"B": b"\x00\x01"},
    "done": {"BOOL": True},
    "nothing": {"NULL": True},
}


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with moto_with_pk_table("t") as client:
        yield client


def _just_over_the_limit() -> dict[str, Any]:
    return {"pk": {"S": "big"}, "a": {"S": "x" * 200_000}, "b": {"S": "y" * 205_000}}


def _refused(client: Any, item: dict[str, Any]) -> str:
    with pytest.raises(ClientError) as raised:
        client.put_item(TableName="t", Item=item)
    return str(raised.value.response["Error"]["Message"])


def test_an_item_is_stored_as_stock_moto_stores_it(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    dynamodb.put_item(TableName="t", Item=BOOKMARK)
    stock = dynamodb.get_item(TableName="t", Key={"pk": BOOKMARK["pk"]})["Item"]
    dynamodb.delete_item(TableName="t", Key={"pk": BOOKMARK["pk"]})
    adapter(dynamodb_item_size.install())

    dynamodb.put_item(TableName="t", Item=BOOKMARK)

    assert dynamodb.get_item(TableName="t", Key={"pk": BOOKMARK["pk"]})["Item"] == stock


def test_an_item_over_the_limit_is_refused_as_stock_moto_refuses_it(
    dynamodb: Any, adapter: Callable[[Undo], None]
) -> None:
    stock = _refused(dynamodb, _just_over_the_limit())
    adapter(dynamodb_item_size.install())

    assert _refused(dynamodb, _just_over_the_limit()) == stock
    assert "Item size has exceeded the maximum allowed size" in stock


def test_an_item_at_the_limit_is_accepted(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(dynamodb_item_size.install())
    item = {"pk": {"S": "big"}, "a": {"S": "x" * (405_000 - len("pk") - len("big") - len("a"))}}

    dynamodb.put_item(TableName="t", Item=item)

    assert dynamodb.get_item(TableName="t", Key={"pk": {"S": "big"}})["Item"] == item


def test_each_attribute_is_measured_once(
    dynamodb: Any, adapter: Callable[[Undo], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stock moto measures the attributes already stored at every insertion: n²/2 for n attributes."""
    measured: list[int] = []
    size = DynamoType.size

    def counted(self: DynamoType) -> int:
        measured.append(1)
        return int(size(self))

    monkeypatch.setattr(DynamoType, "size", counted)
    item = {"pk": {"S": "many"}, **{f"a{number}": {"S": "v"} for number in range(20)}}
    dynamodb.put_item(TableName="t", Item=item)
    stock = len(measured)
    measured.clear()
    adapter(dynamodb_item_size.install())

    dynamodb.put_item(TableName="t", Item={**item, "pk": {"S": "many-2"}})

    assert stock > 200
    assert len(measured) < 60
