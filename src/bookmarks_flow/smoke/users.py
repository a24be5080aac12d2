"""Throw-away users in the stack's user pool: a submitter and a manager, removed when the smoke test ends."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from typing import Any

# The subscriber e-mail subscription in template.yaml filters out submitters with this prefix.
USERNAME_PREFIX = "bookmarks-smoke-"


@dataclass(frozen=True)
class ThrowAwayUser:
    username: str
    password: str


def _password() -> str:
    """Meets the pool's policy (12+ characters, upper and lower case, digits) whatever the random part holds."""
    return "Sm0ke-" + secrets.token_urlsafe(18) + "-aA1"


@dataclass
class ThrowAwayUsers:
    cognito: Any
    user_pool_id: str
    client_id: str
    run_id: str
    created: list[str] = field(default_factory=list)

    def create(self, role: str, group: str | None = None) -> ThrowAwayUser:
        user = ThrowAwayUser(username=f"{USERNAME_PREFIX}{role}-{self.run_id}", password=_password())
        self.cognito.admin_create_user(
            UserPoolId=self.user_pool_id,
            Username=user.username,
            MessageAction="SUPPRESS",
            UserAttributes=[
                {"Name": "email", "Value": f"{user.username}@example.invalid"},
                {"Name": "email_verified", "Value": "true"},
            ],
        )
        self.created.append(user.username)
        self.cognito.admin_set_user_password(
            UserPoolId=self.user_pool_id, Username=user.username, Password=user.password, Permanent=True
        )
        if group:
            self.cognito.admin_add_user_to_group(UserPoolId=self.user_pool_id, Username=user.username, GroupName=group)
        return user

    def id_token(self, user: ThrowAwayUser) -> str:
        answer = self.cognito.initiate_auth(
            ClientId=self.client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": user.username, "PASSWORD": user.password},
        )
        return str(answer["AuthenticationResult"]["IdToken"])

    def remove_all(self) -> None:
        for username in self.created:
            self.cognito.admin_delete_user(UserPoolId=self.user_pool_id, Username=username)
        self.created = []
