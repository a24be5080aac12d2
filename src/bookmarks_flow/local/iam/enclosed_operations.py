"""Requests that AWS authorises as the operations they enclose.

DynamoDB has no ``dynamodb:TransactWriteItems`` or ``dynamodb:TransactGetItems`` action: a transaction is
authorised as the PutItem, UpdateItem, DeleteItem, ConditionCheckItem or GetItem of each of its items, on that
item's table (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis-iam.html).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_ENCLOSING: dict[tuple[str, str], dict[str, str]] = {
    ("dynamodb", "TransactWriteItems"): {
        "Put": "PutItem",
        "Update": "UpdateItem",
        "Delete": "DeleteItem",
        "ConditionCheck": "ConditionCheckItem",
    },
    ("dynamodb", "TransactGetItems"): {"Get": "GetItem"},
}


def enclosed_operations(
    prefix: str, operation: str, parameters: Mapping[str, Any]
) -> list[tuple[str, Mapping[str, Any]]]:
    """The operations (and their parameters) a request is authorised as: itself, unless it encloses others."""
    kinds = _ENCLOSING.get((prefix, operation))
    items = parameters.get("TransactItems")
    if kinds is None or not isinstance(items, list):
        return [(operation, parameters)]
    found = [
        (kinds[kind], inner)
        for item in items
        if isinstance(item, Mapping)
        for kind, inner in item.items()
        if kind in kinds and isinstance(inner, Mapping)
    ]
    return found or [(operation, parameters)]
