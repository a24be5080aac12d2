"""One boto3 client per service for the life of a warm Lambda environment (building one costs milliseconds)."""

from __future__ import annotations

from functools import cache
from typing import Any

import boto3


@cache
def client(service: str) -> Any:
    return boto3.client(service)  # type: ignore[call-overload]
