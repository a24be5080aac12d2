"""Who makes a request: a role of the template (through credentials the local stack assumed for it), or someone
outside the application.

The rule for outsiders: an access key the stack did not issue to one of the template's roles (what the AWS
CLI, boto3 against the endpoint, the console and the tests' setup code send, usually ``aws configure``'s keys
or moto's defaults) is the account's administrator, as on a developer's own account. Unsigned requests are
outsiders too, except that the operations AWS serves without credentials (Cognito's InitiateAuth) need none.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from bookmarks_flow.local.iam.evaluation import Policy


@dataclass(frozen=True)
class Principal:
    """A role session: ``arn`` is the assumed-role ARN that AWS names in its AccessDenied messages."""

    arn: str
    role_arn: str
    role_logical_id: str
    policies: tuple[Policy, ...]


class PrincipalDirectory:
    def __init__(self) -> None:
        self._by_access_key: dict[str, Principal] = {}
        self._lock = threading.Lock()

    def register(self, access_key_id: str, principal: Principal) -> None:
        with self._lock:
            self._by_access_key[access_key_id] = principal

    def principals(self) -> list[Principal]:
        return list(self._by_access_key.values())

    def find(self, access_key_id: str) -> Principal | None:
        """The template's principal behind a key, or None for an outsider (the administrator)."""
        return self._by_access_key.get(access_key_id)
