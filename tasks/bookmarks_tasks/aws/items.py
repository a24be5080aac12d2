"""DynamoDB items as plain Python values: the one place the typed attribute format is read."""

from __future__ import annotations

from typing import Any

from boto3.dynamodb.types import TypeDeserializer

_DESERIALIZER = TypeDeserializer()


def plain_item(item: dict[str, Any]) -> dict[str, Any]:
    return {key: _DESERIALIZER.deserialize(value) for key, value in item.items()}
