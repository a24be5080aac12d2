"""The state machine's integrations are signed as its role, and never as anyone else."""

from __future__ import annotations

import pytest
from moto import mock_aws
from moto.stepfunctions.parser.asl.component.state.exec.state_task.credentials import StateCredentials
from moto.stepfunctions.parser.asl.utils import boto_client

from bookmarks_flow.local.iam.role_credentials import RoleCredentials
from bookmarks_flow.local.moto_adapters import engine_credentials

ROLE = "arn:aws:iam::123456789012:role/machine"


def test_an_integration_is_signed_with_the_credentials_of_the_role_the_engine_names() -> None:
    undo = engine_credentials.install({ROLE: RoleCredentials("ASIAROLEKEY", "secret", "token")}.get)
    try:
        with mock_aws():
            client = boto_client.boto_client_for("us-east-1", "sqs", StateCredentials(role_arn=ROLE))
    finally:
        undo()

    assert client._request_signer._credentials.access_key == "ASIAROLEKEY"


def test_a_role_without_credentials_fails_the_call_rather_than_signing_it_as_the_administrator() -> None:
    """An execution left running by a stopped stack, calling before the next stack assumed its roles, once got
    a client with the engine's fixed keys, which the client cache then handed to every later execution."""
    none: dict[str, RoleCredentials] = {}
    undo = engine_credentials.install(none.get)
    try:
        with mock_aws(), pytest.raises(engine_credentials.NoRoleCredentials, match="machine"):
            boto_client.boto_client_for("us-east-1", "sqs", StateCredentials(role_arn=ROLE))
    finally:
        undo()
