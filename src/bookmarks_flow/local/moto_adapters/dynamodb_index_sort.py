"""DynamoDB index sort: moto 5.2 sorts every item of a partition on every Query of an index, comparing
``DynamoType`` objects whose every comparison recomputes ``cast_value`` (a Decimal for a number, a copy for the
rest): about two n·log n conversions, seconds for a few thousand items on these machines. The same order comes
from computing each item's key values once (``DynamoType.__lt__`` compares exactly those ``cast_value``s)."""

from __future__ import annotations

from typing import Any

from moto.dynamodb.models.table import Table

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute


def install() -> Undo:
    def sorted_items(
        self: Table, hash_key_attrs: list[str], range_key_attrs: list[str | None], items: list[Any]
    ) -> Any:
        names = self._generate_attr_to_sort_by(hash_key_attrs, range_key_attrs)
        items.sort(key=lambda item: tuple(item.attrs[name].cast_value for name in names))
        return items

    return replace_attribute(Table, "sorted_items", sorted_items)
