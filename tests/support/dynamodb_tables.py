"""Tables for the tests that exercise moto's DynamoDB directly: one string partition key named ``pk``."""

from __future__ import annotations

from typing import Any


def create_pk_table(client: Any, name: str) -> None:
    client.create_table(
        TableName=name,
        BillingMode="PAY_PER_REQUEST",
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
    )
