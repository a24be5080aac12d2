"""A condition expression is parsed once for the same expression, names and values, and decides every write as
stock moto does: a claim's condition with its own bookmark id, another's, a binary value, a malformed condition.
One test fails when moto stops calling ``get_filter_expression`` where the adapter replaces it."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from botocore.exceptions import ClientError
from moto.dynamodb import comparisons
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table

from bookmarks_flow.local.moto_adapters import dynamodb_condition_cache
from bookmarks_flow.local.moto_adapters.dynamodb_condition_cache import CALLERS, cached_filter_expression
from bookmarks_flow.local.moto_adapters.patching import Undo
from tests.support.dynamodb_tables import create_pk_table, moto_with_pk_table

CLAIM = "attribute_not_exists(pk) OR bookmarkId = :me"


@pytest.fixture
def dynamodb() -> Iterator[Any]:
    with moto_with_pk_table("t") as client:
        yield client


def _claim(client: Any, url: str, bookmark_id: str) -> str:
    """The claim's outcome: written, or the code DynamoDB refused it with."""
    try:
        client.transact_write_items(
            TransactItems=[
                {
                    "Put": {
                        "TableName": "t",
                        "Item": {"pk": {"S": f"URL#{url}"}, "bookmarkId": {"S": bookmark_id}},
                        "ConditionExpression": CLAIM,
                        "ExpressionAttributeValues": {":me": {"S": bookmark_id}},
                    }
                }
            ]
        )
    except ClientError as error:
        return str(error.response["Error"]["Code"])
    return "written"


def _claims(client: Any) -> list[str]:
    return [
        _claim(client, "a", "b-1"),
        _claim(client, "a", "b-1"),  # the same claim again: its own
        _claim(client, "a", "b-2"),  # another bookmark's URL
        _claim(client, "c", "b-2"),
    ]


def test_upstream_still_parses_a_condition_at_each_evaluation() -> None:
    for module in CALLERS:
        assert module.get_filter_expression is comparisons.get_filter_expression, module.__name__
    assert "get_filter_expression(" in inspect.getsource(DynamoDBBackend.transact_write_items)
    assert "get_filter_expression(" in inspect.getsource(Table.put_item)


def test_claims_are_decided_as_stock_moto_decides_them(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    stock = _claims(dynamodb)
    dynamodb.delete_table(TableName="t")
    create_pk_table(dynamodb, "t")
    adapter(dynamodb_condition_cache.install())

    assert _claims(dynamodb) == stock == ["written", "written", "TransactionCanceledException", "written"]


def test_a_condition_is_parsed_once_for_the_same_expression_names_and_values() -> None:
    first = cached_filter_expression(CLAIM, None, {":me": {"S": "b-1"}})

    assert cached_filter_expression(CLAIM, None, {":me": {"S": "b-1"}}) is first
    assert cached_filter_expression(CLAIM, None, {":me": {"S": "b-2"}}) is not first


def test_a_binary_value_is_compared_as_stock_moto_compares_it(dynamodb: Any, adapter: Callable[[Undo], None]) -> None:
    adapter(dynamodb_condition_cache.install())
    dynamodb.put_item(TableName="t", Item={"pk": {"S": "k"}, "b": {"B": b"\x00\x01"}})

    dynamodb.put_item(
        TableName="t",
        Item={"pk": {"S": "k"}, "b": {"B": b"\x02"}},
        ConditionExpression="b = :b",
        ExpressionAttributeValues={":b": {"B": b"\x00\x01"}},
    )

    assert dynamodb.get_item(TableName="t", Key={"pk": {"S": "k"}})["Item"]["b"] == {"B": b"\x02"}


def _refusal(client: Any) -> str:
    """moto's own refusal, whatever it is (this one is not AWS's ValidationException: the adapter keeps moto's)."""
    with pytest.raises(Exception) as refused:  # noqa: PT011 - the point is to compare whatever moto raises
        client.put_item(TableName="t", Item={"pk": {"S": "k"}}, ConditionExpression="bookmarkId = :nowhere")
    return f"{type(refused.value).__name__}: {refused.value}"


def test_a_condition_naming_a_missing_value_is_refused_each_time_as_stock_moto_refuses_it(
    dynamodb: Any, adapter: Callable[[Undo], None]
) -> None:
    stock = _refusal(dynamodb)
    adapter(dynamodb_condition_cache.install())

    assert _refusal(dynamodb) == _refusal(dynamodb) == stock
