"""What the snapshot pickles comes back as moto holds it, and as fast as a restart needs (pickling.py)."""

from __future__ import annotations

from typing import Any

import pytest
from moto.dynamodb.exceptions import ItemSizeTooLarge
from moto.dynamodb.models.dynamo_type import Item, LimitedSizeDict

from bookmarks_flow.local.persistence import pickling


def _item() -> Item:
    return Item(
        hash_key={"S": "BOOKMARK#b1"},
        range_key=None,
        attrs={"pk": {"S": "BOOKMARK#b1"}, "title": {"S": "Kept"}, "tags": {"L": [{"S": "aws"}]}},
    )


def test_a_dynamodb_item_comes_back_equal_with_its_size_limited_attributes() -> None:
    item = _item()

    restored = pickling.loads(pickling.dumps(item))

    assert restored == item
    assert type(restored.attrs) is LimitedSizeDict
    assert restored.to_json() == item.to_json()


def test_unpickling_an_item_does_not_run_its_size_check_again(monkeypatch: pytest.MonkeyPatch) -> None:
    """The check sums the whole item on every key set: on 10,000 bookmarks it was most of a restart's load."""
    payload = pickling.dumps(_item())

    def refuse(self: LimitedSizeDict, key: str, value: Any) -> None:
        raise AssertionError(f"size check run again for {key}")

    monkeypatch.setattr(LimitedSizeDict, "__setitem__", refuse)

    assert set(pickling.loads(payload).attrs) == {"pk", "title", "tags"}


def test_a_restored_item_still_refuses_an_attribute_beyond_the_item_size_limit() -> None:
    restored = pickling.loads(pickling.dumps(_item()))

    with pytest.raises(ItemSizeTooLarge):
        restored.attrs["big"] = "x" * 410_000
