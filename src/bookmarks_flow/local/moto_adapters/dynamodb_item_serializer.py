"""DynamoDB item serializer: moto 5.2's generic response serializer walks botocore's shape model for every
attribute of every item it returns (about 6 ms an item on these machines), so a Query that returns 1,000
bookmarks spends seconds in serialisation alone. moto's items are already in DynamoDB's wire format (each value
a one-key map such as ``{"S": "text"}``), so a map of AttributeValues whose values are plain JSON is copied as
it is. Anything holding a binary (``B``/``BS``), which the generic serializer base64-encodes, still goes the
generic way."""

from __future__ import annotations

from typing import Any

from moto.core.serialize import BaseJSONSerializer

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute

ATTRIBUTE_VALUE = "AttributeValue"
_PLAIN_SCALARS = {"S": str, "N": str, "BOOL": bool, "NULL": bool}
_PLAIN_SETS = ("SS", "NS")


def is_plain_attribute_value(value: Any) -> bool:
    """True for an AttributeValue that the generic serializer would write unchanged."""
    if not isinstance(value, dict) or len(value) != 1:
        return False
    [(kind, inner)] = value.items()
    if kind in _PLAIN_SCALARS:
        return isinstance(inner, _PLAIN_SCALARS[kind])
    if kind in _PLAIN_SETS:
        return isinstance(inner, list) and all(isinstance(item, str) for item in inner)
    if kind == "L":
        return isinstance(inner, list) and all(is_plain_attribute_value(item) for item in inner)
    if kind == "M":
        return isinstance(inner, dict) and all(
            isinstance(name, str) and is_plain_attribute_value(item) for name, item in inner.items()
        )
    return False


def install() -> Undo:
    original = BaseJSONSerializer._serialize_type_map

    def serialize_type_map(self: BaseJSONSerializer, serialized: Any, value: Any, shape: Any, key: str) -> None:
        value_shape = getattr(shape, "value", None)
        if (
            getattr(value_shape, "name", None) == ATTRIBUTE_VALUE
            and isinstance(value, dict)
            and all(is_plain_attribute_value(item) for item in value.values())
        ):
            self._default_serialize(serialized, value, shape, key)
            return
        original(self, serialized, value, shape, key)

    return replace_attribute(BaseJSONSerializer, "_serialize_type_map", serialize_type_map)
