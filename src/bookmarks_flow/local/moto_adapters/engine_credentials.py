"""Engine credentials: the engine calls every service integration with the fixed keys ``ak``/``sk``; on AWS
those calls are made with the state machine's role. This builds each integration client with the credentials
the local stack assumed for the role the engine names (``state_credentials.role_arn``: the execution role, or
a state's ``Credentials.RoleArn``).

A role the stack holds no credentials for is an error, never the fixed keys (the administrator): an execution
left running by a stopped stack reaches the next stack of the process before that stack has assumed its roles,
and a client it got built there with ``ak`` would be cached (client_cache) and used by every later execution.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

import boto3
from botocore.client import BaseClient
from botocore.config import Config
from moto.core.models import botocore_stubber
from moto.settings import moto_server_port
from moto.stepfunctions.parser.asl.component.common.timeouts.timeout import TimeoutSeconds
from moto.stepfunctions.parser.asl.utils import boto_client

from bookmarks_flow.local.iam.role_credentials import RoleCredentials
from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

_ENGINE_PACKAGE = "moto.stepfunctions.parser"


class NoRoleCredentials(RuntimeError):
    """The engine names a role whose credentials the local stack did not assume."""


def role_arn_of(state_credentials: Any) -> str | None:
    return getattr(state_credentials, "role_arn", None)


def install(credentials_for: Callable[[str], RoleCredentials | None]) -> Undo:
    original = boto_client.boto_client_for

    def boto_client_for(region: str, service: str, state_credentials: Any = None) -> BaseClient:
        role_arn = role_arn_of(state_credentials)
        if not role_arn:
            return original(region=region, service=service, state_credentials=state_credentials)  # type: ignore[no-any-return]
        credentials = credentials_for(role_arn)
        if credentials is None:
            raise NoRoleCredentials(f"the local stack holds no credentials for the role {role_arn}")
        endpoint = {} if botocore_stubber.enabled else {"endpoint_url": f"http://localhost:{moto_server_port()}"}
        # The same client settings as the engine's own (no retries: the ASL's Retry is the only retry).
        return boto3.client(  # type: ignore[call-overload,no-any-return]
            service_name=service,
            region_name=region,
            aws_access_key_id=credentials.access_key_id,
            aws_secret_access_key=credentials.secret_access_key,
            aws_session_token=credentials.session_token,
            config=Config(
                parameter_validation=False,
                retries={"max_attempts": 0, "total_max_attempts": 1},
                connect_timeout=TimeoutSeconds.DEFAULT_TIMEOUT_SECONDS,
                read_timeout=TimeoutSeconds.DEFAULT_TIMEOUT_SECONDS,
            ),
            **endpoint,
        )

    undos = [replace_attribute(boto_client, "boto_client_for", boto_client_for)]
    for name, module in list(sys.modules.items()):
        if name.startswith(_ENGINE_PACKAGE) and getattr(module, "boto_client_for", None) is original:
            undos.append(replace_attribute(module, "boto_client_for", boto_client_for))
    return undo_all(undos)
