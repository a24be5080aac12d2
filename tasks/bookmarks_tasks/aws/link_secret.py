"""The HMAC key for approval links, read from Secrets Manager and cached for a few minutes."""

from __future__ import annotations

from aws_lambda_powertools.utilities import parameters

SECRET_CACHE_SECONDS = 300


def get_link_secret(secret_arn: str) -> str:
    return str(parameters.get_secret(secret_arn, max_age=SECRET_CACHE_SECONDS))
