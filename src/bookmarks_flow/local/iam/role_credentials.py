"""Temporary credentials of a role session (what STS AssumeRole answers)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoleCredentials:
    access_key_id: str
    secret_access_key: str
    session_token: str
