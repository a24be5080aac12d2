"""A transaction rolls back item by item: a cancelled TransactWriteItems leaves the table exactly as it was, with
its cancellation reasons as moto gives them, and no transaction copies a whole table."""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator
from typing import Any

import boto3
import pytest
from botocore.exceptions import ClientError
from moto import mock_aws
from moto.dynamodb.models.table import Table

from bookmarks_flow.local.moto_adapters import dynamodb_transaction_rollback
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.dynamodb_tables import create_pk_table


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        create_pk_table(client, "bookmarks")
        client.create_table(
            TableName="words",
            BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[
                {"AttributeName": "word", "AttributeType": "S"},
                {"AttributeName": "position", "AttributeType": "S"},
            ],
            KeySchema=[{"AttributeName": "word", "KeyType": "HASH"}, {"AttributeName": "position", "KeyType": "RANGE"}],
        )
        for number in range(5):
            client.put_item(TableName="bookmarks", Item={"pk": {"S": f"B#{number}"}, "n": {"N": str(number)}})
            client.put_item(TableName="words", Item={"word": {"S": "rust"}, "position": {"S": f"p{number}"}})
        yield client


def everything(client: Any) -> dict[str, list[dict[str, Any]]]:
    return {
        table: sorted(client.scan(TableName=table, ConsistentRead=True)["Items"], key=repr)
        for table in ("bookmarks", "words")
    }


def _put(table: str, item: dict[str, Any], condition: str | None = None) -> dict[str, Any]:
    put: dict[str, Any] = {"TableName": table, "Item": item}
    if condition:
        put["ConditionExpression"] = condition
    return {"Put": put}


# Writes to both tables (a new item, an overwrite, an update, a delete, a new range item), then a condition
# that fails: the whole transaction is cancelled.
CANCELLED = [
    _put("bookmarks", {"pk": {"S": "B#new"}}),
    _put("bookmarks", {"pk": {"S": "B#1"}, "n": {"N": "100"}}),
    {
        "Update": {
            "TableName": "bookmarks",
            "Key": {"pk": {"S": "B#2"}},
            "UpdateExpression": "SET n = :n",
            "ExpressionAttributeValues": {":n": {"N": "200"}},
        }
    },
    {"Delete": {"TableName": "bookmarks", "Key": {"pk": {"S": "B#3"}}}},
    _put("words", {"word": {"S": "rust"}, "position": {"S": "p9"}}),
    _put("words", {"word": {"S": "go"}, "position": {"S": "p1"}}),
    _put("bookmarks", {"pk": {"S": "B#4"}}, "attribute_not_exists(pk)"),
]


def cancellation(client: Any, items: list[dict[str, Any]]) -> list[str]:
    with pytest.raises(ClientError) as raised:
        client.transact_write_items(TransactItems=items)
    assert raised.value.response["Error"]["Code"] == "TransactionCanceledException"
    return [reason["Code"] for reason in raised.value.response["CancellationReasons"]]


def test_a_cancelled_transaction_leaves_every_table_as_it_was(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    before = everything(dynamodb)
    adapter(dynamodb_transaction_rollback.install())

    reasons = cancellation(dynamodb, CANCELLED)

    assert reasons == ["None"] * 6 + ["ConditionalCheckFailed"]
    assert everything(dynamodb) == before


def test_the_cancellation_reasons_are_the_ones_stock_moto_gives(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    stock = cancellation(dynamodb, CANCELLED)
    adapter(dynamodb_transaction_rollback.install())

    assert cancellation(dynamodb, CANCELLED) == stock


def test_a_committed_transaction_writes_what_stock_moto_writes(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    committed = CANCELLED[:-1]
    dynamodb.transact_write_items(TransactItems=committed)
    stock = everything(dynamodb)
    dynamodb.transact_write_items(TransactItems=[{"Delete": {"TableName": "bookmarks", "Key": {"pk": {"S": "B#new"}}}}])
    dynamodb.put_item(TableName="bookmarks", Item={"pk": {"S": "B#1"}, "n": {"N": "1"}})
    dynamodb.put_item(TableName="bookmarks", Item={"pk": {"S": "B#2"}, "n": {"N": "2"}})
    dynamodb.put_item(TableName="bookmarks", Item={"pk": {"S": "B#3"}, "n": {"N": "3"}})
    dynamodb.delete_item(TableName="words", Key={"word": {"S": "rust"}, "position": {"S": "p9"}})
    dynamodb.delete_item(TableName="words", Key={"word": {"S": "go"}, "position": {"S": "p1"}})
    adapter(dynamodb_transaction_rollback.install())

    dynamodb.transact_write_items(TransactItems=committed)

    assert everything(dynamodb) == stock


def test_a_transaction_naming_one_item_twice_is_refused_and_changes_nothing(
    dynamodb: Any, adapter: Callable[[Undo], None]
) -> None:
    before = everything(dynamodb)
    adapter(dynamodb_transaction_rollback.install())

    with pytest.raises(ClientError) as raised:
        dynamodb.transact_write_items(
            TransactItems=[_put("bookmarks", {"pk": {"S": "B#new"}}), _put("bookmarks", {"pk": {"S": "B#new"}})]
        )

    assert raised.value.response["Error"]["Code"] == "ValidationException"
    assert everything(dynamodb) == before


def test_stock_moto_copies_each_table_a_transaction_touches(dynamodb: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost this adapter removes: if moto stops copying tables, the adapter can go."""
    copied: list[str] = []
    monkeypatch.setattr(copy, "deepcopy", _recording(copy.deepcopy, copied))

    dynamodb.transact_write_items(TransactItems=[_put("bookmarks", {"pk": {"S": "B#new"}})])

    assert copied == ["bookmarks"]


def test_no_transaction_copies_a_whole_table(
    dynamodb: Any, monkeypatch: pytest.MonkeyPatch, adapter: Callable[[Undo], None]
) -> None:
    copied: list[str] = []
    monkeypatch.setattr(copy, "deepcopy", _recording(copy.deepcopy, copied))
    adapter(dynamodb_transaction_rollback.install())

    dynamodb.transact_write_items(TransactItems=[_put("bookmarks", {"pk": {"S": "B#new"}})])
    cancellation(dynamodb, CANCELLED)

    assert copied == []


def test_a_table_is_still_deep_copied_outside_a_transaction(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(dynamodb_transaction_rollback.install())
    table = _table("bookmarks")

    copied = copy.deepcopy(table)

    assert copied is not table
    assert copied.items is not table.items
    assert sorted(map(repr, copied.items)) == sorted(map(repr, table.items))


def _table(name: str) -> Table:
    from moto.dynamodb.models import dynamodb_backends

    table: Table = dynamodb_backends["123456789012"]["us-east-1"].tables[name]
    return table


def _recording(deepcopy: Callable[..., Any], copied: list[str]) -> Callable[..., Any]:
    def recording(value: Any, memo: Any = None) -> Any:
        result = deepcopy(value, memo)
        if isinstance(value, Table) and result is not value:
            copied.append(value.name)
        return result

    return recording
