"""Replacing an attribute and getting back a function that puts the original back."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Undo = Callable[[], None]


def replace_attribute(owner: Any, name: str, replacement: Any) -> Undo:
    original = getattr(owner, name)
    setattr(owner, name, replacement)

    def undo() -> None:
        setattr(owner, name, original)

    return undo


def undo_all(undos: list[Undo]) -> Undo:
    def undo() -> None:
        for step in reversed(undos):
            step()

    return undo
