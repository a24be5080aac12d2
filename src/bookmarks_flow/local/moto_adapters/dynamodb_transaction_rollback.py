"""DynamoDB transactions roll back item by item: moto 5.2.5's TransactWriteItems deep-copies every table it
touches before it starts, so that a cancelled transaction can put the whole table back. A transaction then costs
time in proportion to the table (about 0.1 s per thousand items on this machine), not to its own at most 100
items (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html): an import's
transactions, or an approval's with ten thousand bookmarks in the table, spent most of their time copying.

Here the transaction keeps a copy of only the items it names (their state before it began) and, when moto
cancels it, puts exactly those back; moto's own table copy is skipped (the copy is the table itself). Moto's
checks, conditions, cancellation reasons and writes are unchanged.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.dynamo_type import DynamoType, Item
from moto.dynamodb.models.table import Table

from bookmarks_flow.local.moto_adapters.patching import Undo, add_attribute, replace_attribute, undo_all

_in_transaction = threading.local()

# (table, hash key, range key or None) -> the item as it was, or None if absent
Saved = dict[tuple[Table, DynamoType, DynamoType | None], Item | None]


def _table_copy(self: Table, memo: dict[int, Any]) -> Table:
    """Inside a transaction the "copy" moto keeps for its rollback is the table itself (its items are restored
    one by one); anywhere else a table is deep-copied as it always was."""
    if getattr(_in_transaction, "active", False):
        return self
    reduced = self.__reduce_ex__(4)
    return copy._reconstruct(self, memo, *reduced)  # type: ignore[attr-defined]


def _key_of(table: Table, operation: dict[str, Any]) -> tuple[DynamoType, DynamoType | None] | None:
    attributes = operation.get("Item") if "Item" in operation else operation.get("Key")
    if not isinstance(attributes, dict) or table.hash_key_attr not in attributes:
        return None
    hash_value = DynamoType(attributes[table.hash_key_attr])
    if table.range_key_attr is None:
        return hash_value, None
    if table.range_key_attr not in attributes:
        return None
    return hash_value, DynamoType(attributes[table.range_key_attr])


def saved_items(backend: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> Saved:
    """A copy of every item the transaction names, as it is now (None where there is none)."""
    saved: Saved = {}
    for entry in transact_items:
        if not isinstance(entry, dict) or len(entry) != 1:
            continue
        operation = next(iter(entry.values()))
        table = backend.tables.get(operation.get("TableName")) if isinstance(operation, dict) else None
        key = _key_of(table, operation) if table is not None else None
        if table is None or key is None or (table, *key) in saved:
            continue
        saved[(table, *key)] = copy.deepcopy(table.get_item(*key))
    return saved


def restore(saved: Saved) -> None:
    """Puts each saved item back as it was, without a stream record (nothing was ever committed)."""
    for (table, hash_value, range_value), item in saved.items():
        if range_value is None:
            if item is None:
                table.items.pop(hash_value, None)
            else:
                table.items[hash_value] = item
        elif item is None:
            table.items.get(hash_value, {}).pop(range_value, None)
            if hash_value in table.items and not table.items[hash_value]:
                del table.items[hash_value]
        else:
            table.items[hash_value][range_value] = item


@contextmanager
def _item_rollback(saved: Saved) -> Iterator[None]:
    _in_transaction.active = True
    try:
        yield
    except BaseException:
        restore(saved)
        raise
    finally:
        _in_transaction.active = False


def install() -> Undo:
    original = DynamoDBBackend.transact_write_items

    def transact_write_items(self: DynamoDBBackend, transact_items: list[dict[str, Any]]) -> None:
        with _item_rollback(saved_items(self, transact_items)):
            original(self, transact_items)

    return undo_all(
        [
            add_attribute(Table, "__deepcopy__", _table_copy),
            replace_attribute(DynamoDBBackend, "transact_write_items", transact_write_items),
        ]
    )
