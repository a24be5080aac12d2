"""How much of the bench process's memory the local stack's DynamoDB tables hold: what an import stores is
data a real service keeps too, so memory growth is judged beyond it."""

from __future__ import annotations

import sys
from typing import Any


def deep_size(root: Any) -> int:
    """Bytes of ``root`` and everything it reaches through containers and instance attributes, each object once."""
    seen: set[int] = set()
    total = 0
    stack = [root]
    while stack:
        value = stack.pop()
        if id(value) in seen or isinstance(value, type):
            continue
        seen.add(id(value))
        total += sys.getsizeof(value)
        if isinstance(value, dict):
            stack.extend(value.keys())
            stack.extend(value.values())
        elif isinstance(value, list | tuple | set | frozenset):
            stack.extend(value)
        elif hasattr(value, "__dict__"):
            stack.append(vars(value))
    return total


def dynamodb_items_kb() -> int:
    """The items of every table of every account and region of moto's DynamoDB, in kB."""
    from moto.dynamodb.models import dynamodb_backends

    total = 0
    for regions in dynamodb_backends.values():
        for backend in regions.values():
            for table in backend.tables.values():
                total += deep_size(table.items)
    return total // 1024


def table_item_count(table_name: str) -> int:
    """How many items the table holds (every account and region of moto's DynamoDB)."""
    from moto.dynamodb.models import dynamodb_backends

    count = 0
    for regions in dynamodb_backends.values():
        for backend in regions.values():
            table = backend.tables.get(table_name)
            if table is not None:
                count += len(table)
    return count
