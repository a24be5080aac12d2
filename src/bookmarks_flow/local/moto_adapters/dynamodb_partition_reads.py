"""DynamoDB Query reads one partition: moto 5.2 walks every item of the table on each Query (of the table or of an
index), compares each with the key condition, and sorts an index's matches again, so a query's time grows with
the table rather than with its answer. DynamoDB reads only the items of the partition the key condition names,
already in sort-key order (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Query.html).

Here a query of the table hands moto only the items stored under its partition key, and a query of an index
hands moto the partition moto itself found and sorted at the previous query of the same partition (kept until
the next DynamoDB request that can write) instead of the whole table to compare. Results, paging, filters and
projections stay moto's own.
"""

from __future__ import annotations

import functools
import threading
import weakref
from collections.abc import Callable, Hashable
from typing import Any

import botocore.session
from botocore import xform_name
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

# DynamoHandler's action methods that never change a table: every other one forgets the kept partitions.
READ_ONLY_ACTIONS = ("get_", "batch_get_", "query", "scan", "describe_", "list_", "transact_get_")

PartitionKey = tuple[str | None, Hashable]


class _Partitions:
    """Sorted index partitions, by table and partition; emptied by every request that may write."""

    def __init__(self) -> None:
        self._kept: dict[tuple[int, PartitionKey], tuple[weakref.ref[Table], list[Any]]] = {}
        self._lock = threading.Lock()

    def get(self, table: Table, key: PartitionKey) -> list[Any] | None:
        with self._lock:
            kept = self._kept.get((id(table), key))
        # A table replaced (a restored snapshot) may reuse the id of the one it replaced.
        return kept[1] if kept is not None and kept[0]() is table else None

    def keep(self, table: Table, key: PartitionKey, items: list[Any]) -> None:
        with self._lock:
            self._kept[(id(table), key)] = (weakref.ref(table), list(items))

    def forget(self) -> None:
        with self._lock:
            self._kept.clear()


class _Query(threading.local):
    table: Any = None  # the Table being queried (Any: "is not self" would narrow ``self`` to Optional)
    key: PartitionKey | None = None
    kept: list[Any] | None = None


def _write_action_names() -> list[str]:
    model = botocore.session.get_session().get_service_model("dynamodb")
    names = [xform_name(name) for name in model.operation_names]
    return [
        name
        for name in names
        if callable(getattr(DynamoHandler, name, None)) and not name.startswith(READ_ONLY_ACTIONS)
    ]


def _forgetting(method: Callable[..., Any], partitions: _Partitions) -> Callable[..., Any]:
    @functools.wraps(method)
    def write(self: DynamoHandler, *args: Any, **kwargs: Any) -> Any:
        # Before and after: a query between the two sees either the old table or nothing kept.
        partitions.forget()
        try:
            return method(self, *args, **kwargs)
        finally:
            partitions.forget()

    return write


def _partition_key(index_name: str | None, hash_key: Any, hash_key_conditions: list[Any] | None) -> PartitionKey:
    """A table's partition is its hash key value; an index's, the values of its hash key attributes."""
    if index_name is not None and hash_key_conditions:
        return index_name, tuple(sorted(((name, value) for name, value in hash_key_conditions), key=lambda c: c[0]))
    return index_name, hash_key


def install() -> Undo:
    partitions = _Partitions()
    current = _Query()
    query = Table.query
    all_items = Table.all_items
    sorted_items = Table.sorted_items

    def partition_query(
        self: Table,
        hash_key: Any,
        range_comparison: Any,
        range_objs: Any,
        limit: Any,
        exclusive_start_key: Any,
        scan_index_forward: Any,
        projection_expressions: Any,
        index_name: str | None = None,
        consistent_read: bool = False,
        filter_expression: Any = None,
        hash_key_conditions: list[Any] | None = None,
        range_key_conditions: list[Any] | None = None,
        **filter_kwargs: Any,
    ) -> Any:
        key = _partition_key(index_name, hash_key, hash_key_conditions)
        current.table, current.key, current.kept = self, key, partitions.get(self, key)
        try:
            return query(
                self,
                hash_key,
                range_comparison,
                range_objs,
                limit,
                exclusive_start_key,
                scan_index_forward,
                projection_expressions,
                index_name,
                consistent_read,
                filter_expression,
                hash_key_conditions=hash_key_conditions,
                range_key_conditions=range_key_conditions,
                **filter_kwargs,
            )
        finally:
            current.table = current.key = current.kept = None

    def partition_items(self: Table) -> list[Any]:
        if current.table is not self or current.key is None:
            return all_items(self)  # type: ignore[no-any-return]
        index_name, hash_key = current.key
        if index_name is not None and current.kept is not None:
            return []  # nothing to compare: kept_sort hands moto the kept partition
        if index_name is None and hash_key is not None:
            stored = self.items.get(hash_key)
            if stored is None:
                return []
            return list(stored.values()) if self.range_key_attr else [stored]
        return all_items(self)  # type: ignore[no-any-return]

    def kept_sort(self: Table, hash_key_attrs: list[str], range_key_attrs: list[str | None], items: list[Any]) -> Any:
        if current.table is not self or current.key is None:
            return sorted_items(self, hash_key_attrs, range_key_attrs, items)
        if current.kept is not None:
            return list(current.kept)  # a copy: moto reverses it in place for a newest-first query
        found = sorted_items(self, hash_key_attrs, range_key_attrs, items)
        partitions.keep(self, current.key, found)
        return found

    undos = [
        replace_attribute(DynamoHandler, name, _forgetting(getattr(DynamoHandler, name), partitions))
        for name in _write_action_names()
    ]
    undos += [
        replace_attribute(Table, "query", partition_query),
        replace_attribute(Table, "all_items", partition_items),
        replace_attribute(Table, "sorted_items", kept_sort),
    ]
    return undo_all(undos)
