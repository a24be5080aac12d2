"""API Gateway's access logging for the local API: the stage's ``AccessLogSetting`` format, with its
``$context`` variables filled in for each request, written as one line to the stage's log group.

API Gateway substitutes each variable's value into the format as text and writes ``-`` for a value the request
does not have (a claim of an unauthenticated request, say).
https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-variables-for-access-logging.html
Only the variables listed in ``VARIABLES`` are served here; a format naming any other is refused at start, so
that the template and the local stack cannot drift apart silently.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from bookmarks_flow.local.api.integrations import HttpRequest

_VARIABLE = re.compile(r"\$context\.([A-Za-z0-9_.]+(?:\['[^']+'\])?)")
_CLAIM = re.compile(r"authorizer\.claims(?:\.([A-Za-z0-9_]+)|\['([^']+)'\])")
MISSING = "-"


@dataclass(frozen=True)
class Served:
    """What happened to one request, as the access log sees it."""

    request: HttpRequest
    status: int
    response_length: int
    integration_latency_ms: int | None
    started: float


def _claim(served: Served, name: str) -> str:
    claims = served.request.claims or {}
    value = claims.get(name)
    return MISSING if value in (None, "") else str(value)


VARIABLES: dict[str, Callable[[Served], str]] = {
    "requestId": lambda s: s.request.request_id,
    "requestTime": lambda s: time.strftime("%d/%b/%Y:%H:%M:%S +0000", time.gmtime(s.started)),
    "requestTimeEpoch": lambda s: str(int(s.started * 1000)),
    "httpMethod": lambda s: s.request.method,
    "resourcePath": lambda s: s.request.resource,
    "status": lambda s: str(s.status),
    "responseLength": lambda s: str(s.response_length),
    "integrationLatency": lambda s: MISSING if s.integration_latency_ms is None else str(s.integration_latency_ms),
    "identity.sourceIp": lambda s: s.request.source_ip,
    "protocol": lambda _: "HTTP/1.1",
    "stage": lambda _: "api",
}


class UnsupportedVariable(ValueError):
    pass


def _value(name: str, served: Served) -> str:
    claim = _CLAIM.fullmatch(name)
    if claim:
        return _claim(served, claim.group(1) or claim.group(2))
    return VARIABLES[name](served)


def check_format(log_format: str) -> None:
    for name in _VARIABLE.findall(log_format):
        if not _CLAIM.fullmatch(name) and name not in VARIABLES:
            raise UnsupportedVariable(f"the local API does not serve $context.{name} in access logs")


def render(log_format: str, served: Served) -> str:
    return _VARIABLE.sub(lambda match: _value(match.group(1), served), log_format)


class AccessLog:
    def __init__(self, log_format: str, group_name: str, write: Callable[[str, str], None]) -> None:
        """``write(group_name, line)`` puts one line in the log group."""
        check_format(log_format)
        self._format = log_format
        self._group = group_name
        self._write = write

    def record(self, served: Served) -> None:
        self._write(self._group, render(self._format, served))


def log_group_of(destination_arn: str) -> str:
    """The log group an ``arn:aws:logs:...:log-group:NAME`` (with or without ``:*``) names."""
    return destination_arn.split(":log-group:", 1)[-1].removesuffix(":*")
