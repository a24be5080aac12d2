"""The Cognito claims API Gateway hands a proxy integration: every value a string, lists as ``[a b]``."""

from __future__ import annotations

from typing import Any


def groups_of(claims: dict[str, Any]) -> set[str]:
    raw = claims.get("cognito:groups", "")
    if isinstance(raw, list):
        return {str(group) for group in raw}
    return {group for group in str(raw).replace("[", "").replace("]", "").replace(",", " ").split() if group}


def username_of(claims: dict[str, Any]) -> str:
    return str(claims.get("cognito:username", ""))
