"""One botocore data loader for the whole process: every new boto3 Session reads and decodes the AWS service
models it uses from JSON again (about 40 ms per service), and the local stack and its tests make a session for
nearly every client. The models are read-only data, so one loader (which caches what it has read) serves all."""

from __future__ import annotations

import boto3
import botocore.loaders
import botocore.session

_LOADER = botocore.loaders.create_loader()


def session(region_name: str | None) -> boto3.session.Session:
    """A new boto3 session (its own credentials and region) reading service models through the shared loader."""
    core = botocore.session.get_session()
    core.register_component("data_loader", _LOADER)
    return boto3.session.Session(botocore_session=core, region_name=region_name)
