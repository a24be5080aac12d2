"""Client cache: the engine builds a new boto3 client for every task it runs (about 5 ms each). Clients are
thread-safe once built, so this keeps one per (region, service, endpoint mode, role): the role, because with
IAM enforced each role's client carries that role's credentials (see engine_credentials)."""

from __future__ import annotations

import sys
import threading
from typing import Any

from botocore.client import BaseClient
from moto.core.models import botocore_stubber
from moto.settings import moto_server_port
from moto.stepfunctions.parser.asl.utils import boto_client

from bookmarks_flow.local.moto_adapters.patching import Undo, replace_attribute, undo_all

_ENGINE_PACKAGE = "moto.stepfunctions.parser"


def install() -> Undo:
    original = boto_client.boto_client_for
    cache: dict[tuple[str, str, bool, str, str | None], BaseClient] = {}
    lock = threading.Lock()

    def boto_client_for(region: str, service: str, state_credentials: Any = None) -> BaseClient:
        key = (
            region,
            service,
            botocore_stubber.enabled,
            moto_server_port(),
            getattr(state_credentials, "role_arn", None),
        )
        client = cache.get(key)
        if client is None:
            with lock:
                client = cache.get(key)
                if client is None:
                    client = original(region=region, service=service, state_credentials=state_credentials)
                    cache[key] = client
        return client

    # Every engine module imported the function by name, so each module's reference is replaced.
    undos = [replace_attribute(boto_client, "boto_client_for", boto_client_for)]
    for name, module in list(sys.modules.items()):
        if name.startswith(_ENGINE_PACKAGE) and getattr(module, "boto_client_for", None) is original:
            undos.append(replace_attribute(module, "boto_client_for", boto_client_for))
    return undo_all(undos)
