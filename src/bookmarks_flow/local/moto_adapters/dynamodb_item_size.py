"""DynamoDB item size, checked once per item: moto 5.2.5 builds each item it stores one attribute at a time in a
``LimitedSizeDict`` that sums the size of every attribute already in it at each insertion, so building an item of
n attributes measures n²/2 attributes (a recorded bookmark has 19, some of them lists and maps measured
recursively each time): about a quarter of a transaction's time on this machine.

Here a new item's attributes are measured once and the total checked against moto's own limit; the sum of all
attributes is the largest of the partial sums moto compares at each insertion, so an item moto refuses is
refused (``ItemSizeTooLarge``) and one it accepts is accepted. Later changes to an item (UpdateItem) still go
through moto's ``LimitedSizeDict`` as before.
"""

from __future__ import annotations

from typing import Any

from moto.dynamodb.exceptions import ItemSizeTooLarge
from moto.dynamodb.models.dynamo_type import DynamoType, Item, LimitedSizeDict
from moto.dynamodb.models.utilities import bytesize

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

# moto's limit (dynamo_type.LimitedSizeDict): DynamoDB's 400 KB, as moto measured the real service's.
ITEM_SIZE_LIMIT = 405000


def attributes_size(attributes: dict[str, DynamoType]) -> int:
    return sum(bytesize(key) + value.size() for key, value in attributes.items())


def install() -> Undo:
    def item_init(self: Item, hash_key: DynamoType, range_key: DynamoType | None, attrs: dict[str, Any]) -> None:
        self.hash_key = hash_key
        self.range_key = range_key
        typed = {key: DynamoType(value) for key, value in attrs.items()}
        if attributes_size(typed) > ITEM_SIZE_LIMIT:
            raise ItemSizeTooLarge
        self.attrs = LimitedSizeDict()
        dict.update(self.attrs, typed)

    return replace_attribute(Item, "__init__", item_init)
