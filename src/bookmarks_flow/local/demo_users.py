"""The documented demo users the local stack creates, so that sign-in works out of the box.

Local only: these passwords are printed in the README and must never exist in a deployed user pool.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class DemoUser:
    username: str
    email: str
    password: str
    groups: tuple[str, ...] = ()


DEMO_USERS = (
    DemoUser("alice", "alice@example.com", "Alice-demo-password-1"),
    DemoUser("bob", "bob@example.com", "Bob-demo-password-1"),
    DemoUser("maria", "maria@example.com", "Maria-demo-password-1", ("managers",)),
    DemoUser("omar", "omar@example.com", "Omar-demo-password-1", ("managers",)),
    DemoUser("erin", "erin@example.com", "Erin-demo-password-1", ("escalation-managers",)),
)


def demo_user(username: str) -> DemoUser:
    for user in DEMO_USERS:
        if user.username == username:
            return user
    raise KeyError(f"{username} is not a demo user ({', '.join(user.username for user in DEMO_USERS)})")


def create_demo_users(session: Any, user_pool_id: str, events_topic_arn: str) -> None:
    """Creates the users and subscribes each one's address to the events about their own submissions."""
    cognito = session.client("cognito-idp")
    sns = session.client("sns")
    for user in DEMO_USERS:
        cognito.admin_create_user(
            UserPoolId=user_pool_id,
            Username=user.username,
            UserAttributes=[{"Name": "email", "Value": user.email}, {"Name": "email_verified", "Value": "true"}],
            MessageAction="SUPPRESS",
        )
        cognito.admin_set_user_password(
            UserPoolId=user_pool_id, Username=user.username, Password=user.password, Permanent=True
        )
        for group in user.groups:
            cognito.admin_add_user_to_group(UserPoolId=user_pool_id, Username=user.username, GroupName=group)
        sns.subscribe(
            TopicArn=events_topic_arn,
            Protocol="email",
            Endpoint=user.email,
            Attributes={"FilterPolicy": json.dumps({"submitter": [user.username]})},
        )


def sign_in(session: Any, client_id: str, username: str, password: str) -> str:
    """The ID token, as the API's Cognito authorizer expects it in the Authorization header."""
    result = session.client("cognito-idp").initiate_auth(
        ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": username, "PASSWORD": password}
    )
    return str(result["AuthenticationResult"]["IdToken"])
