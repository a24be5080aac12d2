"""A state machine ARN and its qualifier: ``arn:aws:states:region:account:stateMachine:name`` names the state
machine; ``...:name:live`` an alias of it and ``...:name:3`` a version."""

from __future__ import annotations

_UNQUALIFIED_PARTS = 7


def split_qualifier(arn: str) -> tuple[str, str | None]:
    """The state machine's own ARN, and the alias or version the ARN names (None for the state machine itself)."""
    parts = arn.split(":")
    if len(parts) != _UNQUALIFIED_PARTS + 1:
        return arn, None
    return ":".join(parts[:_UNQUALIFIED_PARTS]), parts[_UNQUALIFIED_PARTS]
