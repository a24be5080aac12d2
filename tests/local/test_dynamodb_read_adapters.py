"""The DynamoDB read adapters change how fast moto answers a Query, never what it answers: the same items,
byte for byte, as moto's generic serializer, and binary values still take the generic way."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.core.serialize import BaseJSONSerializer

from bookmarks_flow.local.moto_adapters import dynamodb_index_sort, dynamodb_item_serializer
from bookmarks_flow.local.moto_adapters.patching import Undo

ITEM = {
    "pk": {"S": "BOOKMARK#1"},
    "status": {"S": "APPROVED"},
    "createdAt": {"S": "2026-11-30T00:00:00Z"},
    "title": {"S": 'Ünïcode, "quotes" and </script>'},
    "empty": {"S": ""},
    "count": {"N": "12.50"},
    "flag": {"BOOL": False},
    "nothing": {"NULL": True},
    "tags": {"L": [{"S": "a"}, {"N": "1"}, {"M": {"deep": {"L": [{"BOOL": True}]}}}]},
    "decisions": {"L": [{"M": {"decision": {"S": "APPROVED"}, "comment": {"S": ""}}}]},
    "names": {"SS": ["x", "y"]},
    "numbers": {"NS": ["1", "2.5"]},
}
BINARY_ITEM = {**ITEM, "pk": {"S": "BOOKMARK#2"}, "blob": {"B": b"\x00\x01binary"}, "blobs": {"BS": [b"\xff"]}}


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="t",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[
                {"AttributeName": "pk", "AttributeType": "S"},
                {"AttributeName": "status", "AttributeType": "S"},
                {"AttributeName": "createdAt", "AttributeType": "S"},
            ],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
            GlobalSecondaryIndexes=[
                {
                    "IndexName": "ByStatus",
                    "KeySchema": [
                        {"AttributeName": "status", "KeyType": "HASH"},
                        {"AttributeName": "createdAt", "KeyType": "RANGE"},
                    ],
                    "Projection": {"ProjectionType": "ALL"},
                }
            ],
        )
        yield client


def answers(dynamodb: Any) -> list[Any]:
    key = {"ExpressionAttributeNames": {"#s": "status"}, "ExpressionAttributeValues": {":s": {"S": "APPROVED"}}}
    query = dynamodb.query(TableName="t", IndexName="ByStatus", KeyConditionExpression="#s = :s", **key)
    got = dynamodb.get_item(TableName="t", Key={"pk": {"S": "BOOKMARK#1"}})
    binary = dynamodb.get_item(TableName="t", Key={"pk": {"S": "BOOKMARK#2"}})
    return [query["Items"], got["Item"], binary["Item"], dynamodb.scan(TableName="t")["Items"]]


def test_upstream_still_serializes_every_attribute_value_through_the_shape_model() -> None:
    source = inspect.getsource(BaseJSONSerializer._serialize_type_map)

    assert "for sub_key, sub_value in value.items():" in source
    assert "self._serialize(map_obj, sub_value, shape.value, sub_key)" in source


def test_items_read_the_same_with_the_adapter(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    for item in (ITEM, BINARY_ITEM):
        dynamodb.put_item(TableName="t", Item=item)
    stock = answers(dynamodb)

    adapter(dynamodb_item_serializer.install())

    assert answers(dynamodb) == stock
    assert stock[2]["blob"] == {"B": b"\x00\x01binary"}


def test_a_binary_value_is_not_plain() -> None:
    assert not dynamodb_item_serializer.is_plain_attribute_value({"B": "AAE="})
    assert not dynamodb_item_serializer.is_plain_attribute_value({"L": [{"BS": ["AAE="]}]})
    assert dynamodb_item_serializer.is_plain_attribute_value({"M": {"a": {"L": [{"S": "x"}]}}})


def test_plain_items_skip_the_shape_walk_and_binary_ones_take_it(
    dynamodb: Any, adapter: Callable[[Undo], None], monkeypatch: pytest.MonkeyPatch
) -> None:
    walked: list[str] = []
    generic = BaseJSONSerializer._serialize_type_map

    def spy(self: Any, serialized: Any, value: Any, shape: Any, key: str) -> None:
        walked.append(key)
        generic(self, serialized, value, shape, key)

    monkeypatch.setattr(BaseJSONSerializer, "_serialize_type_map", spy)
    adapter(dynamodb_item_serializer.install())
    dynamodb.put_item(TableName="t", Item=ITEM)
    dynamodb.put_item(TableName="t", Item=BINARY_ITEM)
    walked.clear()

    dynamodb.get_item(TableName="t", Key={"pk": {"S": "BOOKMARK#1"}})
    assert walked == []
    dynamodb.get_item(TableName="t", Key={"pk": {"S": "BOOKMARK#2"}})
    assert walked != []


def test_upstream_still_sorts_an_index_by_comparing_dynamo_types() -> None:
    from moto.dynamodb.models.table import Table

    source = inspect.getsource(Table.sorted_items)
    assert "key=lambda x: tuple([x.attrs[key] for key in attrs_to_sort_by])" in source


def test_an_index_query_returns_the_same_order_with_the_sort_adapter(
    dynamodb: Any, adapter: Callable[[Undo], None]
) -> None:
    for number, created in enumerate(["2026-01-02", "2026-01-01", "2026-01-03", "2026-01-01"]):
        dynamodb.put_item(TableName="t", Item={**ITEM, "pk": {"S": f"B#{number}"}, "createdAt": {"S": created}})

    def newest_first() -> list[str]:
        names = {"ExpressionAttributeNames": {"#s": "status"}}
        values = {"ExpressionAttributeValues": {":s": {"S": "APPROVED"}}}
        query = dynamodb.query(
            TableName="t",
            IndexName="ByStatus",
            KeyConditionExpression="#s = :s",
            ScanIndexForward=False,
            **names,
            **values,
        )
        return [item["pk"]["S"] for item in query["Items"]]

    stock = newest_first()

    adapter(dynamodb_index_sort.install())

    assert newest_first() == stock
    assert stock == ["B#2", "B#0", "B#3", "B#1"]


def test_upstream_still_sorts_every_item_of_a_table_by_comparing_dynamo_types() -> None:
    from moto.dynamodb.models.table import Table

    source = inspect.getsource(Table.all_items)
    assert "key=lambda x: (x.hash_key, x.range_key) if x.range_key else x.hash_key" in source


def test_a_scan_returns_the_same_order_with_the_sort_adapter(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    for name in ["B#10", "B#2", "A#1", "B#1", "a#0"]:
        dynamodb.put_item(TableName="t", Item={**ITEM, "pk": {"S": name}})

    def scanned() -> list[str]:
        return [item["pk"]["S"] for item in dynamodb.scan(TableName="t")["Items"]]

    stock = scanned()

    adapter(dynamodb_index_sort.install())

    assert scanned() == stock
    assert stock == ["A#1", "B#1", "B#10", "B#2", "a#0"]


def test_a_table_with_a_sort_key_is_walked_in_the_same_order_with_the_sort_adapter(
    adapter: Callable[[Undo], None],
) -> None:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="ranged",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[
                {"AttributeName": "h", "AttributeType": "S"},
                {"AttributeName": "r", "AttributeType": "N"},
            ],
            KeySchema=[{"AttributeName": "h", "KeyType": "HASH"}, {"AttributeName": "r", "KeyType": "RANGE"}],
        )
        for h, r in [("b", "10"), ("a", "2"), ("b", "9"), ("a", "-1.5")]:
            client.put_item(TableName="ranged", Item={"h": {"S": h}, "r": {"N": r}})

        def scanned() -> list[tuple[str, str]]:
            return [(item["h"]["S"], item["r"]["N"]) for item in client.scan(TableName="ranged")["Items"]]

        stock = scanned()
        adapter(dynamodb_index_sort.install())

        assert scanned() == stock
        assert stock == [("a", "-1.5"), ("a", "2"), ("b", "9"), ("b", "10")]
