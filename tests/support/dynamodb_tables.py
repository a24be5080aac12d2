"""Tables for the tests that exercise moto's DynamoDB directly: one string partition key named ``pk``."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from moto import mock_aws


def create_pk_table(client: Any, name: str) -> None:
    client.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
    )


@contextmanager
def moto_with_pk_table(name: str) -> Iterator[Any]:
    """A DynamoDB client on a fresh moto holding one such table, for as long as the block lasts."""
    with mock_aws():
        client = boto3.client("dynamodb", region_name="us-east-1")
        create_pk_table(client, name)
        yield client
