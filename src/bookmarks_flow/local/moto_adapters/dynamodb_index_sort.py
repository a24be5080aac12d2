"""DynamoDB sorts: moto 5.2 sorts every item of a partition on every Query of an index, and every item of the
table (``Table.all_items``, which each Query and Scan walks) by key, comparing ``DynamoType`` objects whose every
comparison recomputes ``cast_value`` (a Decimal for a number, a copy for the rest): about two n·log n
conversions per sort, seconds for a few thousand items on these machines. The same order comes from computing
each item's key values once (``DynamoType.__lt__`` compares exactly those ``cast_value``s)."""

from __future__ import annotations

from typing import Any

from moto.dynamodb.models.table import Table

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all


def install() -> Undo:
    def sorted_items(
        self: Table, hash_key_attrs: list[str], range_key_attrs: list[str | None], items: list[Any]
    ) -> Any:
        names = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)
        items.sort(key=lambda item: tuple(item.attrs[name].cast_value for name in names))
        return items

    def all_items(self: Table) -> list[Any]:
        items: list[Any] = []
        for hash_set in self.items.values():
            if self.range_key_attr:
                items.extend(hash_set.values())
            else:
                items.append(hash_set)
        return sorted(
            items,
            key=lambda x: (x.hash_key.cast_value, x.range_key.cast_value) if x.range_key else x.hash_key.cast_value,
        )

    return undo_all(
        [replace_attribute(Table, "sorted_items", sorted_items), replace_attribute(Table, "all_items", all_items)]
    )
