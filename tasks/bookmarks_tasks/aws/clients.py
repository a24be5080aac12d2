"""One boto3 client per service for the life of a warm Lambda environment (building one costs milliseconds)."""

from __future__ import annotations

from functools import cache
from typing import Any

import boto3
from botocore.config import Config


@cache
def client(service: str) -> Any:
    return boto3.client(service)  # type: ignore[call-overload]


@cache
def unvalidated_client(service: str) -> Any:
    """A client without botocore's own check of each request against the service model, for requests this code
    builds itself from data already checked (an import's word index items): the check walked every value of
    every BatchWriteItem: about 8 % of a bulk import's time (py-spy). botocore documents the switch for that use:
    "You can disable parameter validation for performance reasons"
    (https://docs.aws.amazon.com/botocore/latest/reference/config.html); the service still validates each request."""
    return boto3.client(service, config=Config(parameter_validation=False))  # type: ignore[call-overload]
