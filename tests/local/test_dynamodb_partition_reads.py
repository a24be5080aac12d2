"""A Query reads one partition: the partition adapter changes how much of a table moto walks for a Query, never
what the Query answers, and a write is seen by the next Query."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from moto import mock_aws
from moto.dynamodb.models.table import Table

from bookmarks_flow.local.moto_adapters import dynamodb_index_sort, dynamodb_partition_reads
from bookmarks_flow.local.moto_adapters.patching import Undo

STATUSES = ["APPROVED", "PENDING", "APPROVED", "REJECTED", "APPROVED", "APPROVED", "PENDING"]


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        client.create_table(
            TableName="bookmarks",
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
        client.create_table(
            TableName="words",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[
                {"AttributeName": "word", "AttributeType": "S"},
                {"AttributeName": "position", "AttributeType": "S"},
            ],
            KeySchema=[{"AttributeName": "word", "KeyType": "HASH"}, {"AttributeName": "position", "KeyType": "RANGE"}],
        )
        for number, status in enumerate(STATUSES):
            created = f"2026-01-{10 - number % 4:02d}T00:00:0{number}Z"
            item = {"pk": {"S": f"B#{number}"}, "status": {"S": status}, "createdAt": {"S": created}}
            client.put_item(TableName="bookmarks", Item={**item, "tags": {"L": [{"S": f"t{number % 3}"}]}})
            for word in ("rust", "python" if number % 2 else "go"):
                client.put_item(TableName="words", Item={"word": {"S": word}, "position": {"S": f"{created}#{number}"}})
        yield client


def newest(client: Any, status: str, **extra: Any) -> list[Any]:
    """Every page of one status, newest first, two items a page."""
    pages = []
    arguments = {
        "TableName": "bookmarks",
        "IndexName": "ByStatus",
        "KeyConditionExpression": "#s = :s",
        "ExpressionAttributeNames": {"#s": "status"},
        "ExpressionAttributeValues": {":s": {"S": status}},
        "ScanIndexForward": False,
        "Limit": 2,
    }
    arguments.update(extra)
    while True:
        page = client.query(**arguments)
        pages.append((page["Items"], page.get("LastEvaluatedKey")))
        if "LastEvaluatedKey" not in page:
            return pages
        arguments["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def word(client: Any, value: str, **extra: Any) -> list[Any]:
    arguments = {"TableName": "words", "KeyConditionExpression": "word = :w", **extra}
    arguments["ExpressionAttributeValues"] = {":w": {"S": value}, **extra.get("values", {})}
    arguments.pop("values", None)
    answer = client.query(**arguments)
    return [answer["Items"], answer.get("LastEvaluatedKey"), answer["Count"], answer["ScannedCount"]]


def answers(client: Any) -> list[Any]:
    tagged = {
        "FilterExpression": "contains(tags, :t)",
        "ExpressionAttributeValues": {":s": {"S": "APPROVED"}, ":t": {"S": "t1"}},
    }
    return [
        newest(client, "APPROVED"),
        newest(client, "PENDING"),
        newest(client, "MISSING"),
        newest(client, "APPROVED", **tagged),
        word(client, "rust"),
        word(client, "python", ScanIndexForward=False, Limit=2),
        word(
            client,
            "rust",
            KeyConditionExpression="word = :w AND begins_with(#p, :day)",
            ExpressionAttributeNames={"#p": "position"},
            values={":day": {"S": "2026-01-09"}},
        ),
        word(client, "nothing"),
    ]


def test_upstream_still_walks_every_item_of_the_table_for_a_query() -> None:
    source = inspect.getsource(Table.query)

    assert "for item in self.all_items():" in source
    assert (
        "for item in self.all_items()\n                if isinstance(item, Item) and item.hash_key == hash_key"
        in source
    )


def test_upstream_query_still_takes_the_arguments_the_adapter_passes_on() -> None:
    names = list(inspect.signature(Table.query).parameters)

    assert names[:8] == [
        "self",
        "hash_key",
        "range_comparison",
        "range_objs",
        "limit",
        "exclusive_start_key",
        "scan_index_forward",
        "projection_expressions",
    ]
    assert names[8:13] == [
        "index_name",
        "consistent_read",
        "filter_expression",
        "hash_key_conditions",
        "range_key_conditions",
    ]


@pytest.mark.parametrize("with_sort_adapter", [False, True])
def test_queries_answer_the_same_with_the_adapter(
    dynamodb: Any, adapter: Callable[[Undo], None], with_sort_adapter: bool
) -> None:
    stock = answers(dynamodb)
    if with_sort_adapter:
        adapter(dynamodb_index_sort.install())

    adapter(dynamodb_partition_reads.install())

    assert answers(dynamodb) == stock
    assert answers(dynamodb) == stock  # the second time from the kept partitions


def _counted(walk: Callable[[Table], Any], walks: list[str]) -> Callable[[Table], Any]:
    def counted(table: Table) -> Any:
        walks.append(table.name)
        return walk(table)

    return counted


def test_a_query_of_the_table_reads_only_its_partition(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch, adapter: Callable[[Undo], None]
) -> None:
    """monkeypatch before adapter: the adapter's undo runs first, then monkeypatch puts moto's own back."""
    walks: list[str] = []
    monkeypatch.setattr(Table, "all_items", _counted(Table.all_items, walks))
    adapter(dynamodb_partition_reads.install())

    word(dynamodb, "rust")
    word(dynamodb, "nothing")

    assert walks == []


def test_an_index_partition_is_walked_once_until_a_write(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch, adapter: Callable[[Undo], None]
) -> None:
    walks: list[str] = []
    monkeypatch.setattr(Table, "all_items", _counted(Table.all_items, walks))
    adapter(dynamodb_partition_reads.install())

    newest(dynamodb, "APPROVED")
    newest(dynamodb, "APPROVED")
    assert walks == ["bookmarks"]

    dynamodb.put_item(TableName="words", Item={"word": {"S": "new"}, "position": {"S": "x"}})
    newest(dynamodb, "APPROVED")
    assert walks == ["bookmarks", "bookmarks"]


def test_an_item_written_after_a_query_is_in_the_next_one(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(dynamodb_partition_reads.install())
    before = [item["pk"]["S"] for page, _ in newest(dynamodb, "APPROVED") for item in page]

    dynamodb.put_item(
        TableName="bookmarks",
        Item={"pk": {"S": "B#new"}, "status": {"S": "APPROVED"}, "createdAt": {"S": "2027-01-01T00:00:00Z"}},
    )

    after = [item["pk"]["S"] for page, _ in newest(dynamodb, "APPROVED") for item in page]
    assert after == ["B#new", *before]


def test_an_item_updated_out_of_a_partition_leaves_it(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(dynamodb_partition_reads.install())
    newest(dynamodb, "PENDING")

    dynamodb.update_item(
        TableName="bookmarks",
        Key={"pk": {"S": "B#1"}},
        UpdateExpression="SET #s = :s",
        ExpressionAttributeNames={"#s": "status"},
        ExpressionAttributeValues={":s": {"S": "APPROVED"}},
    )

    pending = [item["pk"]["S"] for page, _ in newest(dynamodb, "PENDING") for item in page]
    approved = [item["pk"]["S"] for page, _ in newest(dynamodb, "APPROVED") for item in page]
    assert pending == ["B#6"]
    assert "B#1" in approved


def test_a_deleted_item_leaves_its_partition(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(dynamodb_partition_reads.install())
    newest(dynamodb, "PENDING")

    dynamodb.delete_item(TableName="bookmarks", Key={"pk": {"S": "B#6"}})

    assert [item["pk"]["S"] for page, _ in newest(dynamodb, "PENDING") for item in page] == ["B#1"]


def test_every_request_that_can_write_forgets_the_kept_partitions() -> None:
    names = dynamodb_partition_reads._write_action_names()

    for name in ("put_item", "update_item", "delete_item", "batch_write_item", "transact_write_items"):
        assert name in names
    for name in ("query", "scan", "get_item", "batch_get_item", "describe_table"):
        assert name not in names
