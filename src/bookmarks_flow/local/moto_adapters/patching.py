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


def add_attribute(owner: Any, name: str, value: Any) -> Undo:
    """Adds what ``owner`` lacks (an action moto does not implement); undo removes it again."""
    if hasattr(owner, name):
        raise AttributeError(f"{owner.__name__}.{name} exists: replace it instead")
    setattr(owner, name, value)

    def undo() -> None:
        delattr(owner, name)

    return undo


def replace_static_method(owner: type, name: str, replacement: Callable[..., Any]) -> Undo:
    """Like replace_attribute, but undo puts back the static method's descriptor, not the bare function that
    ``getattr`` returns (which an instance would then bind as a method)."""
    descriptor = owner.__dict__[name]
    setattr(owner, name, staticmethod(replacement))

    def undo() -> None:
        setattr(owner, name, descriptor)

    return undo
